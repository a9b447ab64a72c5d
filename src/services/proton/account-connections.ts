import type {
  AcceptEnvironmentAccountConnectionInput,
  AcceptEnvironmentAccountConnectionOutput,
  CreateEnvironmentAccountConnectionInput,
  CreateEnvironmentAccountConnectionOutput,
  DeleteEnvironmentAccountConnectionInput,
  DeleteEnvironmentAccountConnectionOutput,
  EnvironmentAccountConnection,
  EnvironmentAccountConnectionSummary,
  GetEnvironmentAccountConnectionInput,
  GetEnvironmentAccountConnectionOutput,
  ListEnvironmentAccountConnectionsInput,
  ListEnvironmentAccountConnectionsOutput,
  RejectEnvironmentAccountConnectionInput,
  RejectEnvironmentAccountConnectionOutput,
  UpdateEnvironmentAccountConnectionInput,
  UpdateEnvironmentAccountConnectionOutput,
} from "@aws-sdk/client-proton";
import { uuid } from "../../engine/ids.js";
import { list, oneOf } from "../../engine/validation/rules.js";
import { op, type ProtonBackend } from "./backend.js";
import { conflict, newResourceTags, nextSeq, notFound, page, storeTags, type Ctx } from "./common.js";
import { ACCOUNT_ID, CLIENT_TOKEN, MAX_RESULTS, NEXT_TOKEN, RESOURCE_NAME, ROLE_ARN, TAGS, UUID } from "./shapes.js";

/**
 * Environment account connections: an environment account asks a management account to
 * provision an environment into it (PENDING); the management account accepts (CONNECTED)
 * or rejects (REJECTED). The one record is visible from both accounts' backends.
 */
export interface ConnectionRecord {
  seq: number;
  id: string;
  arn: string;
  managementAccountId: string;
  environmentAccountId: string;
  roleArn?: string | undefined;
  environmentName: string;
  requestedAt: Date;
  lastModifiedAt: Date;
  status: "PENDING" | "CONNECTED" | "REJECTED";
  componentRoleArn?: string | undefined;
  codebuildRoleArn?: string | undefined;
}

function render(connection: ConnectionRecord): EnvironmentAccountConnection {
  return {
    id: connection.id,
    arn: connection.arn,
    managementAccountId: connection.managementAccountId,
    environmentAccountId: connection.environmentAccountId,
    roleArn: connection.roleArn,
    environmentName: connection.environmentName,
    requestedAt: connection.requestedAt,
    lastModifiedAt: connection.lastModifiedAt,
    status: connection.status,
    componentRoleArn: connection.componentRoleArn,
    codebuildRoleArn: connection.codebuildRoleArn,
  };
}

function renderSummary(connection: ConnectionRecord): EnvironmentAccountConnectionSummary {
  const { codebuildRoleArn: _cb, ...summary } = render(connection);
  return summary;
}

function backends(ctx: Ctx, connection: ConnectionRecord): ProtonBackend[] {
  return [ctx.backendFor(connection.environmentAccountId, ctx.region), ctx.backendFor(connection.managementAccountId, ctx.region)];
}

function findConnection(ctx: Ctx, id: string): ConnectionRecord {
  const connection = ctx.backend.connections.get(id);
  if (!connection) throw notFound(ctx, `Environment account connection ${id}`);
  return connection;
}

/** Accept and reject are the management account's side of the handshake. */
function asManagementAccount(ctx: Ctx, connection: ConnectionRecord, action: string): void {
  if (connection.managementAccountId !== ctx.accountId) {
    throw ctx.error("AccessDeniedException", `Only the management account ${connection.managementAccountId} can ${action} environment account connection ${connection.id}.`);
  }
}

/** Create, update and delete are the environment account's side. */
function asEnvironmentAccount(ctx: Ctx, connection: ConnectionRecord, action: string): void {
  if (connection.environmentAccountId !== ctx.accountId) {
    throw ctx.error("AccessDeniedException", `Only the environment account ${connection.environmentAccountId} can ${action} environment account connection ${connection.id}.`);
  }
}

