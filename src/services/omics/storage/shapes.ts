import { int, list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { printable } from "../shapes.js";

/**
 * Constraints shared by the storage families (HealthOmics API reference, "Data types"). The
 * sequence and reference store side (control-storage-/storage- hosts) and the analytics side
 * (variant and annotation stores, analytics- host) spell several shapes differently.
 */

/** SequenceStoreId, ReferenceStoreId, ReadSetId, ReferenceId, UploadId and the job ids: 10 to 36 digits. */
export const STORAGE_ID = str({ min: 10, max: 36, pattern: "[0-9]+" });

/** Names and ids given by callers on the storage side (store, read set and reference store names, subject and sample ids…). */
export const NAME_127 = printable(1, 127);
export const DESCRIPTION_255 = printable(1, 255);
export const CLIENT_TOKEN = printable(1, 127);

/** ReferenceName: 3 to 255 printable characters. */
export const REFERENCE_NAME = printable(3, 255);

/** ReferenceArn (and the other storage ARNs): `arn:` and up to 127 characters. */
export const STORAGE_ARN = str({ min: 1, max: 127, pattern: "arn:.+" });

/** RoleArn of the storage jobs. */
export const JOB_ROLE_ARN = str({ min: 20, max: 2048, pattern: "arn:.*" });

/** S3Uri: an object, `s3://bucket/key`. */
export const S3_URI = str({ pattern: "s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/(.{1,1024})" });

/** S3Destination: a bucket, or a bucket and a folder ending in `/`. */
export const S3_DESTINATION = str({ pattern: "s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/?((.{1,1024})/)?" });

/** AccessLogLocation: empty, or like S3Destination (folders of up to 800 characters). */
export const ACCESS_LOG_LOCATION = str({ pattern: "$|^s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/?((.{1,800})/)?" });

/** SseConfig: KMS, with an optional key ARN. */
export const SSE_CONFIG = struct({
  type: oneOf("EncryptionType"),
  keyArn: str({ min: 20, max: 2048, pattern: "arn:([^:\\n]*):([^:\\n]*):([^:\\n]*):([0-9]{12}):([^:\\n]*)" }),
});

/** Page sizes (1..100) and tokens of the storage side. */
export const PAGE_SIZE = int({ min: 1, max: 100 });
export const NEXT_TOKEN = printable(1, 6144);

/** PartNumber of uploads and downloads. */
export const PART_NUMBER = int({ min: 1, max: 10000 });

/** Tag keys to propagate to a sequence store's S3 objects. */
export const PROPAGATED_TAG_KEYS = list(str({ min: 1, max: 128 }), { max: 50 });

/** The analytics side: store and version names, ARNs, descriptions, ids, page tokens. */
export const ANALYTICS_NAME = str({ min: 3, max: 255, pattern: "([a-z]){1}([a-z0-9_]){2,254}" });
export const ANALYTICS_ARN = str({ min: 20, max: 2048, pattern: "arn:([^:\\n]*):([^:\\n]*):([^:\\n]*):([0-9]{12}):([^:\\n]*)" });
export const ANALYTICS_DESCRIPTION = str({ max: 500 });
export const ANALYTICS_TOKEN = str({ min: 1, max: 10000 });
export const RESOURCE_UUID = str({ pattern: "[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}" });
/** IdList of the analytics list operations: 1 to 20 ids of up to 50 characters. */
export const ID_LIST = list(str({ min: 1, max: 50 }), { min: 1, max: 20 });

/** The ReferenceItem union of the analytics stores. */
export const REFERENCE_ITEM = struct({ referenceArn: STORAGE_ARN });

/** Read set parts: 100 MiB at most each (the API reference: "Each part cannot be larger than 100 MB"). */
export const MAX_PART_BYTES = 100 * 1024 * 1024;

/** The part size HealthOmics serves read set and reference files in (GetReadSet / GetReference partNumber). */
export const DOWNLOAD_PART_BYTES = 100 * 1024 * 1024;
