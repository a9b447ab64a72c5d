/**
 * HealthOmics service quotas the fake enforces with ServiceQuotaExceededException. They are
 * adjustable in AWS (Service Quotas console) and per account and region here, through
 * `setServiceQuota` from `aws-doubles/omics`. The defaults are the fake's, chosen to be
 * generous; set the value your account has when a test depends on it.
 */
export const DEFAULT_QUOTAS = {
  /** Private workflows per account and region. */
  workflows: 1000,
  /** Versions per workflow. */
  workflowVersions: 100,
  /** Runs whose metadata HealthOmics keeps (active and inactive); see retentionMode. */
  runs: 5000,
  /** Run groups per account and region. */
  runGroups: 100,
  /** Run caches per account and region. */
  runCaches: 100,
  /** Configurations per account and region. */
  configurations: 10,
  /** Tags per resource. */
  tagsPerResource: 50,
  /** Sequence stores per account and region. */
  sequenceStores: 100,
  /** Reference stores per account and region. */
  referenceStores: 100,
  /** Annotation stores per account and region. */
  annotationStores: 100,
  /** Versions per annotation store. */
  annotationStoreVersions: 100,
  /** Variant stores per account and region. */
  variantStores: 100,
  /**
   * Bytes one direct upload may hold (all its parts). Not an AWS quota (AWS takes files of up
   * to 5 TiB): the fake keeps uploads in memory, and refuses more with ServiceQuotaExceededException.
   */
  uploadBytes: 512 * 1024 * 1024,
} as const satisfies Record<string, number>;

export type QuotaName = keyof typeof DEFAULT_QUOTAS;

export const QUOTA_NAMES = Object.keys(DEFAULT_QUOTAS) as QuotaName[];