/** An environment of the management account that uses the connection. */
function environmentUsing(ctx: Ctx, connection: ConnectionRecord): string | undefined {
  return ctx
    .backendFor(connection.managementAccountId, ctx.region)
    .environments.values()
    .find((e) => e.environmentAccountConnectionId === connection.id)?.name;
}

export const createEnvironmentAccountConnection = op<CreateEnvironmentAccountConnectionInput, CreateEnvironmentAccountConnectionOutput>({
  input: {
    clientToken: CLIENT_TOKEN,
    managementAccountId: ACCOUNT_ID,
    roleArn: ROLE_ARN,
    environmentName: RESOURCE_NAME,
    tags: TAGS,
    componentRoleArn: ROLE_ARN,
    codebuildRoleArn: ROLE_ARN,
  },
  errors: ["ConflictException", "ServiceQuotaExceededException", "AccessDeniedException"],
  run(ctx, input) {
    const managementAccountId = input.managementAccountId!;
    if (managementAccountId === ctx.accountId) {
      throw ctx.invalid("managementAccountId is this account: an environment account connection links an environment account to a different management account.");
    }
    if (input.roleArn === undefined && input.codebuildRoleArn === undefined) {
      throw ctx.invalid("Specify roleArn (or codebuildRoleArn): the role Proton assumes in this environment account to provision infrastructure.");
    }
    const duplicate = ctx.backend.connections
      .values()
      .find((c) => c.environmentAccountId === ctx.accountId && c.managementAccountId === managementAccountId && c.environmentName === input.environmentName && c.status !== "REJECTED");
    if (duplicate) {
      throw conflict(ctx, `Environment account connection ${duplicate.id} (${duplicate.status}) already links this account to environment ${duplicate.environmentName} of account ${managementAccountId}.`);
    }
    const id = uuid();
    const arn = ctx.arn(`environment-account-connection/${id}`);
    const tags = newResourceTags(ctx, arn, input.tags);
    const now = ctx.now();
    const connection: ConnectionRecord = {
      seq: nextSeq(ctx),
      id,
      arn,
      managementAccountId,
      environmentAccountId: ctx.accountId,
      roleArn: input.roleArn,
      environmentName: input.environmentName!,
      requestedAt: now,
      lastModifiedAt: now,
      status: "PENDING",
      componentRoleArn: input.componentRoleArn,
      codebuildRoleArn: input.codebuildRoleArn,
    };
    for (const backend of backends(ctx, connection)) backend.connections.set(id, connection);
    storeTags(ctx, arn, tags);
    return { environmentAccountConnection: render(connection) };
  },
  replayable: (ctx, output) => ctx.backend.connections.has(output.environmentAccountConnection?.id ?? ""),
});

export const getEnvironmentAccountConnection = op<GetEnvironmentAccountConnectionInput, GetEnvironmentAccountConnectionOutput>({
  input: { id: UUID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { environmentAccountConnection: render(findConnection(ctx, input.id!)) };
  },
});

export const updateEnvironmentAccountConnection = op<UpdateEnvironmentAccountConnectionInput, UpdateEnvironmentAccountConnectionOutput>({
  input: { id: UUID, roleArn: ROLE_ARN, componentRoleArn: ROLE_ARN, codebuildRoleArn: ROLE_ARN },
  errors: ["ResourceNotFoundException", "ConflictException", "AccessDeniedException"],
  run(ctx, input) {
    const connection = findConnection(ctx, input.id!);
    asEnvironmentAccount(ctx, connection, "update");
    if (connection.status === "REJECTED") throw conflict(ctx, `Environment account connection ${connection.id} was rejected; it can't be updated.`);
    if (input.roleArn !== undefined) connection.roleArn = input.roleArn;
    if (input.componentRoleArn !== undefined) connection.componentRoleArn = input.componentRoleArn;
    if (input.codebuildRoleArn !== undefined) connection.codebuildRoleArn = input.codebuildRoleArn;
    connection.lastModifiedAt = ctx.now();
    return { environmentAccountConnection: render(connection) };
  },
});

