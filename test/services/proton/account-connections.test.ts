import {
  AcceptEnvironmentAccountConnectionCommand,
  AccessDeniedException,
  ConflictException,
  CreateEnvironmentAccountConnectionCommand,
  CreateEnvironmentCommand,
  DeleteEnvironmentAccountConnectionCommand,
  GetEnvironmentAccountConnectionCommand,
  ListEnvironmentAccountConnectionsCommand,
  ListEnvironmentProvisionedResourcesCommand,
  ProtonClient,
  RejectEnvironmentAccountConnectionCommand,
  ResourceNotFoundException,
  UpdateEnvironmentAccountConnectionCommand,
  ValidationException,
  waitUntilEnvironmentDeployed,
} from "@aws-sdk/client-proton";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { ACCOUNT, aws, ENV_SPEC, fast, proton, publishedEnvironmentTemplate } from "./helpers.js";

const ENV_ACCOUNT = "210987654321";
const environmentAccount = () => new ProtonClient({ credentials: aws.credentialsFor(ENV_ACCOUNT) });
const ROLE = `arn:aws:iam::${ENV_ACCOUNT}:role/ProtonEnvironmentRole`;

async function requestConnection(client: ProtonClient, environmentName = "prod", clientToken?: string) {
  const { environmentAccountConnection } = await client.send(
    new CreateEnvironmentAccountConnectionCommand({ managementAccountId: ACCOUNT, environmentName, roleArn: ROLE, clientToken, tags: [{ key: "k", value: "v" }] }),
  );
  return environmentAccountConnection!;
}

