import type {
  Accelerators,
  ContainerRegistryMap,
  DefinitionRepository,
  StorageType,
  WorkflowEngine,
  WorkflowParameter,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { uuid } from "../../engine/ids.js";
import { LinearProcess } from "../../engine/lifecycle/process.js";
import type { OrderedTable } from "../../engine/ordered-table.js";
import type { OmicsBackend } from "./backend.js";
import { analyseDefinition, definitionDigest, DefinitionError, unzipDefinition, type TaskSpec } from "./definition/index.js";

/**
 * What a workflow and each of its versions hold: the definition (its source, engine, main
 * file, digest), the parameter template, the tasks a run executes, and run defaults. A
 * version "doesn't inherit any configuration values from the workflow", so both carry all of
 * it.
 */
export interface DefinitionRecord {
  uuid: string;
  description?: string | undefined;
  engine?: WorkflowEngine | undefined;
  main?: string | undefined;
  digest?: string | undefined;
  /** The definition archive, when it was given as definitionZip (GetWorkflow export). */
  zip?: Uint8Array | undefined;
  definitionUri?: string | undefined;
  definitionRepository?: DefinitionRepository | undefined;
  parameterTemplate?: Record<string, WorkflowParameter> | undefined;
  /**
   * Whether the template is known (given, or read from the archive). A definition the fake
   * cannot read (definitionUri, definitionRepository) without a template accepts any
   * parameters, since the template HealthOmics would generate is unknown.
   */
  templateKnown: boolean;
  /**
   * WDL: the workflow's name. "HealthOmics supports fully qualified variables in input.json"
   * (`SumWorkflow.number1` for input `number1` of workflow `SumWorkflow`).
   */
  wdlWorkflowName?: string | undefined;
  tasks: TaskSpec[];
  storageCapacity?: number | undefined;
  storageType?: StorageType | undefined;
  accelerators?: Accelerators | undefined;
  containerRegistryMap?: ContainerRegistryMap | undefined;
  containerRegistryMapUri?: string | undefined;
  readmeMarkdown?: string | undefined;
  readmeUri?: string | undefined;
  readmePath?: string | undefined;
  parameterTemplatePath?: string | undefined;
  workflowBucketOwnerId?: string | undefined;
  creationTime: Date;
  /** CREATING → ACTIVE (or FAILED). */
  process: LinearProcess;
}

export interface WorkflowRecord extends DefinitionRecord {
  seq: number;
  id: string;
  arn: string;
  name?: string | undefined;
  /** User-defined versions by name, in creation order. */
  versions: OrderedTable<VersionRecord>;
}

export interface VersionRecord extends DefinitionRecord {
  seq: number;
  workflowId: string;
  versionName: string;
  arn: string;
}

export const workflowArn = (backend: OmicsBackend, id: string): string => backend.arn(`workflow/${id}`);
export const versionArn = (backend: OmicsBackend, workflowId: string, versionName: string): string => backend.arn(`workflow/${workflowId}/version/${versionName}`);

/** The status a workflow or version shows. */
export const statusOf = (record: DefinitionRecord): string => record.process.state;

/** The statusMessage of a FAILED definition. */
export function statusMessageOf(record: DefinitionRecord): string | undefined {
  return record.process.state === "FAILED" ? (record.process.failureMessage ?? "The workflow definition failed validation.") : undefined;
}

/** The definition members of CreateWorkflow and CreateWorkflowVersion. */
export interface DefinitionInput {
  description?: string | undefined;
  engine?: WorkflowEngine | undefined;
  definitionZip?: Uint8Array | undefined;
  definitionUri?: string | undefined;
  definitionRepository?: DefinitionRepository | undefined;
  main?: string | undefined;
  parameterTemplate?: Record<string, WorkflowParameter> | undefined;
  storageCapacity?: number | undefined;
  storageType?: StorageType | undefined;
  accelerators?: Accelerators | undefined;
  containerRegistryMap?: ContainerRegistryMap | undefined;
  containerRegistryMapUri?: string | undefined;
  readmeMarkdown?: string | undefined;
  readmeUri?: string | undefined;
  readmePath?: string | undefined;
  parameterTemplatePath?: string | undefined;
  workflowBucketOwnerId?: string | undefined;
}

/**
 * Checks a definition request and reads the archive, before anything is stored. Structural
 * problems (no source or several, not a zip, a missing main file, conflicting engine) are
 * ValidationExceptions; problems HealthOmics finds only when it reads the definition make the
 * new workflow end in FAILED with a statusMessage (`problem`).
 */
export function takeDefinition(
  ctx: RequestContext<OmicsBackend>,
  input: DefinitionInput,
): Omit<DefinitionRecord, "uuid" | "creationTime" | "process"> & { problem?: string | undefined } {
  const sources = (["definitionZip", "definitionUri", "definitionRepository"] as const).filter((key) => input[key] !== undefined);
  if (sources.length !== 1) {
    throw ctx.invalid(
      sources.length === 0
        ? "A workflow definition is required: give exactly one of definitionZip, definitionUri or definitionRepository."
        : `Give exactly one workflow definition source; this request has ${sources.join(" and ")}.`,
    );
  }
  const readmes = (["readmeMarkdown", "readmeUri", "readmePath"] as const).filter((key) => input[key] !== undefined);
  if (readmes.length > 1) throw ctx.invalid(`Give at most one README source; this request has ${readmes.join(" and ")}.`);
  if (input.readmePath !== undefined && input.definitionRepository === undefined) {
    throw ctx.invalid("readmePath applies only to a definition from definitionRepository; use readmeMarkdown or readmeUri with other sources.");
  }
  if (input.parameterTemplatePath !== undefined && input.definitionRepository === undefined) {
    throw ctx.invalid("parameterTemplatePath applies only to a definition from definitionRepository.");
  }
  if (input.parameterTemplatePath !== undefined && input.parameterTemplate !== undefined) {
    throw ctx.invalid("Give either parameterTemplate or parameterTemplatePath, not both.");
  }
  if (input.containerRegistryMap !== undefined && input.containerRegistryMapUri !== undefined) {
    throw ctx.invalid("Give either containerRegistryMap or containerRegistryMapUri, not both.");
  }
  if (input.definitionUri !== undefined && !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+/.test(input.definitionUri)) {
    throw ctx.invalid(`definitionUri '${input.definitionUri}' is not an Amazon S3 object URI (s3://bucket/key).`);
  }

  const common = {
    description: input.description,
    definitionUri: input.definitionUri,
    definitionRepository: input.definitionRepository,
    storageCapacity: input.storageCapacity,
    storageType: input.storageType,
    accelerators: input.accelerators,
    containerRegistryMap: input.containerRegistryMap,
    containerRegistryMapUri: input.containerRegistryMapUri,
    readmeMarkdown: input.readmeMarkdown,
    readmeUri: input.readmeUri,
    readmePath: input.readmePath,
    parameterTemplatePath: input.parameterTemplatePath,
    workflowBucketOwnerId: input.workflowBucketOwnerId,
  };

  if (input.definitionZip === undefined) {
    // The fake cannot fetch S3 objects or repositories: it keeps what it was told.
    return {
      ...common,
      engine: input.engine,
      main: input.main,
      parameterTemplate: input.parameterTemplate,
      templateKnown: input.parameterTemplate !== undefined,
      tasks: [{ name: (input.main ?? "main").split("/").pop()!.replace(/\.[^.]+$/, "") || "main", cpus: 1, memory: 1, gpus: 0 }],
    };
  }

  let analysis;
  try {
    analysis = analyseDefinition(unzipDefinition(input.definitionZip), { main: input.main, engine: input.engine });
  } catch (error) {
    if (error instanceof DefinitionError) throw ctx.invalid(error.message);
    throw error;
  }
  const derived = Object.keys(analysis.parameterTemplate).length > 0 ? analysis.parameterTemplate : undefined;
  return {
    ...common,
    engine: analysis.engine,
    main: analysis.main,
    digest: definitionDigest(input.definitionZip),
    zip: input.definitionZip,
    parameterTemplate: input.parameterTemplate ?? derived,
    templateKnown: true,
    wdlWorkflowName: analysis.engine === "WDL" || analysis.engine === "WDL_LENIENT" ? analysis.workflowName : undefined,
    tasks: analysis.tasks,
    problem: analysis.problem,
  };
}

/** Starts the CREATING → ACTIVE process of a new workflow or version (FAILED when the definition has a problem). */
export function creationProcess(
  ctx: RequestContext<OmicsBackend>,
  kind: "Omics.Workflow" | "Omics.WorkflowVersion",
  attributes: Record<string, unknown>,
  problem: string | undefined,
): LinearProcess {
  const process = new LinearProcess({ kind, path: ["CREATING", "ACTIVE"] }, attributes);
  if (problem !== undefined) process.divert(["FAILED"], problem);
  return ctx.track(process);
}

export const newUuid = uuid;

/** A `data:` URL of bytes: what an export hands back in place of a presigned S3 URL. */
export function dataUrl(mediaType: string, data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
  return `data:${mediaType};base64,${bytes.toString("base64")}`;
}
