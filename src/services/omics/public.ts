import type { StoreType } from "@aws-sdk/client-omics";
import { partitionOf } from "../../engine/arn.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import { randomDigits } from "../../engine/ids.js";
import { checkAsInput } from "../../engine/internal-call.js";
import { formatViolations } from "../../engine/validation/violations.js";
import { checkedRegion, resolveWhere } from "../../options.js";
import { globalState } from "../../state.js";
import type { OmicsBackend } from "./backend.js";
import { omics } from "./index.js";
import { QUOTA_NAMES, type QuotaName } from "./quotas.js";
import { seedReady2Run, type Ready2RunWorkflowSpec } from "./ready2run.js";
import { createReferenceStoreRecord } from "./storage/reference-stores.js";
import { registrationOf, s3Objects, type S3ObjectStandIn } from "./storage/s3-objects.js";
import { createSequenceStoreRecord } from "./storage/sequence-stores.js";

/**
 * Test helpers for the HealthOmics fake (`aws-doubles/omics`): state AWS holds that the API
 * cannot create (AWS's Ready2Run catalogue, adjustable quotas), stand-ins for what the fake
 * cannot read (S3 objects that import jobs read), and ready-made stores.
 */
export interface Where {
  /** Default: the mock's account. */
  accountId?: string;
  /** Default: the mock's region. */
  region?: string;
}

function backendAt(where: Where, helper: string, others: readonly string[] = []): OmicsBackend {
  const state = globalState();
  const options = state.installation?.options;
  if (!options) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use a runner setup file) before using aws-doubles/omics helpers.");
  const { accountId, region } = resolveWhere(where, options, helper, others);
  return state.engine.backends.get({ serviceId: omics.serviceId, accountId, region, partition: partitionOf(region) }, (scope) => omics.createBackend(scope));
}

export interface DeclaredStore {
  storeId: string;
  storeType: StoreType;
  /** The store's S3 access point: what Put/Get/DeleteS3AccessPolicy address. */
  s3AccessPointArn: string;
  /** The store's S3 URI (through the access point's alias). */
  s3Uri: string;
}

/**
 * A sequence or reference store that exists at once (ACTIVE, named `declared-<id>` unless
 * `name` is given), with a chosen id if needed: the same store CreateSequenceStore or
 * CreateReferenceStore makes, with its S3 access point and the default S3 access policy
 * HealthOmics gives a new store. For tests that need a store without creating one first.
 */
export function declareStore(options: Where & { storeType?: StoreType; storeId?: string; name?: string } = {}): DeclaredStore {
  const backend = backendAt(options, "declareStore(options)", ["storeType", "storeId", "name"]);
  const storeType = options.storeType ?? "SEQUENCE_STORE";
  if (storeType !== "SEQUENCE_STORE" && storeType !== "REFERENCE_STORE") {
    throw new AwsDoublesUsageError(`storeType must be SEQUENCE_STORE or REFERENCE_STORE; got "${String(storeType)}"`);
  }
  const storeId = options.storeId ?? randomDigits(10);
  if (typeof storeId !== "string" || !/^[0-9]{10,36}$/.test(storeId)) throw new AwsDoublesUsageError(`storeId must be 10 to 36 digits, as text; got ${JSON.stringify(storeId) ?? String(storeId)}`);
  const { accountId, region } = backend.scope;
  if (backend.storage.isTaken(storeId)) throw new AwsDoublesUsageError(`The id ${storeId} is already taken in ${accountId}/${region}.`);
  const engine = globalState().engine;
  const name = options.name ?? `declared-${storeId}`;
  // Checked as the create the store stands for checks its name (type, length, pattern).
  const create = storeType === "SEQUENCE_STORE" ? "CreateSequenceStore" : "CreateReferenceStore";
  const { violations } = checkAsInput(omics, create, { name });
  if (violations.length > 0) throw new AwsDoublesUsageError(`declareStore(options): a name ${create} would refuse: ${formatViolations(violations)}`);
  const store =
    storeType === "SEQUENCE_STORE"
      ? createSequenceStoreRecord(backend, engine, { id: storeId, name, active: true }).access
      : createReferenceStoreRecord(backend, engine, { id: storeId, name }).access;
  return { storeId, storeType, s3AccessPointArn: store.s3AccessPointArn, s3Uri: store.s3Uri };
}

/**
 * Registers the content of an S3 object that HealthOmics import jobs read (a stand-in, see
 * docs/decisions/0004-stand-ins.md): read set imports (FASTQ, BAM, uBAM, CRAM), reference
 * imports (FASTA), annotation and variant imports (GFF3, TSV, VCF), by the object's S3 URI
 * (`"*"` for every URI without its own). `content` is the bytes or text, or a function
 * `(request, context) => bytes | text` called when a job reads the URI; what it throws fails
 * that source of the job with the message. Without a registration an import still creates its
 * read set or reference, without content (docs/services/omics.md). Registrations hold in every
 * account and region until aws.reset(); registering a URI again replaces its content.
 */
export function registerS3Object(uri: string, content: S3ObjectStandIn): void {
  s3Objects.register(globalState().engine, uri, registrationOf(uri, content));
}

/** Forgets an S3 object's content; returns whether one was registered. */
export function unregisterS3Object(uri: string): boolean {
  return s3Objects.unregister(globalState().engine, uri);
}

/**
 * Adds a workflow to AWS's Ready2Run catalogue of a Region (the mock's unless `region` is
 * given), which no account can create: GetWorkflow and ListWorkflows with `type: READY2RUN`
 * read it, and StartRun with `workflowType: READY2RUN` runs it (parameters checked against its
 * `parameterTemplate`, tasks from its `definitionZip` when given). Returns its id and ARN.
 * The catalogue is test state: aws.reset() empties it.
 */
export function seedReady2RunWorkflow(spec: Ready2RunWorkflowSpec): { id: string; arn: string } {
  const state = globalState();
  const given: unknown = spec !== null && typeof spec === "object" ? spec.region : undefined;
  const region = given !== undefined ? checkedRegion(given, "seedReady2RunWorkflow(spec)") : state.installation?.options.region;
  if (!region) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use a runner setup file) before using aws-doubles/omics helpers.");
  const workflow = seedReady2Run(state.engine, region, spec);
  return { id: workflow.id, arn: workflow.arn };
}

/** Sets an adjustable service quota of an account and region (see docs/services/omics.md). */
export function setServiceQuota(name: QuotaName, value: number, where: Where = {}): void {
  if (!QUOTA_NAMES.includes(name)) throw new AwsDoublesUsageError(`Unknown HealthOmics quota "${String(name)}". Quotas: ${QUOTA_NAMES.join(", ")}`);
  if (!Number.isInteger(value) || value < 0) throw new AwsDoublesUsageError(`A quota must be a whole number ≥ 0; got ${value}`);
  backendAt(where, "setServiceQuota(name, value, where)").quotas[name] = value;
}

export type { QuotaName } from "./quotas.js";
export type { Ready2RunWorkflowSpec } from "./ready2run.js";
export type { S3ObjectContent, S3ObjectRequest, S3ObjectStandIn } from "./storage/s3-objects.js";
export { ANY_KEY, type StandInContext } from "../../engine/stand-ins.js";
