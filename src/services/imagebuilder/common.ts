import type { Filter } from "@aws-sdk/client-imagebuilder";
import type { RequestContext } from "../../engine/context.js";
import type { ServiceError } from "../../engine/errors.js";
import type { ImagebuilderBackend } from "./backend.js";
import { isAwsOwnedAccount, parseImagebuilderArn, type ImagebuilderArn } from "./versions.js";

export type Ctx = RequestContext<ImagebuilderBackend>;

/**
 * Image Builder answers a missing resource with ResourceNotFoundException (404) on every
 * operation, although its model lists that error for only a few of them: Terraform's
 * provider treats ResourceNotFoundException from GetImage, GetComponent, GetImageRecipe… as
 * "gone" (internal/service/imagebuilder, find*ByARN), and the error's own documentation says
 * it is for "resources referenced by your request".
 */
export const NOT_FOUND_UNMODELLED = {
  ResourceNotFoundException: "Image Builder reports missing resources with ResourceNotFoundException on every operation (Terraform's find*ByARN relies on it), although the model lists it only for some.",
} as const;

/** The timestamp text Image Builder writes in its DateTime members (ISO 8601, milliseconds, Z). */
export function isoNow(ctx: Ctx): string {
  return ctx.now().toISOString();
}

export function notFound(ctx: Ctx, what: string, arn: string): ServiceError {
  return ctx.error("ResourceNotFoundException", `The ${what} '${arn}' does not exist.`);
}

/**
 * An ARN of this service, parsed, of the expected resource type. The request's constraints
 * already checked its pattern; this refuses resources of another account, Region or
 * partition (which this account cannot see unless shared) with ResourceNotFoundException.
 */
export function parseOwnArn(ctx: Ctx, arn: string, what: string): ImagebuilderArn {
  const parsed = parseImagebuilderArn(arn);
  if (!parsed || !ctx.inThisRegion(parsed) || parsed.account !== ctx.accountId) throw notFound(ctx, what, arn);
  return parsed;
}

/** Whether an ARN names a resource owned by AWS (`aws`, `aws-marketplace`, `third-party`…). */
export function awsOwned(parsed: ImagebuilderArn): boolean {
  return isAwsOwnedAccount(parsed.account);
}

/**
 * A predicate for a List operation's `filters`: each filter name maps to the record's values
 * for it; a record matches when, for every filter, one of its values equals one of the
 * filter's values (names and values are case-sensitive, as Image Builder documents). A
 * filter name the operation does not support is the operation's validation error.
 */
export function filterPredicate<T>(
  ctx: Ctx,
  filters: readonly Filter[] | undefined,
  fields: Readonly<Record<string, (record: T) => string | readonly string[] | undefined>>,
): (record: T) => boolean {
  if (!filters || filters.length === 0) return () => true;
  const checks = filters.map((filter) => {
    // Own members only: a filter named `constructor` or `valueOf` must not find Object's.
    const name = filter.name ?? "";
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!field) {
      throw ctx.invalid(`The filter name '${filter.name ?? ""}' is not supported by ${ctx.operation}; use one of: ${Object.keys(fields).join(", ")}.`);
    }
    const wanted = new Set(filter.values ?? []);
    return (record: T): boolean => {
      const value = field(record);
      if (value === undefined) return false;
      return (typeof value === "string" ? [value] : value).some((v) => wanted.has(v));
    };
  });
  return (record) => checks.every((check) => check(record));
}

/**
 * A resource policy Put*Policy accepts: JSON with a Statement (one or a list), each with an
 * Effect and an Action, as the RAM-backed sharing Image Builder uses expects.
 */
export function policyProblem(policy: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return "The policy is not valid JSON.";
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "The policy must be a JSON object with a Statement.";
  const statement = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (statements.length === 0) return "The policy must have at least one Statement.";
  for (const s of statements) {
    if (typeof s !== "object" || s === null) return "Each policy Statement must be a JSON object.";
    const { Effect, Action } = s as { Effect?: unknown; Action?: unknown };
    if (Effect !== "Allow" && Effect !== "Deny") return "Each policy Statement needs an Effect of Allow or Deny.";
    if (Action === undefined) return "Each policy Statement needs an Action.";
  }
  return undefined;
}

/** Whether a resource policy allows `accountId` (named by id or ARN, or `*`). */
export function policyShares(policy: string | undefined, accountId: string): boolean {
  if (!policy) return false;
  try {
    const doc = JSON.parse(policy) as { Statement?: unknown };
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return statements.some((s) => {
      const statement = s as { Effect?: string; Principal?: unknown };
      if (statement?.Effect !== "Allow") return false;
      const principal = statement.Principal;
      const values: unknown[] =
        principal === "*" ? ["*"] : typeof principal === "object" && principal !== null ? [(principal as { AWS?: unknown }).AWS].flat() : [];
      return values.some((v) => v === "*" || v === accountId || (typeof v === "string" && v.startsWith(`arn:`) && v.split(":")[4] === accountId));
    });
  } catch {
    return false;
  }
}

/** The backends of other accounts in this region (where shared resources come from). */
export function otherAccountBackends(ctx: Ctx): ImagebuilderBackend[] {
  return ctx.engine.backends
    .all<ImagebuilderBackend>(ctx.service.serviceId)
    .map(([, backend]) => backend)
    .filter((b) => b.scope.region === ctx.region && b.scope.accountId !== ctx.accountId);
}

/** The image type words Image Builder uses in dynamic workflow values. */
export type ImageKind = "AMI" | "DOCKER";
