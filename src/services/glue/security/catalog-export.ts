import type {
  ExportEncryptionConfiguration,
  GetDataCatalogExportConfigurationOutput,
  PutDataCatalogExportConfigurationInput,
  PutDataCatalogExportConfigurationOutput,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import type { LifecycleKind } from "../../../engine/service.js";
import { oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op } from "../backend.js";

/** The lifecycle kind of the Data Catalog's export to S3 Tables (aws.lifecycle("Glue.DataCatalogExport")). */
export const CATALOG_EXPORT = "Glue.DataCatalogExport";

export const CATALOG_EXPORT_LIFECYCLE: LifecycleKind = {
  kind: CATALOG_EXPORT,
  states: ["ENABLING", "ENABLED", "DISABLING", "DISABLED", "FAILED"],
  failures: ["FAILED"],
  attributes: ["accountId", "region", "ExportSetting"],
};

export interface ExportConfigurationRecord {
  ExportSetting: "ENABLED" | "DISABLED";
  EncryptionConfiguration?: ExportEncryptionConfiguration | undefined;
  /** ENABLING → ENABLED, or DISABLING → DISABLED: the change the last Put started. */
  process: LinearProcess;
  CreatedAt: Date;
  UpdatedAt: Date;
}

/** "Valid values are AES256 and aws:kms." */
const SSE_ALGORITHMS = ["AES256", "aws:kms"] as const;

const ENCRYPTION = struct({ SseAlgorithm: oneOf(SSE_ALGORITHMS), KmsKeyArn: str({ min: 1, max: 2048, pattern: "^arn:aws[a-z-]*:kms:.*" }) });

function encryptionProblem(encryption: ExportEncryptionConfiguration | undefined): string | undefined {
  if (!encryption) return undefined;
  if (encryption.KmsKeyArn && encryption.SseAlgorithm !== "aws:kms") return "EncryptionConfiguration: a KmsKeyArn is used only with SseAlgorithm aws:kms.";
  if (encryption.SseAlgorithm === "aws:kms" && !encryption.KmsKeyArn) return "EncryptionConfiguration: SseAlgorithm aws:kms needs a KmsKeyArn.";
  return undefined;
}

export const getDataCatalogExportConfiguration = op<Record<string, never>, GetDataCatalogExportConfigurationOutput>({
  errors: ["EntityNotFoundException"],
  run(ctx) {
    const record = ctx.backend.security.exportConfiguration;
    if (!record) throw ctx.error("EntityNotFoundException", "The Data Catalog has no export configuration: set one with PutDataCatalogExportConfiguration.");
    ctx.observe(record.process);
    const enabled = record.ExportSetting === "ENABLED";
    return {
      ExportSetting: record.ExportSetting,
      Status: record.process.state as GetDataCatalogExportConfigurationOutput["Status"],
      EncryptionConfiguration: record.EncryptionConfiguration ? deepCopy(record.EncryptionConfiguration) : undefined,
      // Where the export writes: the account's S3 Tables bucket for catalog metadata (the name is the fake's).
      S3TableBucketArn: enabled ? `arn:${ctx.partition}:s3tables:${ctx.region}:${ctx.accountId}:bucket/aws-glue-data-catalog-export` : undefined,
      CreatedAt: record.CreatedAt,
      UpdatedAt: record.UpdatedAt,
    };
  },
});

export const putDataCatalogExportConfiguration = op<PutDataCatalogExportConfigurationInput, PutDataCatalogExportConfigurationOutput>({
  input: { ExportSetting: oneOf("ExportSetting"), EncryptionConfiguration: ENCRYPTION, ClientToken: str({ min: 1, max: 255 }) },
  errors: ["ConflictException"],
  unmodelledErrors: {
    IdempotentParameterMismatchException:
      "ClientToken is the operation's idempotency token (the SDK schema marks it): Glue answers a token reused with another request with this error, as on its other token-bearing operations.",
  },
  run(ctx, input) {
    const problem = encryptionProblem(input.EncryptionConfiguration);
    if (problem) throw ctx.invalid(problem);
    const state = ctx.backend.security;
    const current = state.exportConfiguration;
    if (current && !current.process.done) {
      throw ctx.error("ConflictException", `The Data Catalog export is ${current.process.state}: wait until it is ${current.ExportSetting} before changing it again.`);
    }
    const setting = input.ExportSetting! as "ENABLED" | "DISABLED";
    const now = ctx.now();
    const unchanged = current ? current.process.state === setting : setting === "DISABLED";
    const path = unchanged ? [setting] : setting === "ENABLED" ? ["ENABLING", "ENABLED"] : ["DISABLING", "DISABLED"];
    const process = ctx.track(new LinearProcess({ kind: CATALOG_EXPORT, path }, { accountId: ctx.accountId, region: ctx.region, ExportSetting: setting }));
    state.exportConfiguration = {
      ExportSetting: setting,
      EncryptionConfiguration: input.EncryptionConfiguration ?? current?.EncryptionConfiguration,
      process,
      CreatedAt: current?.CreatedAt ?? now,
      UpdatedAt: now,
    };
    return { ExportSetting: setting, EncryptionConfiguration: state.exportConfiguration.EncryptionConfiguration ? deepCopy(state.exportConfiguration.EncryptionConfiguration) : undefined };
  },
});
