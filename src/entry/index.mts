// ESM entry: a thin re-export of the CommonJS build, so that `import` and `require` share one
// module instance (one interceptor, one state) in the same process.
export * from "../index.js";
