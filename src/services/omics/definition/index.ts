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

/** The developer guide's fixed limit for a definitionZip sent with the request ("4.4 MB"). */
export const MAX_DEFINITION_ZIP_BYTES = 4_400_000;
/**
 * How far the fake lets an archive expand (its own guard against zip bombs: AWS documents
 * no limit for the expanded archive; 100 MiB is its limit per file of a Git repository).
 */
export const MAX_EXPANDED_BYTES = 100 * 1024 * 1024;

/** The files of a zip archive (directories left out), or a DefinitionError when it is not one. */
export function unzipDefinition(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.length > MAX_DEFINITION_ZIP_BYTES) {
    throw new DefinitionError(`definitionZip is ${bytes.length} bytes; a definition sent with the request can be at most 4.4 MB. Put larger archives in Amazon S3 and use definitionUri.`);
  }
  let expanded = 0;
  let entries: Record<string, Uint8Array>;
  try {
    // The sizes the archive declares are checked before anything is inflated.
    entries = unzipSync(bytes, {
      filter(file) {
        expanded += file.originalSize;
        if (expanded > MAX_EXPANDED_BYTES) throw new DefinitionError(`definitionZip expands to more than ${MAX_EXPANDED_BYTES / 1024 / 1024} MiB, more than the fake accepts for a workflow definition.`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DefinitionError) throw error;
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

/** Hidden files and folders (a segment starting with "."): HealthOmics ignores them when it picks the main file. */
const isHidden = (path: string): boolean => path.split("/").some((segment) => segment.startsWith("."));
const depthOf = (path: string): number => path.split("/").length;
const familyOf = (engine: WorkflowEngine): WorkflowEngine => (engine === "WDL_LENIENT" ? "WDL" : engine);

/**
 * The main definition file, as the developer guide ("Package and supply a workflow
 * definition") describes it: `main` when given (it must be in the archive); else, among the
 * definition files of one engine (the given one, or the only one the archive holds) that are
 * not hidden, those nearest the archive root: the only one there, whatever its name, or the
 * one named main.wdl / main.nf / main.cwl among several. Deeper files (imported tasks,
 * modules) never compete with a file nearer the root.
 */
function chooseMain(files: ReadonlyMap<string, Uint8Array>, main: string | undefined, engine: WorkflowEngine | undefined): string {
  if (main !== undefined) {
    const wanted = main.replace(/^\.\//, "");
    if (files.has(wanted)) return wanted;
    throw new DefinitionError(`The main file '${main}' is not in definitionZip. The archive holds: ${[...files.keys()].slice(0, 20).join(", ")}.`);
  }
  const definitions = [...files.keys()].filter((path) => ENGINE_OF_EXTENSION[extensionOf(path)] !== undefined && !isHidden(path));
  if (definitions.length === 0) {
    throw new DefinitionError(`definitionZip holds no workflow definition file (.wdl, .nf or .cwl). It holds: ${[...files.keys()].slice(0, 20).join(", ")}.`);
  }
  // With an engine given, only its files compete; if it has none, chooseEngine reports the mismatch.
  const ofEngine = engine === undefined ? [] : definitions.filter((path) => ENGINE_OF_EXTENSION[extensionOf(path)] === familyOf(engine));
  const candidates = ofEngine.length > 0 ? ofEngine : definitions;
  const engines = new Set(candidates.map((path) => ENGINE_OF_EXTENSION[extensionOf(path)]));
  if (engines.size > 1) {
    throw new DefinitionError(`definitionZip holds definition files of several engines (${[...engines].sort().join(", ")}); set engine, or name the main file with the main parameter.`);
  }
  const nearest = Math.min(...candidates.map(depthOf));
  const level = candidates.filter((path) => depthOf(path) === nearest);
  if (level.length === 1) return level[0]!;
  const named = level.filter((path) => baseName(path) === "main");
  if (named.length === 1) return named[0]!;
  throw new DefinitionError(
    `definitionZip holds ${level.length} workflow definition files nearest its root (${level.slice(0, 10).join(", ")}) and none is named main; name the main file with the main parameter.`,
  );
}

function chooseEngine(mainPath: string, files: ReadonlyMap<string, Uint8Array>, engine: WorkflowEngine | undefined): WorkflowEngine {
  const detected = ENGINE_OF_EXTENSION[extensionOf(mainPath)];
  if (engine === undefined) {
    if (detected) return detected;
    // A main file named without an engine's extension: the archive's only engine, if it has one.
    const engines = new Set([...files.keys()].map((p) => ENGINE_OF_EXTENSION[extensionOf(p)]).filter((e) => e !== undefined));
    if (engines.size === 1) return [...engines][0]!;
    throw new DefinitionError(`The engine of '${mainPath}' cannot be detected from its name; set engine to WDL, NEXTFLOW or CWL.`);
  }
  if (detected && detected !== familyOf(engine)) {
    throw new DefinitionError(`The main file '${mainPath}' is a ${detected} definition, but engine is ${engine}.`);
  }
  return engine;
}

/** Reads a definition archive: main file, engine, derived parameter template and tasks. */
export function analyseDefinition(files: ReadonlyMap<string, Uint8Array>, options: { main?: string | undefined; engine?: WorkflowEngine | undefined }): DefinitionAnalysis {
  const main = chooseMain(files, options.main, options.engine);
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
