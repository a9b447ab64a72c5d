import { int, list, map, oneOf, str, struct, type Rule } from "../../engine/validation/rules.js";

/**
 * Constraints on HealthOmics shapes shared by several resource families (HealthOmics API
 * reference, "Data types"). Constraints used by one family only live next to it.
 */

/** The "printable Unicode" pattern most HealthOmics strings carry (no control characters). */
export const PRINTABLE = "[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+";

/** A printable string of `min..max` code points. */
export const printable = (min: number, max?: number): Rule => str({ min, ...(max !== undefined ? { max } : {}), pattern: PRINTABLE });

/** WorkflowId, RunId, RunGroupId, RunCacheId, TaskId, BatchId, NumericIdInArn. */
export const NUMERIC_ID = str({ min: 1, max: 18, pattern: "[0-9]+" });

/** WorkflowVersionName and ConfigurationName: a letter or digit, then letters, digits, -, . or _. */
export const VERSION_NAME = str({ min: 1, max: 64, pattern: "[A-Za-z0-9][A-Za-z0-9\\-\\._]*" });
export const CONFIGURATION_NAME = str({ min: 1, max: 128, pattern: "[A-Za-z0-9][A-Za-z0-9\\-\\._]*" });

/** WorkflowOwnerId and other 12-digit account ids. */
export const ACCOUNT_ID = str({ pattern: "[0-9]{12}" });
export const AWS_ACCOUNT_ID = str({ min: 12, max: 12, pattern: "[0-9]+" });

/** Request ids (the idempotency tokens of the workflow side). */
export const REQUEST_ID = printable(1, 128);

/** TagMap on create operations: keys 1..128, values 0..256 (50 at most, checked as a quota). */
export const TAGS = map({ key: str({ min: 1, max: 128 }), value: str({ max: 256 }) });
export const MAX_TAGS = 50;

/** Storage capacity in GiB (workflows, versions, runs). */
export const STORAGE_CAPACITY = int({ min: 0, max: 100000 });

/** A run's priority. */
export const PRIORITY = int({ min: 0, max: 100000 });

/** RunOutputUri. */
export const OUTPUT_URI = printable(1, 750);

/** RunRoleArn. */
export const ROLE_ARN = str({ min: 1, max: 128, pattern: "arn:.+" });

/** S3UriForBucketOrObject (run caches). */
export const S3_URI_FOR_BUCKET_OR_OBJECT = str({ pattern: "s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])(/(.{0,1024}))?" });

/** Page sizes: each list operation documents its own maximum. */
export const pageSize = (max: number): Rule => int({ min: 1, max });

/** Page tokens of the workflow side. */
export const LIST_TOKEN = printable(1, 128);

/** WorkflowParameterTemplate: up to 2000 parameters. */
export const PARAMETER_TEMPLATE = map({
  key: printable(1, 128),
  value: struct({ description: printable(0, 256) }),
  min: 1,
  max: 2000,
});

/** ContainerRegistryMap (workflows and versions). */
const URI = printable(1, 750);
export const CONTAINER_REGISTRY_MAP = struct({
  registryMappings: list(
    struct({
      upstreamRegistryUrl: URI,
      ecrRepositoryPrefix: printable(1, 256),
      upstreamRepositoryPrefix: printable(2, 30),
      ecrAccountId: AWS_ACCOUNT_ID,
    }),
  ),
  imageMappings: list(struct({ sourceImage: URI, destinationImage: URI })),
});

/** DefinitionRepository: a CodeConnections repository holding the definition. */
export const DEFINITION_REPOSITORY = struct({
  connectionArn: str({ min: 1, max: 256, pattern: "arn:aws(-[\\w]+)*:.+:.+:[0-9]{12}:.+" }),
  fullRepositoryId: str({ pattern: ".+/.+" }),
  sourceReference: struct({ type: oneOf("SourceReferenceType") }),
  excludeFilePatterns: list(undefined, { min: 1, max: 50 }),
});

/** The members shared by CreateWorkflow and CreateWorkflowVersion. */
export const DEFINITION_MEMBERS = {
  definitionUri: printable(1, 256),
  main: printable(1, 128),
  parameterTemplate: PARAMETER_TEMPLATE,
  engine: oneOf("WorkflowEngine"),
  accelerators: oneOf("Accelerators"),
  storageType: oneOf("StorageType"),
  storageCapacity: STORAGE_CAPACITY,
  tags: TAGS,
  workflowBucketOwnerId: ACCOUNT_ID,
  containerRegistryMap: CONTAINER_REGISTRY_MAP,
  containerRegistryMapUri: URI,
  parameterTemplatePath: printable(1, 128),
  readmePath: printable(1, 128),
  definitionRepository: DEFINITION_REPOSITORY,
  readmeUri: str({ pattern: "s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/((.{1,1024}))" }),
  requestId: REQUEST_ID,
} as const;
