import type { Tag } from "@aws-sdk/client-proton";
import { canonicalJson } from "../../engine/canonical.js";
import { readYaml, yamlText } from "../../engine/yaml.js";
import type { RequestContext } from "../../engine/context.js";
import type { OrderedTable } from "../../engine/ordered-table.js";
import type { ServiceError } from "../../engine/errors.js";
import type { ProtonBackend } from "./backend.js";
import { DEFAULT_PAGE_SIZE, isReservedTagKey } from "./shapes.js";

export type Ctx = RequestContext<ProtonBackend>;

/** ResourceNotFoundException naming what is missing. */
export function notFound(ctx: Ctx, what: string): ServiceError {
  return ctx.error("ResourceNotFoundException", `${what} not found.`);
}

/** ConflictException with a message that says what is in the way. */
export function conflict(ctx: Ctx, message: string): ServiceError {
  return ctx.error("ConflictException", message);
}

/** TagList (the wire form) to a record; later duplicates win, as a map would (a key named __proto__ is data). */
export function tagRecord(tags: readonly Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((tag) => [tag.key!, tag.value!]));
}

/** The AWS managed tag keys Proton writes ("AWS Proton resources and tagging"), each holding an ARN. */
export const MANAGED_TAG = {
  template: "aws:proton:template",
  environment: "aws:proton:environment",
  service: "aws:proton:service",
  serviceInstance: "aws:proton:service-instance",
} as const;

/**
 * Where a new resource's automatic tags come from. "When you create an AWS Proton resource,
 * AWS Proton automatically generates AWS managed tags for your new resource … AWS managed tags
 * propagate to the AWS Proton resources that your new resource creates or deploys", and
 * "customer managed tags propagate to child AWS Proton resources in the same way that AWS
 * managed tags do, except they don't propagate to existing AWS Proton resources".
 */
export interface TagLineage {
  /** The AWS managed tags of the new resource (MANAGED_TAG keys → ARNs). */
  managed: Readonly<Record<string, string>>;
  /** The resources whose customer managed tags it inherits now, weakest first (its own tags win). */
  parents: readonly string[];
}

/** "Each resource can have a maximum of 50 user created tags" ("AWS Proton resources and tagging"). */
export const MAX_CUSTOMER_TAGS = 50;

/**
 * The one tag limit of every Proton resource, whoever writes its tags (TagResource, or a create
 * with its own and inherited tags): at most 50 customer managed tags. "System created tags that
 * begin with the aws: prefix are reserved for AWS use, and do not count against this limit."
 * `origin` says where the tags come from, for the message.
 */
export function checkTagLimit(ctx: Ctx, arn: string, tags: Readonly<Record<string, string>>, origin: string): void {
  const customer = Object.keys(tags).filter((key) => !isReservedTagKey(key)).length;
  if (customer > MAX_CUSTOMER_TAGS) {
    throw ctx.invalid(
      `Resource ${arn} would have more than ${MAX_CUSTOMER_TAGS} tags: ${customer} customer managed tags (${origin}); the aws: tags Proton manages do not count. Remove some tags, or give fewer.`,
    );
  }
}

/**
 * Tags a new resource starts with: its parents' customer managed tags as they are now, then the
 * request's own tags, then its AWS managed tags (which nobody can set or remove). Checked
 * against the tag limit, so a create calls it before it stores anything. `pending` gives the
 * tags of parents created by the same call and not stored yet (CreateService's instances).
 */
