import type {
  CreateMLTransformRequest,
  CreateMLTransformResponse,
  DeleteMLTransformRequest,
  DeleteMLTransformResponse,
  GetMLTransformRequest,
  GetMLTransformResponse,
  GetMLTransformsRequest,
  GetMLTransformsResponse,
  ListMLTransformsRequest,
  ListMLTransformsResponse,
  TransformFilterCriteria,
  TransformSortCriteria,
  UpdateMLTransformRequest,
  UpdateMLTransformResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import type { Page } from "../../../engine/pagination.js";
import { int, list, map, num, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { capacityProblem } from "../jobs.js";
import { securityConfigurationProblem } from "../security/security-configurations.js";
import { DESCRIPTION, NAME, pageSize, TAGS, TIMEOUT, WORKER_TYPE } from "../shapes.js";
import { newTaskRunViews, newTransformId, renderTransform, statusOf, type TransformOrder, type TransformRecord } from "./model.js";

type Ctx = RequestContext<GlueBackend>;
export const HASH = str({ min: 1, max: 255 });
const BOUNDED = num({ min: 0, max: 1 });
const GLUE_VERSION = str({ min: 1, max: 255, pattern: "^(\\w+\\.)+\\w+$" });
const GLUE_TABLE = struct({ DatabaseName: NAME, TableName: NAME, CatalogId: NAME, ConnectionName: NAME, AdditionalOptions: map({ key: NAME, value: DESCRIPTION, min: 1, max: 10 }) });
const PARAMETERS = struct({
  TransformType: oneOf("TransformType"),
  FindMatchesParameters: struct({ PrimaryKeyColumnName: str({ min: 1, max: 1024 }), PrecisionRecallTradeoff: BOUNDED, AccuracyCostTradeoff: BOUNDED }),
});
const ENCRYPTION = struct({ MlUserDataEncryption: struct({ MlUserDataEncryptionMode: oneOf("MLUserDataEncryptionModeString") }), TaskRunSecurityConfigurationName: NAME });
const FILTER = struct({ Name: NAME, TransformType: oneOf("TransformType"), Status: oneOf("TransformStatusType"), GlueVersion: GLUE_VERSION });
const SORT = struct({ Column: oneOf("TransformSortColumnType"), SortDirection: oneOf("SortDirectionType") });
/** The members CreateMLTransform and UpdateMLTransform both take, with the same constraints. */
const SETTINGS = {
  Parameters: PARAMETERS,
  Role: str({ min: 1 }),
  GlueVersion: GLUE_VERSION,
  MaxCapacity: num({ min: 0 }),
  WorkerType: WORKER_TYPE,
  NumberOfWorkers: int({ min: 1 }),
  Timeout: TIMEOUT,
  MaxRetries: int({ min: 0 }),
};

export function findTransform(ctx: Ctx, id: string): TransformRecord {
  const transform = ctx.backend.mlTransforms.get(id);
  if (!transform) throw ctx.error("EntityNotFoundException", `Transform ${id} not found.`);
  return transform;
}

interface Capacity {
  MaxCapacity?: number | undefined;
  WorkerType?: string | undefined;
  NumberOfWorkers?: number | undefined;
  Timeout?: number | undefined;
}

/** "MaxCapacity is a mutually exclusive option with NumberOfWorkers and WorkerType." */
function capacityOf(ctx: Ctx, capacity: Capacity): void {
  if (capacity.MaxCapacity !== undefined && (capacity.WorkerType !== undefined || capacity.NumberOfWorkers !== undefined)) {
    throw ctx.invalid("MaxCapacity is a mutually exclusive option with NumberOfWorkers and WorkerType.");
  }
  const problem = capacityProblem({ WorkerType: capacity.WorkerType, NumberOfWorkers: capacity.NumberOfWorkers });
  if (problem) throw ctx.invalid(problem);
  if (capacity.Timeout !== undefined && capacity.Timeout > 10080) throw ctx.invalid("Timeout must be at most 10080 minutes (7 days).");
}

function parametersProblem(parameters: CreateMLTransformRequest["Parameters"]): string | undefined {
  if (parameters?.TransformType === "FIND_MATCHES" && !parameters.FindMatchesParameters) return "A FIND_MATCHES transform needs FindMatchesParameters.";
  return undefined;
}

export const createMLTransform = op<CreateMLTransformRequest, CreateMLTransformResponse>({
  input: {
    Name: NAME,
    Description: DESCRIPTION,
    InputRecordTables: list(GLUE_TABLE, { max: 10 }),
    ...SETTINGS,
    Tags: TAGS,
    TransformEncryption: ENCRYPTION,
  },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.mlTransformNames.has(name)) throw ctx.error("AlreadyExistsException", `Transform with name ${name} already exists.`);
    if (input.InputRecordTables!.length === 0) throw ctx.invalid("InputRecordTables needs at least one table.");
    capacityOf(ctx, input);
    const problem = parametersProblem(input.Parameters);
    if (problem) throw ctx.invalid(problem);
    const security = securityConfigurationProblem(ctx.backend, input.TransformEncryption?.TaskRunSecurityConfigurationName);
    if (security) throw ctx.invalid(security);
    // The input tables are kept as given: AWS documents no check of them at creation, and a
    // transform's task runs read no data here.
    const now = ctx.now();
    const id = newTransformId();
    const transform: TransformRecord = {
      id,
      arn: ctx.arn(`mlTransform/${id}`),
      sequence: ctx.backend.nextSequence(),
      Name: name,
      Description: input.Description,
      CreatedOn: now,
      LastModifiedOn: now,
      InputRecordTables: deepCopy(input.InputRecordTables!),
      Parameters: deepCopy(input.Parameters!),
      Role: input.Role!,
      GlueVersion: input.GlueVersion ?? "0.9",
      MaxCapacity: input.WorkerType === undefined ? (input.MaxCapacity ?? 10) : undefined,
      WorkerType: input.WorkerType,
      NumberOfWorkers: input.NumberOfWorkers,
      Timeout: input.Timeout ?? 2880,
      MaxRetries: input.MaxRetries ?? 0,
      TransformEncryption: input.TransformEncryption ? deepCopy(input.TransformEncryption) : undefined,
      LabelCount: 0,
      evaluated: false,
      taskRuns: newTaskRunViews(),
    };
    ctx.backend.mlTransforms.set(id, transform);
    ctx.backend.mlTransformNames.set(name, id);
    ctx.backend.tags.add(transform.arn, input.Tags);
    return { TransformId: id };
  },
});

