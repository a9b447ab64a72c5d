import type {
  CreateInfrastructureConfigurationRequest,
  CreateInfrastructureConfigurationResponse,
  DeleteInfrastructureConfigurationRequest,
  DeleteInfrastructureConfigurationResponse,
  GetInfrastructureConfigurationRequest,
  GetInfrastructureConfigurationResponse,
  InfrastructureConfiguration,
  InfrastructureConfigurationSummary,
  InstanceMetadataOptions,
  ListInfrastructureConfigurationsRequest,
  ListInfrastructureConfigurationsResponse,
  Logging,
  Placement,
  UpdateInfrastructureConfigurationRequest,
  UpdateInfrastructureConfigurationResponse,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy } from "../../engine/canonical.js";
import { int, list, oneOf, str, struct } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, parseOwnArn, type Ctx } from "./common.js";
import {
  CLIENT_TOKEN,
  DEFAULT_PAGE_SIZE,
  FILTERS,
  INFRASTRUCTURE_CONFIGURATION_ARN,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  RESOURCE_NAME,
  RESOURCE_TAGS,
  STRING_LIST,
  TAGS,
} from "./shapes.js";
import { arnSegment } from "./versions.js";

export interface InfrastructureConfigurationRecord {
  arn: string;
  segment: string;
  name: string;
  description?: string | undefined;
  instanceTypes?: string[] | undefined;
  instanceProfileName: string;
  securityGroupIds?: string[] | undefined;
  subnetId?: string | undefined;
  logging?: Logging | undefined;
  keyPair?: string | undefined;
  terminateInstanceOnFailure?: boolean | undefined;
  snsTopicArn?: string | undefined;
  dateCreated: string;
  dateUpdated?: string | undefined;
  resourceTags?: Record<string, string> | undefined;
  instanceMetadataOptions?: InstanceMetadataOptions | undefined;
  placement?: Placement | undefined;
}

/** The members Create and Update share; Update replaces all of them (members left out are cleared). */
type Settings = Omit<InfrastructureConfigurationRecord, "arn" | "segment" | "name" | "dateCreated" | "dateUpdated">;

const SETTINGS_RULES = {
  description: NON_EMPTY,
  instanceTypes: list(str()),
  instanceProfileName: str({ min: 1, max: 256, pattern: "^[\\w+=,.@-]+$" }),
  securityGroupIds: STRING_LIST,
  subnetId: NON_EMPTY,
  logging: struct({ s3Logs: struct({ s3BucketName: NON_EMPTY, s3KeyPrefix: NON_EMPTY }) }),
  keyPair: NON_EMPTY,
  snsTopicArn: str({ pattern: "^arn:aws[^:]*:sns:[^:]+:[0-9]{12}:[a-zA-Z0-9-_]{1,256}$" }),
  resourceTags: RESOURCE_TAGS,
  instanceMetadataOptions: struct({ httpTokens: str({ pattern: "^optional|required$" }), httpPutResponseHopLimit: int({ min: 1, max: 64 }) }),
  placement: struct({ availabilityZone: NON_EMPTY, tenancy: oneOf("TenancyType"), hostId: NON_EMPTY, hostResourceGroupArn: NON_EMPTY }),
  clientToken: CLIENT_TOKEN,
};

function settingsOf(ctx: Ctx, input: CreateInfrastructureConfigurationRequest | UpdateInfrastructureConfigurationRequest): Settings {
  const placement = input.placement;
  // A host placement names a host or a host resource group, not both (EC2 RunInstances rule).
  if (placement?.hostId !== undefined && placement.hostResourceGroupArn !== undefined) {
    throw ctx.invalid("A placement names either a hostId or a hostResourceGroupArn, not both.");
  }
  if ((placement?.hostId !== undefined || placement?.hostResourceGroupArn !== undefined) && placement?.tenancy !== undefined && placement.tenancy !== "host") {
    throw ctx.invalid(`A placement on a dedicated host needs tenancy 'host', not '${placement.tenancy}'.`);
  }
  return {
    description: input.description,
    instanceTypes: input.instanceTypes,
    instanceProfileName: input.instanceProfileName!,
    securityGroupIds: input.securityGroupIds,
    subnetId: input.subnetId,
    logging: input.logging,
    keyPair: input.keyPair,
    // Image Builder terminates a failed build instance unless told otherwise.
    terminateInstanceOnFailure: input.terminateInstanceOnFailure ?? true,
    snsTopicArn: input.snsTopicArn,
    resourceTags: input.resourceTags,
    instanceMetadataOptions: input.instanceMetadataOptions,
    placement: input.placement,
  };
}

export function renderInfrastructureConfiguration(backend: ImagebuilderBackend, r: InfrastructureConfigurationRecord): InfrastructureConfiguration {
  const { segment: _segment, ...fields } = r;
  return deepCopy({ ...fields, tags: backend.tags.get(r.arn) });
}

