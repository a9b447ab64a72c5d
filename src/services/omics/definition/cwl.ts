import type { WorkflowParameter } from "@aws-sdk/client-omics";
import { readYaml } from "../../../engine/yaml.js";
import { cleanDescription, count, DEFAULT_TASK, memoryInGiB, setParameter, type TaskSpec } from "./model.js";

/**
 * CWL (YAML or JSON): the main process's `inputs` become the parameter template (a `?` type,
 * a type list holding "null", or a `default` makes a parameter optional). "Descriptions are
 * extracted from the label section of the main workflow definition. If label isn't
 * specified, the description will be blank (empty string)" (developer guide, "Parameter
 * template files for HealthOmics workflows"): `doc` is not used. A Workflow's `steps` become tasks, with the ResourceRequirement,
 * CUDARequirement and DockerRequirement of the tool each step runs; a CommandLineTool is one
 * task.
 */
export interface CwlReading {
  parameterTemplate: Record<string, WorkflowParameter>;
  tasks: TaskSpec[];
  problem?: string;
}

type Doc = Record<string, unknown>;

const isObject = (value: unknown): value is Doc => !!value && typeof value === "object" && !Array.isArray(value);

/** The last segment of a CWL identifier (`#main/reads` → `reads`). */
function shortId(id: string): string {
  return id.split(/[#/]/).filter(Boolean).pop() ?? id;
}

/** Entries of a CWL "map or list of records keyed by id" field. */
function entries(field: unknown): Array<[string, unknown]> {
  if (Array.isArray(field)) return field.flatMap((item) => (isObject(item) && typeof item.id === "string" ? [[shortId(item.id), item] as [string, unknown]] : []));
  if (isObject(field)) return Object.entries(field);
  return [];
}

function isOptional(spec: unknown): boolean {
  const type = isObject(spec) ? spec.type : spec;
  if (isObject(spec) && spec.default !== undefined && spec.default !== null) return true;
  if (typeof type === "string") return type.endsWith("?");
  if (Array.isArray(type)) return type.includes("null");
  return false;
}

function requirement(doc: Doc, cls: string): Doc | undefined {
  for (const field of [doc.requirements, doc.hints]) {
    if (Array.isArray(field)) {
      const found = field.find((r) => isObject(r) && r.class === cls);
      if (found) return found as Doc;
    } else if (isObject(field) && isObject(field[cls])) {
      return field[cls] as Doc;
    }
  }
  return undefined;
}

function taskOf(name: string, tool: Doc | undefined): TaskSpec {
  if (!tool) return { name, ...DEFAULT_TASK };
  const resources = requirement(tool, "ResourceRequirement");
  const cuda = requirement(tool, "CUDARequirement");
  const docker = requirement(tool, "DockerRequirement");
  const cores = count(resources?.coresMin ?? resources?.coresMax);
  const ram = resources?.ramMin ?? resources?.ramMax;
  const image = typeof docker?.dockerPull === "string" ? docker.dockerPull : undefined;
  return {
    name,
    cpus: Math.max(1, cores ?? DEFAULT_TASK.cpus),
    memory: typeof ram === "number" || typeof ram === "string" ? (memoryInGiB(ram, "MiB") ?? DEFAULT_TASK.memory) : DEFAULT_TASK.memory,
    gpus: count(cuda?.cudaDeviceCountMin) ?? DEFAULT_TASK.gpus,
    ...(image ? { image } : {}),
  };
}

/** A CWL file's value; throws the reason it cannot be read (a repeated key keeps the last). */
function parse(text: string): unknown {
  const read = readYaml(text, { uniqueKeys: false });
  if (read.problem !== undefined) throw new Error(read.problem);
  return read.value;
}

/** The process to read: the document itself, or `#main` (else the first Workflow) of a `$graph`. */
function mainProcess(doc: unknown): Doc | undefined {
  if (!isObject(doc)) return undefined;
  const graph = doc.$graph;
  if (!Array.isArray(graph)) return doc;
  const processes = graph.filter(isObject);
  return processes.find((p) => typeof p.id === "string" && shortId(p.id) === "main") ?? processes.find((p) => p.class === "Workflow") ?? processes[0];
}

function resolve(fromPath: string, ref: string): string {
  const parts = fromPath.split("/").slice(0, -1);
  for (const segment of ref.replace(/^file:\/\//, "").split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

export function readCwl(mainPath: string, files: ReadonlyMap<string, string>): CwlReading {
  let doc: unknown;
  try {
    doc = parse(files.get(mainPath) ?? "");
  } catch (error) {
    return { parameterTemplate: {}, tasks: [], problem: `${mainPath} could not be parsed as CWL: ${(error as Error).message.split("\n")[0]}` };
  }
  const process = mainProcess(doc);
  if (!process || typeof process.class !== "string") {
    return { parameterTemplate: {}, tasks: [], problem: `${mainPath}: no CWL process (class Workflow or CommandLineTool) was found.` };
  }

  const parameterTemplate: Record<string, WorkflowParameter> = {};
  for (const [name, spec] of entries(process.inputs)) {
    const description = (isObject(spec) ? cleanDescription(spec.label) : undefined) ?? "";
    setParameter(parameterTemplate, shortId(name), { description, optional: isOptional(spec) });
  }

  const base = mainPath.split("/").pop()!.replace(/\.[^.]+$/, "");
  if (process.class !== "Workflow") return { parameterTemplate, tasks: [taskOf(base, process)] };
  const tasks = entries(process.steps).map(([name, step]) => {
    const run = isObject(step) ? step.run : undefined;
    let tool: Doc | undefined = isObject(run) ? run : undefined;
    if (typeof run === "string") {
      try {
        tool = mainProcess(parse(files.get(resolve(mainPath, run)) ?? ""));
      } catch {
        tool = undefined;
      }
    }
    return taskOf(shortId(name), tool);
  });
  return { parameterTemplate, tasks };
}
