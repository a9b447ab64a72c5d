import { AwsDoublesUsageError } from "../../../engine/errors.js";
import { ANY_KEY, StandInFamily, type StandIn } from "../../../engine/stand-ins.js";
import type { OmicsEnv } from "../backend.js";

/**
 * The stand-in for what HealthOmics reads from Amazon S3 (docs/decisions/0004-stand-ins.md):
 * read set, reference, annotation and variant import jobs take their files from S3 URIs, which
 * the fake cannot read. A test registers an object's content by its URI (`"*"` for every URI
 * without its own); the import then stores those bytes and reads them as HealthOmics would
 * (counting reads, indexing a FASTA, …). A function stand-in runs when the import works on
 * that source; what it throws fails that source with the message. Without a registration the
 * import still creates the resource, without content (see docs/services/omics.md).
 */
export interface S3ObjectRequest {
  /** The S3 URI the job reads. */
  uri: string;
  /** Which job reads it. */
  job: "ReadSetImport" | "ReferenceImport" | "AnnotationImport" | "VariantImport";
  jobId: string;
}

export type S3ObjectContent = Uint8Array | string;

export type S3ObjectStandIn = StandIn<S3ObjectRequest, S3ObjectContent>;

const isContent = (value: unknown): value is S3ObjectContent => value instanceof Uint8Array || typeof value === "string";

export const s3Objects = new StandInFamily<S3ObjectRequest, S3ObjectContent>("omics.s3Objects", "HealthOmics S3 object", "the object's bytes (a Uint8Array) or text (a string)", isContent);

const S3_OBJECT_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/s;

/** Checks a registration's key and copies bytes, so a caller reusing its buffer changes nothing stored. */
export function registrationOf(uri: string, content: S3ObjectStandIn): S3ObjectStandIn {
  if (uri !== ANY_KEY && (typeof uri !== "string" || !S3_OBJECT_URI.test(uri))) {
    throw new AwsDoublesUsageError(`registerS3Object needs an S3 object URI (s3://bucket/key) or "${ANY_KEY}"; got ${JSON.stringify(uri)}.`);
  }
  return content instanceof Uint8Array ? Uint8Array.from(content) : content;
}

export type S3ObjectRead = { kind: "none" } | { kind: "bytes"; bytes: Uint8Array } | { kind: "failed"; message: string };

/** What a job finds at an S3 URI: the registered content, nothing registered, or the failure to report. */
export function readS3Object(env: OmicsEnv, request: S3ObjectRequest): S3ObjectRead {
  const { accountId, region } = env.backend.scope;
  const outcome = s3Objects.resolve(env.engine, [request.uri], request, { accountId, region }, (answer) =>
    isContent(answer) ? undefined : `returned ${answer === null ? "null" : typeof answer}; return the object's bytes (a Uint8Array) or text (a string).`,
  );
  if (outcome.kind === "none") return { kind: "none" };
  if (outcome.kind === "failed") return { kind: "failed", message: outcome.message };
  const content = outcome.answer;
  return { kind: "bytes", bytes: typeof content === "string" ? new Uint8Array(Buffer.from(content, "utf8")) : Uint8Array.from(content) };
}
