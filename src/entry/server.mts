// ESM entry of aws-doubles/server: a thin re-export of the CommonJS build, so that `import` and
// `require` share one module instance (one fake state) in the same process.
export * from "../server/index.js";
