import type { Capabilities, ConnectionTypeBrief, DescribeConnectionTypeResponse, Property } from "@aws-sdk/client-glue";

/**
 * The connection types Glue has built in, as ListConnectionTypes and DescribeConnectionType
 * describe them, and the connection properties each one needs at CreateConnection. The
 * requirements are the ones the API reference documents for ConnectionInput.ConnectionType
 * (JDBC, KAFKA, MONGODB, NETWORK, MARKETPLACE, CUSTOM, SALESFORCE); every other type of the
 * SDK's ConnectionType enum is listed with capabilities derived from its kind (a relational
 * database read through Spark and Athena, or a SaaS application read over OAuth2), without
 * property requirements the fake cannot vouch for.
 */

type AuthType = "BASIC" | "OAUTH2" | "CUSTOM" | "IAM";
type Compute = "SPARK" | "ATHENA" | "PYTHON";

interface PropertySpec {
  name: string;
  description: string;
  required?: boolean;
  secret?: boolean;
  defaultValue?: string;
  allowed?: readonly string[];
}

/** What CreateConnection requires of a type's properties: each group, one alternative of it. */
export type Requirement = { anyOf: ReadonlyArray<readonly string[]>; what: string };

export interface BuiltInConnectionType {
  type: string;
  displayName: string;
  description: string;
  category: string;
  auth: readonly AuthType[];
  operations: ReadonlyArray<"READ" | "WRITE">;
  compute: readonly Compute[];
  properties: readonly PropertySpec[];
  /** Property groups CreateConnection and TestConnection insist on. */
  requirements?: readonly Requirement[];
  /** The member of ConnectionInput the type needs besides its properties. */
  needs?: "PhysicalConnectionRequirements" | "AuthenticationConfiguration";
  /** Whether TestConnection can test it ("only available for the JDBC or SALESFORCE connection types"). */
  testable?: boolean;
}

const CREDENTIALS: Requirement = { anyOf: [["USERNAME", "PASSWORD"], ["SECRET_ID"]], what: "credentials: USERNAME and PASSWORD, or SECRET_ID (or an AuthenticationConfiguration with a SecretArn)" };

const JDBC_PROPERTIES: readonly PropertySpec[] = [
  { name: "JDBC_CONNECTION_URL", description: "The JDBC URL of the database, e.g. jdbc:postgresql://host:5432/db." },
  { name: "HOST", description: "The database host (with PORT and JDBC_ENGINE, instead of JDBC_CONNECTION_URL)." },
  { name: "PORT", description: "The port the database listens on." },
  { name: "JDBC_ENGINE", description: "The database engine.", allowed: ["mysql", "postgres", "oracle", "sqlserver", "redshift", "mariadb"] },
  { name: "JDBC_ENGINE_VERSION", description: "The engine's version." },
  { name: "USERNAME", description: "The user to log in as." },
  { name: "PASSWORD", description: "The user's password.", secret: true },
  { name: "SECRET_ID", description: "A Secrets Manager secret holding the credentials." },
  { name: "JDBC_ENFORCE_SSL", description: "Whether to require SSL.", defaultValue: "false", allowed: ["true", "false"] },
  { name: "CUSTOM_JDBC_CERT", description: "The S3 location of a custom root certificate." },
  { name: "CUSTOM_JDBC_CERT_STRING", description: "The custom certificate's domain match string." },
  { name: "SKIP_CUSTOM_JDBC_CERT_VALIDATION", description: "Whether to skip validating the custom certificate.", defaultValue: "false", allowed: ["true", "false"] },
  { name: "JDBC_DRIVER_JAR_URI", description: "The S3 path of a JDBC driver JAR." },
  { name: "JDBC_DRIVER_CLASS_NAME", description: "The driver's class name." },
];

const DATABASE_PROPERTIES: readonly PropertySpec[] = [
  { name: "HOST", description: "The database host.", required: true },
  { name: "PORT", description: "The port the database listens on.", required: true },
  { name: "DATABASE", description: "The database to connect to." },
];

