import type { CreateCrawlerRequest, CreateJobRequest, CreateTriggerRequest, CreateWorkflowRequest } from "@aws-sdk/client-glue";
import { setOwn } from "../../engine/canonical.js";
import { StandInFamily, type StandIn, type StandInContext } from "../../engine/stand-ins.js";

/**
 * Blueprint layouts: the in-process stand-in for a blueprint's layout script. A real blueprint
 * run executes the Python `layout.py` published at BlueprintLocation, which receives the run's
 * parameters and returns the workflow, jobs, crawlers and triggers to create. Tests register a
 * JavaScript function doing the same (aws-doubles/glue: registerBlueprintLayout), in the shape
 * every stand-in has (engine/stand-ins.ts), so aws.reset() forgets them.
 */

/** One parameter of a blueprint's parameter specification (blueprint.cfg "parameterSpec"). */
export interface BlueprintParameterSpec {
  /** String, Integer, Double, Boolean, S3Uri, IAMRoleArn or IAMRoleName. */
  type: string;
  /** A list of values of `type` rather than one. */
  collection?: boolean;
  description?: string;
  /** The value used when a run leaves the parameter out; without one the parameter is required. */
  defaultValue?: unknown;
}

/** What a layout returns: the entities the run creates, as their Create* requests. */
export interface BlueprintLayoutEntities {
  /** The workflow; it gets BlueprintDetails naming the blueprint and the run. */
  Workflow: Omit<CreateWorkflowRequest, "Tags"> & { Tags?: Record<string, string> };
  Jobs?: CreateJobRequest[];
  Crawlers?: CreateCrawlerRequest[];
  /** Triggers of the workflow (their WorkflowName is set to the workflow's name). */
  Triggers?: Array<Omit<CreateTriggerRequest, "WorkflowName">>;
}

/** What a layout function learns about the run, beside the stand-in context (key, accountId, region, now). */
export interface BlueprintRunDetails {
  blueprintName: string;
  runId: string;
  roleArn: string;
}

export type BlueprintLayoutContext = StandInContext & BlueprintRunDetails;

export type BlueprintLayout = (parameters: Record<string, unknown>, context: BlueprintLayoutContext) => BlueprintLayoutEntities;

/** Registration data beside the layout. */
export interface BlueprintLayoutExtra {
  /** Returned as the blueprint's ParameterSpec, and used to check and complete run parameters. */
  parameterSpec?: Record<string, BlueprintParameterSpec> | undefined;
}

/** A layout: the entities themselves, or a function of the run's parameters returning them. */
export type BlueprintLayoutStandIn = StandIn<Record<string, unknown>, BlueprintLayoutEntities, BlueprintRunDetails>;

/** Registered layouts by blueprint name. */
export const blueprintLayouts = new StandInFamily<Record<string, unknown>, BlueprintLayoutEntities, BlueprintLayoutExtra, BlueprintRunDetails>(
  "glue.blueprintLayouts",
  "Glue blueprint layout",
  "{ Workflow, Jobs?, Crawlers?, Triggers? }",
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
);

/** The parameter types a specification may name (valueMatches reads each). */
export const PARAMETER_TYPES: ReadonlySet<string> = new Set(["String", "Integer", "Double", "Boolean", "S3Uri", "IAMRoleArn", "IAMRoleName"]);

function valueMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "Integer":
      return typeof value === "number" && Number.isInteger(value);
    case "Double":
      return typeof value === "number" && Number.isFinite(value);
    case "Boolean":
      return typeof value === "boolean";
    case "S3Uri":
      return typeof value === "string" && /^s3:\/\/[^/]+(\/.*)?$/.test(value);
    case "IAMRoleArn":
      return typeof value === "string" && /^arn:aws[^:]*:iam::\d*:role\/.+$/.test(value);
    default:
      return typeof value === "string";
  }
}

/** Whether a value (given by a run, or a default) is what the parameter takes: one value of its type, or a list of them. */
export function fitsParameter(parameter: BlueprintParameterSpec, value: unknown): boolean {
  const values = parameter.collection ? value : [value];
  return Array.isArray(values) && values.every((v) => valueMatches(parameter.type, v));
}

/**
 * A run's parameters checked against a parameter specification, with defaults filled in; or
 * the reason they do not fit.
 */
export function completeParameters(spec: Record<string, BlueprintParameterSpec> | undefined, given: Record<string, unknown>): Record<string, unknown> | string {
  if (!spec) return given;
  const out: Record<string, unknown> = { ...given };
  for (const [name, parameter] of Object.entries(spec)) {
    // Own members only, here and below: a parameter named constructor or toString is not on every object.
    if (!Object.hasOwn(out, name)) {
      if (parameter.defaultValue === undefined) return `Parameter ${name} is required by the blueprint's parameter specification.`;
      setOwn(out, name, parameter.defaultValue);
      continue;
    }
    const value = out[name];
    if (!fitsParameter(parameter, value)) {
      return `Parameter ${name} must be ${parameter.collection ? "a list of " : ""}${parameter.type} values; got ${JSON.stringify(value)}.`;
    }
  }
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(spec, name));
  if (unknown.length > 0) return `Unknown parameter(s) ${unknown.join(", ")}: the blueprint's parameter specification has ${Object.keys(spec).join(", ") || "none"}.`;
  return out;
}
