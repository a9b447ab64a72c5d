import type { WorkflowParameter } from "@aws-sdk/client-omics";
import { cleanDescription, count, DEFAULT_TASK, memoryInGiB, setParameter, type TaskSpec } from "./model.js";
import { closingBrace, namedBlocks, stripComments, unquote } from "./text.js";

/**
 * Nextflow: parameters come from `nextflow_schema.json` when the archive has one (its
 * `required` lists and descriptions), from `params.x = value` in the .nf files and
 * `nextflow.config` (a non-null default makes a parameter optional), and from `params.x`
 * references that nothing assigns (required). Tasks are the processes a workflow block
 * invokes, with their `cpus`, `memory`, `accelerator` and `container` directives.
 */
export interface NextflowReading {
  parameterTemplate: Record<string, WorkflowParameter>;
  tasks: TaskSpec[];
  problem?: string;
}

interface ParamInfo {
  /** A non-null default is assigned somewhere. */
  hasDefault: boolean;
  /** Declared in nextflow_schema.json, and whether the schema requires it. */
  inSchema?: boolean;
  schemaRequired?: boolean;
  description?: string | undefined;
}

function directive(body: string, name: string): string | undefined {
  const match = new RegExp(`^\\s*${name}\\s*(?:=\\s*)?([^\\n]+)$`, "m").exec(body);
  return match ? unquote(match[1]!.trim()) : undefined;
}

function processSpec(name: string, body: string): TaskSpec {
  const container = directive(body, "container");
  return {
    name,
    cpus: Math.max(1, count(directive(body, "cpus")) ?? DEFAULT_TASK.cpus),
    memory: memoryInGiB(directive(body, "memory")?.replace(/^["']|["']$/g, "")) ?? DEFAULT_TASK.memory,
    gpus: count(directive(body, "accelerator")?.split(/[,\s]/)[0]) ?? DEFAULT_TASK.gpus,
    ...(container && !/\$\{|\?/.test(container) ? { image: container } : {}),
  };
}

function assignments(text: string, params: Map<string, ParamInfo>): void {
  const dotted = /\bparams\.([A-Za-z_]\w*)\s*=(?!=)\s*([^\n]*)/g;
  for (let match = dotted.exec(text); match; match = dotted.exec(text)) record(params, match[1]!, match[2]!);
  const block = /\bparams\s*\{/g;
  for (let match = block.exec(text); match; match = block.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = closingBrace(text, open);
    const inner = text.slice(open + 1, close);
    const line = /^\s*([A-Za-z_]\w*)\s*=(?!=)\s*([^\n]*)$/gm;
    for (let entry = line.exec(inner); entry; entry = line.exec(inner)) record(params, entry[1]!, entry[2]!);
    block.lastIndex = close;
  }
}

function record(params: Map<string, ParamInfo>, name: string, value: string): void {
  const hasDefault = value.trim() !== "" && value.trim() !== "null";
  const previous = params.get(name);
  params.set(name, { ...previous, hasDefault: (previous?.hasDefault ?? false) || hasDefault });
}

/** nf-core style JSON schema: `definitions`/`$defs` groups or top-level `properties`. */
function readSchema(schemaText: string | undefined, params: Map<string, ParamInfo>): string | undefined {
  if (schemaText === undefined) return undefined;
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (error) {
    return `nextflow_schema.json is not valid JSON: ${(error as Error).message}`;
  }
  const groups: unknown[] = [schema];
  for (const key of ["definitions", "$defs"]) {
    const defs = (schema as Record<string, unknown> | null)?.[key];
    if (defs && typeof defs === "object") groups.push(...Object.values(defs));
  }
  for (const group of groups) {
    if (!group || typeof group !== "object") continue;
    const { properties, required } = group as { properties?: Record<string, { description?: unknown; default?: unknown }>; required?: unknown };
    const requiredNames = new Set(Array.isArray(required) ? required.filter((r): r is string => typeof r === "string") : []);
    for (const [name, property] of Object.entries(properties ?? {})) {
      const previous = params.get(name);
      params.set(name, {
        hasDefault: (previous?.hasDefault ?? false) || (property?.default !== undefined && property.default !== null),
        inSchema: true,
        schemaRequired: requiredNames.has(name),
        description: cleanDescription(property?.description) ?? previous?.description,
      });
    }
  }
  return undefined;
}

/**
 * `mainPath` is the main file; `files` every text file of the archive by path (the .nf
 * modules, nextflow.config and nextflow_schema.json beside the main file).
 */
export function readNextflow(mainPath: string, files: ReadonlyMap<string, string>): NextflowReading {
  const dir = mainPath.includes("/") ? mainPath.slice(0, mainPath.lastIndexOf("/") + 1) : "";
  const nfFiles = [...files.entries()].filter(([path]) => path.endsWith(".nf")).map(([path, text]) => [path, stripComments(text, "slash")] as const);
  const main = nfFiles.find(([path]) => path === mainPath)?.[1] ?? "";

  const params = new Map<string, ParamInfo>();
  const config = files.get(`${dir}nextflow.config`);
  if (config !== undefined) assignments(stripComments(config, "slash"), params);
  for (const [, text] of nfFiles) assignments(text, params);
  const problem = readSchema(files.get(`${dir}nextflow_schema.json`), params);
  const referenced = /\bparams\.([A-Za-z_]\w*)/g;
  for (const [, text] of nfFiles) {
    for (let match = referenced.exec(text); match; match = referenced.exec(text)) {
      if (!params.has(match[1]!)) params.set(match[1]!, { hasDefault: false });
    }
  }
  const parameterTemplate: Record<string, WorkflowParameter> = {};
  for (const [name, info] of params) {
    // A default makes a parameter optional; without one, the schema decides, and a parameter
    // nothing describes or assigns must be given.
    const optional = info.hasDefault || (info.inSchema === true && info.schemaRequired !== true);
    setParameter(parameterTemplate, name, { ...(info.description ? { description: info.description } : {}), optional });
  }

  const processes = nfFiles.flatMap(([, text]) => namedBlocks(text, "process"));
  const workflowText = nfFiles.flatMap(([, text]) => [...namedBlocks(text, "workflow").map((b) => b.body), ...anonymousWorkflows(text)]).join("\n");
  const invoked = processes.filter((p) => new RegExp(`\\b${p.name}\\s*\\(`).test(workflowText));
  const tasks = (invoked.length > 0 ? invoked : processes).map((p) => processSpec(p.name, p.body));

  if (!/\bworkflow\b/.test(main) && processes.length === 0) {
    return { parameterTemplate, tasks, problem: problem ?? `${mainPath}: no workflow or process was found; the main Nextflow file must define the workflow.` };
  }
  return { parameterTemplate, tasks, ...(problem ? { problem } : {}) };
}

/** Bodies of `workflow {` blocks without a name (the entry workflow). */
function anonymousWorkflows(text: string): string[] {
  const out: string[] = [];
  const pattern = /\bworkflow\s*\{/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = closingBrace(text, open);
    out.push(text.slice(open + 1, close));
    pattern.lastIndex = close;
  }
  return out;
}