export const deleteEnvironmentAccountConnection = op<DeleteEnvironmentAccountConnectionInput, DeleteEnvironmentAccountConnectionOutput>({
  input: { id: UUID },
  errors: ["ResourceNotFoundException", "ConflictException", "AccessDeniedException"],
  run(ctx, input) {
    const connection = ctx.backend.connections.get(input.id!);
    if (!connection) {
      if (ctx.backend.deleted.has(ctx.arn(`environment-account-connection/${input.id}`))) return {};
      throw notFound(ctx, `Environment account connection ${input.id}`);
    }
    asEnvironmentAccount(ctx, connection, "delete");
    // Deleting a connection in use is allowed: the environment then can't be managed until a
    // new connection is accepted (API reference).
    for (const backend of backends(ctx, connection)) {
      backend.connections.delete(connection.id);
    }
    ctx.backend.tags.drop(connection.arn);
    ctx.backend.deleted.add(connection.arn);
    return { environmentAccountConnection: render(connection) };
  },
});

function decide(ctx: Ctx, id: string, status: "CONNECTED" | "REJECTED"): ConnectionRecord {
  const connection = findConnection(ctx, id);
  const action = status === "CONNECTED" ? "accept" : "reject";
  asManagementAccount(ctx, connection, action);
  if (status === "CONNECTED" && connection.status !== "PENDING") {
    throw conflict(ctx, `Environment account connection ${id} is ${connection.status}; only a PENDING connection can be accepted.`);
  }
  if (status === "REJECTED") {
    if (connection.status === "REJECTED") throw conflict(ctx, `Environment account connection ${id} is already REJECTED.`);
    const user = environmentUsing(ctx, connection);
    if (user) throw conflict(ctx, `Environment account connection ${id} is connected to environment ${user}; it can't be rejected.`);
  }
  connection.status = status;
  connection.lastModifiedAt = ctx.now();
  return connection;
}

export const acceptEnvironmentAccountConnection = op<AcceptEnvironmentAccountConnectionInput, AcceptEnvironmentAccountConnectionOutput>({
  input: { id: UUID },
  errors: ["ResourceNotFoundException", "ConflictException", "AccessDeniedException"],
  run(ctx, input) {
    return { environmentAccountConnection: render(decide(ctx, input.id!, "CONNECTED")) };
  },
});

export const rejectEnvironmentAccountConnection = op<RejectEnvironmentAccountConnectionInput, RejectEnvironmentAccountConnectionOutput>({
  input: { id: UUID },
  errors: ["ResourceNotFoundException", "ConflictException", "AccessDeniedException"],
  run(ctx, input) {
    return { environmentAccountConnection: render(decide(ctx, input.id!, "REJECTED")) };
  },
});

export const listEnvironmentAccountConnections = op<ListEnvironmentAccountConnectionsInput, ListEnvironmentAccountConnectionsOutput>({
  input: {
    requestedBy: oneOf("EnvironmentAccountConnectionRequesterAccountType"),
    environmentName: RESOURCE_NAME,
    statuses: list(oneOf("EnvironmentAccountConnectionStatus")),
    nextToken: NEXT_TOKEN,
    maxResults: MAX_RESULTS,
  },
  errors: [],
  run(ctx, input) {
    // requestedBy says which side of the connections to list: the ones this account manages
    // (MANAGEMENT_ACCOUNT) or the ones it requested as an environment account.
    const side = input.requestedBy === "MANAGEMENT_ACCOUNT" ? "managementAccountId" : "environmentAccountId";
    const statuses = input.statuses && input.statuses.length > 0 ? new Set<string>(input.statuses) : undefined;
    const filter = (c: ConnectionRecord) =>
      c[side] === ctx.accountId && (input.environmentName === undefined || c.environmentName === input.environmentName) && (!statuses || statuses.has(c.status));
    const query = { side, environmentName: input.environmentName, statuses: input.statuses };
    const result = page(ctx, ctx.backend.connections, { nextToken: input.nextToken, maxResults: input.maxResults, filter, query });
    return { environmentAccountConnections: result.items.map(renderSummary), nextToken: result.nextToken };
  },
});
