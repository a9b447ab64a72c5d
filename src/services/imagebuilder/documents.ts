import { stringify } from "yaml";
import { readYaml, yamlScalar, yamlText } from "../../engine/yaml.js";

/**
 * Workflow and component documents: YAML read with a real parser, checked the way Image
 * Builder checks them when a resource is created ("Create a YAML workflow document",
 * "Component document schema"), and reduced to what a build needs (steps, parameters).
 * Each check returns a message naming the problem, which the caller raises with the
 * operation's own error.
 */

/** The step actions Image Builder workflows support ("Supported step actions for your workflow document"). */
export const WORKFLOW_STEP_ACTIONS = [
  "ApplyImageConfigurations",
  "BootstrapInstanceForContainer",
  "CollectImageMetadata",
  "CollectImageScanFindings",
  "CreateImage",
  "DistributeImage",
  "ExecuteComponents",
  "ExecuteStateMachine",
  "LaunchInstance",
  "ModifyImageAttributes",
  "RegisterImage",
  "RunCommand",
  "RunSysPrep",
  "SanitizeInstance",
  "TerminateInstance",
  "WaitForAction",
  "WaitForSSMAgent",
] as const;

/** Longest a step may run (WorkflowStepTimeoutSecondsInteger); also how long WaitForAction waits by default. */
export const MAX_STEP_TIMEOUT_SECONDS = 43200;

export interface WorkflowStepDefinition {
  name: string;
  action: string;
  description?: string;
  /** `Abort` (default) or `Continue`. */
  onFailure: "Abort" | "Continue";
  timeoutSeconds?: number;
  /** The step's inputs, as the JSON text GetWorkflowStepExecution reports. */
  inputs?: string;
  /** The `if` condition, evaluated when the step is reached. */
  condition?: unknown;
}

export interface ParameterDefinition {
  name: string;
  type: string;
  defaultValue?: string[];
  description?: string;
}

export interface WorkflowDocument {
  steps: WorkflowStepDefinition[];
  parameters: ParameterDefinition[];
}

const STEP_NAME = /^[A-Za-z][A-Za-z0-9-_]{1,99}$/;
const WORKFLOW_PARAMETER_TYPES = ["string", "integer", "boolean", "stringList"];
const COMPARISONS = ["booleanEquals", "numberEquals", "numberGreaterThan", "numberGreaterThanEquals", "numberLessThan", "numberLessThanEquals", "stringEquals"];

