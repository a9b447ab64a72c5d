import type {
  ConnectionTypeBrief,
  ConnectorAuthenticationConfiguration,
  ConnectorProperty,
  DeleteConnectionTypeRequest,
  DeleteConnectionTypeResponse,
  DescribeConnectionTypeRequest,
  DescribeConnectionTypeResponse,
  ListConnectionTypesRequest,
  ListConnectionTypesResponse,
  Property,
  RegisterConnectionTypeRequest,
  RegisterConnectionTypeResponse,
  RestConfiguration,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { sdkEnumValues } from "../../../engine/sdk.js";
import { int, list, map, oneOf, requiredAnd, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME, TAGS, VALIDATION_UNMODELLED } from "../shapes.js";
import { briefOf, builtInConnectionTypes, describeBuiltIn, type BuiltInConnectionType, type Requirement } from "./connection-type-catalog.js";

/** A REST connection type registered with RegisterConnectionType. */
export interface RegisteredConnectionType {
  ConnectionType: string;
  IntegrationType: string;
  Description?: string | undefined;
  ConnectionProperties: NonNullable<RegisterConnectionTypeRequest["ConnectionProperties"]>;
  ConnectorAuthenticationConfiguration: ConnectorAuthenticationConfiguration;
  RestConfiguration: RestConfiguration;
  arn: string;
}

/** One entry of the account's catalog of connection types: built in, or registered. */
export type ConnectionTypeEntry = { builtIn: BuiltInConnectionType; registered?: undefined } | { builtIn?: undefined; registered: RegisteredConnectionType };

/** What CreateConnection and TestConnection need to know of a type, built in or registered. */
export interface ConnectionTypeInfo {
  name: string;
  auth: readonly string[];
  compute: readonly string[];
  requirements: readonly Requirement[];
  needs?: "PhysicalConnectionRequirements" | "AuthenticationConfiguration" | undefined;
  testable: boolean;
  /** The registered type's entities (RestConfiguration.EntityConfigurations), for ListEntities. */
  rest?: RestConfiguration | undefined;
}

/** The account's connection types, the built-in ones added once on first use. */
export function connectionTypesOf(ctx: RequestContext<GlueBackend>, backend: GlueBackend) {
  const state = backend.connections;
  if (!state.builtInsLoaded) {
    for (const builtIn of builtInConnectionTypes(sdkEnumValues(ctx.service.sdkPackage, "ConnectionType") ?? [])) state.types.set(builtIn.type, { builtIn });
    state.builtInsLoaded = true;
  }
  return state.types;
}

/** A connector property a connection must set: required, and given by the user. */
function requiredProperty(property: ConnectorProperty): boolean {
  return property.Required === true && (property.PropertyType === "USER_INPUT" || property.PropertyType === "SECRET_OR_USER_INPUT");
}

/** The type `name` names (a built-in ConnectionType or a registered REST type), or undefined. */
export function connectionTypeOf(ctx: RequestContext<GlueBackend>, backend: GlueBackend, name: string): ConnectionTypeInfo | undefined {
  const entry = connectionTypesOf(ctx, backend).get(name);
  if (!entry) return undefined;
  if (entry.builtIn) {
    const t = entry.builtIn;
    return { name: t.type, auth: t.auth, compute: t.compute, requirements: t.requirements ?? [], needs: t.needs, testable: t.testable ?? false };
  }
  const r = entry.registered;
  const properties = [r.ConnectionProperties.Url, ...(r.ConnectionProperties.AdditionalRequestParameters ?? [])].filter((p): p is ConnectorProperty => p !== undefined);
  return {
    name: r.ConnectionType,
    auth: r.ConnectorAuthenticationConfiguration.AuthenticationTypes ?? [],
    compute: ["SPARK"],
    requirements: properties.filter(requiredProperty).map((p) => ({ anyOf: [[p.Name!]], what: `${p.Name} (a required property of the registered type)` })),
    needs: "AuthenticationConfiguration",
    testable: true,
    rest: r.RestConfiguration,
  };
}

function property(p: ConnectorProperty): Property {
  return {
    Name: p.Name,
    Description: p.Name,
    Required: p.Required ?? false,
    DefaultValue: p.DefaultValue,
    PropertyTypes: p.PropertyType ? [p.PropertyType] : [],
    AllowedValues: p.AllowedValues?.map((value) => ({ Value: value, Description: value })),
    KeyOverride: p.KeyOverride,
    PropertyLocation: p.PropertyLocation,
  };
}

function registeredBrief(r: RegisteredConnectionType): ConnectionTypeBrief {
  return {
    ConnectionType: r.ConnectionType as ConnectionTypeBrief["ConnectionType"],
    DisplayName: r.ConnectionType,
    Vendor: "Custom",
    Description: r.Description,
    Categories: ["REST"],
    Capabilities: { SupportedAuthenticationTypes: [...(r.ConnectorAuthenticationConfiguration.AuthenticationTypes ?? [])], SupportedDataOperations: ["READ"], SupportedComputeEnvironments: ["SPARK"] },
  };
}

function describeRegistered(r: RegisteredConnectionType): DescribeConnectionTypeResponse {
  const properties = [r.ConnectionProperties.Url, ...(r.ConnectionProperties.AdditionalRequestParameters ?? [])].filter((p): p is ConnectorProperty => p !== undefined);
  const auth = r.ConnectorAuthenticationConfiguration;
  const group = (ps: ReadonlyArray<ConnectorProperty | undefined>) => Object.fromEntries(ps.filter((p): p is ConnectorProperty => p !== undefined).map((p) => [p.Name!, property(p)]));
  return {
    ConnectionType: r.ConnectionType,
    Description: r.Description,
    Capabilities: registeredBrief(r).Capabilities,
    ConnectionProperties: group(properties),
    ConnectionOptions: {},
    AuthenticationConfiguration: {
      AuthenticationType: {
        Name: "AuthenticationType",
        Description: "How the connection authenticates.",
        Required: true,
        PropertyTypes: ["USER_INPUT"],
        AllowedValues: (auth.AuthenticationTypes ?? []).map((value) => ({ Value: value, Description: value })),
      },
      BasicAuthenticationProperties: auth.BasicAuthenticationProperties ? group([auth.BasicAuthenticationProperties.Username, auth.BasicAuthenticationProperties.Password]) : undefined,
      CustomAuthenticationProperties: auth.CustomAuthenticationProperties ? group(auth.CustomAuthenticationProperties.AuthenticationParameters ?? []) : undefined,
    },
    ComputeEnvironmentConfigurations: {},
    RestConfiguration: deepCopy(r.RestConfiguration),
  };
}

const CONNECTION_TYPE_NAME = NAME;
const CONNECTOR_PROPERTY = struct({ Name: str({ min: 1, max: 128 }), PropertyLocation: oneOf("PropertyLocation"), PropertyType: oneOf("PropertyType") });
const FIELD_DEFINITION = struct({ Name: str({ min: 1, max: 128 }), FieldDataType: oneOf("FieldDataType") });

/** What Glue refuses in a REST type's definition beyond member constraints. */
function registrationProblem(input: RegisterConnectionTypeRequest): string | undefined {
  if (!input.ConnectionType!.startsWith("REST-")) return `ConnectionType '${input.ConnectionType}' must be prefixed with "REST-": registered connection types are REST connectors.`;
  const auth = input.ConnectorAuthenticationConfiguration!;
  const types = auth.AuthenticationTypes ?? [];
  if (types.length === 0) return "ConnectorAuthenticationConfiguration.AuthenticationTypes must name at least one authentication type.";
  if (types.includes("OAUTH2") && !auth.OAuth2Properties) return "AuthenticationTypes includes OAUTH2: give OAuth2Properties.";
  if (types.includes("BASIC") && !auth.BasicAuthenticationProperties) return "AuthenticationTypes includes BASIC: give BasicAuthenticationProperties.";
  if (types.includes("CUSTOM") && !auth.CustomAuthenticationProperties) return "AuthenticationTypes includes CUSTOM: give CustomAuthenticationProperties.";
  const properties = [input.ConnectionProperties?.Url, ...(input.ConnectionProperties?.AdditionalRequestParameters ?? [])].filter((p): p is ConnectorProperty => p !== undefined);
  const seen = new Set<string>();
  for (const p of properties) {
    if (seen.has(p.Name!)) return `Connection property ${p.Name} is defined twice.`;
    seen.add(p.Name!);
  }
  for (const [entity, configuration] of Object.entries(input.RestConfiguration?.EntityConfigurations ?? {})) {
    for (const [key, field] of Object.entries(configuration.Schema ?? {})) {
      if (field.Name !== key) return `EntityConfigurations.${entity}.Schema.${key}: the field's Name (${field.Name}) must be its key.`;
    }
  }
  if (!input.RestConfiguration?.GlobalSourceConfiguration && Object.values(input.RestConfiguration?.EntityConfigurations ?? {}).some((e) => !e.SourceConfiguration)) {
    return "RestConfiguration: an entity without its own SourceConfiguration needs a GlobalSourceConfiguration.";
  }
  return undefined;
}

export const registerConnectionType = op<RegisterConnectionTypeRequest, RegisterConnectionTypeResponse>({
  input: {
    ConnectionType: requiredAnd(CONNECTION_TYPE_NAME),
    IntegrationType: requiredAnd(oneOf("IntegrationType")),
    Description: str({ max: 2048 }),
    ConnectionProperties: struct({ Url: CONNECTOR_PROPERTY, AdditionalRequestParameters: list(CONNECTOR_PROPERTY) }),
    ConnectorAuthenticationConfiguration: struct({ AuthenticationTypes: list(oneOf("AuthenticationType")) }),
    RestConfiguration: struct({ EntityConfigurations: map({ value: struct({ Schema: map({ value: FIELD_DEFINITION }) }) }) }),
    Tags: TAGS,
  },
  errors: [],
  run(ctx, input) {
    const types = connectionTypesOf(ctx, ctx.backend);
    const name = input.ConnectionType!;
    if (types.has(name)) throw ctx.invalid(`Connection type ${name} already exists${types.get(name)!.builtIn ? " (it is built in)" : ""}.`);
    const problem = registrationProblem(input);
    if (problem) throw ctx.invalid(problem);
    const arn = ctx.arn(`connectionType/${name}`);
    types.set(name, {
      registered: {
        ConnectionType: name,
        IntegrationType: input.IntegrationType!,
        Description: input.Description,
        ConnectionProperties: input.ConnectionProperties!,
        ConnectorAuthenticationConfiguration: input.ConnectorAuthenticationConfiguration!,
        RestConfiguration: input.RestConfiguration!,
        arn,
      },
    });
    ctx.backend.tags.add(arn, input.Tags);
    return { ConnectionTypeArn: arn };
  },
});

export const describeConnectionType = op<DescribeConnectionTypeRequest, DescribeConnectionTypeResponse>({
  input: { ConnectionType: CONNECTION_TYPE_NAME },
  errors: [],
  run(ctx, input) {
    const entry = connectionTypesOf(ctx, ctx.backend).get(input.ConnectionType!);
    if (!entry) {
      // The model declares no EntityNotFoundException here: an unknown type is invalid input.
      throw ctx.invalid(`Connection type ${input.ConnectionType} is not supported: ListConnectionTypes lists the built-in and registered types.`);
    }
    return entry.builtIn ? describeBuiltIn(entry.builtIn) : describeRegistered(entry.registered);
  },
});

export const listConnectionTypes = op<ListConnectionTypesRequest, ListConnectionTypesResponse>({
  input: { MaxResults: int({ min: 1, max: 100 }), NextToken: str({ min: 1, max: 2048, pattern: "[-a-zA-Z0-9+=/:_]*" }) },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const page = ctx.paginate(connectionTypesOf(ctx, ctx.backend), { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 50 });
    return { ConnectionTypes: page.items.map((entry) => (entry.builtIn ? briefOf(entry.builtIn) : registeredBrief(entry.registered))), NextToken: page.nextToken };
  },
});

export const deleteConnectionType = op<DeleteConnectionTypeRequest, DeleteConnectionTypeResponse>({
  input: { ConnectionType: CONNECTION_TYPE_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const types = connectionTypesOf(ctx, ctx.backend);
    const name = input.ConnectionType!;
    const entry = types.get(name);
    if (!entry) throw ctx.error("EntityNotFoundException", `Connection type ${name} is not registered.`);
    if (entry.builtIn) throw ctx.invalid(`Connection type ${name} is built in: only types registered with RegisterConnectionType can be deleted.`);
    types.delete(name);
    ctx.backend.tags.drop(entry.registered.arn);
    return {};
  },
});
