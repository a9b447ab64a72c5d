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
} as const satisfies Record<string, number>;

export type QuotaName = keyof typeof DEFAULT_QUOTAS;

export const QUOTA_NAMES = Object.keys(DEFAULT_QUOTAS) as QuotaName[];
