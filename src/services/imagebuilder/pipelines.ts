import type {
  CreateImagePipelineRequest,
  CreateImagePipelineResponse,
  DeleteImagePipelineRequest,
  DeleteImagePipelineResponse,
  GetImagePipelineRequest,
  GetImagePipelineResponse,
  ImagePipeline,
  ImageScanningConfiguration,
  ImageTestsConfiguration,
  ListImagePipelineImagesRequest,
  ListImagePipelineImagesResponse,
  ListImagePipelinesRequest,
  ListImagePipelinesResponse,
  PipelineLoggingConfiguration,
  PipelineStatus,
  Platform,
  Schedule,
  StartImagePipelineExecutionRequest,
  StartImagePipelineExecutionResponse,
  UpdateImagePipelineRequest,
  UpdateImagePipelineResponse,
  WorkflowConfiguration,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy } from "../../engine/canonical.js";
import { cronExpressionProblem } from "../../engine/cron.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { int, oneOf, str, struct } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, parseOwnArn, type Ctx } from "./common.js";
import { BUILD_INPUT, buildVersionOf, imageSummary, launchBuild, prepareBuild, type BuildRequest, type ImageRecord } from "./images.js";
import { CLIENT_TOKEN, DEFAULT_PAGE_SIZE, FILTERS, IMAGE_PIPELINE_ARN, MAX_RESULTS, NEXT_TOKEN, NON_EMPTY, RESOURCE_NAME, TAGS } from "./shapes.js";
import { schedulePipeline, timeZoneProblem, type ScheduledWork } from "./schedules.js";
import { arnSegment } from "./versions.js";

export interface ImagePipelineRecord {
  arn: string;
  segment: string;
  name: string;
  description?: string | undefined;
  platform: Platform;
  enhancedImageMetadataEnabled: boolean;
  imageRecipeArn?: string | undefined;
  containerRecipeArn?: string | undefined;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn?: string | undefined;
  imageTestsConfiguration: ImageTestsConfiguration;
  schedule?: Schedule | undefined;
  status: PipelineStatus;
  dateCreated: string;
  dateUpdated?: string | undefined;
  imageScanningConfiguration?: ImageScanningConfiguration | undefined;
  imageTags?: Record<string, string> | undefined;
  executionRole?: string | undefined;
  workflows?: WorkflowConfiguration[] | undefined;
  loggingConfiguration?: PipelineLoggingConfiguration | undefined;
  consecutiveFailures: number;
  /** When the schedule runs the pipeline next (epoch ms, virtual clock), if it does. */
  nextRunMs?: number | undefined;
  /** The images this pipeline built, newest first. */
  images: OrderedTable<ImageRecord>;
}

const SCHEDULE = struct({
  scheduleExpression: NON_EMPTY,
  timezone: str({ min: 3, max: 100, pattern: "^[a-zA-Z0-9]{2,}(?:\\/[a-zA-z0-9-_+]+)*$" }),
  pipelineExecutionStartCondition: oneOf("PipelineExecutionStartCondition"),
  autoDisablePolicy: struct({ failureCount: int({ min: 1, max: 10 }) }),
});
const PIPELINE_LOGGING = struct({ imageLogGroupName: str({ min: 1, max: 512 }), pipelineLogGroupName: str({ min: 1, max: 512 }) });

const PIPELINE_INPUT = {
  ...BUILD_INPUT,
  description: NON_EMPTY,
  schedule: SCHEDULE,
  status: oneOf("PipelineStatus"),
  imageTags: TAGS,
  clientToken: CLIENT_TOKEN,
};

type PipelineSettings = Omit<ImagePipelineRecord, "arn" | "segment" | "name" | "dateCreated" | "dateUpdated" | "consecutiveFailures" | "images">;