export const getMLTransform = op<GetMLTransformRequest, GetMLTransformResponse>({
  input: { TransformId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return renderTransform(findTransform(ctx, input.TransformId!));
  },
});

function matches(transform: TransformRecord, filter: TransformFilterCriteria | undefined): boolean {
  if (!filter) return true;
  if (filter.Name !== undefined && transform.Name !== filter.Name) return false;
  if (filter.TransformType !== undefined && transform.Parameters.TransformType !== filter.TransformType) return false;
  if (filter.Status !== undefined && statusOf(transform) !== filter.Status) return false;
  if (filter.GlueVersion !== undefined && transform.GlueVersion !== filter.GlueVersion) return false;
  if (filter.CreatedBefore && transform.CreatedOn >= filter.CreatedBefore) return false;
  if (filter.CreatedAfter && transform.CreatedOn <= filter.CreatedAfter) return false;
  if (filter.LastModifiedBefore && transform.LastModifiedOn >= filter.LastModifiedBefore) return false;
  if (filter.LastModifiedAfter && transform.LastModifiedOn <= filter.LastModifiedAfter) return false;
  return true;
}

/** Dates of a filter must be real instants: a timestamp out of range cannot be compared. */
export function checkFilterDates(ctx: Ctx, filter: object | undefined): void {
  for (const [member, value] of Object.entries(filter ?? {})) {
    if (value instanceof Date && Number.isNaN(value.getTime())) throw ctx.invalid(`Filter.${member} is not a valid timestamp.`);
  }
}

