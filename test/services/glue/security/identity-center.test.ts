import {
  AlreadyExistsException,
  CreateGlueIdentityCenterConfigurationCommand,
  DeleteGlueIdentityCenterConfigurationCommand,
  EntityNotFoundException,
  GetGlueIdentityCenterConfigurationCommand,
  InvalidInputException,
  UpdateGlueIdentityCenterConfigurationCommand,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { glue } from "../helpers.js";

const INSTANCE = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

describe("Glue Identity Center configuration", () => {
  it("creates the account's one configuration, reads, updates and deletes it", async () => {
    expect(await errorOf(glue.send(new GetGlueIdentityCenterConfigurationCommand({})))).toBeInstanceOf(EntityNotFoundException);
    const { ApplicationArn } = await glue.send(new CreateGlueIdentityCenterConfigurationCommand({ InstanceArn: INSTANCE, Scopes: ["glue:read"] }));
    expect(ApplicationArn).toMatch(/^arn:aws:sso::123456789012:application\/ssoins-1234567890abcdef\/apl-[0-9a-f]{16}$/);
    expect(await errorOf(glue.send(new CreateGlueIdentityCenterConfigurationCommand({ InstanceArn: INSTANCE })))).toBeInstanceOf(AlreadyExistsException);
    expect(await glue.send(new GetGlueIdentityCenterConfigurationCommand({}))).toMatchObject({ ApplicationArn, InstanceArn: INSTANCE, Scopes: ["glue:read"] });

    await glue.send(new UpdateGlueIdentityCenterConfigurationCommand({ UserBackgroundSessionsEnabled: true }));
    expect(await glue.send(new GetGlueIdentityCenterConfigurationCommand({}))).toMatchObject({ Scopes: ["glue:read"], UserBackgroundSessionsEnabled: true });
    await glue.send(new UpdateGlueIdentityCenterConfigurationCommand({ Scopes: ["glue:read", "glue:write"] }));
    expect((await glue.send(new GetGlueIdentityCenterConfigurationCommand({}))).Scopes).toEqual(["glue:read", "glue:write"]);

    await glue.send(new DeleteGlueIdentityCenterConfigurationCommand({}));
    expect(await errorOf(glue.send(new DeleteGlueIdentityCenterConfigurationCommand({})))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new UpdateGlueIdentityCenterConfigurationCommand({ Scopes: ["x"] })))).toBeInstanceOf(EntityNotFoundException);
  });

  it.each([
    [{ InstanceArn: "arn:aws:sso:::instance/bad" }, "not an IAM Identity Center instance ARN"],
    [{ InstanceArn: "short" }, "length greater than or equal to 10"],
    [{ InstanceArn: INSTANCE, Scopes: [] }, "length greater than or equal to 1"],
    [{ InstanceArn: INSTANCE, Scopes: ["s".repeat(51)] }, "length less than or equal to 50"],
  ])("refuses %j (%s)", async (request, fragment) => {
    const error = await errorOf(glue.send(new CreateGlueIdentityCenterConfigurationCommand(request)));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(fragment);
    expect(await errorOf(glue.send(new GetGlueIdentityCenterConfigurationCommand({})))).toBeInstanceOf(EntityNotFoundException);
  });
});