/** Checks a pipeline's configuration as a build would use it, and returns what the pipeline stores. */
function settingsOf(ctx: Ctx, input: CreateImagePipelineRequest | UpdateImagePipelineRequest): PipelineSettings {
  const expression = input.schedule?.scheduleExpression;
  if (expression !== undefined) {
    const problem = cronExpressionProblem(expression);
    if (problem) throw ctx.invalid(`The schedule expression '${expression}' is not valid: ${problem}.`);
  }
  const zone = input.schedule?.timezone;
  if (zone !== undefined) {
    const problem = timeZoneProblem(zone);
    if (problem) throw ctx.invalid(problem);
  }
  if (input.schedule && expression === undefined) throw ctx.invalid("A schedule needs a scheduleExpression (cron(...)).");
  const request = buildRequestOf({ ...input, infrastructureConfigurationArn: input.infrastructureConfigurationArn! });
  const prepared = prepareBuild(ctx, request);
  return {
    description: input.description,
    platform: prepared.platform,
    enhancedImageMetadataEnabled: input.enhancedImageMetadataEnabled ?? true,
    imageRecipeArn: input.imageRecipeArn,
    containerRecipeArn: input.containerRecipeArn,
    infrastructureConfigurationArn: input.infrastructureConfigurationArn!,
    distributionConfigurationArn: input.distributionConfigurationArn,
    imageTestsConfiguration: prepared.imageTestsConfiguration,
    schedule: input.schedule ? { ...input.schedule, pipelineExecutionStartCondition: input.schedule.pipelineExecutionStartCondition ?? "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE", timezone: input.schedule.timezone ?? "UTC" } : undefined,
    status: input.status ?? "ENABLED",
    imageScanningConfiguration: input.imageScanningConfiguration,
    imageTags: input.imageTags,
    executionRole: input.executionRole,
    workflows: input.workflows,
    loggingConfiguration: input.loggingConfiguration,
  };
}

function buildRequestOf(p: Omit<BuildRequest, "loggingConfiguration"> & { loggingConfiguration?: PipelineLoggingConfiguration | undefined }): BuildRequest {
  return {
    imageRecipeArn: p.imageRecipeArn,
    containerRecipeArn: p.containerRecipeArn,
    infrastructureConfigurationArn: p.infrastructureConfigurationArn,
    distributionConfigurationArn: p.distributionConfigurationArn,
    imageTestsConfiguration: p.imageTestsConfiguration,
    enhancedImageMetadataEnabled: p.enhancedImageMetadataEnabled,
    imageScanningConfiguration: p.imageScanningConfiguration,
    workflows: p.workflows,
    executionRole: p.executionRole,
    loggingConfiguration: p.loggingConfiguration?.imageLogGroupName ? { logGroupName: p.loggingConfiguration.imageLogGroupName } : undefined,
  };
}

export function renderPipeline(backend: ImagebuilderBackend, p: ImagePipelineRecord): ImagePipeline {
  const last = p.images.first();
  return deepCopy({
    arn: p.arn,
    name: p.name,
    description: p.description,
    platform: p.platform,
    enhancedImageMetadataEnabled: p.enhancedImageMetadataEnabled,
    imageRecipeArn: p.imageRecipeArn,
    containerRecipeArn: p.containerRecipeArn,
    infrastructureConfigurationArn: p.infrastructureConfigurationArn,
    distributionConfigurationArn: p.distributionConfigurationArn,
    imageTestsConfiguration: p.imageTestsConfiguration,
    schedule: p.schedule,
    status: p.status,
    dateCreated: p.dateCreated,
    dateUpdated: p.dateUpdated,
    lastRunStatus: last?.state.status,
    dateNextRun: p.nextRunMs !== undefined ? new Date(p.nextRunMs).toISOString() : undefined,
    tags: backend.tags.get(p.arn),
    imageScanningConfiguration: p.imageScanningConfiguration,
    imageTags: p.imageTags,
    executionRole: p.executionRole,
    workflows: p.workflows,
    loggingConfiguration: p.loggingConfiguration,
    consecutiveFailures: p.consecutiveFailures,
  });
}