const SAAS_PROPERTIES: readonly PropertySpec[] = [{ name: "INSTANCE_URL", description: "The URL of the application instance to connect to." }];

/** The types the API reference documents one by one. */
const DOCUMENTED: readonly BuiltInConnectionType[] = [
  {
    type: "JDBC",
    displayName: "JDBC",
    description: "A connection to a database through Java Database Connectivity (JDBC).",
    category: "Database",
    auth: ["BASIC"],
    operations: ["READ", "WRITE"],
    compute: ["SPARK", "PYTHON"],
    properties: JDBC_PROPERTIES,
    requirements: [{ anyOf: [["JDBC_CONNECTION_URL"], ["HOST", "PORT", "JDBC_ENGINE"]], what: "a database address: JDBC_CONNECTION_URL, or HOST, PORT and JDBC_ENGINE" }, CREDENTIALS],
    testable: true,
  },
  {
    type: "KAFKA",
    displayName: "Apache Kafka",
    description: "A connection to an Apache Kafka streaming platform.",
    category: "Streaming",
    auth: ["BASIC", "CUSTOM", "IAM"],
    operations: ["READ", "WRITE"],
    compute: ["SPARK"],
    properties: [
      { name: "KAFKA_BOOTSTRAP_SERVERS", description: "host:port pairs of the bootstrap servers.", required: true },
      { name: "KAFKA_SSL_ENABLED", description: "Whether to use SSL.", defaultValue: "true", allowed: ["true", "false"] },
      { name: "KAFKA_SASL_MECHANISM", description: "The SASL mechanism.", allowed: ["SCRAM-SHA-512", "GSSAPI", "AWS_MSK_IAM", "PLAIN"] },
      { name: "KAFKA_SASL_SCRAM_USERNAME", description: "The SASL/SCRAM user." },
      { name: "KAFKA_SASL_SCRAM_PASSWORD", description: "The SASL/SCRAM password.", secret: true },
    ],
    requirements: [{ anyOf: [["KAFKA_BOOTSTRAP_SERVERS"]], what: "KAFKA_BOOTSTRAP_SERVERS" }],
  },
  {
    type: "MONGODB",
    displayName: "MongoDB",
    description: "A connection to a MongoDB document database.",
    category: "Database",
    auth: ["BASIC"],
    operations: ["READ", "WRITE"],
    compute: ["SPARK"],
    properties: [
      { name: "CONNECTION_URL", description: "The MongoDB connection URL.", required: true },
      { name: "USERNAME", description: "The user to log in as." },
      { name: "PASSWORD", description: "The user's password.", secret: true },
      { name: "SECRET_ID", description: "A Secrets Manager secret holding the credentials." },
    ],
    requirements: [{ anyOf: [["CONNECTION_URL"]], what: "CONNECTION_URL" }, CREDENTIALS],
  },
  {
    type: "NETWORK",
    displayName: "Network",
    description: "A network connection to a data source within an Amazon VPC.",
    category: "Network",
    auth: [],
    operations: ["READ", "WRITE"],
    compute: ["SPARK", "PYTHON"],
    properties: [],
    needs: "PhysicalConnectionRequirements",
  },
  {
    type: "MARKETPLACE",
    displayName: "AWS Marketplace connector",
    description: "A connector purchased from AWS Marketplace.",
    category: "Connector",
    auth: ["BASIC", "CUSTOM"],
    operations: ["READ", "WRITE"],
    compute: ["SPARK"],
    properties: [
      { name: "CONNECTOR_TYPE", description: "JDBC, SPARK or ATHENA.", required: true, allowed: ["JDBC", "SPARK", "ATHENA"] },
      { name: "CONNECTOR_URL", description: "The connector's container image URL.", required: true },
      { name: "CONNECTOR_CLASS_NAME", description: "The connector's class name.", required: true },
      { name: "CONNECTION_URL", description: "The data store's URL.", required: true },
    ],
    requirements: [{ anyOf: [["CONNECTOR_TYPE", "CONNECTOR_URL", "CONNECTOR_CLASS_NAME", "CONNECTION_URL"]], what: "CONNECTOR_TYPE, CONNECTOR_URL, CONNECTOR_CLASS_NAME and CONNECTION_URL" }],
  },
  {
    type: "CUSTOM",
    displayName: "Custom connector",
    description: "A custom connector for a data store Glue does not support natively.",
    category: "Connector",
    auth: ["BASIC", "CUSTOM"],
    operations: ["READ", "WRITE"],
    compute: ["SPARK"],
    properties: [
      { name: "CONNECTOR_TYPE", description: "JDBC, SPARK or ATHENA.", allowed: ["JDBC", "SPARK", "ATHENA"] },
      { name: "CONNECTOR_URL", description: "The connector's location." },
      { name: "CONNECTOR_CLASS_NAME", description: "The connector's class name." },
    ],
  },
  {
    type: "SALESFORCE",
    displayName: "Salesforce",
    description: "A connection to Salesforce.",
    category: "SaaS",
    auth: ["OAUTH2"],
    operations: ["READ", "WRITE"],
    compute: ["SPARK", "ATHENA", "PYTHON"],
    properties: SAAS_PROPERTIES,
    needs: "AuthenticationConfiguration",
    testable: true,
  },
  {
    type: "VIEW_VALIDATION_REDSHIFT",
    displayName: "Redshift view validation",
    description: "A connection used for view validation by Amazon Redshift.",
    category: "View validation",
    auth: ["IAM"],
    operations: ["READ"],
    compute: ["SPARK"],
    properties: [{ name: "CLUSTER_IDENTIFIER", description: "The Redshift cluster." }, { name: "WORKGROUP_NAME", description: "The Redshift Serverless workgroup." }, { name: "DATABASE", description: "The database." }],
  },
  {
    type: "VIEW_VALIDATION_ATHENA",
    displayName: "Athena view validation",
    description: "A connection used for view validation by Amazon Athena.",
    category: "View validation",
    auth: ["IAM"],
    operations: ["READ"],
    compute: ["ATHENA"],
    properties: [{ name: "WORKGROUP_NAME", description: "The Athena workgroup." }],
  },
];

