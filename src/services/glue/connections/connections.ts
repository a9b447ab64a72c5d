import { createHash } from "node:crypto";
import type {
  AuthenticationConfiguration,
  AuthenticationConfigurationInput,
  BatchDeleteConnectionRequest,
  BatchDeleteConnectionResponse,
  Connection,
  ConnectionInput,
  CreateConnectionRequest,
  CreateConnectionResponse,
  DeleteConnectionRequest,
  DeleteConnectionResponse,
  ErrorDetail,
  GetConnectionRequest,
  GetConnectionResponse,
  GetConnectionsRequest,
  GetConnectionsResponse,
  PhysicalConnectionRequirements,
  TestConnectionRequest,
  TestConnectionResponse,
  UpdateConnectionRequest,
  UpdateConnectionResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { randomHex } from "../../../engine/ids.js";
import { sdkEnumValues } from "../../../engine/sdk.js";
import { int, list, map, oneOf, str, struct, type StructRules } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { passwordEncryptionKey, returnsPasswordsEncrypted } from "../security/catalog-encryption.js";
import { DESCRIPTION, NAME, pageSize, TAGS, VALIDATION_UNMODELLED } from "../shapes.js";
import { catalogBackend } from "./catalog-id.js";
import { connectionTypeOf, type ConnectionTypeInfo } from "./connection-types.js";
import { connectionTests } from "./stand-ins.js";

/** A connection as the Data Catalog keeps it: properties as given (secrets included). */
export interface ConnectionRecord {
  connection: Connection;
  /** The KMS key its passwords were encrypted with, when password protection was on at the last write. */
  passwordKey?: string | undefined;
}

export const connectionArn = (ctx: RequestContext<GlueBackend>, name: string, accountId = ctx.accountId): string =>
  `arn:${ctx.partition}:glue:${ctx.region}:${accountId}:connection/${name}`;

/** The connection `name` of a backend, or undefined: what jobs, crawlers and entity reads look up. */
export function findConnection(backend: GlueBackend, name: string): ConnectionRecord | undefined {
  return backend.connections.connections.get(name);
}

function mustFind(ctx: RequestContext<GlueBackend>, backend: GlueBackend, name: string): ConnectionRecord {
  const record = findConnection(backend, name);
  if (!record) throw ctx.error("EntityNotFoundException", `Connection ${name} not found.`);
  return record;
}

/** Properties holding a secret: left out with HidePassword. */
const SECRET_PROPERTIES = new Set([
  "PASSWORD",
  "ENCRYPTED_PASSWORD",
  "KAFKA_CLIENT_KEYSTORE_PASSWORD",
  "KAFKA_CLIENT_KEY_PASSWORD",
  "ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD",
  "ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD",
  "KAFKA_SASL_PLAIN_PASSWORD",
  "ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD",
  "KAFKA_SASL_SCRAM_PASSWORD",
  "ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD",
]);

/** Passwords the catalog encrypts when connection password protection is on (each into ENCRYPTED_<name>). */
const ENCRYPTABLE = ["PASSWORD", "KAFKA_CLIENT_KEYSTORE_PASSWORD", "KAFKA_CLIENT_KEY_PASSWORD", "KAFKA_SASL_PLAIN_PASSWORD", "KAFKA_SASL_SCRAM_PASSWORD"];

/** An opaque stand-in for a KMS ciphertext of `value` under `key` (KMS blobs start AQICAH). */
function ciphertext(key: string, value: string): string {
  return `AQICAH${createHash("sha256").update(`${key}\u0000${value}`).digest("base64")}`;
}

const PROPERTY_MAP = map({ key: str({ min: 1, max: 128 }), value: str({ max: 2048 }) });
const AUTHENTICATION = struct({
  AuthenticationType: oneOf("AuthenticationType"),
  SecretArn: str({ pattern: "^arn:aws(-(cn|us-gov|iso(-[bef])?))?:secretsmanager:.*" }),
  KmsKeyArn: str({ pattern: "^arn:aws:kms:.*" }),
  OAuth2Properties: struct({
    OAuth2GrantType: oneOf("OAuth2GrantType"),
    TokenUrl: str({ max: 256, pattern: "^(https?)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]$" }),
  }),
  BasicAuthenticationCredentials: struct({ Username: str({ max: 512, pattern: "^\\S+$" }), Password: str({ max: 512 }) }),
  CustomAuthenticationCredentials: map({ key: str({ min: 1, max: 128 }), value: str({ min: 1, max: 2048 }) }),
});
const PHYSICAL = struct({ SubnetId: NAME, SecurityGroupIdList: list(NAME, { max: 50 }), AvailabilityZone: NAME });
/** ConnectionProperties: up to 100, values 1..1024. Keys are not checked against the enum: Glue takes others too (SparkProperties, terraform-provider-aws#37731). */
const CONNECTION_PROPERTIES = map({ key: str({ min: 1, max: 128 }), value: str({ min: 1, max: 1024 }), max: 100 });

const CONNECTION_INPUT_RULES: StructRules = {
  Name: NAME,
  Description: DESCRIPTION,
  MatchCriteria: list(NAME, { max: 10 }),
  ConnectionProperties: CONNECTION_PROPERTIES,
  SparkProperties: PROPERTY_MAP,
  AthenaProperties: PROPERTY_MAP,
  PythonProperties: PROPERTY_MAP,
  PhysicalConnectionRequirements: PHYSICAL,
  AuthenticationConfiguration: AUTHENTICATION,
  ValidateForComputeEnvironments: list(oneOf("ComputeEnvironment")),
};
const CONNECTION_INPUT = struct(CONNECTION_INPUT_RULES);
const CATALOG_ID = NAME;

/** What a connection of a type needs beyond member constraints (shared with TestConnection), or the reason. */
export function connectionInputProblem(
  type: ConnectionTypeInfo,
  properties: Readonly<Record<string, string>>,
  authentication: AuthenticationConfigurationInput | undefined,
  physical: PhysicalConnectionRequirements | undefined,
): string | undefined {
  if (type.needs === "AuthenticationConfiguration" && !authentication) return `[ConnectionInput.AuthenticationConfiguration is required.] ${type.name} connections authenticate with an AuthenticationConfiguration.`;
  if (type.needs === "PhysicalConnectionRequirements" && !physical?.SubnetId) {
    return `${type.name} connections need PhysicalConnectionRequirements with a SubnetId (and its security groups) instead of connection properties.`;
  }
  const credentialsElsewhere = Boolean(authentication?.SecretArn || authentication?.BasicAuthenticationCredentials);
  for (const requirement of type.requirements) {
    if (requirement.what.startsWith("credentials") && credentialsElsewhere) continue;
    const met = requirement.anyOf.some((group) => group.every((key) => properties[key] !== undefined && properties[key] !== ""));
    if (!met) return `Validation for connection properties failed: ${type.name} connections need ${requirement.what}.`;
  }
  const auth = authentication?.AuthenticationType;
  if (auth && type.auth.length > 0 && !type.auth.includes(auth)) return `${type.name} connections authenticate with ${type.auth.join(" or ")}, not ${auth}.`;
  if (auth === "OAUTH2" && !authentication?.OAuth2Properties) return "AuthenticationType OAUTH2 needs OAuth2Properties.";
  if (auth === "BASIC" && authentication && !authentication.SecretArn && !authentication.BasicAuthenticationCredentials && !properties.USERNAME) {
    return "AuthenticationType BASIC needs a SecretArn or BasicAuthenticationCredentials.";
  }
  if (auth === "CUSTOM" && authentication && !authentication.SecretArn && !authentication.CustomAuthenticationCredentials) {
    return "AuthenticationType CUSTOM needs a SecretArn or CustomAuthenticationCredentials.";
  }
  return undefined;
}

/** The type a ConnectionType value names, or the enum-style violation Glue answers for another value. */
function resolveType(ctx: RequestContext<GlueBackend>, backend: GlueBackend, value: string, path: string): ConnectionTypeInfo {
  const type = connectionTypeOf(ctx, backend, value);
  if (type) return type;
  if (value === "SFTP") throw ctx.invalid("Connection type SFTP is not supported.");
  const allowed = sdkEnumValues(ctx.service.sdkPackage, "ConnectionType") ?? [];
  throw ctx.invalid(
    `1 validation error detected: Value '${value}' at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}] or name a connection type registered with RegisterConnectionType`,
  );
}

/** The AuthenticationConfiguration a connection shows: credentials given inline go to a Glue-managed secret. */
function storedAuthentication(ctx: RequestContext<GlueBackend>, name: string, input: AuthenticationConfigurationInput | undefined, previous: AuthenticationConfiguration | undefined): AuthenticationConfiguration | undefined {
  if (!input) return undefined;
  const inline = input.BasicAuthenticationCredentials || input.CustomAuthenticationCredentials;
  const managed = previous?.SecretArn?.includes(":secret:glue!") ? previous.SecretArn : `arn:${ctx.partition}:secretsmanager:${ctx.region}:${ctx.accountId}:secret:glue!${ctx.accountId}-${name}-${randomHex(6)}`;
  const oauth = input.OAuth2Properties;
  return {
    AuthenticationType: input.AuthenticationType,
    SecretArn: input.SecretArn ?? (inline ? managed : undefined),
    KmsKeyArn: input.KmsKeyArn,
    OAuth2Properties: oauth
      ? { OAuth2GrantType: oauth.OAuth2GrantType, OAuth2ClientApplication: oauth.OAuth2ClientApplication, TokenUrl: oauth.TokenUrl, TokenUrlParametersMap: oauth.TokenUrlParametersMap }
      : undefined,
  };
}

/** Builds the stored connection from a ConnectionInput, after every check has passed. */
function buildConnection(ctx: RequestContext<GlueBackend>, input: ConnectionInput, type: ConnectionTypeInfo, previous: Connection | undefined): Connection {
  const now = ctx.now();
  const perEnvironment = input.SparkProperties || input.AthenaProperties || input.PythonProperties;
  return {
    Name: input.Name!,
    Description: input.Description,
    ConnectionType: input.ConnectionType,
    MatchCriteria: input.MatchCriteria,
    ConnectionProperties: input.ConnectionProperties ?? {},
    SparkProperties: input.SparkProperties,
    AthenaProperties: input.AthenaProperties,
    PythonProperties: input.PythonProperties,
    PhysicalConnectionRequirements: input.PhysicalConnectionRequirements,
    AuthenticationConfiguration: storedAuthentication(ctx, input.Name!, input.AuthenticationConfiguration, previous?.AuthenticationConfiguration),
    CreationTime: previous?.CreationTime ?? now,
    LastUpdatedTime: now,
    Status: "READY",
    // Version 2 is the schema with properties per compute environment.
    ConnectionSchemaVersion: perEnvironment ? 2 : 1,
    CompatibleComputeEnvironments: [...type.compute] as Connection["CompatibleComputeEnvironments"],
  };
}

/** Checks a ConnectionInput against its type; returns the type. */
function checkInput(ctx: RequestContext<GlueBackend>, backend: GlueBackend, input: ConnectionInput): ConnectionTypeInfo {
  const type = resolveType(ctx, backend, input.ConnectionType!, "connectionInput.connectionType");
  const problem = connectionInputProblem(type, input.ConnectionProperties ?? {}, input.AuthenticationConfiguration, input.PhysicalConnectionRequirements);
  if (problem) throw ctx.invalid(problem);
  const unsupported = (input.ValidateForComputeEnvironments ?? []).find((env) => !type.compute.includes(env));
  if (unsupported) throw ctx.invalid(`${type.name} connections do not support the ${unsupported} compute environment (${type.compute.join(", ")}).`);
  return type;
}

/** The Connection structure a read returns: secrets hidden, or encrypted, as the catalog's settings say. */
export function renderConnection(backend: GlueBackend, record: ConnectionRecord, options: { hidePassword?: boolean | undefined; compute?: string | undefined } = {}): Connection {
  const out = deepCopy(record.connection);
  const properties: Record<string, string> = { ...(out.ConnectionProperties ?? {}) };
  if (options.compute) {
    const overrides = options.compute === "SPARK" ? out.SparkProperties : options.compute === "ATHENA" ? out.AthenaProperties : out.PythonProperties;
    Object.assign(properties, overrides ?? {});
  }
  if (options.hidePassword) {
    for (const key of Object.keys(properties)) if (SECRET_PROPERTIES.has(key)) delete properties[key];
  } else if (record.passwordKey && returnsPasswordsEncrypted(backend)) {
    for (const key of ENCRYPTABLE) {
      if (properties[key] === undefined) continue;
      properties[`ENCRYPTED_${key}`] = ciphertext(record.passwordKey, properties[key]!);
      delete properties[key];
    }
  }
  out.ConnectionProperties = properties;
  return out;
}

export const createConnection = op<CreateConnectionRequest, CreateConnectionResponse>({
  input: { CatalogId: CATALOG_ID, ConnectionInput: CONNECTION_INPUT, Tags: TAGS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    const connectionInput = input.ConnectionInput!;
    const name = connectionInput.Name!;
    if (findConnection(backend, name)) throw ctx.error("AlreadyExistsException", `Connection already exists: ${name}.`);
    const type = checkInput(ctx, backend, connectionInput);
    backend.connections.connections.set(name, { connection: buildConnection(ctx, connectionInput, type, undefined), passwordKey: passwordEncryptionKey(backend) });
    backend.tags.add(connectionArn(ctx, name, backend.scope.accountId), input.Tags);
    return { CreateConnectionStatus: "READY" };
  },
});

export const getConnection = op<GetConnectionRequest, GetConnectionResponse>({
  input: { CatalogId: CATALOG_ID, Name: NAME, ApplyOverrideForComputeEnvironment: oneOf("ComputeEnvironment") },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    const record = mustFind(ctx, backend, input.Name!);
    return { Connection: renderConnection(backend, record, { hidePassword: input.HidePassword, compute: input.ApplyOverrideForComputeEnvironment }) };
  },
});

