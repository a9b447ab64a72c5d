// ESM entry of aws-doubles/omics: a thin re-export of the CommonJS build, so that `import` and
// `require` share one module instance (one fake state) in the same process.
export * from "../services/omics/public.js";