export function newResourceTags(
  ctx: Ctx,
  arn: string,
  tags: readonly Tag[] | undefined,
  lineage?: TagLineage,
  pending?: ReadonlyMap<string, Readonly<Record<string, string>>>,
): Record<string, string> {
  const inherited = new Map<string, string>();
  for (const parent of lineage?.parents ?? []) {
    for (const [key, value] of Object.entries(pending?.get(parent) ?? ctx.backend.tags.get(parent))) if (!isReservedTagKey(key)) inherited.set(key, value);
  }
  const own = tagRecord(tags);
  const result: Record<string, string> = { ...Object.fromEntries(inherited), ...own, ...lineage?.managed };
  const ownCount = Object.keys(own).length;
  const inheritedOnly = [...inherited.keys()].filter((key) => !Object.hasOwn(own, key)).length;
  checkTagLimit(ctx, arn, result, inheritedOnly === 0 ? `its own ${ownCount}` : `${inheritedOnly} inherited from ${lineage!.parents.join(", ")} and its own ${ownCount}`);
  return result;
}

/** Stores the tags newResourceTags gave a resource now created (replacing any a deleted namesake left). */
export function storeTags(ctx: Ctx, arn: string, tags: Readonly<Record<string, string>>): void {
  ctx.backend.tags.drop(arn);
  ctx.backend.tags.add(arn, tags);
}

/** Forgets everything a deleted resource leaves behind: tags, and remembers it was deleted. */
export function forget(backend: ProtonBackend, arn: string): void {
  backend.tags.drop(arn);
  backend.deleted.add(arn);
}

/**
 * Proton page tokens use the standard base64 alphabet (`^[A-Za-z0-9+=/]+$`); the engine's
 * cursors are base64url. Tokens are translated at the edge so they satisfy the model.
 */
const toProtonToken = (token: string | undefined): string | undefined => token?.replace(/-/g, "+").replace(/_/g, "/");
const fromProtonToken = (token: string | undefined): string | undefined => token?.replace(/\+/g, "-").replace(/\//g, "_");

export interface PageRequest<V> {
  nextToken?: string | undefined;
  maxResults?: number | undefined;
  filter?: (value: V) => boolean;
  query?: unknown;
  descending?: boolean;
}

/** One page of a table with Proton's token alphabet and default page size. */
export function page<V>(ctx: Ctx, table: OrderedTable<V>, request: PageRequest<V>): { items: V[]; nextToken?: string | undefined } {
  const result = ctx.paginate(table, {
    token: fromProtonToken(request.nextToken),
    maxResults: request.maxResults,
    defaultSize: DEFAULT_PAGE_SIZE,
    ...(request.filter ? { filter: request.filter } : {}),
    ...(request.query !== undefined ? { query: request.query } : {}),
    ...(request.descending ? { descending: true } : {}),
  });
  return { items: result.items, nextToken: toProtonToken(result.nextToken) };
}

/** The canonical text of a create request, to tell a retry from a different request. */
export function fingerprint(input: object): string {
  return canonicalJson(input);
}

/** Sort key text for version numbers: "2" → "00000000000000000002" (numeric order as text). */
export function padVersion(part: string): string {
  return part.padStart(20, "0");
}

/**
 * A YAML spec parsed to a mapping, or the ValidationException naming what is wrong with it
 * (Proton validates specs before it starts a deployment).
 */
export function parseSpecMapping(ctx: Ctx, spec: string, member: string): Record<string, unknown> {
  const read = readYaml(spec);
  if (read.problem !== undefined) throw ctx.invalid(`The ${member} is not valid YAML: ${read.problem}`);
  const parsed = read.value;
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw ctx.invalid(`The ${member} must be a YAML mapping (key: value pairs).`);
  return parsed as Record<string, unknown>;
}

/** Checks the `proton:` marker of a spec when it is present ("EnvironmentSpec", "ServiceSpec"). */
export function checkSpecKind(ctx: Ctx, spec: Record<string, unknown>, kind: string, member: string): void {
  if (spec["proton"] !== undefined && spec["proton"] !== kind) {
    throw ctx.invalid(`The ${member} declares "proton: ${yamlText(spec["proton"])}"; expected "proton: ${kind}".`);
  }
}

/** The next value of the backend's creation counter (stable sort ties, newest-first lists). */
export function nextSeq(ctx: Ctx): number {
  return ++ctx.backend.sequence;
}
