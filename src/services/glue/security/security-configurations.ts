import type {
  CreateSecurityConfigurationRequest,
  CreateSecurityConfigurationResponse,
  DeleteSecurityConfigurationRequest,
  DeleteSecurityConfigurationResponse,
  EncryptionConfiguration,
  GetSecurityConfigurationRequest,
  GetSecurityConfigurationResponse,
  GetSecurityConfigurationsRequest,
  GetSecurityConfigurationsResponse,
  SecurityConfiguration,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME, pageSize } from "../shapes.js";

/** A security configuration as Glue keeps it. */
export interface SecurityConfigurationRecord {
  Name: string;
  CreatedTimeStamp: Date;
  EncryptionConfiguration: EncryptionConfiguration;
}

/**
 * The security configuration `name` of this account and region, or undefined. Jobs, job runs,
 * crawlers, dev endpoints and sessions name one; each family decides where AWS checks it
 * (crawlers at CreateCrawler/UpdateCrawler, job runs when they start).
 */
export function findSecurityConfiguration(backend: GlueBackend, name: string): SecurityConfigurationRecord | undefined {
  return backend.security.configurations.get(name);
}

/**
 * Why a resource being created cannot name security configuration `name`, or undefined: the
 * check CreateDevEndpoint, CreateSession and CreateMLTransform make (as CreateCrawler does, the
 * configuration is retrieved when the resource is created; deleting it afterwards is allowed).
 */
export function securityConfigurationProblem(backend: GlueBackend, name: string | undefined): string | undefined {
  if (name === undefined || findSecurityConfiguration(backend, name)) return undefined;
  return `Error trying to retrieve security config, error message: security configuration ${name} not found.`;
}

const KMS_KEY_ARN = str({ pattern: "^arn:aws:kms:.*" });

const ENCRYPTION_CONFIGURATION = struct({
  S3Encryption: list(struct({ S3EncryptionMode: oneOf("S3EncryptionMode"), KmsKeyArn: KMS_KEY_ARN })),
  CloudWatchEncryption: struct({ CloudWatchEncryptionMode: oneOf("CloudWatchEncryptionMode"), KmsKeyArn: KMS_KEY_ARN }),
  JobBookmarksEncryption: struct({ JobBookmarksEncryptionMode: oneOf("JobBookmarksEncryptionMode"), KmsKeyArn: KMS_KEY_ARN }),
  DataQualityEncryption: struct({ DataQualityEncryptionMode: oneOf("DataQualityEncryptionMode"), KmsKeyArn: KMS_KEY_ARN }),
});

/** A mode that encrypts with a customer key needs that key; the others take none. */
function keyProblem(what: string, mode: string | undefined, keyModes: readonly string[], key: string | undefined): string | undefined {
  const needsKey = mode !== undefined && keyModes.includes(mode);
  if (needsKey && !key) return `${what}: mode ${mode} needs a KmsKeyArn.`;
  if (!needsKey && key) return `${what}: a KmsKeyArn is only used with mode ${keyModes.join(" or ")}, not ${mode ?? "an unset mode"}.`;
  return undefined;
}

function encryptionProblem(configuration: EncryptionConfiguration): string | undefined {
  for (const [i, s3] of (configuration.S3Encryption ?? []).entries()) {
    const problem = keyProblem(`S3Encryption[${i}]`, s3.S3EncryptionMode, ["SSE-KMS"], s3.KmsKeyArn);
    if (problem) return problem;
  }
  const cloudWatch = configuration.CloudWatchEncryption;
  const bookmarks = configuration.JobBookmarksEncryption;
  const dataQuality = configuration.DataQualityEncryption;
  return (
    (cloudWatch && keyProblem("CloudWatchEncryption", cloudWatch.CloudWatchEncryptionMode, ["SSE-KMS"], cloudWatch.KmsKeyArn)) ||
    (bookmarks && keyProblem("JobBookmarksEncryption", bookmarks.JobBookmarksEncryptionMode, ["CSE-KMS"], bookmarks.KmsKeyArn)) ||
    (dataQuality && keyProblem("DataQualityEncryption", dataQuality.DataQualityEncryptionMode, ["SSE-KMS"], dataQuality.KmsKeyArn)) ||
    undefined
  );
}

/** As Glue returns it: every section present, the ones left out DISABLED. */
function withDisabledSections(configuration: EncryptionConfiguration): EncryptionConfiguration {
  const out = deepCopy(configuration);
  if (!out.S3Encryption || out.S3Encryption.length === 0) out.S3Encryption = [{ S3EncryptionMode: "DISABLED" }];
  out.CloudWatchEncryption ??= { CloudWatchEncryptionMode: "DISABLED" };
  out.JobBookmarksEncryption ??= { JobBookmarksEncryptionMode: "DISABLED" };
  return out;
}

function render(record: SecurityConfigurationRecord): SecurityConfiguration {
  return { Name: record.Name, CreatedTimeStamp: record.CreatedTimeStamp, EncryptionConfiguration: deepCopy(record.EncryptionConfiguration) };
}

function find(ctx: RequestContext<GlueBackend>, name: string): SecurityConfigurationRecord {
  const record = findSecurityConfiguration(ctx.backend, name);
  if (!record) throw ctx.error("EntityNotFoundException", `Security configuration ${name} not found.`);
  return record;
}

export const createSecurityConfiguration = op<CreateSecurityConfigurationRequest, CreateSecurityConfigurationResponse>({
  input: { Name: NAME, EncryptionConfiguration: ENCRYPTION_CONFIGURATION },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.security.configurations.has(name)) throw ctx.error("AlreadyExistsException", `Security configuration ${name} already exists.`);
    const problem = encryptionProblem(input.EncryptionConfiguration!);
    if (problem) throw ctx.invalid(problem);
    const record: SecurityConfigurationRecord = { Name: name, CreatedTimeStamp: ctx.now(), EncryptionConfiguration: withDisabledSections(input.EncryptionConfiguration!) };
    ctx.backend.security.configurations.set(name, record);
    return { Name: name, CreatedTimestamp: record.CreatedTimeStamp };
  },
});

export const getSecurityConfiguration = op<GetSecurityConfigurationRequest, GetSecurityConfigurationResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { SecurityConfiguration: render(find(ctx, input.Name!)) };
  },
});

export const getSecurityConfigurations = op<GetSecurityConfigurationsRequest, GetSecurityConfigurationsResponse>({
  input: { MaxResults: pageSize(1000) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.security.configurations, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { SecurityConfigurations: page.items.map(render), NextToken: page.nextToken };
  },
});

export const deleteSecurityConfiguration = op<DeleteSecurityConfigurationRequest, DeleteSecurityConfigurationResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    // AWS does not refuse to delete a configuration that jobs or crawlers still name: their
    // next run or update is what fails.
    ctx.backend.security.configurations.delete(find(ctx, input.Name!).Name);
    return {};
  },
});