function transformPage(ctx: Ctx, input: { NextToken?: string | undefined; MaxResults?: number | undefined; Filter?: TransformFilterCriteria | undefined; Sort?: TransformSortCriteria | undefined; Tags?: Record<string, string> | undefined }): Page<TransformRecord> {
  const column = (input.Sort?.Column ?? "CREATED") as TransformOrder;
  checkFilterDates(ctx, input.Filter);
  return ctx.paginate(ctx.backend.mlTransforms.view(column), {
    token: input.NextToken,
    maxResults: input.MaxResults,
    defaultSize: 100,
    descending: input.Sort?.SortDirection === "DESCENDING",
    filter: (t) => matches(t, input.Filter) && ctx.backend.tags.matches(t.arn, input.Tags),
    query: { filter: input.Filter ?? null, column, tags: input.Tags ?? null },
  });
}

export const getMLTransforms = op<GetMLTransformsRequest, GetMLTransformsResponse>({
  input: { MaxResults: pageSize(1000), Filter: FILTER, Sort: SORT },
  errors: [],
  run(ctx, input) {
    const page = transformPage(ctx, input);
    return { Transforms: page.items.map(renderTransform), NextToken: page.nextToken };
  },
});

export const listMLTransforms = op<ListMLTransformsRequest, ListMLTransformsResponse>({
  input: { MaxResults: pageSize(1000), Filter: FILTER, Sort: SORT, Tags: TAGS },
  errors: [],
  run(ctx, input) {
    const page = transformPage(ctx, input);
    return { TransformIds: page.items.map((t) => t.id), NextToken: page.nextToken };
  },
});

export const updateMLTransform = op<UpdateMLTransformRequest, UpdateMLTransformResponse>({
  input: {
    TransformId: HASH,
    Name: NAME,
    Description: DESCRIPTION,
    ...SETTINGS,
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const transform = findTransform(ctx, input.TransformId!);
    const name = input.Name;
    if (name !== undefined && name !== transform.Name && ctx.backend.mlTransformNames.has(name)) throw ctx.invalid(`Transform with name ${name} already exists.`);
    const workers = input.WorkerType !== undefined || input.NumberOfWorkers !== undefined;
    const capacity = workers
      ? { WorkerType: input.WorkerType ?? transform.WorkerType, NumberOfWorkers: input.NumberOfWorkers ?? transform.NumberOfWorkers, MaxCapacity: input.MaxCapacity }
      : { MaxCapacity: input.MaxCapacity, WorkerType: input.MaxCapacity !== undefined ? undefined : transform.WorkerType, NumberOfWorkers: input.MaxCapacity !== undefined ? undefined : transform.NumberOfWorkers };
    capacityOf(ctx, { ...capacity, Timeout: input.Timeout });
    const problem = parametersProblem(input.Parameters);
    if (problem) throw ctx.invalid(problem);
    if (name !== undefined && name !== transform.Name) {
      ctx.backend.mlTransformNames.delete(transform.Name);
      ctx.backend.mlTransformNames.set(name, transform.id);
      transform.Name = name;
    }
    if (input.Description !== undefined) transform.Description = input.Description;
    if (input.Parameters !== undefined) transform.Parameters = deepCopy(input.Parameters);
    if (input.Role !== undefined) transform.Role = input.Role;
    if (input.GlueVersion !== undefined) transform.GlueVersion = input.GlueVersion;
    transform.WorkerType = capacity.WorkerType as TransformRecord["WorkerType"];
    transform.NumberOfWorkers = capacity.NumberOfWorkers;
    transform.MaxCapacity = capacity.WorkerType === undefined ? (capacity.MaxCapacity ?? transform.MaxCapacity ?? 10) : undefined;
    if (input.Timeout !== undefined) transform.Timeout = input.Timeout;
    if (input.MaxRetries !== undefined) transform.MaxRetries = input.MaxRetries;
    transform.LastModifiedOn = ctx.now();
    ctx.backend.mlTransforms.touch(transform.id);
    return { TransformId: transform.id };
  },
});

export const deleteMLTransform = op<DeleteMLTransformRequest, DeleteMLTransformResponse>({
  input: { TransformId: HASH },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const transform = findTransform(ctx, input.TransformId!);
    for (const run of transform.taskRuns.values()) run.cancel();
    ctx.backend.mlTransforms.delete(transform.id);
    ctx.backend.mlTransformNames.delete(transform.Name);
    ctx.backend.tags.drop(transform.arn);
    return { TransformId: transform.id };
  },
});
