import type { WorkflowParameter } from "@aws-sdk/client-omics";
import { cleanDescription, count, DEFAULT_TASK, memoryInGiB, setParameter, type TaskSpec } from "./model.js";
import { closingBrace, keywordBlock, namedBlocks, stripComments, topLevelText, unquote } from "./text.js";

/**
 * WDL (draft-2, 1.0, 1.1): the workflow's inputs become the parameter template (a `?` type or
 * a default makes a parameter optional; `parameter_meta` gives descriptions), and each `call`
 * becomes a task, with the cpu, memory, GPU and container of the called task's `runtime`.
 */
export interface WdlReading {
  parameterTemplate: Record<string, WorkflowParameter>;
  tasks: TaskSpec[];
  /** The workflow's name: run parameters may name inputs fully qualified (`name.input`). */
  workflowName?: string;
  problem?: string;
}

interface Declaration {
  type: string;
  name: string;
  hasDefault: boolean;
}

/** `Type name` or `Type name = expr`, with nested brackets in the type (`Array[Pair[File,File]]+?`). */
function parseDeclaration(line: string): Declaration | undefined {
  const text = line.trim();
  if (!/^[A-Z]/.test(text)) return undefined;
  let depth = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "[") depth++;
    else if (ch === "]") depth--;
    else if (/\s/.test(ch) && depth === 0) break;
  }
  const type = text.slice(0, i);
  const rest = /^\s+([A-Za-z_]\w*)\s*(=.*)?$/.exec(text.slice(i));
  if (!rest || depth !== 0 || !/^[A-Z]\w*(\[.*\])?[+?]*$/.test(type.replace(/\s+/g, ""))) return undefined;
  return { type, name: rest[1]!, hasDefault: rest[2] !== undefined };
}

function declarations(block: string): Declaration[] {
  return block.split("\n").flatMap((line) => parseDeclaration(line) ?? []);
}

/** Descriptions from `parameter_meta { x: "text" }` or `x: { description: "text" }` / `help:`. */
function parameterDescriptions(meta: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!meta) return out;
  const pattern = /([A-Za-z_]\w*)\s*:\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\{)/g;
  for (let match = pattern.exec(meta); match; match = pattern.exec(meta)) {
    const [, name, value] = match as unknown as [string, string, string];
    if (value === "{") {
      const open = match.index + match[0].length - 1;
      const close = closingBrace(meta, open);
      const inner = meta.slice(open + 1, close);
      const described = /(?:description|help)\s*:\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/.exec(inner);
      const text = described ? cleanDescription(unquote(described[1]!)) : undefined;
      if (text) out.set(name, text);
      pattern.lastIndex = close;
    } else {
      const text = cleanDescription(unquote(value));
      if (text) out.set(name, text);
    }
  }
  return out;
}

function runtimeOf(taskBody: string | undefined): Omit<TaskSpec, "name"> {
  const runtime = taskBody ? keywordBlock(taskBody, "runtime") : undefined;
  if (!runtime) return { ...DEFAULT_TASK };
  // A value is a string literal or one token (an expression the fake cannot evaluate is left alone).
  const value = (key: string): string | undefined => {
    const match = new RegExp(`\\b${key}\\s*:\\s*("(?:[^"\\\\\\n]|\\\\.)*"|'(?:[^'\\\\\\n]|\\\\.)*'|[^\\s,}]+)`).exec(runtime);
    return match ? unquote(match[1]!) : undefined;
  };
  const image = value("docker") ?? value("container");
  return {
    cpus: Math.max(1, count(value("cpu")) ?? DEFAULT_TASK.cpus),
    memory: memoryInGiB(value("memory")) ?? DEFAULT_TASK.memory,
    gpus: count(value("gpuCount") ?? value("acceleratorCount")) ?? DEFAULT_TASK.gpus,
    ...(image && !/[~$]\{/.test(image) ? { image } : {}),
  };
}

/** Reads the main WDL file; `sources` are every .wdl file of the archive (for imported tasks). */
export function readWdl(mainPath: string, main: string, sources: ReadonlyMap<string, string>): WdlReading {
  const text = stripComments(main, "hash");
  const workflow = namedBlocks(text, "workflow")[0];
  if (!workflow) {
    return { parameterTemplate: {}, tasks: [], problem: `${mainPath}: no workflow block was found; the main WDL file must declare a workflow.` };
  }

  const inputBlock = keywordBlock(workflow.body, "input");
  const inputs = inputBlock !== undefined ? declarations(inputBlock) : declarations(topLevelText(workflow.body)).filter((d) => !d.hasDefault);
  const descriptions = parameterDescriptions(keywordBlock(workflow.body, "parameter_meta"));
  const parameterTemplate: Record<string, WorkflowParameter> = {};
  for (const input of inputs) {
    const description = descriptions.get(input.name);
    setParameter(parameterTemplate, input.name, {
      ...(description ? { description } : {}),
      optional: input.hasDefault || input.type.replace(/\s+/g, "").endsWith("?"),
    });
  }

  const taskBodies = new Map<string, string>();
  for (const source of sources.values()) {
    for (const task of namedBlocks(stripComments(source, "hash"), "task")) if (!taskBodies.has(task.name)) taskBodies.set(task.name, task.body);
  }
  const tasks: TaskSpec[] = [];
  const calls = /\bcall\s+([A-Za-z_][\w.]*)(?:\s+as\s+([A-Za-z_]\w*))?/g;
  for (let match = calls.exec(workflow.body); match; match = calls.exec(workflow.body)) {
    const target = match[1]!.split(".").pop()!;
    tasks.push({ name: match[2] ?? target, ...runtimeOf(taskBodies.get(target)) });
  }
  return { parameterTemplate, tasks, workflowName: workflow.name };
}
