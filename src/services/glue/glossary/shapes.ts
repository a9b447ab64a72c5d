import { str } from "../../../engine/validation/rules.js";
import { SINGLE_LINE } from "../shapes.js";

/** Constraints of the business-context shapes (Glue API reference, "Business context APIs"). */
export const CLIENT_TOKEN = str({ min: 1, max: 255, pattern: SINGLE_LINE });
export const GLOSSARY_NAME = str({ min: 1, max: 256 });
export const GLOSSARY_DESCRIPTION = str({ min: 1, max: 2048 });
export const SHORT_DESCRIPTION = str({ min: 1, max: 1024 });
export const LONG_DESCRIPTION = str({ min: 1, max: 4096 });
export const IDENTIFIER = str({ min: 1, max: 256 });
/** Asset identifiers: AssetIdentifier, ItemIdentifier. */
export const ASSET_IDENTIFIER = str({ min: 1, max: 1087, pattern: "[a-zA-Z0-9\\-:/._*]+" });
export const ITEM_IDENTIFIER = str({ min: 1, max: 1087 });
export const ITERABLE_FORM_NAME = str({ min: 1, max: 256, pattern: "^[a-zA-Z][a-zA-Z0-9_]*(::[a-zA-Z][a-zA-Z0-9_]*)?$" });
/** Asset type names and form names of asset types. */
export const TYPE_NAME = str({ min: 1, max: 128, pattern: "^(?![0-9_])\\w+$|^_\\w*[a-zA-Z0-9]\\w*$" });
export const FORM_TYPE_NAME = str({ min: 1, max: 128, pattern: "^[A-Z]\\w*$" });
export const FORM_SCHEMA = str({ min: 1, max: 100000 });
export const ASSET_NAME = str({ min: 1, max: 256 });
export const ATTACHMENT_NAME = str({ min: 1, max: 256 });

/**
 * The SDK marks ClientToken as these operations' idempotency token, so the engine answers a
 * token reused with another request with Glue's IdempotentParameterMismatchException, which
 * their documentation does not list.
 */
export const TOKEN_UNMODELLED: Readonly<Record<string, string>> = {
  IdempotentParameterMismatchException: "ClientToken is this operation's idempotency token in the SDK's schema: a token reused with a different request is refused with Glue's mismatch error, which the operation's documentation omits.",
};
