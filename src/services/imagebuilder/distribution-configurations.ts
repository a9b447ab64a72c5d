import type {
  CreateDistributionConfigurationRequest,
  CreateDistributionConfigurationResponse,
  DeleteDistributionConfigurationRequest,
  DeleteDistributionConfigurationResponse,
  Distribution,
  DistributionConfiguration,
  DistributionConfigurationSummary,
  GetDistributionConfigurationRequest,
  GetDistributionConfigurationResponse,
  ListDistributionConfigurationsRequest,
  ListDistributionConfigurationsResponse,
  UpdateDistributionConfigurationRequest,
  UpdateDistributionConfigurationResponse,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy } from "../../engine/canonical.js";
import { int, list, oneOf, str, struct } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, parseOwnArn, type Ctx } from "./common.js";
import {
  ACCOUNT_ID,
  ACCOUNT_LIST,
  CLIENT_TOKEN,
  DEFAULT_PAGE_SIZE,
  DISTRIBUTION_CONFIGURATION_ARN,
  FILTERS,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  RESOURCE_NAME,
  STRING_LIST,
  TAGS,
  TARGET_REPOSITORY,
} from "./shapes.js";
import { arnSegment } from "./versions.js";

export interface DistributionConfigurationRecord {
  arn: string;
  segment: string;
  name: string;
  description?: string | undefined;
  distributions: Distribution[];
  timeoutMinutes: number;
  dateCreated: string;
  dateUpdated?: string | undefined;
}

/** How long a distribution may take before it fails (DistributionTimeoutMinutes 30..720; 720 when not set). */
const DEFAULT_TIMEOUT_MINUTES = 720;

const LAUNCH_TEMPLATE_ID = str({ pattern: "^lt-[a-z0-9-_]{17}$" });

const DISTRIBUTION = struct({
  region: NON_EMPTY,
  amiDistributionConfiguration: struct({
    name: str({ min: 1, max: 127, pattern: "^[-_A-Za-z0-9{][-_A-Za-z0-9\\s:{}\\.]+[-_A-Za-z0-9}]$" }),
    description: NON_EMPTY,
    targetAccountIds: ACCOUNT_LIST,
    amiTags: TAGS,
    kmsKeyId: NON_EMPTY,
    launchPermission: struct({
      userIds: ACCOUNT_LIST,
      userGroups: STRING_LIST,
      organizationArns: list(str({ pattern: "^arn:aws[^:]*:organizations::[0-9]{12}:organization/o-[a-z0-9]{10,32}$" }), { min: 1, max: 25 }),
      organizationalUnitArns: list(str({ pattern: "^arn:aws[^:]*:organizations::[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}" }), { min: 1, max: 25 }),
    }),
  }),
  containerDistributionConfiguration: struct({ description: NON_EMPTY, containerTags: STRING_LIST, targetRepository: TARGET_REPOSITORY }),
  licenseConfigurationArns: list(str({ pattern: "^arn:aws(?:-[a-z]+)*:license-manager:[^:]+:[0-9]{12}:license-configuration:lic-[a-z0-9-_]{32}$" }), { min: 1, max: 50 }),
  launchTemplateConfigurations: list(struct({ launchTemplateId: LAUNCH_TEMPLATE_ID, accountId: ACCOUNT_ID }), { min: 1, max: 100 }),
  s3ExportConfiguration: struct({ roleName: NON_EMPTY, diskImageFormat: oneOf("DiskImageFormat"), s3Bucket: NON_EMPTY, s3Prefix: NON_EMPTY }),
  fastLaunchConfigurations: list(
    struct({
      snapshotConfiguration: struct({ targetResourceCount: int({ min: 1, max: 10000 }) }),
      maxParallelLaunches: int({ min: 1 }),
      launchTemplate: struct({ launchTemplateId: LAUNCH_TEMPLATE_ID, launchTemplateName: NON_EMPTY, launchTemplateVersion: NON_EMPTY }),
      accountId: ACCOUNT_ID,
    }),
    { min: 1, max: 1000 },
  ),
  ssmParameterConfigurations: list(struct({ amiAccountId: ACCOUNT_ID, parameterName: str({ min: 1, max: 1011 }), dataType: oneOf("SsmParameterDataType") }), { min: 1, max: 10 }),
});
const DISTRIBUTIONS = list(DISTRIBUTION, { min: 1 });

const REGION = /^[a-z]{2,}(?:-[a-z]+)+-[0-9]+$/;

/** Cross-member rules of a distribution list, checked before anything is stored. */
function checkDistributions(ctx: Ctx, distributions: readonly Distribution[]): void {
  const seen = new Set<string>();
  for (const d of distributions) {
    const region = d.region!;
    if (!REGION.test(region)) throw ctx.invalid(`'${region}' is not an AWS Region code (for example us-east-1).`);
    if (seen.has(region)) {
      throw ctx.error("InvalidParameterCombinationException", `The Region '${region}' appears in more than one distribution; give each Region one distribution.`);
    }
    seen.add(region);
    if (d.amiDistributionConfiguration && d.containerDistributionConfiguration) {
      throw ctx.error("InvalidParameterCombinationException", `The distribution for '${region}' has both amiDistributionConfiguration and containerDistributionConfiguration; an image is either an AMI or a container image.`);
    }
  }
}

