import type { WorkflowEngine, WorkflowParameter } from "@aws-sdk/client-omics";
import { setOwn } from "../../../engine/canonical.js";

/**
 * What the fake reads out of a workflow definition: the parameter template HealthOmics would
 * generate, and the tasks a run of it executes (with their declared resources), so that runs
 * have realistic tasks without running any code.
 */
export interface TaskSpec {
  /** The call (WDL), process (Nextflow) or step (CWL) name. */
  name: string;
  /** Declared vCPUs (default 1). */
  cpus: number;
  /** Declared memory in GiB, rounded up (default 1). */
  memory: number;
  /** Declared GPUs (default 0). */
  gpus: number;
  /** Declared container image, when the definition names one. */
  image?: string | undefined;
}

export interface DefinitionAnalysis {
  engine: WorkflowEngine;
  /** The main file's path inside the archive. */
  main: string;
  /** The parameter template derived from the main file (empty when it declares none). */
  parameterTemplate: Record<string, WorkflowParameter>;
  tasks: TaskSpec[];
  /** WDL: the workflow's name, by which run parameters may qualify its inputs (`name.input`). */
  workflowName?: string | undefined;
  /**
   * Why HealthOmics would reject the definition once it reads it (the workflow then ends in
   * FAILED with this statusMessage), or undefined when it reads cleanly.
   */
  problem?: string | undefined;
}

/** A definition the service refuses synchronously (ValidationException). */
export class DefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DefinitionError";
  }
}

/**
 * Sets one parameter of a template, whatever its name: `__proto__` is a legal WDL, Nextflow or
 * CWL identifier, which the engine's setOwn stores as data. A later declaration of a name wins.
 */
export function setParameter(template: Record<string, WorkflowParameter>, name: string, parameter: WorkflowParameter): void {
  setOwn(template, name, parameter);
}

export const DEFAULT_TASK: Omit<TaskSpec, "name"> = { cpus: 1, memory: 1, gpus: 0 };

/** Text of a description HealthOmics accepts: printable, one line, at most 256 characters. */
export function cleanDescription(text: unknown): string | undefined {
  if (typeof text !== "string" && !Array.isArray(text)) return undefined;
  const joined = Array.isArray(text) ? text.filter((t) => typeof t === "string").join(" ") : text;
  const clean = joined.replace(/[\p{C}]+/gu, " ").replace(/\s+/g, " ").trim();
  if (clean === "") return undefined;
  return [...clean].slice(0, 256).join("");
}

/** A memory amount ("8 GiB", "512 MB", "2G", 4) in whole GiB, rounded up, at least 1. */
export function memoryInGiB(value: string | number | undefined, defaultUnit: "GiB" | "MiB" = "GiB"): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*\.?\s*([KMGT]i?B?|[kmgt]b|bytes?)?\s*$/i.exec(String(value));
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? defaultUnit).toUpperCase();
  const perGiB: Record<string, number> = { K: 1024 * 1024, M: 1024, G: 1, T: 1 / 1024, B: 1024 ** 3, BYTE: 1024 ** 3, BYTES: 1024 ** 3 };
  const divisor = perGiB[unit.replace(/I?B$/, "")] ?? perGiB[unit] ?? 1;
  return Math.max(1, Math.ceil(amount / divisor));
}

/** A whole, positive count ("4", 4, "4.0"), or undefined. */
export function count(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim().replace(/^["']|["']$/g, "")) : NaN;
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : undefined;
}