function findPipeline(ctx: Ctx, arn: string): ImagePipelineRecord {
  parseOwnArn(ctx, arn, "image pipeline");
  const pipeline = ctx.backend.pipelines.get(arn);
  if (!pipeline) throw notFound(ctx, "image pipeline", arn);
  return pipeline;
}

export const createImagePipeline = op<CreateImagePipelineRequest, CreateImagePipelineResponse>({
  input: { ...PIPELINE_INPUT, name: RESOURCE_NAME, tags: TAGS, loggingConfiguration: PIPELINE_LOGGING },
  errors: ["ResourceInUseException", "ResourceAlreadyExistsException", "ServiceQuotaExceededException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const segment = arnSegment(input.name!);
    const arn = ctx.arn(`image-pipeline/${segment}`);
    if (ctx.backend.pipelines.has(arn)) throw ctx.error("ResourceAlreadyExistsException", `The following resource 'ImagePipeline' already exists: '${arn}'.`);
    const settings = settingsOf(ctx, input);
    ctx.backend.pipelines.set(arn, {
      arn,
      segment,
      name: input.name!,
      dateCreated: isoNow(ctx),
      consecutiveFailures: 0,
      images: new OrderedTable<ImageRecord>((i) => -i.sequence),
      ...settings,
    });
    schedulePipeline(ctx.backend, ctx.backend.pipelines.get(arn)!, ctx.now().getTime());
    ctx.backend.tags.add(arn, input.tags);
    return { requestId: ctx.requestId, clientToken: input.clientToken, imagePipelineArn: arn };
  },
});

export const updateImagePipeline = op<UpdateImagePipelineRequest, UpdateImagePipelineResponse>({
  input: { ...PIPELINE_INPUT, imagePipelineArn: IMAGE_PIPELINE_ARN, loggingConfiguration: PIPELINE_LOGGING },
  errors: ["ResourceInUseException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const pipeline = findPipeline(ctx, input.imagePipelineArn!);
    // "UpdateImagePipeline does not support selective updates": every setting is replaced.
    Object.assign(pipeline, {
      imageRecipeArn: undefined,
      containerRecipeArn: undefined,
      distributionConfigurationArn: undefined,
      ...settingsOf(ctx, input),
      dateUpdated: isoNow(ctx),
      consecutiveFailures: 0,
    });
    schedulePipeline(ctx.backend, pipeline, ctx.now().getTime());
    return { requestId: ctx.requestId, clientToken: input.clientToken, imagePipelineArn: pipeline.arn };
  },
});

export const getImagePipeline = op<GetImagePipelineRequest, GetImagePipelineResponse>({
  input: { imagePipelineArn: IMAGE_PIPELINE_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const pipeline = findPipeline(ctx, input.imagePipelineArn!);
    ctx.observe(pipeline.images.first()?.process);
    return { requestId: ctx.requestId, imagePipeline: renderPipeline(ctx.backend, pipeline) };
  },
});

export const deleteImagePipeline = op<DeleteImagePipelineRequest, DeleteImagePipelineResponse>({
  input: { imagePipelineArn: IMAGE_PIPELINE_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const pipeline = findPipeline(ctx, input.imagePipelineArn!);
    // The images it built stay; they keep naming the pipeline as their source.
    ctx.backend.pipelines.delete(pipeline.arn);
    ctx.backend.scheduledPipelines.delete(pipeline.arn);
    ctx.backend.tags.drop(pipeline.arn);
    return { requestId: ctx.requestId, imagePipelineArn: pipeline.arn };
  },
});

const PIPELINE_FILTERS = {
  description: (p: ImagePipelineRecord) => p.description,
  distributionConfigurationArn: (p: ImagePipelineRecord) => p.distributionConfigurationArn,
  imageRecipeArn: (p: ImagePipelineRecord) => p.imageRecipeArn,
  infrastructureConfigurationArn: (p: ImagePipelineRecord) => p.infrastructureConfigurationArn,
  name: (p: ImagePipelineRecord) => p.name,
  status: (p: ImagePipelineRecord) => p.status,
};

