/** The partition a region belongs to, as ARNs spell it. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the fifth colon, e.g. `workflow/my-flow`. */
  resource: string;
}

/** Builds `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function buildArn(parts: Omit<ArnParts, "partition"> & { partition?: string }): string {
  const partition = parts.partition ?? partitionOf(parts.region);
  return `arn:${partition}:${parts.service}:${parts.region}:${parts.accountId}:${parts.resource}`;
}

/** Splits an ARN into its parts, or returns undefined when the text is not an ARN. */
export function parseArn(arn: string): ArnParts | undefined {
  const match = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/s.exec(arn);
  if (!match) return undefined;
  const [, partition, service, region, accountId, resource] = match as unknown as [string, string, string, string, string, string];
  return { partition, service, region, accountId, resource };
}
