import type {
  CreateIntegrationResourcePropertyRequest,
  CreateIntegrationResourcePropertyResponse,
  DeleteIntegrationResourcePropertyRequest,
  DeleteIntegrationResourcePropertyResponse,
  GetIntegrationResourcePropertyRequest,
  GetIntegrationResourcePropertyResponse,
  IntegrationResourceProperty,
  ListIntegrationResourcePropertiesRequest,
  ListIntegrationResourcePropertiesResponse,
  UpdateIntegrationResourcePropertyRequest,
  UpdateIntegrationResourcePropertyResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { uuid } from "../../../engine/ids.js";
import { int, list, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { requireArn, STRING128, TAG_LIST, tagMapOf } from "./integrations.js";
import type { ResourcePropertyRecord } from "./records.js";

const ROLE_ARN = str({ min: 20, max: 2048, pattern: "arn:aws[^:]*:iam::[0-9]*:role/.+" });
const SOURCE = struct({ RoleArn: ROLE_ARN });
const TARGET = struct({ RoleArn: ROLE_ARN, KmsArn: str({ min: 1, max: 2048 }), ConnectionName: NAME, EventBusArn: str({ min: 1, max: 2048 }) });
/** ResourceArn of the operations newer than the model: 1..512 in the current API reference. */
const RESOURCE_ARN_512 = str({ min: 1, max: 512 });

function findProperty(ctx: RequestContext<GlueBackend>, arn: string): ResourcePropertyRecord {
  const property = ctx.backend.integrations.resourceProperties.get(arn);
  if (!property) throw ctx.error("EntityNotFoundException", `No integration resource property exists for ${arn}.`);
  return property;
}

function render(p: ResourcePropertyRecord): IntegrationResourceProperty {
  return { ResourceArn: p.ResourceArn, ResourcePropertyArn: p.ResourcePropertyArn, SourceProcessingProperties: p.SourceProcessingProperties, TargetProcessingProperties: p.TargetProcessingProperties };
}

function requireSome(ctx: RequestContext<GlueBackend>, input: { SourceProcessingProperties?: unknown; TargetProcessingProperties?: unknown }): void {
  if (input.SourceProcessingProperties === undefined && input.TargetProcessingProperties === undefined) {
    throw ctx.invalid("Give SourceProcessingProperties (for a source) or TargetProcessingProperties (for a target).");
  }
}

export const createIntegrationResourceProperty = op<CreateIntegrationResourcePropertyRequest, CreateIntegrationResourcePropertyResponse>({
  input: { ResourceArn: STRING128, SourceProcessingProperties: SOURCE, TargetProcessingProperties: TARGET, Tags: TAG_LIST },
  errors: ["ConflictException"],
  run(ctx, input) {
    const arn = input.ResourceArn!;
    requireArn(ctx, arn, "ResourceArn");
    requireSome(ctx, input);
    const state = ctx.backend.integrations;
    if (state.resourceProperties.has(arn)) throw ctx.error("ConflictException", `An integration resource property already exists for ${arn}; update it instead.`);
    const record: ResourcePropertyRecord = {
      ResourceArn: arn,
      ResourcePropertyArn: ctx.arn(`integrationresourceproperty/${uuid()}`),
      SourceProcessingProperties: input.SourceProcessingProperties,
      TargetProcessingProperties: input.TargetProcessingProperties,
    };
    state.resourceProperties.set(arn, record);
    // Its tags are those TagResource, UntagResource and GetTags reach through ResourcePropertyArn.
    ctx.backend.tags.add(record.ResourcePropertyArn, tagMapOf(input.Tags));
    return render(record) as CreateIntegrationResourcePropertyResponse;
  },
});

export const getIntegrationResourceProperty = op<GetIntegrationResourcePropertyRequest, GetIntegrationResourcePropertyResponse>({
  input: { ResourceArn: STRING128 },
  errors: ["EntityNotFoundException"],
  run: (ctx, input) => render(findProperty(ctx, input.ResourceArn!)),
});

export const updateIntegrationResourceProperty = op<UpdateIntegrationResourcePropertyRequest, UpdateIntegrationResourcePropertyResponse>({
  input: { ResourceArn: STRING128, SourceProcessingProperties: SOURCE, TargetProcessingProperties: TARGET },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const property = findProperty(ctx, input.ResourceArn!);
    requireSome(ctx, input);
    if (input.SourceProcessingProperties !== undefined) property.SourceProcessingProperties = input.SourceProcessingProperties;
    if (input.TargetProcessingProperties !== undefined) property.TargetProcessingProperties = input.TargetProcessingProperties;
    return render(property);
  },
});

export const deleteIntegrationResourceProperty = op<DeleteIntegrationResourcePropertyRequest, DeleteIntegrationResourcePropertyResponse>({
  input: { ResourceArn: RESOURCE_ARN_512 },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const property = findProperty(ctx, input.ResourceArn!);
    ctx.backend.integrations.resourceProperties.delete(input.ResourceArn!);
    ctx.backend.tags.drop(property.ResourcePropertyArn);
    return {};
  },
});

const FILTER_NAMES = new Set(["SourceArn", "TargetArn"]);

export const listIntegrationResourceProperties = op<ListIntegrationResourcePropertiesRequest, ListIntegrationResourcePropertiesResponse>({
  input: { Marker: str({ min: 1, max: 1024 }), MaxRecords: int({ min: 1 }), Filters: list(struct({ Name: STRING128, Values: list(STRING128) })) },
  errors: [],
  run(ctx, input) {
    // SourceArn keeps source properties with those resource ARNs; TargetArn, target properties.
    const filters: Array<(p: ResourcePropertyRecord) => boolean> = [];
    for (const filter of input.Filters ?? []) {
      if (!filter.Name || !FILTER_NAMES.has(filter.Name)) throw ctx.invalid(`Filter ${filter.Name ?? "(no name)"} is not supported: use SourceArn or TargetArn.`);
      const values = new Set(filter.Values ?? []);
      const side = filter.Name === "SourceArn" ? "SourceProcessingProperties" : "TargetProcessingProperties";
      filters.push((p) => p[side] !== undefined && values.has(p.ResourceArn));
    }
    const page = ctx.paginate(ctx.backend.integrations.resourceProperties, {
      token: input.Marker,
      maxResults: input.MaxRecords,
      defaultSize: 100,
      query: input.Filters,
      filter: (p) => filters.every((f) => f(p)),
    });
    return { IntegrationResourcePropertyList: page.items.map(render), Marker: page.nextToken };
  },
});