export const getConnections = op<GetConnectionsRequest, GetConnectionsResponse>({
  input: {
    CatalogId: CATALOG_ID,
    MaxResults: pageSize(1000),
    Filter: struct({ MatchCriteria: list(NAME, { max: 10 }), ConnectionSchemaVersion: int({ min: 1, max: 2 }) }),
  },
  errors: [],
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    const filter = input.Filter;
    if (filter?.ConnectionType !== undefined) resolveType(ctx, backend, filter.ConnectionType, "filter.connectionType");
    const criteria = filter?.MatchCriteria ?? [];
    const page = ctx.paginate(backend.connections.connections, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      // "A criteria string that must match the criteria recorded in the connection definition": every one given.
      filter: (record) => {
        const c = record.connection;
        if (filter?.ConnectionType !== undefined && c.ConnectionType !== filter.ConnectionType) return false;
        if (filter?.ConnectionSchemaVersion !== undefined && c.ConnectionSchemaVersion !== filter.ConnectionSchemaVersion) return false;
        return criteria.every((criterion) => c.MatchCriteria?.includes(criterion) ?? false);
      },
      query: [input.CatalogId, filter],
    });
    return { ConnectionList: page.items.map((record) => renderConnection(backend, record, { hidePassword: input.HidePassword })), NextToken: page.nextToken };
  },
});

