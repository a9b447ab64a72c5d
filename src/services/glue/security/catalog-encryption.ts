import type {
  DataCatalogEncryptionSettings,
  GetDataCatalogEncryptionSettingsRequest,
  GetDataCatalogEncryptionSettingsResponse,
  PutDataCatalogEncryptionSettingsRequest,
  PutDataCatalogEncryptionSettingsResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import { oneOf, requiredAnd, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { catalogBackend } from "../connections/catalog-id.js";
import { NAME } from "../shapes.js";

/** A catalog's settings before any PutDataCatalogEncryptionSettings: nothing encrypted. */
const DEFAULTS: DataCatalogEncryptionSettings = {
  EncryptionAtRest: { CatalogEncryptionMode: "DISABLED" },
  ConnectionPasswordEncryption: { ReturnConnectionPasswordEncrypted: false },
};

/** The KMS key id Glue uses when password protection is on without a key of the caller's. */
const GLUE_MANAGED_KEY = "alias/aws/glue";

export function encryptionSettingsOf(backend: GlueBackend): DataCatalogEncryptionSettings {
  return backend.security.encryptionSettings ?? DEFAULTS;
}

/**
 * The key connection passwords are encrypted with when connection password protection is on
 * (a key is named, or passwords are to be returned encrypted), else undefined.
 */
export function passwordEncryptionKey(backend: GlueBackend): string | undefined {
  const protection = encryptionSettingsOf(backend).ConnectionPasswordEncryption;
  if (!protection) return undefined;
  if (protection.AwsKmsKeyId) return protection.AwsKmsKeyId;
  return protection.ReturnConnectionPasswordEncrypted ? GLUE_MANAGED_KEY : undefined;
}

/** Whether GetConnection(s) return passwords encrypted (ReturnConnectionPasswordEncrypted). */
export function returnsPasswordsEncrypted(backend: GlueBackend): boolean {
  return encryptionSettingsOf(backend).ConnectionPasswordEncryption?.ReturnConnectionPasswordEncrypted ?? false;
}

/** CatalogIdString: an account ID here. */
const CATALOG_ID = NAME;
const ROLE_ARN = str({ pattern: "^arn:aws(-(cn|us-gov|iso(-[bef])?))?:iam::[0-9]{12}:role/.+$" });

const SETTINGS = struct({
  EncryptionAtRest: struct({ CatalogEncryptionMode: requiredAnd(oneOf("CatalogEncryptionMode")), SseAwsKmsKeyId: NAME, CatalogEncryptionServiceRole: ROLE_ARN }),
  ConnectionPasswordEncryption: struct({ AwsKmsKeyId: NAME }),
});

function settingsProblem(settings: DataCatalogEncryptionSettings): string | undefined {
  const atRest = settings.EncryptionAtRest;
  if (atRest) {
    const mode = atRest.CatalogEncryptionMode;
    if (mode === "DISABLED" && (atRest.SseAwsKmsKeyId || atRest.CatalogEncryptionServiceRole)) {
      return "EncryptionAtRest: CatalogEncryptionMode DISABLED takes no SseAwsKmsKeyId or CatalogEncryptionServiceRole.";
    }
    if (mode === "SSE-KMS-WITH-SERVICE-ROLE" && !atRest.CatalogEncryptionServiceRole) {
      return "EncryptionAtRest: CatalogEncryptionMode SSE-KMS-WITH-SERVICE-ROLE needs a CatalogEncryptionServiceRole.";
    }
    if (mode === "SSE-KMS" && atRest.CatalogEncryptionServiceRole) {
      return "EncryptionAtRest: a CatalogEncryptionServiceRole is only used with CatalogEncryptionMode SSE-KMS-WITH-SERVICE-ROLE.";
    }
  }
  return undefined;
}

export const getDataCatalogEncryptionSettings = op<GetDataCatalogEncryptionSettingsRequest, GetDataCatalogEncryptionSettingsResponse>({
  input: { CatalogId: CATALOG_ID },
  errors: [],
  run(ctx, input) {
    return { DataCatalogEncryptionSettings: deepCopy(encryptionSettingsOf(catalogBackend(ctx, input.CatalogId))) };
  },
});

export const putDataCatalogEncryptionSettings = op<PutDataCatalogEncryptionSettingsRequest, PutDataCatalogEncryptionSettingsResponse>({
  input: { CatalogId: CATALOG_ID, DataCatalogEncryptionSettings: SETTINGS },
  errors: [],
  run(ctx, input) {
    const backend = catalogBackend(ctx, input.CatalogId);
    const settings = input.DataCatalogEncryptionSettings!;
    const problem = settingsProblem(settings);
    if (problem) throw ctx.invalid(problem);
    // The settings given replace the catalog's; a part left out is back to its default.
    backend.security.encryptionSettings = {
      EncryptionAtRest: settings.EncryptionAtRest ?? deepCopy(DEFAULTS.EncryptionAtRest),
      ConnectionPasswordEncryption: settings.ConnectionPasswordEncryption ?? deepCopy(DEFAULTS.ConnectionPasswordEncryption),
    };
    return {};
  },
});