export function findInfrastructureConfiguration(ctx: Ctx, arn: string): InfrastructureConfigurationRecord {
  parseOwnArn(ctx, arn, "infrastructure configuration");
  const record = ctx.backend.infrastructureConfigurations.get(arn);
  if (!record) throw notFound(ctx, "infrastructure configuration", arn);
  return record;
}

export const createInfrastructureConfiguration = op<CreateInfrastructureConfigurationRequest, CreateInfrastructureConfigurationResponse>({
  input: { name: RESOURCE_NAME, tags: TAGS, ...SETTINGS_RULES },
  errors: ["ResourceInUseException", "ResourceAlreadyExistsException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const segment = arnSegment(input.name!);
    const arn = ctx.arn(`infrastructure-configuration/${segment}`);
    if (ctx.backend.infrastructureConfigurations.has(arn)) {
      throw ctx.error("ResourceAlreadyExistsException", `The following resource 'InfrastructureConfiguration' already exists: '${arn}'.`);
    }
    const settings = settingsOf(ctx, input);
    ctx.backend.infrastructureConfigurations.set(arn, { arn, segment, name: input.name!, dateCreated: isoNow(ctx), ...settings });
    ctx.backend.tags.add(arn, input.tags);
    return { requestId: ctx.requestId, clientToken: input.clientToken, infrastructureConfigurationArn: arn };
  },
});

export const updateInfrastructureConfiguration = op<UpdateInfrastructureConfigurationRequest, UpdateInfrastructureConfigurationResponse>({
  input: { infrastructureConfigurationArn: INFRASTRUCTURE_CONFIGURATION_ARN, ...SETTINGS_RULES },
  errors: ["ResourceInUseException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const record = findInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn!);
    const settings = settingsOf(ctx, input);
    ctx.backend.infrastructureConfigurations.set(record.arn, { arn: record.arn, segment: record.segment, name: record.name, dateCreated: record.dateCreated, dateUpdated: isoNow(ctx), ...settings });
    return { requestId: ctx.requestId, clientToken: input.clientToken, infrastructureConfigurationArn: record.arn };
  },
});

export const getInfrastructureConfiguration = op<GetInfrastructureConfigurationRequest, GetInfrastructureConfigurationResponse>({
  input: { infrastructureConfigurationArn: INFRASTRUCTURE_CONFIGURATION_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const record = findInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn!);
    return { requestId: ctx.requestId, infrastructureConfiguration: renderInfrastructureConfiguration(ctx.backend, record) };
  },
});

export const deleteInfrastructureConfiguration = op<DeleteInfrastructureConfigurationRequest, DeleteInfrastructureConfigurationResponse>({
  input: { infrastructureConfigurationArn: INFRASTRUCTURE_CONFIGURATION_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const record = findInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn!);
    const pipeline = ctx.backend.pipelines.values().find((p) => p.infrastructureConfigurationArn === record.arn);
    if (pipeline) {
      throw ctx.error("ResourceDependencyException", `The infrastructure configuration '${record.arn}' is used by the image pipeline '${pipeline.arn}'. Delete the pipeline or change its infrastructure configuration first.`);
    }
    const building = ctx.backend.images.builds.values().find((i) => i.infrastructureConfiguration?.arn === record.arn && i.process && !i.process.done);
    if (building) throw ctx.error("ResourceDependencyException", `The infrastructure configuration '${record.arn}' is in use by the image build '${building.arn}'.`);
    ctx.backend.infrastructureConfigurations.delete(record.arn);
    ctx.backend.tags.drop(record.arn);
    return { requestId: ctx.requestId, infrastructureConfigurationArn: record.arn };
  },
});

function summary(backend: ImagebuilderBackend, r: InfrastructureConfigurationRecord): InfrastructureConfigurationSummary {
  return {
    arn: r.arn,
    name: r.name,
    description: r.description,
    dateCreated: r.dateCreated,
    dateUpdated: r.dateUpdated,
    resourceTags: r.resourceTags,
    tags: backend.tags.get(r.arn),
    instanceTypes: r.instanceTypes,
    instanceProfileName: r.instanceProfileName,
    placement: r.placement,
  };
}

export const listInfrastructureConfigurations = op<ListInfrastructureConfigurationsRequest, ListInfrastructureConfigurationsResponse>({
  input: { filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.infrastructureConfigurations, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: input.filters,
      filter: filterPredicate(ctx, input.filters, { name: (r: InfrastructureConfigurationRecord) => r.name }),
    });
    return { requestId: ctx.requestId, infrastructureConfigurationSummaryList: page.items.map((r) => summary(ctx.backend, r)), nextToken: page.nextToken };
  },
});