describe("Proton environment account connections", () => {
  it("is requested by an environment account, seen by both, and accepted by the management account", async () => {
    const env = environmentAccount();
    const requested = await requestConnection(env, "prod", "conn-1");
    expect(requested).toMatchObject({
      managementAccountId: ACCOUNT,
      environmentAccountId: ENV_ACCOUNT,
      environmentName: "prod",
      roleArn: ROLE,
      status: "PENDING",
      arn: `arn:aws:proton:us-east-1:${ENV_ACCOUNT}:environment-account-connection/${requested.id}`,
    });
    expect((await requestConnection(env, "prod", "conn-1")).id).toBe(requested.id);

    expect((await proton.send(new GetEnvironmentAccountConnectionCommand({ id: requested.id }))).environmentAccountConnection!.status).toBe("PENDING");
    const managed = await proton.send(new ListEnvironmentAccountConnectionsCommand({ requestedBy: "MANAGEMENT_ACCOUNT" }));
    expect(managed.environmentAccountConnections!.map((c) => c.id)).toEqual([requested.id]);
    expect((await proton.send(new ListEnvironmentAccountConnectionsCommand({ requestedBy: "ENVIRONMENT_ACCOUNT" }))).environmentAccountConnections).toEqual([]);
    expect((await env.send(new ListEnvironmentAccountConnectionsCommand({ requestedBy: "ENVIRONMENT_ACCOUNT", statuses: ["PENDING"] }))).environmentAccountConnections).toHaveLength(1);

    const notYours = await rejectionOf(env.send(new AcceptEnvironmentAccountConnectionCommand({ id: requested.id })));
    expect(notYours).toBeInstanceOf(AccessDeniedException);
    expect(notYours.$metadata.httpStatusCode).toBe(403);
    const accepted = await proton.send(new AcceptEnvironmentAccountConnectionCommand({ id: requested.id }));
    expect(accepted.environmentAccountConnection!.status).toBe("CONNECTED");
    expect(await rejectionOf(proton.send(new AcceptEnvironmentAccountConnectionCommand({ id: requested.id })))).toBeInstanceOf(ConflictException);
    expect((await env.send(new ListEnvironmentAccountConnectionsCommand({ requestedBy: "ENVIRONMENT_ACCOUNT", statuses: ["PENDING"] }))).environmentAccountConnections).toEqual([]);
  });

  it("provisions an environment through an accepted connection, which then can't be rejected", async () => {
    const connection = await requestConnection(environmentAccount());
    await publishedEnvironmentTemplate();
    const create = (name: string) =>
      new CreateEnvironmentCommand({ name, templateName: "vpc-env", templateMajorVersion: "1", spec: ENV_SPEC, environmentAccountConnectionId: connection.id });
    const pending = await rejectionOf(proton.send(create("prod")));
    expect(pending).toBeInstanceOf(ValidationException);
    expect(pending.message).toContain("PENDING");
    await proton.send(new AcceptEnvironmentAccountConnectionCommand({ id: connection.id }));
    const otherName = await rejectionOf(proton.send(create("staging")));
    expect(otherName.message).toContain("was requested for environment prod");
    const created = await proton.send(create("prod"));
    expect(created.environment).toMatchObject({ environmentAccountConnectionId: connection.id, environmentAccountId: ENV_ACCOUNT });
    await waitUntilEnvironmentDeployed(fast(), { name: "prod" });
    // Its infrastructure lives in the environment account.
    const { provisionedResources } = await proton.send(new ListEnvironmentProvisionedResourcesCommand({ environmentName: "prod" }));
    expect(provisionedResources![0]!.identifier).toContain(`:cloudformation:us-east-1:${ENV_ACCOUNT}:stack/`);
    const reject = await rejectionOf(proton.send(new RejectEnvironmentAccountConnectionCommand({ id: connection.id })));
    expect(reject).toBeInstanceOf(ConflictException);
    expect(reject.message).toContain("connected to environment prod");
  });

  it("is rejected, updated and deleted by the right accounts", async () => {
    const env = environmentAccount();
    const connection = await requestConnection(env);
    const newRole = `arn:aws:iam::${ENV_ACCOUNT}:role/Other`;
    const updated = await env.send(new UpdateEnvironmentAccountConnectionCommand({ id: connection.id, roleArn: newRole, componentRoleArn: newRole }));
    expect(updated.environmentAccountConnection).toMatchObject({ roleArn: newRole, componentRoleArn: newRole });
    expect(await rejectionOf(proton.send(new UpdateEnvironmentAccountConnectionCommand({ id: connection.id, roleArn: newRole })))).toBeInstanceOf(AccessDeniedException);

    const rejected = await proton.send(new RejectEnvironmentAccountConnectionCommand({ id: connection.id }));
    expect(rejected.environmentAccountConnection!.status).toBe("REJECTED");
    expect(await rejectionOf(proton.send(new RejectEnvironmentAccountConnectionCommand({ id: connection.id })))).toBeInstanceOf(ConflictException);
    expect(await rejectionOf(proton.send(new AcceptEnvironmentAccountConnectionCommand({ id: connection.id })))).toBeInstanceOf(ConflictException);

    expect(await rejectionOf(proton.send(new DeleteEnvironmentAccountConnectionCommand({ id: connection.id })))).toBeInstanceOf(AccessDeniedException);
    const deleted = await env.send(new DeleteEnvironmentAccountConnectionCommand({ id: connection.id }));
    expect(deleted.environmentAccountConnection!.id).toBe(connection.id);
    expect((await env.send(new DeleteEnvironmentAccountConnectionCommand({ id: connection.id }))).environmentAccountConnection).toBeUndefined();
    expect(await rejectionOf(proton.send(new GetEnvironmentAccountConnectionCommand({ id: connection.id })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("validates requests and refuses a second open connection for the same environment", async () => {
    const env = environmentAccount();
    const self = await rejectionOf(env.send(new CreateEnvironmentAccountConnectionCommand({ managementAccountId: ENV_ACCOUNT, environmentName: "prod", roleArn: ROLE })));
    expect(self).toBeInstanceOf(ValidationException);
    expect(self.message).toContain("different management account");
    const noRole = await rejectionOf(env.send(new CreateEnvironmentAccountConnectionCommand({ managementAccountId: ACCOUNT, environmentName: "prod" })));
    expect(noRole.message).toContain("roleArn");
    const badAccount = await rejectionOf(env.send(new CreateEnvironmentAccountConnectionCommand({ managementAccountId: "12", environmentName: "prod", roleArn: ROLE })));
    expect(badAccount.message).toContain("at 'managementAccountId' failed to satisfy constraint");
    await requestConnection(env);
    const second = await rejectionOf(requestConnection(env));
    expect(second).toBeInstanceOf(ConflictException);
    await requestConnection(env, "staging", "token-x");
    const mismatch = await rejectionOf(requestConnection(env, "qa", "token-x"));
    expect(mismatch).toBeInstanceOf(ValidationException);
    expect(mismatch.message).toContain("IdempotentParameterMismatch");
    const badStatus = await rejectionOf(proton.send(new ListEnvironmentAccountConnectionsCommand({ requestedBy: "MANAGEMENT_ACCOUNT", statuses: ["OPEN" as never] })));
    expect(badStatus.message).toContain("Member must satisfy enum value set");
    expect(await rejectionOf(proton.send(new GetEnvironmentAccountConnectionCommand({ id: "11111111-2222-3333-4444-555555555555" })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