/** Relational databases Glue reads natively (through Spark and Athena). */
const DATABASES = new Set([
  "AZURESQL", "BIGQUERY", "CLOUDERAHIVE", "CLOUDERAIMPALA", "DB2", "DB2AS400", "DOCUMENTDB", "DYNAMODB", "HBASE", "MYSQL", "OPENSEARCH",
  "ORACLE", "POSTGRESQL", "SAPHANA", "SQLSERVER", "SYNAPSE", "TERADATA", "TERADATANOS", "TIMESTREAM", "TPCDS", "VERTICA", "AZURECOSMOS",
  "DATALAKEGEN2", "GOOGLECLOUDSTORAGE", "CLOUDWATCH", "CLOUDWATCHMETRICS", "CMDB", "SNOWFLAKE",
]);

/** Types outside the SDK's enum that Glue accepts (SNOWFLAKE: terraform-provider-aws#37731, confirmed by AWS support). */
export const ACCEPTED_BEYOND_ENUM = ["SNOWFLAKE"] as const;

function titleOf(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

function derived(type: string): BuiltInConnectionType {
  if (DATABASES.has(type)) {
    return {
      type,
      displayName: titleOf(type),
      description: `A connection to ${titleOf(type)}.`,
      category: "Database",
      auth: ["BASIC"],
      operations: ["READ", "WRITE"],
      compute: ["SPARK", "ATHENA"],
      properties: DATABASE_PROPERTIES.map((p) => ({ ...p, required: false })),
    };
  }
  return {
    type,
    displayName: titleOf(type),
    description: `A connection to the ${titleOf(type)} application.`,
    category: "SaaS",
    auth: ["OAUTH2", "CUSTOM"],
    operations: ["READ"],
    compute: ["SPARK"],
    properties: SAAS_PROPERTIES,
  };
}

/** Every built-in type: the documented ones, then the rest of the SDK's enum, in name order. */
export function builtInConnectionTypes(enumValues: readonly string[]): BuiltInConnectionType[] {
  const documented = new Map(DOCUMENTED.map((t) => [t.type, t]));
  const names = new Set([...enumValues, ...ACCEPTED_BEYOND_ENUM]);
  names.delete("SFTP"); // "Currently, SFTP is not supported."
  return [...names].sort().map((name) => documented.get(name) ?? derived(name));
}

function property(spec: PropertySpec): Property {
  return {
    Name: spec.name,
    Description: spec.description,
    Required: spec.required ?? false,
    DefaultValue: spec.defaultValue,
    PropertyTypes: [spec.secret ? "SECRET_OR_USER_INPUT" : "USER_INPUT"],
    AllowedValues: spec.allowed?.map((value) => ({ Value: value, Description: value })),
  };
}

export function capabilitiesOf(type: BuiltInConnectionType): Capabilities {
  return { SupportedAuthenticationTypes: [...type.auth], SupportedDataOperations: [...type.operations], SupportedComputeEnvironments: [...type.compute] };
}

export function briefOf(type: BuiltInConnectionType): ConnectionTypeBrief {
  return {
    ConnectionType: type.type as ConnectionTypeBrief["ConnectionType"],
    DisplayName: type.displayName,
    Vendor: "AWS",
    Description: type.description,
    Categories: [type.category],
    Capabilities: capabilitiesOf(type),
  };
}

export function describeBuiltIn(type: BuiltInConnectionType): DescribeConnectionTypeResponse {
  const properties = Object.fromEntries(type.properties.map((spec) => [spec.name, property(spec)]));
  const physical: Record<string, Property> =
    type.needs === "PhysicalConnectionRequirements" || type.type === "JDBC" || type.category === "Database"
      ? {
          SubnetId: { Name: "SubnetId", Description: "The subnet to connect from.", Required: type.needs === "PhysicalConnectionRequirements", PropertyTypes: ["USER_INPUT"] },
          SecurityGroupIdList: { Name: "SecurityGroupIdList", Description: "The security groups of the connection's network interface.", Required: type.needs === "PhysicalConnectionRequirements", PropertyTypes: ["USER_INPUT"] },
          AvailabilityZone: { Name: "AvailabilityZone", Description: "The subnet's Availability Zone.", Required: false, PropertyTypes: ["USER_INPUT"] },
        }
      : {};
  return {
    ConnectionType: type.type,
    Description: type.description,
    Capabilities: capabilitiesOf(type),
    ConnectionProperties: properties,
    ConnectionOptions: {},
    AuthenticationConfiguration:
      type.auth.length > 0
        ? {
            AuthenticationType: {
              Name: "AuthenticationType",
              Description: "How the connection authenticates.",
              Required: type.needs === "AuthenticationConfiguration",
              PropertyTypes: ["USER_INPUT"],
              AllowedValues: type.auth.map((auth) => ({ Value: auth, Description: auth })),
            },
            SecretArn: { Name: "SecretArn", Description: "A Secrets Manager secret holding the credentials.", Required: false, PropertyTypes: ["USER_INPUT"] },
          }
        : undefined,
    ComputeEnvironmentConfigurations: Object.fromEntries(
      type.compute.map((compute) => [
        compute,
        {
          Name: compute,
          Description: `${titleOf(compute)} access to ${type.displayName}.`,
          ComputeEnvironment: compute,
          SupportedAuthenticationTypes: [...type.auth],
          ConnectionOptions: {},
          ConnectionPropertyNameOverrides: {},
          ConnectionOptionNameOverrides: {},
          ConnectionPropertiesRequiredOverrides: [],
          PhysicalConnectionPropertiesRequired: type.needs === "PhysicalConnectionRequirements",
        },
      ]),
    ),
    PhysicalConnectionRequirements: physical,
  };
}