export function renderDistributionConfiguration(backend: ImagebuilderBackend, r: DistributionConfigurationRecord): DistributionConfiguration {
  const { segment: _segment, ...fields } = r;
  return deepCopy({ ...fields, tags: backend.tags.get(r.arn) });
}

export function findDistributionConfiguration(ctx: Ctx, arn: string): DistributionConfigurationRecord {
  parseOwnArn(ctx, arn, "distribution configuration");
  const record = ctx.backend.distributionConfigurations.get(arn);
  if (!record) throw notFound(ctx, "distribution configuration", arn);
  return record;
}

export const createDistributionConfiguration = op<CreateDistributionConfigurationRequest, CreateDistributionConfigurationResponse>({
  input: { name: RESOURCE_NAME, description: NON_EMPTY, distributions: DISTRIBUTIONS, tags: TAGS, clientToken: CLIENT_TOKEN },
  errors: ["ResourceInUseException", "ResourceAlreadyExistsException", "InvalidParameterCombinationException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const segment = arnSegment(input.name!);
    const arn = ctx.arn(`distribution-configuration/${segment}`);
    if (ctx.backend.distributionConfigurations.has(arn)) {
      throw ctx.error("ResourceAlreadyExistsException", `The following resource 'DistributionConfiguration' already exists: '${arn}'.`);
    }
    checkDistributions(ctx, input.distributions!);
    ctx.backend.distributionConfigurations.set(arn, {
      arn,
      segment,
      name: input.name!,
      description: input.description,
      distributions: input.distributions!,
      timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
      dateCreated: isoNow(ctx),
    });
    ctx.backend.tags.add(arn, input.tags);
    return { requestId: ctx.requestId, clientToken: input.clientToken, distributionConfigurationArn: arn };
  },
});

export const updateDistributionConfiguration = op<UpdateDistributionConfigurationRequest, UpdateDistributionConfigurationResponse>({
  input: { distributionConfigurationArn: DISTRIBUTION_CONFIGURATION_ARN, description: NON_EMPTY, distributions: DISTRIBUTIONS, clientToken: CLIENT_TOKEN },
  errors: ["ResourceInUseException", "InvalidParameterCombinationException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const record = findDistributionConfiguration(ctx, input.distributionConfigurationArn!);
    checkDistributions(ctx, input.distributions!);
    // An update replaces the configuration: a description left out is cleared.
    record.description = input.description;
    record.distributions = input.distributions!;
    record.dateUpdated = isoNow(ctx);
    return { requestId: ctx.requestId, clientToken: input.clientToken, distributionConfigurationArn: record.arn };
  },
});

export const getDistributionConfiguration = op<GetDistributionConfigurationRequest, GetDistributionConfigurationResponse>({
  input: { distributionConfigurationArn: DISTRIBUTION_CONFIGURATION_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const record = findDistributionConfiguration(ctx, input.distributionConfigurationArn!);
    return { requestId: ctx.requestId, distributionConfiguration: renderDistributionConfiguration(ctx.backend, record) };
  },
});

export const deleteDistributionConfiguration = op<DeleteDistributionConfigurationRequest, DeleteDistributionConfigurationResponse>({
  input: { distributionConfigurationArn: DISTRIBUTION_CONFIGURATION_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const record = findDistributionConfiguration(ctx, input.distributionConfigurationArn!);
    const pipeline = ctx.backend.pipelines.values().find((p) => p.distributionConfigurationArn === record.arn);
    if (pipeline) {
      throw ctx.error("ResourceDependencyException", `The distribution configuration '${record.arn}' is used by the image pipeline '${pipeline.arn}'. Delete the pipeline or change its distribution configuration first.`);
    }
    const building = ctx.backend.images.builds.values().find((i) => i.distributionConfiguration?.arn === record.arn && i.process && !i.process.done);
    if (building) throw ctx.error("ResourceDependencyException", `The distribution configuration '${record.arn}' is in use by the image build '${building.arn}'.`);
    ctx.backend.distributionConfigurations.delete(record.arn);
    ctx.backend.tags.drop(record.arn);
    return { requestId: ctx.requestId, distributionConfigurationArn: record.arn };
  },
});

function summary(backend: ImagebuilderBackend, r: DistributionConfigurationRecord): DistributionConfigurationSummary {
  return {
    arn: r.arn,
    name: r.name,
    description: r.description,
    dateCreated: r.dateCreated,
    dateUpdated: r.dateUpdated,
    tags: backend.tags.get(r.arn),
    regions: r.distributions.map((d) => d.region!),
  };
}

export const listDistributionConfigurations = op<ListDistributionConfigurationsRequest, ListDistributionConfigurationsResponse>({
  input: { filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.distributionConfigurations, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: input.filters,
      filter: filterPredicate(ctx, input.filters, { name: (r: DistributionConfigurationRecord) => r.name }),
    });
    return { requestId: ctx.requestId, distributionConfigurationSummaryList: page.items.map((r) => summary(ctx.backend, r)), nextToken: page.nextToken };
  },
});
