import type { WorkflowEngine } from "@aws-sdk/client-omics";
import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { readCwl } from "./cwl.js";
import { DefinitionError, type DefinitionAnalysis } from "./model.js";
import { readNextflow } from "./nextflow.js";
import { readWdl } from "./wdl.js";

export { DefinitionError, type DefinitionAnalysis, type TaskSpec } from "./model.js";

/** Which engine a definition file belongs to, by extension. */
const ENGINE_OF_EXTENSION: Record<string, WorkflowEngine> = { wdl: "WDL", nf: "NEXTFLOW", cwl: "CWL" };

function extensionOf(path: string): string {
  const base = path.split("/").pop() ?? path;
  return base.includes(".") ? base.slice(base.lastIndexOf(".") + 1).toLowerCase() : "";
}

function baseName(path: string): string {
  const base = path.split("/").pop() ?? path;
  return base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base;
}

/** The files of a zip archive (directories left out), or a DefinitionError when it is not one. */
export function unzipDefinition(bytes: Uint8Array): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new DefinitionError(`definitionZip is not a valid ZIP archive (${(error as Error).message}). Zip the workflow definition files and pass the archive's bytes.`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(entries)) {
    if (!path.endsWith("/") && !path.startsWith("__MACOSX/")) files.set(path.replace(/^\.\//, ""), data);
  }
  if (files.size === 0) throw new DefinitionError("definitionZip is an empty ZIP archive; it must contain the workflow definition files.");
  return files;
}

/** `sha256:<hex>` of the definition archive, as GetWorkflow reports its digest. */
export function definitionDigest(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/**
 * The main definition file: `main` when given (it must be in the archive), else the only
 * definition file, else the one named "main" (as HealthOmics documents).
 */
function chooseMain(files: ReadonlyMap<string, Uint8Array>, main: string | undefined): string {
  const definitions = [...files.keys()].filter((path) => ENGINE_OF_EXTENSION[extensionOf(path)] !== undefined);
  if (main !== undefined) {
    const wanted = main.replace(/^\.\//, "");
    if (files.has(wanted)) return wanted;
    throw new DefinitionError(`The main file '${main}' is not in definitionZip. The archive holds: ${[...files.keys()].slice(0, 20).join(", ")}.`);
  }
  if (definitions.length === 0) {
    throw new DefinitionError(`definitionZip holds no workflow definition file (.wdl, .nf or .cwl). It holds: ${[...files.keys()].slice(0, 20).join(", ")}.`);
  }
  if (definitions.length === 1) return definitions[0]!;
  const named = definitions.filter((path) => baseName(path) === "main");
  if (named.length === 1) return named[0]!;
  throw new DefinitionError(
    `definitionZip holds ${definitions.length} workflow definition files (${definitions.slice(0, 10).join(", ")}) and none is the only one named 'main'; name the main file with the main parameter.`,
  );
}

function chooseEngine(mainPath: string, files: ReadonlyMap<string, Uint8Array>, engine: WorkflowEngine | undefined): WorkflowEngine {
  const detected = ENGINE_OF_EXTENSION[extensionOf(mainPath)];
  if (engine === undefined) {
    if (detected) return detected;
    const engines = new Set([...files.keys()].map((p) => ENGINE_OF_EXTENSION[extensionOf(p)]).filter((e) => e !== undefined));
    if (engines.size === 1) return [...engines][0]!;
    throw new DefinitionError(`The engine of '${mainPath}' cannot be detected from its name; set engine to WDL, NEXTFLOW or CWL.`);
  }
  const family = engine === "WDL_LENIENT" ? "WDL" : engine;
  if (detected && detected !== family) {
    throw new DefinitionError(`The main file '${mainPath}' is a ${detected} definition, but engine is ${engine}.`);
  }
  return engine;
}

/** Reads a definition archive: main file, engine, derived parameter template and tasks. */
export function analyseDefinition(files: ReadonlyMap<string, Uint8Array>, options: { main?: string | undefined; engine?: WorkflowEngine | undefined }): DefinitionAnalysis {
  const main = chooseMain(files, options.main);
  const engine = chooseEngine(main, files, options.engine);
  const texts = new Map<string, string>();
  for (const [path, data] of files) {
    if (["wdl", "nf", "cwl", "config", "json", "yml", "yaml"].includes(extensionOf(path)) || path === main) texts.set(path, strFromU8(data));
  }
  const mainText = texts.get(main) ?? "";
  if (mainText.trim() === "") {
    return { engine, main, parameterTemplate: {}, tasks: [], problem: `The main file '${main}' is empty.` };
  }
  const reading =
    engine === "NEXTFLOW"
      ? readNextflow(main, texts)
      : engine === "CWL"
        ? readCwl(main, texts)
        : readWdl(main, mainText, new Map([...texts].filter(([path]) => path.endsWith(".wdl"))));
  return { engine, main, ...reading };
}