export const updateConnection = op<UpdateConnectionRequest, UpdateConnectionResponse>({
  input: { CatalogId: CATALOG_ID, Name: NAME, ConnectionInput: CONNECTION_INPUT },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    const connectionInput = input.ConnectionInput!;
    const type = checkInput(ctx, backend, connectionInput);
    const record = mustFind(ctx, backend, input.Name!);
    const newName = connectionInput.Name!;
    // ConnectionInput.Name can rename the connection.
    if (newName !== input.Name && findConnection(backend, newName)) throw ctx.invalid(`Cannot rename connection ${input.Name} to ${newName}: a connection of that name exists.`);
    // "The connection definition" is replaced as a whole, as for jobs.
    const updated: ConnectionRecord = { connection: buildConnection(ctx, connectionInput, type, record.connection), passwordKey: passwordEncryptionKey(backend) };
    if (newName !== input.Name) {
      backend.connections.connections.delete(input.Name!);
      const tags = backend.tags.get(connectionArn(ctx, input.Name!, backend.scope.accountId));
      backend.tags.drop(connectionArn(ctx, input.Name!, backend.scope.accountId));
      backend.tags.add(connectionArn(ctx, newName, backend.scope.accountId), tags);
    }
    backend.connections.connections.set(newName, updated);
    return {};
  },
});

