import { int, list, map, num, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { MULTI_LINE, NAME, SINGLE_LINE } from "../shapes.js";

/**
 * Constraints on the Data Catalog's shapes (AWS Glue API reference, "Catalog objects"): the
 * engine checks them, nested members included, before a handler runs.
 */

/** CatalogIdString: an account id, `account:catalog`, or a catalog name. */
export const CATALOG_ID = str({ min: 1, max: 255, pattern: SINGLE_LINE });

/** CatalogNameString: no `.`, `/` or `\`, and not starting with `aws:`. */
export const CATALOG_NAME = str({ min: 1, max: 64, pattern: "^(?!(.*[.\\/\\\\]|aws:)).*$" });

/** DescriptionString of catalog objects: up to 2048, line breaks allowed. */
export const CATALOG_DESCRIPTION = str({ max: 2048, pattern: MULTI_LINE });

/** ParametersMap: KeyString keys (1..255, single line), values up to 512000. */
export const PARAMETERS = map({ key: str({ min: 1, max: 255, pattern: SINGLE_LINE }), value: str({ max: 512000 }) });

/** URI (database LocationUri, function resources). */
export const URI = str({ min: 1, max: 1024, pattern: MULTI_LINE });

/** ValueString: a partition value, a search term. */
export const VALUE = str({ min: 1, max: 1024 });

/** A partition's values (ValueStringList). */
export const PARTITION_VALUES = list(VALUE);

/** TransactionIdString (accepted and ignored: governed tables are not modelled). */
export const TRANSACTION_ID = str({ min: 1, max: 255, pattern: "^[\\p{L}\\p{N}\\p{P}]*$" });

/** VersionString: a table version id. */
export const VERSION_ID = str({ min: 1, max: 255, pattern: SINGLE_LINE });

/** PredicateString: a GetPartitions expression. */
export const PREDICATE = str({ max: 2048, pattern: MULTI_LINE });

/** ArnString (view definers, sub-objects, optimizer roles). */
export const ARN_STRING = str({ min: 20, max: 2048 });

export const COLUMN = struct({
  Name: NAME,
  Type: str({ max: 131072, pattern: SINGLE_LINE }),
  Comment: str({ max: 255, pattern: SINGLE_LINE }),
  Parameters: PARAMETERS,
});

const SCHEMA_REGISTRY_NAME = str({ min: 1, max: 255, pattern: "[a-zA-Z0-9-_$#.]+" });

export const STORAGE_DESCRIPTOR = struct({
  Columns: list(COLUMN),
  Location: str({ max: 2056, pattern: MULTI_LINE }),
  AdditionalLocations: list(str({ max: 2056, pattern: MULTI_LINE })),
  InputFormat: str({ max: 128, pattern: SINGLE_LINE }),
  OutputFormat: str({ max: 128, pattern: SINGLE_LINE }),
  NumberOfBuckets: int(),
  SerdeInfo: struct({ Name: NAME, SerializationLibrary: NAME, Parameters: PARAMETERS }),
  BucketColumns: list(NAME),
  SortColumns: list(struct({ Column: NAME, SortOrder: int({ min: 0, max: 1 }) })),
  Parameters: PARAMETERS,
  SkewedInfo: struct({ SkewedColumnNames: list(NAME) }),
  SchemaReference: struct({
    SchemaId: struct({
      SchemaArn: str({ min: 1, max: 10240, pattern: "arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*" }),
      SchemaName: SCHEMA_REGISTRY_NAME,
      RegistryName: SCHEMA_REGISTRY_NAME,
    }),
    SchemaVersionId: str({ min: 36, max: 36, pattern: "[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}" }),
    SchemaVersionNumber: num({ min: 1, max: 100000, integer: true }),
  }),
});

/** DatabaseIdentifier / TableIdentifier (resource links). */
const TARGET = { CatalogId: CATALOG_ID, DatabaseName: NAME, Region: NAME };

const FEDERATION_ID = str({ min: 1, max: 512, pattern: SINGLE_LINE });

export const PRINCIPAL_PERMISSIONS = list(
  struct({ Principal: struct({ DataLakePrincipalIdentifier: str({ min: 1, max: 255 }) }), Permissions: list(oneOf("Permission")) }),
);

export const DATABASE_INPUT = struct({
  Name: NAME,
  Description: CATALOG_DESCRIPTION,
  LocationUri: URI,
  Parameters: PARAMETERS,
  CreateTableDefaultPermissions: PRINCIPAL_PERMISSIONS,
  TargetDatabase: struct(TARGET),
  FederatedDatabase: struct({ Identifier: FEDERATION_ID, ConnectionName: NAME }),
});

const VIEW_TEXT = str({ max: 409600 });

export const VIEW_DEFINITION_INPUT = struct({
  Definer: ARN_STRING,
  Representations: list(
    struct({ Dialect: oneOf("ViewDialect"), DialectVersion: str({ min: 1, max: 255 }), ViewOriginalText: VIEW_TEXT, ViewExpandedText: VIEW_TEXT, ValidationConnection: NAME }),
    { min: 1, max: 10 },
  ),
  SubObjects: list(ARN_STRING, { max: 10 }),
  RefreshSeconds: num({ min: 0, integer: true }),
  LastRefreshType: oneOf("LastRefreshType"),
});

export const TABLE_INPUT = struct({
  Name: NAME,
  Description: CATALOG_DESCRIPTION,
  Owner: NAME,
  Retention: int({ min: 0 }),
  StorageDescriptor: STORAGE_DESCRIPTOR,
  PartitionKeys: list(COLUMN),
  ViewOriginalText: VIEW_TEXT,
  ViewExpandedText: VIEW_TEXT,
  TableType: str({ max: 255 }),
  Parameters: PARAMETERS,
  TargetTable: struct({ ...TARGET, Name: NAME }),
  FederatedTable: struct({ Identifier: FEDERATION_ID, DatabaseIdentifier: FEDERATION_ID, ConnectionName: NAME }),
  ViewDefinition: VIEW_DEFINITION_INPUT,
});

export const PARTITION_INPUT = struct({ Values: PARTITION_VALUES, StorageDescriptor: STORAGE_DESCRIPTOR, Parameters: PARAMETERS });

/** PartitionIndex: a name and 1+ partition keys. */
export const PARTITION_INDEX = struct({ Keys: list(NAME, { min: 1 }), IndexName: NAME });

/** Segment: which of TotalSegments (1..10) disjoint segments to read. */
export const SEGMENT = struct({ SegmentNumber: int({ min: 0 }), TotalSegments: int({ min: 1, max: 10 }) });

/** CatalogGetterPageSize: GetDatabases, GetTables, GetTableVersions, GetUserDefinedFunctions. */
export const CATALOG_PAGE = int({ min: 1, max: 100 });

/** PageSize: GetPartitions, SearchTables, GetCatalogs… */
export const PAGE = int({ min: 1, max: 1000 });

/** SampleSizePercentage. */
export const SAMPLE_SIZE = num({ min: 0, max: 100 });

/** A column-statistics run's or settings' column list. */
export const COLUMN_NAMES = list(NAME);

/** Glue's cron expressions are checked by the handlers (engine/cron.ts), not by a pattern. */
export const CRON = str({ min: 1 });

/** What AuditContext and QuerySessionContext hold (accepted, not used). */
export const AUDIT_CONTEXT = struct({ AdditionalAuditContext: str({ max: 2048 }) });
