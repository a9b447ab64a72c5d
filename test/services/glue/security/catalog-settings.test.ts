import {
  ConflictException,
  EntityNotFoundException,
  GetDataCatalogEncryptionSettingsCommand,
  GetDataCatalogExportConfigurationCommand,
  IdempotentParameterMismatchException,
  InvalidInputException,
  PutDataCatalogEncryptionSettingsCommand,
  PutDataCatalogExportConfigurationCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { glue, pollUntil } from "../helpers.js";

const ROLE_ARN = "arn:aws:iam::123456789012:role/CatalogEncryption";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

describe("Glue Data Catalog settings", () => {
  it("encryption settings: defaults, then what was put, per catalog", async () => {
    expect((await glue.send(new GetDataCatalogEncryptionSettingsCommand({}))).DataCatalogEncryptionSettings).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: "DISABLED" },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false },
    });
    await glue.send(
      new PutDataCatalogEncryptionSettingsCommand({
        DataCatalogEncryptionSettings: { EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS-WITH-SERVICE-ROLE", SseAwsKmsKeyId: "alias/catalog", CatalogEncryptionServiceRole: ROLE_ARN } },
      }),
    );
    expect((await glue.send(new GetDataCatalogEncryptionSettingsCommand({ CatalogId: "123456789012" }))).DataCatalogEncryptionSettings).toEqual({
      EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS-WITH-SERVICE-ROLE", SseAwsKmsKeyId: "alias/catalog", CatalogEncryptionServiceRole: ROLE_ARN },
      ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false },
    });
    // Another account's catalog keeps its own.
    expect((await glue.send(new GetDataCatalogEncryptionSettingsCommand({ CatalogId: "210987654321" }))).DataCatalogEncryptionSettings!.EncryptionAtRest).toEqual({ CatalogEncryptionMode: "DISABLED" });
  });

  it.each([
    [{ EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS-WITH-SERVICE-ROLE" } }, "needs a CatalogEncryptionServiceRole"],
    [{ EncryptionAtRest: { CatalogEncryptionMode: "DISABLED", SseAwsKmsKeyId: "k" } }, "DISABLED takes no"],
    [{ EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS", CatalogEncryptionServiceRole: ROLE_ARN } }, "only used with"],
    [{ EncryptionAtRest: { CatalogEncryptionMode: "SSE-KMS", CatalogEncryptionServiceRole: "role" } }, "failed to satisfy constraint"],
    [{ ConnectionPasswordEncryption: {} }, "returnConnectionPasswordEncrypted"],
  ])("PutDataCatalogEncryptionSettings refuses %j (%s)", async (settings, fragment) => {
    const error = await errorOf(glue.send(new PutDataCatalogEncryptionSettingsCommand({ DataCatalogEncryptionSettings: settings as never })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(fragment);
    expect((await glue.send(new GetDataCatalogEncryptionSettingsCommand({}))).DataCatalogEncryptionSettings!.EncryptionAtRest).toEqual({ CatalogEncryptionMode: "DISABLED" });
  });

  it("export configuration: ENABLING then ENABLED, DISABLING then DISABLED, one change at a time", async () => {
    expect(await errorOf(glue.send(new GetDataCatalogExportConfigurationCommand({})))).toBeInstanceOf(EntityNotFoundException);
    const put = await glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "ENABLED", EncryptionConfiguration: { SseAlgorithm: "aws:kms", KmsKeyArn: KEY } }));
    expect(put).toMatchObject({ ExportSetting: "ENABLED", EncryptionConfiguration: { SseAlgorithm: "aws:kms", KmsKeyArn: KEY } });
    // A change in progress refuses another.
    expect(await errorOf(glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "DISABLED" })))).toBeInstanceOf(ConflictException);
    const first = await glue.send(new GetDataCatalogExportConfigurationCommand({}));
    expect(first).toMatchObject({ ExportSetting: "ENABLED", Status: "ENABLING", S3TableBucketArn: "arn:aws:s3tables:us-east-1:123456789012:bucket/aws-glue-data-catalog-export" });
    const { value } = await pollUntil(() => glue.send(new GetDataCatalogExportConfigurationCommand({})), (c) => c.Status === "ENABLED");
    expect(value.CreatedAt).toBeInstanceOf(Date);

    await glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "DISABLED" }));
    aws.settle();
    const disabled = await glue.send(new GetDataCatalogExportConfigurationCommand({}));
    expect(disabled).toMatchObject({ ExportSetting: "DISABLED", Status: "DISABLED", EncryptionConfiguration: { SseAlgorithm: "aws:kms" } });
    expect(disabled.S3TableBucketArn).toBeUndefined();
  });

  it("export configuration: a failed enabling, a reused client token, and bad encryption", async () => {
    aws.lifecycle("Glue.DataCatalogExport").endsIn("FAILED", { message: "S3 Tables bucket is not reachable" });
    await glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "ENABLED", ClientToken: "token-1" }));
    aws.settle();
    expect((await glue.send(new GetDataCatalogExportConfigurationCommand({}))).Status).toBe("FAILED");
    // The same token and request replays; another request under it is refused.
    await glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "ENABLED", ClientToken: "token-1" }));
    expect(await errorOf(glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "DISABLED", ClientToken: "token-1" })))).toBeInstanceOf(IdempotentParameterMismatchException);
    expect((await errorOf(glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "ENABLED", EncryptionConfiguration: { SseAlgorithm: "AES256", KmsKeyArn: KEY } })))).message).toContain("only with SseAlgorithm aws:kms");
    expect((await errorOf(glue.send(new PutDataCatalogExportConfigurationCommand({ ExportSetting: "ENABLED", EncryptionConfiguration: { SseAlgorithm: "DES" } })))).message).toContain("enum value set");
  });
});
