// ESM entry of aws-doubles/glue: a thin re-export of the CommonJS build, so that `import` and
// `require` share one module instance (one registry of blueprint layouts) in the same process.
export * from "../services/glue/public.js";