export const deleteConnection = op<DeleteConnectionRequest, DeleteConnectionResponse>({
  input: { CatalogId: CATALOG_ID, ConnectionName: NAME },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    const record = mustFind(ctx, backend, input.ConnectionName!);
    backend.connections.connections.delete(record.connection.Name!);
    backend.tags.drop(connectionArn(ctx, record.connection.Name!, backend.scope.accountId));
    return {};
  },
});

export const batchDeleteConnection = op<BatchDeleteConnectionRequest, BatchDeleteConnectionResponse>({
  input: { CatalogId: CATALOG_ID, ConnectionNameList: list(NAME, { max: 25 }) },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    // One name's problem is that name's error: the call itself succeeds.
    const succeeded: string[] = [];
    const errors: Record<string, ErrorDetail> = {};
    for (const name of input.ConnectionNameList!) {
      if (backend.connections.connections.delete(name)) {
        backend.tags.drop(connectionArn(ctx, name, backend.scope.accountId));
        succeeded.push(name);
      } else {
        errors[name] = { ErrorCode: "EntityNotFoundException", ErrorMessage: `Connection ${name} not found.` };
      }
    }
    return { Succeeded: succeeded, Errors: errors };
  },
});

const TEST_INPUT = struct({ ConnectionProperties: CONNECTION_PROPERTIES, AuthenticationConfiguration: AUTHENTICATION });

