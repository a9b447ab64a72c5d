import type {
  CreateRegistryInput,
  CreateRegistryResponse,
  DeleteRegistryInput,
  DeleteRegistryResponse,
  GetRegistryInput,
  GetRegistryResponse,
  ListRegistriesInput,
  ListRegistriesResponse,
  RegistryListItem,
  UpdateRegistryInput,
  UpdateRegistryResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { int, requiredAnd } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { DESCRIPTION, TAGS } from "../shapes.js";
import { deleteRegistryLater } from "./deletion.js";
import { findRegistry, REGISTRY_ID, REGISTRY_NAME, registryArn, writableRegistry } from "./lookup.js";
import { QUOTAS, type RegistryRecord } from "./state.js";

type Ctx = RequestContext<GlueBackend>;

/** Creates a registry record (CreateRegistry, and the default registry on first use). */
export function newRegistry(ctx: Ctx, name: string, description: string | undefined, tags: Record<string, string> | undefined): RegistryRecord {
  const now = ctx.now().toISOString();
  const registry: RegistryRecord = {
    name,
    arn: registryArn(ctx, name),
    description,
    status: "AVAILABLE",
    createdTime: now,
    updatedTime: now,
    schemas: new OrderedTable(),
  };
  ctx.backend.schemaRegistry.registries.set(name, registry);
  ctx.backend.tags.add(registry.arn, tags);
  return registry;
}

export function checkRegistryQuota(ctx: Ctx): void {
  if (ctx.backend.schemaRegistry.registries.size >= QUOTAS.registries) {
    throw ctx.error("ResourceNumberLimitExceededException", `More registries cannot be created. The maximum limit of ${QUOTAS.registries} has been reached.`);
  }
}

/** A read sees the registry as it is, then moves its deletion on. */
function observed(ctx: Ctx, registry: RegistryRecord): RegistryRecord {
  ctx.observe(registry.deletion);
  return registry;
}

export const createRegistry = op<CreateRegistryInput, CreateRegistryResponse>({
  input: { RegistryName: REGISTRY_NAME, Description: DESCRIPTION, Tags: TAGS },
  errors: ["AlreadyExistsException", "ResourceNumberLimitExceededException"],
  run(ctx, input) {
    const name = input.RegistryName!;
    if (ctx.backend.schemaRegistry.registries.has(name)) throw ctx.error("AlreadyExistsException", `Registry already exists. RegistryName: ${name}`);
    checkRegistryQuota(ctx);
    const registry = newRegistry(ctx, name, input.Description, input.Tags);
    return { RegistryArn: registry.arn, RegistryName: name, Description: input.Description, Tags: input.Tags && Object.keys(input.Tags).length > 0 ? { ...input.Tags } : undefined };
  },
});

export const getRegistry = op<GetRegistryInput, GetRegistryResponse>({
  input: { RegistryId: REGISTRY_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return registryView(observed(ctx, findRegistry(ctx, input.RegistryId)));
  },
});

/** What GetRegistry answers and ListRegistries lists of a registry: the same members. */
function registryView(registry: RegistryRecord): RegistryListItem {
  return {
    RegistryName: registry.name,
    RegistryArn: registry.arn,
    Description: registry.description,
    Status: registry.status,
    CreatedTime: registry.createdTime,
    UpdatedTime: registry.updatedTime,
  };
}

export const listRegistries = op<ListRegistriesInput, ListRegistriesResponse>({
  input: { MaxResults: int({ min: 1, max: 100 }) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.schemaRegistry.registries, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 25 });
    return { Registries: page.items.map((registry) => registryView(observed(ctx, registry))), NextToken: page.nextToken };
  },
});

export const updateRegistry = op<UpdateRegistryInput, UpdateRegistryResponse>({
  input: { RegistryId: REGISTRY_ID, Description: requiredAnd(DESCRIPTION) },
  errors: ["EntityNotFoundException", "ConcurrentModificationException"],
  run(ctx, input) {
    const registry = writableRegistry(ctx, findRegistry(ctx, input.RegistryId));
    registry.description = input.Description;
    registry.updatedTime = ctx.now().toISOString();
    return { RegistryName: registry.name, RegistryArn: registry.arn };
  },
});

export const deleteRegistry = op<DeleteRegistryInput, DeleteRegistryResponse>({
  input: { RegistryId: REGISTRY_ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const registry = findRegistry(ctx, input.RegistryId);
    if (registry.status !== "DELETING") deleteRegistryLater(ctx, registry);
    return { RegistryName: registry.name, RegistryArn: registry.arn, Status: registry.status };
  },
});