/** A document's YAML read by the engine's one reader, with the problem worded for this document. */
function readDocument(text: string, what: string): { value?: unknown; problem?: string } {
  const read = readYaml(text);
  return read.problem === undefined ? { value: read.value } : { problem: `The ${what} document is not valid YAML: ${read.problem}` };
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function asValueList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

/** Why a condition tree is malformed, or undefined ("Use conditional statements in your workflow steps"). */
function conditionProblem(condition: unknown, stepName: string, level: number): string | undefined {
  const where = `the 'if' condition of step '${stepName}'`;
  if (level > 4) return `${where} nests deeper than the four levels allowed`;
  if (!isMapping(condition)) return `${where} must be a mapping`;
  const keys = Object.keys(condition);
  for (const branch of ["and", "or"]) {
    if (branch in condition) {
      if (keys.length !== 1) return `${where}: '${branch}' must stand alone at its level`;
      const children = condition[branch];
      if (!Array.isArray(children) || children.length < 1 || children.length > 10) return `${where}: '${branch}' needs between 1 and 10 conditions`;
      for (const child of children) {
        const problem = conditionProblem(child, stepName, level + 1);
        if (problem) return problem;
      }
      return undefined;
    }
  }
  if ("not" in condition) {
    if (keys.length !== 1) return `${where}: 'not' must stand alone at its level`;
    return conditionProblem(condition.not, stepName, level + 1);
  }
  const operators = keys.filter((k) => COMPARISONS.includes(k));
  if (operators.length !== 1 || !("value" in condition) || keys.length !== 2) {
    return `${where} must be and/or/not, or one comparison (${COMPARISONS.join(", ")}) with a 'value'`;
  }
  return undefined;
}

/** The steps and parameters of a workflow document, or a message saying what is wrong with it. */
export function parseWorkflowDocument(text: string): WorkflowDocument | string {
  const read = readDocument(text, "workflow");
  if (read.problem) return read.problem;
  const doc = read.value;
  if (!isMapping(doc)) return "The workflow document must be a YAML mapping with a 'steps' list.";
  if (doc.schemaVersion !== undefined && yamlText(doc.schemaVersion) !== "1" && yamlText(doc.schemaVersion) !== "1.0") {
    return `The workflow document has schemaVersion '${yamlText(doc.schemaVersion)}'; Image Builder supports 1.0.`;
  }
  if (!Array.isArray(doc.steps) || doc.steps.length === 0) return "The workflow document must have a non-empty 'steps' list.";
  const steps: WorkflowStepDefinition[] = [];
  const names = new Set<string>();
  for (const [i, raw] of doc.steps.entries()) {
    if (!isMapping(raw)) return `Step ${i + 1} of the workflow document must be a mapping with 'name' and 'action'.`;
    const name = raw.name;
    if (typeof name !== "string" || !STEP_NAME.test(name)) {
      return `Step ${i + 1} of the workflow document needs a 'name' of 2 to 100 letters, digits, '-' or '_', starting with a letter.`;
    }
    if (names.has(name)) return `The workflow document has two steps named '${name}'; step names must be unique.`;
    names.add(name);
    const action = raw.action;
    if (typeof action !== "string" || !(WORKFLOW_STEP_ACTIONS as readonly string[]).includes(action)) {
      return `Step '${name}' has action '${yamlText(action)}', which is not a workflow step action; use one of ${WORKFLOW_STEP_ACTIONS.join(", ")}.`;
    }
    let onFailure: "Abort" | "Continue" = "Abort";
    if (raw.onFailure !== undefined) {
      const text = yamlText(raw.onFailure).toLowerCase();
      if (text !== "abort" && text !== "continue") return `Step '${name}' has onFailure '${yamlText(raw.onFailure)}'; use Abort or Continue.`;
      onFailure = text === "abort" ? "Abort" : "Continue";
    }
    if (raw.timeoutSeconds !== undefined) {
      const t = raw.timeoutSeconds;
      if (typeof t !== "number" || !Number.isInteger(t) || t < 0 || t > MAX_STEP_TIMEOUT_SECONDS) {
        return `Step '${name}' has timeoutSeconds '${yamlText(t)}'; use a whole number of seconds from 0 to ${MAX_STEP_TIMEOUT_SECONDS}.`;
      }
    }
    if (raw.inputs !== undefined && !isMapping(raw.inputs)) return `Step '${name}' has 'inputs' that are not a mapping.`;
    if (raw.description !== undefined && (typeof raw.description !== "string" || raw.description.length > 500)) {
      return `Step '${name}' has a description that is not a string of at most 500 characters.`;
    }
    if (raw.if !== undefined) {
      const problem = conditionProblem(raw.if, name, 1);
      if (problem) return `The workflow document is not valid: ${problem}.`;
    }
    steps.push({
      name,
      action,
      onFailure,
      ...(typeof raw.description === "string" ? { description: raw.description } : {}),
      ...(typeof raw.timeoutSeconds === "number" ? { timeoutSeconds: raw.timeoutSeconds } : {}),
      ...(raw.inputs !== undefined ? { inputs: JSON.stringify(raw.inputs) } : {}),
      ...(raw.if !== undefined ? { condition: raw.if } : {}),
    });
  }
  const parameters: ParameterDefinition[] = [];
  if (doc.parameters !== undefined) {
    if (!Array.isArray(doc.parameters)) return "The workflow document's 'parameters' must be a list.";
    for (const raw of doc.parameters) {
      if (!isMapping(raw) || typeof raw.name !== "string" || raw.name === "") return "Each workflow parameter needs a 'name' and a 'type'.";
      if (typeof raw.type !== "string" || !WORKFLOW_PARAMETER_TYPES.includes(raw.type)) {
        return `Workflow parameter '${raw.name}' has type '${yamlText(raw.type)}'; use one of ${WORKFLOW_PARAMETER_TYPES.join(", ")}.`;
      }
      if (parameters.some((p) => p.name === raw.name)) return `The workflow document declares parameter '${raw.name}' twice.`;
      const defaultValue = asValueList(raw.default);
      parameters.push({
        name: raw.name,
        type: raw.type,
        ...(defaultValue ? { defaultValue } : {}),
        ...(typeof raw.description === "string" ? { description: raw.description } : {}),
      });
    }
  }
  return { steps, parameters };
}

export interface ComponentDocument {
  /** BUILD when the document has a build or validate phase, TEST when it only tests. */
  type: "BUILD" | "TEST";
  parameters: ParameterDefinition[];
}

const COMPONENT_PHASES = ["build", "validate", "test"];
const COMPONENT_PARAMETER_TYPES = ["string", "integer", "boolean", "stringlist"];

/**
 * The last results of an expensive pure function of a text, at most `capacity` of them, the
 * least recently used going first. Parsing a YAML document is most of what CreateComponent
 * costs, and programs create many components from one document text.
 */
export class TextCache<V> {
  private readonly entries = new Map<string, V>();
  /** How many times the function ran (misses), for tests that show repeated texts are parsed once. */
  computed = 0;

  constructor(
    private readonly capacity: number,
    private readonly compute: (text: string) => V,
  ) {}

  get(text: string): V {
    const hit = this.entries.get(text);
    if (hit !== undefined || this.entries.has(text)) {
      this.entries.delete(text);
      this.entries.set(text, hit as V);
      return hit as V;
    }
    this.computed++;
    const value = this.compute(text);
    this.entries.set(text, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Parsed component documents by text (each caller gets its own copy of the parameters). */
export const componentDocuments = new TextCache<ComponentDocument | string>(64, readComponentDocument);

/** What a component document declares, or a message saying what is wrong with it (AWSTOE document schema). */
export function parseComponentDocument(text: string): ComponentDocument | string {
  const doc = componentDocuments.get(text);
  if (typeof doc === "string") return doc;
  return { type: doc.type, parameters: doc.parameters.map((p) => ({ ...p, ...(p.defaultValue ? { defaultValue: [...p.defaultValue] } : {}) })) };
}

function readComponentDocument(text: string): ComponentDocument | string {
  const read = readDocument(text, "component");
  if (read.problem) return read.problem;
  const doc = read.value;
  if (!isMapping(doc)) return "The component document must be a YAML mapping with a 'phases' list.";
  if (!Array.isArray(doc.phases) || doc.phases.length === 0) return "The component document must have a non-empty 'phases' list.";
  const phaseNames: string[] = [];
  for (const [i, phase] of doc.phases.entries()) {
    if (!isMapping(phase) || typeof phase.name !== "string") return `Phase ${i + 1} of the component document needs a 'name' (build, validate or test).`;
    if (!COMPONENT_PHASES.includes(phase.name)) return `The component document has a phase named '${phase.name}'; phases are build, validate and test.`;
    if (phaseNames.includes(phase.name)) return `The component document has two '${phase.name}' phases.`;
    phaseNames.push(phase.name);
    if (!Array.isArray(phase.steps) || phase.steps.length === 0) return `Phase '${phase.name}' of the component document needs a non-empty 'steps' list.`;
    for (const [j, step] of phase.steps.entries()) {
      if (!isMapping(step) || typeof step.name !== "string" || typeof step.action !== "string") {
        return `Step ${j + 1} of phase '${phase.name}' needs a 'name' and an 'action'.`;
      }
    }
  }
  const parameters: ParameterDefinition[] = [];
  if (doc.parameters !== undefined) {
    if (!Array.isArray(doc.parameters)) return "The component document's 'parameters' must be a list.";
    for (const entry of doc.parameters) {
      // AWSTOE writes each parameter as a one-key mapping: `- Name: { type: string, default: … }`.
      const [name, spec] = isMapping(entry) && Object.keys(entry).length === 1 ? Object.entries(entry)[0]! : [undefined, undefined];
      if (!name || !isMapping(spec) || typeof spec.type !== "string" || !COMPONENT_PARAMETER_TYPES.includes(spec.type.toLowerCase())) {
        return "Each component parameter must be a one-key mapping '- <name>: { type: string|integer|boolean|stringList, default, description }'.";
      }
      const typeName = spec.type.toLowerCase() === "stringlist" ? "StringList" : spec.type.charAt(0).toUpperCase() + spec.type.slice(1).toLowerCase();
      const defaultValue = asValueList(spec.default);
      parameters.push({
        name,
        type: typeName,
        ...(defaultValue ? { defaultValue } : {}),
        ...(typeof spec.description === "string" ? { description: spec.description } : {}),
      });
    }
  }
  const type = phaseNames.some((p) => p === "build" || p === "validate") ? "BUILD" : "TEST";
  return { type, parameters };
}

/** The document ImportComponent makes of a shell script: one step running it in the right phase. */
export function shellComponentDocument(name: string, type: "BUILD" | "TEST", script: string): string {
  return stringify({
    name,
    schemaVersion: 1.0,
    phases: [{ name: type === "BUILD" ? "build" : "test", steps: [{ name: "RunScript", action: type === "BUILD" ? "ExecuteBash" : "ExecuteBash", inputs: { commands: [script] } }] }],
  });
}

/** Values a condition may refer to: `$.parameters.<name>`, `$.imagebuilder.<key>`, `$.stepOutputs.<step>.<key>`. */
export interface ConditionScope {
  parameters: Readonly<Record<string, readonly string[]>>;
  imagebuilder: Readonly<Record<string, string>>;
  stepOutputs: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** An own member of a record: names in documents are the author's, and `constructor` must not find Object's. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function resolveValue(value: unknown, scope: ConditionScope): unknown {
  if (typeof value !== "string" || !value.startsWith("$.")) return value;
  const [root, first, second] = value.slice(2).split(".");
  if (root === "parameters" && first) {
    const values = own(scope.parameters, first);
    return values === undefined ? undefined : values.length === 1 ? values[0] : values;
  }
  if (root === "imagebuilder" && first) return own(scope.imagebuilder, first);
  if (root === "stepOutputs" && first && second) return own(own(scope.stepOutputs, first), second);
  return undefined;
}

function compare(operator: string, expected: unknown, actual: unknown): boolean {
  if (actual === undefined) return false;
  if (operator === "stringEquals") return yamlText(expected) === yamlText(actual);
  if (operator === "booleanEquals") return yamlText(expected).toLowerCase() === yamlText(actual).toLowerCase();
  const a = Number(yamlScalar(actual));
  const e = Number(yamlScalar(expected));
  if (Number.isNaN(a) || Number.isNaN(e)) return false;
  switch (operator) {
    case "numberEquals":
      return a === e;
    case "numberGreaterThan":
      return a > e;
    case "numberGreaterThanEquals":
      return a >= e;
    case "numberLessThan":
      return a < e;
    case "numberLessThanEquals":
      return a <= e;
    default:
      return false;
  }
}

/** Whether a step's `if` holds (a value that cannot be resolved makes its comparison false). */
export function conditionHolds(condition: unknown, scope: ConditionScope): boolean {
  if (!isMapping(condition)) return true;
  if (Array.isArray(condition.and)) return condition.and.every((c) => conditionHolds(c, scope));
  if (Array.isArray(condition.or)) return condition.or.some((c) => conditionHolds(c, scope));
  if ("not" in condition) return !conditionHolds(condition.not, scope);
  const operator = Object.keys(condition).find((k) => COMPARISONS.includes(k));
  if (!operator) return true;
  return compare(operator, resolveValue(condition[operator], scope), resolveValue(condition.value, scope));
}
