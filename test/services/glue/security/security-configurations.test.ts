import {
  AlreadyExistsException,
  CreateSecurityConfigurationCommand,
  DeleteSecurityConfigurationCommand,
  EntityNotFoundException,
  GetSecurityConfigurationCommand,
  GetSecurityConfigurationsCommand,
  InvalidInputException,
  paginateGetSecurityConfigurations,
  type EncryptionConfiguration,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { glue } from "../helpers.js";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};
const create = (Name: string, EncryptionConfiguration: EncryptionConfiguration) => glue.send(new CreateSecurityConfigurationCommand({ Name, EncryptionConfiguration }));

describe("Glue security configurations", () => {
  it("creates one, returning every section (DISABLED where left out), and deletes it", async () => {
    const created = await create("s3-kms", { S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: KEY }] });
    expect(created.Name).toBe("s3-kms");
    expect(created.CreatedTimestamp).toBeInstanceOf(Date);
    const { SecurityConfiguration } = await glue.send(new GetSecurityConfigurationCommand({ Name: "s3-kms" }));
    expect(SecurityConfiguration).toEqual({
      Name: "s3-kms",
      CreatedTimeStamp: created.CreatedTimestamp,
      EncryptionConfiguration: {
        S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: KEY }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: "DISABLED" },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: "DISABLED" },
      },
    });
    expect(await errorOf(create("s3-kms", {}))).toBeInstanceOf(AlreadyExistsException);
    await glue.send(new DeleteSecurityConfigurationCommand({ Name: "s3-kms" }));
    expect(await errorOf(glue.send(new DeleteSecurityConfigurationCommand({ Name: "s3-kms" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new GetSecurityConfigurationCommand({ Name: "s3-kms" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it.each([
    [{ S3Encryption: [{ S3EncryptionMode: "SSE-KMS" }] }, "needs a KmsKeyArn"],
    [{ S3Encryption: [{ S3EncryptionMode: "SSE-S3", KmsKeyArn: KEY }] }, "only used with mode SSE-KMS"],
    [{ CloudWatchEncryption: { CloudWatchEncryptionMode: "SSE-KMS" } }, "CloudWatchEncryption: mode SSE-KMS needs a KmsKeyArn"],
    [{ JobBookmarksEncryption: { JobBookmarksEncryptionMode: "CSE-KMS" } }, "JobBookmarksEncryption"],
    [{ S3Encryption: [{ S3EncryptionMode: "SSE-KMS", KmsKeyArn: "alias/mine" }] }, "failed to satisfy constraint"],
    [{ S3Encryption: [{ S3EncryptionMode: "SSE-C" }] }, "enum value set"],
  ] as Array<[EncryptionConfiguration, string]>)("refuses %j (%s)", async (configuration, fragment) => {
    const error = await errorOf(create("bad", configuration));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(fragment);
    expect((await glue.send(new GetSecurityConfigurationsCommand({}))).SecurityConfigurations).toEqual([]);
  });

  it("lists them in name order with the SDK paginator", async () => {
    for (const name of ["c", "a", "e", "b", "d"]) await create(name, { CloudWatchEncryption: { CloudWatchEncryptionMode: "SSE-KMS", KmsKeyArn: KEY } });
    const names: string[] = [];
    for await (const page of paginateGetSecurityConfigurations({ client: glue, pageSize: 2 }, {})) names.push(...page.SecurityConfigurations!.map((s) => s.Name!));
    expect(names).toEqual(["a", "b", "c", "d", "e"]);
  });
});
