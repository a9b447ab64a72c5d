import type { GetTagsRequest, GetTagsResponse, TagResourceRequest, TagResourceResponse, UntagResourceRequest, UntagResourceResponse } from "@aws-sdk/client-glue";
import { parseArn } from "../../engine/arn.js";
import type { RequestContext } from "../../engine/context.js";
import { list, str } from "../../engine/validation/rules.js";
import { op, type GlueBackend } from "./backend.js";
import { fold } from "./catalog/state.js";
import { TAG_KEYS_MAX, TAGS } from "./shapes.js";

/**
 * Which Glue ARNs can carry tags, by resource type, and the resource an ARN's name names: its
 * name as Glue keeps it (the tags' key), or undefined when no such resource exists.
 */
type Taggable = (backend: GlueBackend, name: string) => string | undefined;

/** A resource kept under exactly the name the ARN gives. */
const exactly =
  (exists: (backend: GlueBackend, name: string) => boolean): Taggable =>
  (backend, name) =>
    exists(backend, name) ? name : undefined;

/**
 * `database/<name>` in the account's default catalog, `database/<catalog>/<name>` in a named
 * one (the ARNs CreateDatabase tags); names are folded to lower case, as the catalog keeps them.
 */
const database: Taggable = (backend, name) => {
  const slash = name.indexOf("/");
  const catalog = slash < 0 ? undefined : name.slice(0, slash);
  const database = fold(slash < 0 ? name : name.slice(slash + 1));
  const store = catalog === undefined ? backend.catalog.root(backend.scope.accountId) : backend.catalog.catalogs.get(catalog)?.store;
  if (!store?.databases.has(database)) return undefined;
  return catalog === undefined ? database : `${catalog}/${database}`;
};

const TAGGABLE: Record<string, Taggable> = {
  workflow: exactly((backend, name) => backend.workflows.has(name)),
  trigger: exactly((backend, name) => backend.triggers.has(name)),
  job: exactly((backend, name) => backend.jobs.has(name)),
  crawler: exactly((backend, name) => backend.crawlers.has(name)),
  blueprint: exactly((backend, name) => backend.blueprints.has(name)),
  connection: exactly((backend, name) => backend.connections.connections.has(name)),
  customEntityType: exactly((backend, name) => backend.admin.customEntityTypes.has(name)),
  usageProfile: exactly((backend, name) => backend.admin.usageProfiles.has(name)),
  connectionType: exactly((backend, name) => backend.connections.types.get(name)?.registered !== undefined),
  dataQualityRuleset: exactly((backend, name) => backend.dataQuality.rulesets.has(name)),
  dataQualityEvaluationConfig: exactly((backend, name) => backend.dataQuality.evaluationConfigs.has(name)),
  registry: exactly((backend, name) => backend.schemaRegistry.registries.has(name)),
  schema: exactly((backend, name) => backend.schemaRegistry.schemas.has(name)),
  session: exactly((backend, name) => backend.sessions.has(name)),
  devEndpoint: exactly((backend, name) => backend.devEndpoints.has(name)),
  mlTransform: exactly((backend, name) => backend.mlTransforms.has(name)),
  database,
  // A named catalog (CreateCatalog); the account's default catalog carries no tags.
  catalog: exactly((backend, name) => backend.catalog.catalogs.has(name)),
  // A zero-ETL integration: arn:…:integration:<id> (a colon, not a slash, before the id).
  integration: exactly((backend, id) => backend.integrations.integrations.has(id)),
  // An integration resource property: arn:…:integrationresourceproperty/<id> (its records are keyed by ResourceArn).
  integrationresourceproperty: exactly((backend, id) => backend.integrations.resourceProperties.values().some((p) => p.ResourcePropertyArn.endsWith(`/${id}`))),
};

const RESOURCE_ARN = str({ min: 1, max: 10240, pattern: "arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*" });

/** The canonical ARN (the tags' key) of an existing taggable resource of this account and region, or EntityNotFound. */
function taggedResource(ctx: RequestContext<GlueBackend>, arn: string): string {
  const parts = parseArn(arn);
  const separator = parts?.resource.search(/[/:]/) ?? -1;
  const type = parts && separator > 0 ? parts.resource.slice(0, separator) : undefined;
  const name = parts && separator > 0 ? parts.resource.slice(separator + 1) : undefined;
  const resolve = type !== undefined && Object.hasOwn(TAGGABLE, type) ? TAGGABLE[type] : undefined;
  // Integrations alone take a colon before their id; every other type a slash.
  const shaped = resolve !== undefined && parts!.resource[separator] === (type === "integration" ? ":" : "/");
  if (!parts || !resolve || !shaped || !name) {
    throw ctx.invalid(`${arn} is not the ARN of a taggable Glue resource (${Object.keys(TAGGABLE).join(", ")}).`);
  }
  // An ARN of another partition, account or region names another resource, even with the same name.
  const canonical = ctx.isOwn(parts) ? resolve(ctx.backend, name) : undefined;
  if (canonical === undefined) throw ctx.error("EntityNotFoundException", `Resource ${arn} not found.`);
  return arn.slice(0, arn.length - name.length) + canonical;
}

export const tagResource = op<TagResourceRequest, TagResourceResponse>({
  input: { ResourceArn: RESOURCE_ARN, TagsToAdd: TAGS },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const arn = taggedResource(ctx, input.ResourceArn!);
    if (ctx.backend.tags.countAfterAdding(arn, input.TagsToAdd!) > 50) {
      throw ctx.invalid(`Resource ${arn} would have more than 50 tags.`);
    }
    ctx.backend.tags.add(arn, input.TagsToAdd);
    return {};
  },
});

export const untagResource = op<UntagResourceRequest, UntagResourceResponse>({
  input: { ResourceArn: RESOURCE_ARN, TagsToRemove: list(str({ min: 1, max: 128 }), { max: TAG_KEYS_MAX }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    ctx.backend.tags.remove(taggedResource(ctx, input.ResourceArn!), input.TagsToRemove!);
    return {};
  },
});

export const getTags = op<GetTagsRequest, GetTagsResponse>({
  input: { ResourceArn: RESOURCE_ARN },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { Tags: ctx.backend.tags.get(taggedResource(ctx, input.ResourceArn!)) };
  },
});