export const listImagePipelines = op<ListImagePipelinesRequest, ListImagePipelinesResponse>({
  input: { filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.pipelines, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: input.filters,
      filter: filterPredicate(ctx, input.filters, PIPELINE_FILTERS),
    });
    return { requestId: ctx.requestId, imagePipelineList: page.items.map((p) => renderPipeline(ctx.backend, p)), nextToken: page.nextToken };
  },
});

export const listImagePipelineImages = op<ListImagePipelineImagesRequest, ListImagePipelineImagesResponse>({
  input: { imagePipelineArn: IMAGE_PIPELINE_ARN, filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException", "ResourceNotFoundException"],
  run(ctx, input) {
    const pipeline = findPipeline(ctx, input.imagePipelineArn!);
    const matches = filterPredicate(ctx, input.filters, { name: (i: ImageRecord) => i.name, version: (i: ImageRecord) => [i.version, buildVersionOf(i)] });
    const page = ctx.paginate(pipeline.images, { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE, query: { arn: pipeline.arn, filters: input.filters }, filter: matches });
    // The list reports each image's state: reading it observes the builds it lists (once the page is known to be good).
    for (const image of page.items) ctx.observe(image.process);
    return { requestId: ctx.requestId, imageSummaryList: page.items.map((i) => imageSummary(ctx.backend, i)), nextToken: page.nextToken };
  },
});

export const startImagePipelineExecution = op<StartImagePipelineExecutionRequest, StartImagePipelineExecutionResponse>({
  input: { imagePipelineArn: IMAGE_PIPELINE_ARN, clientToken: CLIENT_TOKEN, tags: TAGS },
  errors: ["ResourceNotFoundException", "ResourceInUseException"],
  run(ctx, input) {
    const pipeline = findPipeline(ctx, input.imagePipelineArn!);
    const image = startPipelineBuild(ctx, pipeline, "USER_INITIATED", input.tags);
    return { requestId: ctx.requestId, clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  },
});

/**
 * Builds an image from a pipeline. When the build ends it updates the pipeline's
 * consecutiveFailures: a failed scheduled build adds one (manual failures do not count), a
 * successful build resets it, and reaching the schedule's autoDisablePolicy.failureCount
 * disables the pipeline.
 */
function startPipelineBuild(ctx: Ctx, pipeline: ImagePipelineRecord, buildType: "USER_INITIATED" | "SCHEDULED", tags?: Record<string, string>): ImageRecord {
  const prepared = prepareBuild(ctx, buildRequestOf(pipeline));
  const backend = ctx.backend;
  const onEnd = (image: ImageRecord): void => {
    if (backend.pipelines.get(pipeline.arn) !== pipeline) return;
    if (image.state.status === "AVAILABLE") pipeline.consecutiveFailures = 0;
    if (image.state.status !== "FAILED" || buildType !== "SCHEDULED") return;
    pipeline.consecutiveFailures++;
    const limit = pipeline.schedule?.autoDisablePolicy?.failureCount;
    if (limit !== undefined && pipeline.consecutiveFailures >= limit) {
      // Auto-disabled: a DISABLED pipeline has no next run.
      pipeline.status = "DISABLED";
      pipeline.nextRunMs = undefined;
      backend.scheduledPipelines.delete(pipeline.arn);
    }
  };
  const image = launchBuild(ctx, prepared, { buildType, pipeline, tags: { ...pipeline.imageTags, ...tags }, onEnd });
  pipeline.images.set(image.arn, image);
  return image;
}

/** How schedules.ts starts scheduled builds (see fireDueSchedules). */
export const scheduledBuilds: Pick<ScheduledWork, "dependencies" | "start"> = {
  dependencies: (ctx, pipeline) => prepareBuild(ctx, buildRequestOf(pipeline)).dependencies,
  start: (ctx, pipeline) => void startPipelineBuild(ctx, pipeline, "SCHEDULED"),
};