export const testConnection = op<TestConnectionRequest, TestConnectionResponse>({
  input: { ConnectionName: NAME, CatalogId: CATALOG_ID, TestConnectionInput: TEST_INPUT },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    if ((input.ConnectionName === undefined) === (input.TestConnectionInput === undefined)) {
      throw ctx.invalid("Give either ConnectionName (an existing connection) or TestConnectionInput (a connection not yet created), not both and not neither.");
    }
    let request: { ConnectionName?: string | undefined; ConnectionType: string; ConnectionProperties: Record<string, string> };
    let keys: string[];
    if (input.ConnectionName !== undefined) {
      const record = mustFind(ctx, backend, input.ConnectionName);
      const c = record.connection;
      request = { ConnectionName: c.Name, ConnectionType: c.ConnectionType!, ConnectionProperties: { ...(c.ConnectionProperties ?? {}) } };
      keys = [c.Name!];
    } else {
      const test = input.TestConnectionInput!;
      const type = resolveType(ctx, backend, test.ConnectionType!, "testConnectionInput.connectionType");
      if (!type.testable) throw ctx.invalid(`TestConnectionInput is available for the JDBC and SALESFORCE connection types (and registered REST types), not ${type.name}.`);
      const problem = connectionInputProblem(type, test.ConnectionProperties ?? {}, test.AuthenticationConfiguration, undefined);
      if (problem) throw ctx.invalid(problem);
      request = { ConnectionType: test.ConnectionType!, ConnectionProperties: { ...(test.ConnectionProperties ?? {}) } };
      keys = [];
    }
    // What reaching the data store gives is declared by a stand-in; without one the test passes.
    const outcome = connectionTests.resolve(ctx.engine, keys, request, { accountId: ctx.accountId, region: ctx.region }, (answer) =>
      answer === true || (typeof answer === "object" && answer !== null && typeof (answer as { ok?: unknown }).ok === "boolean") ? undefined : "must return true or { ok: boolean, message? }.",
    );
    let failure: string | undefined;
    if (outcome.kind === "failed") failure = outcome.message;
    else if (outcome.kind === "answer" && outcome.answer !== true && !outcome.answer.ok) failure = outcome.answer.message ?? "The connection test failed.";
    if (failure !== undefined) throw ctx.invalid(`Test connection failed: ${failure}`);
    if (input.ConnectionName !== undefined) {
      const record = mustFind(ctx, backend, input.ConnectionName);
      record.connection.LastConnectionValidationTime = ctx.now();
      record.connection.Status = "READY";
    }
    return {};
  },
});
