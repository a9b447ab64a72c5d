import type {
  BuildType,
  CancelImageCreationRequest,
  CancelImageCreationResponse,
  ContainerRecipe,
  CreateImageRequest,
  CreateImageResponse,
  DeleteImageRequest,
  DeleteImageResponse,
  DistributeImageRequest,
  DistributeImageResponse,
  DistributionConfiguration,
  GetImagePolicyRequest,
  GetImagePolicyResponse,
  GetImageRequest,
  GetImageResponse,
  Image,
  ImageLoggingConfiguration,
  ImageRecipe,
  ImageScanningConfiguration,
  ImageScanState,
  ImageSource,
  ImageState,
  ImageStatus,
  ImageSummary,
  ImageTestsConfiguration,
  ImageType,
  ImageVersion,
  ImportDiskImageRequest,
  ImportDiskImageResponse,
  ImportVmImageRequest,
  ImportVmImageResponse,
  InfrastructureConfiguration,
  ListImageBuildVersionsRequest,
  ListImageBuildVersionsResponse,
  ListImagePackagesRequest,
  ListImagePackagesResponse,
  ListImagesRequest,
  ListImagesResponse,
  OutputResources,
  Platform,
  PutImagePolicyRequest,
  PutImagePolicyResponse,
  RetryImageRequest,
  RetryImageResponse,
  WorkflowConfiguration,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy, setOwn } from "../../engine/canonical.js";
import type { Process } from "../../engine/lifecycle/process.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { int, requiredAnd, str, struct } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { ImageBuild, type BuildPhase } from "./builds.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, otherAccountBackends, parseOwnArn, policyProblem, policyShares, type Ctx } from "./common.js";
import { resolveComponent } from "./components.js";
import { renderContainerRecipe, resolveContainerRecipe } from "./container-recipes.js";
import { findDistributionConfiguration, renderDistributionConfiguration } from "./distribution-configurations.js";
import { parameterProblem, type BuildEnvironment, type WorkflowExecutionRecord, type WorkflowRun } from "./executions.js";
import { renderImageRecipe, resolveImageRecipe } from "./image-recipes.js";
import { findInfrastructureConfiguration, renderInfrastructureConfiguration } from "./infrastructure-configurations.js";
import { managedCatalog } from "./managed.js";
import type { ImagePipelineRecord } from "./pipelines.js";
import {
  CLIENT_TOKEN,
  CONTAINER_RECIPE_ARN,
  DEFAULT_PAGE_SIZE,
  DISTRIBUTION_CONFIGURATION_ARN,
  FILTERS,
  IMAGE_BUILD_VERSION_ARN,
  IMAGE_LOGGING_CONFIGURATION,
  IMAGE_RECIPE_ARN,
  IMAGE_SCANNING_CONFIGURATION,
  IMAGE_TESTS_CONFIGURATION,
  IMAGE_VERSION_ARN,
  IMAGE_VERSION_OR_BUILD_ARN,
  IMPORT_NAME,
  INFRASTRUCTURE_CONFIGURATION_ARN,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  OS_VERSION,
  OWNERSHIP,
  PLATFORM,
  POLICY_DOCUMENT,
  ROLE_NAME_OR_ARN,
  TAGS,
  URI,
  WORKFLOW_CONFIGURATIONS,
} from "./shapes.js";
import {
  arnSegment,
  isAwsOwnedAccount,
  isExact,
  latestVersionReferences,
  parseImagebuilderArn,
  parseSelector,
  versionArnOf,
  versionProblem,
  type VersionEntry,
  type VersionedRecord,
  type VersionedStore,
} from "./versions.js";
import { resolveWorkflow } from "./workflows.js";

/** One image build version and everything it was built from (snapshots taken at creation). */
export interface ImageRecord extends VersionedRecord {
  /** Creation order (newest-first lists). */
  sequence: number;
  name: string;
  owner: string;
  type: ImageType;
  platform?: Platform | undefined;
  osVersion?: string | undefined;
  enhancedImageMetadataEnabled?: boolean | undefined;
  state: ImageState;
  imageRecipe?: ImageRecipe | undefined;
  containerRecipe?: ContainerRecipe | undefined;
  sourcePipelineName?: string | undefined;
  sourcePipelineArn?: string | undefined;
  infrastructureConfiguration?: InfrastructureConfiguration | undefined;
  distributionConfiguration?: DistributionConfiguration | undefined;
  imageTestsConfiguration?: ImageTestsConfiguration | undefined;
  dateCreated: string;
  outputResources?: OutputResources | undefined;
  buildType: BuildType;
  imageSource: ImageSource;
  scanState?: ImageScanState | undefined;
  imageScanningConfiguration?: ImageScanningConfiguration | undefined;
  deprecationTime?: Date | undefined;
  lifecycleExecutionId?: string | undefined;
  executionRole?: string | undefined;
  workflows?: WorkflowConfiguration[] | undefined;
  loggingConfiguration?: ImageLoggingConfiguration | undefined;
  policy?: string | undefined;
  /** Its workflow executions, in start order. */
  executions: OrderedTable<WorkflowExecutionRecord>;
  /** The build while one runs (CreateImage, a pipeline run, a retry, an import). */
  process?: ImageBuild | undefined;
  /** The phase a failed build failed in (RetryImage retries failed distributions only). */
  failedPhase?: ImageStatus | undefined;
  /** The distribution part of the build, replayed by RetryImage. */
  distributionPhases?: BuildPhase[] | undefined;
  /** The AMI the build workflow created (the build Region's output). */
  buildAmiId?: string | undefined;
  /** What it was built from, resolved (recipe, parent image, component builds): see PreparedBuild. */
  dependencies?: string[] | undefined;
  /** The StartResourceStateUpdate run changing its state, while one runs. */
  lifecycleProcess?: Process | undefined;
}

const TERMINAL: readonly string[] = ["AVAILABLE", "FAILED", "CANCELLED", "DEPRECATED", "DISABLED", "DELETED"];

export function isBuilding(image: ImageRecord): boolean {
  return !TERMINAL.includes(image.state.status ?? "");
}

/**
 * An image build's version as Image Builder reports it for one build: "The semantic version has
 * four nodes: <major>.<minor>.<patch>/<build>" (the Image and ImageSummary data types).
 * Version lists (ListImages' ImageVersion) report `x.y.z` alone.
 */
export function buildVersionOf(i: ImageRecord): string {
  return `${i.version}/${i.build}`;
}

export function renderImage(backend: ImagebuilderBackend | undefined, i: ImageRecord): Image {
  return {
    arn: i.arn,
    type: i.type,
    name: i.name,
    version: buildVersionOf(i),
    platform: i.platform,
    enhancedImageMetadataEnabled: i.enhancedImageMetadataEnabled,
    osVersion: i.osVersion,
    state: { ...i.state },
    imageRecipe: deepCopy(i.imageRecipe),
    containerRecipe: deepCopy(i.containerRecipe),
    sourcePipelineName: i.sourcePipelineName,
    sourcePipelineArn: i.sourcePipelineArn,
    infrastructureConfiguration: deepCopy(i.infrastructureConfiguration),
    distributionConfiguration: deepCopy(i.distributionConfiguration),
    imageTestsConfiguration: deepCopy(i.imageTestsConfiguration),
    dateCreated: i.dateCreated,
    outputResources: deepCopy(i.outputResources),
    tags: backend?.tags.get(i.arn),
    buildType: i.buildType,
    imageSource: i.imageSource,
    scanState: deepCopy(i.scanState),
    imageScanningConfiguration: deepCopy(i.imageScanningConfiguration),
    deprecationTime: i.deprecationTime,
    lifecycleExecutionId: i.lifecycleExecutionId,
    executionRole: i.executionRole,
    workflows: deepCopy(i.workflows),
    loggingConfiguration: deepCopy(i.loggingConfiguration),
  };
}

export function imageSummary(backend: ImagebuilderBackend | undefined, i: ImageRecord): ImageSummary {
  return {
    arn: i.arn,
    name: i.name,
    type: i.type,
    version: buildVersionOf(i),
    platform: i.platform,
    osVersion: i.osVersion,
    state: { ...i.state },
    owner: i.owner,
    dateCreated: i.dateCreated,
    outputResources: deepCopy(i.outputResources),
    tags: backend?.tags.get(i.arn),
    buildType: i.buildType,
    imageSource: i.imageSource,
    deprecationTime: i.deprecationTime,
    lifecycleExecutionId: i.lifecycleExecutionId,
    loggingConfiguration: deepCopy(i.loggingConfiguration),
  };
}

/**
 * Where the images an ARN names live: this account, the AWS-managed images, or another
 * account whose images are visible here when their policy shares them.
 */
function imageSource(ctx: Ctx, account: string): { store: VersionedStore<ImageRecord>; backend?: ImagebuilderBackend; visible: (i: ImageRecord) => boolean } {
  if (account === ctx.accountId) return { store: ctx.backend.images, backend: ctx.backend, visible: () => true };
  if (isAwsOwnedAccount(account)) return { store: managedCatalog(ctx).images, visible: () => true };
  const backend = ctx.backendFor(account, ctx.region);
  return { store: backend.images, backend, visible: (i) => policyShares(i.policy, ctx.accountId) };
}

/** The image build an ARN selects (a build ARN, or the newest build of a version ARN with wildcards). */
export function resolveImage(ctx: Ctx, arn: string): { image: ImageRecord; backend?: ImagebuilderBackend } | undefined {
  const parsed = parseImagebuilderArn(arn);
  if (!parsed || parsed.type !== "image" || !parsed.version || !ctx.inThisRegion(parsed)) return undefined;
  const selector = parseSelector(parsed.version);
  if (typeof selector === "string") throw ctx.invalid(selector);
  const source = imageSource(ctx, parsed.account);
  // A build ARN (`…/1.2.3/4`) names one build: look it up, never walk the name's builds.
  const image =
    parsed.build !== undefined && isExact(selector)
      ? source.store.exactBuild(parsed.name, selector.join("."), parsed.build)
      : source.store.find(parsed.name, selector, (i) => source.visible(i) && (parsed.build === undefined || i.build === parsed.build));
  if (!image || !source.visible(image)) return undefined;
  return { image, ...(source.backend ? { backend: source.backend } : {}) };
}

export function findOwnImage(ctx: Ctx, arn: string): ImageRecord {
  parseOwnArn(ctx, arn, "image");
  const image = ctx.backend.images.get(arn);
  if (!image) throw notFound(ctx, "image", arn);
  return image;
}

export function environment(ctx: Ctx): BuildEnvironment {
  return { backend: ctx.backend, clock: ctx.engine.clock };
}

/** What a build needs, from CreateImage or a pipeline. */
export interface BuildRequest {
  imageRecipeArn?: string | undefined;
  containerRecipeArn?: string | undefined;
  infrastructureConfigurationArn: string;
  distributionConfigurationArn?: string | undefined;
  imageTestsConfiguration?: ImageTestsConfiguration | undefined;
  enhancedImageMetadataEnabled?: boolean | undefined;
  imageScanningConfiguration?: ImageScanningConfiguration | undefined;
  workflows?: WorkflowConfiguration[] | undefined;
  executionRole?: string | undefined;
  loggingConfiguration?: ImageLoggingConfiguration | undefined;
}

/** A checked build, ready to start: snapshots of what it is built from and its phases. */
export interface PreparedBuild {
  name: string;
  version: string;
  type: ImageType;
  platform: Platform;
  osVersion?: string | undefined;
  imageRecipe?: ImageRecipe | undefined;
  containerRecipe?: ContainerRecipe | undefined;
  infrastructureConfiguration: InfrastructureConfiguration;
  distributionConfiguration?: DistributionConfiguration | undefined;
  imageTestsConfiguration: ImageTestsConfiguration;
  phases: BuildPhase[];
  request: BuildRequest;
  /**
   * What the build resolves its references to: the recipe, its parent image and component
   * builds (wildcard versions resolved now). A scheduled pipeline run with the default start
   * condition builds only when these differ from its last image's.
   */
  dependencies: string[];
}

/** The recipe, parent image and component builds a recipe's references select today. */
function dependenciesOf(ctx: Ctx, recipeArn: string, parentImage: string, components: readonly { componentArn?: string | undefined }[]): string[] {
  const parent = parentImage.startsWith("arn:") ? (resolveImage(ctx, parentImage)?.image.arn ?? parentImage) : parentImage;
  return [recipeArn, parent, ...components.map((c) => resolveComponent(ctx, c.componentArn!)?.component.arn ?? c.componentArn!)];
}

/** The workflows a build runs, by phase: the ones given, or Image Builder's managed defaults. */
function planWorkflows(ctx: Ctx, configurations: readonly WorkflowConfiguration[] | undefined, type: ImageType, testsEnabled: boolean): { build: WorkflowRun[]; test: WorkflowRun[][]; distribution: WorkflowRun[] } {
  if (!configurations || configurations.length === 0) {
    const catalog = managedCatalog(ctx).workflows;
    const managed = (segment: string): WorkflowRun => ({ workflow: catalog.resolve(segment, ["x", "x", "x"])!, parameters: {}, onFailure: "ABORT" });
    const kind = type === "DOCKER" ? "container" : "image";
    return { build: [managed(`build/build-${kind}`)], test: testsEnabled ? [[managed(`test/test-${kind}`)]] : [], distribution: [] };
  }
  const build: WorkflowRun[] = [];
  const groups = new Map<string, WorkflowRun[]>();
  const test: WorkflowRun[][] = [];
  const distribution: WorkflowRun[] = [];
  for (const [i, configuration] of configurations.entries()) {
    const arn = configuration.workflowArn!;
    const found = resolveWorkflow(ctx, arn);
    if (!found) throw notFound(ctx, `workflow (workflows.${i + 1}.workflowArn)`, arn);
    const workflow = found.workflow;
    const parameters: Record<string, string[]> = {};
    for (const parameter of configuration.parameters ?? []) {
      if (Object.hasOwn(parameters, parameter.name!)) throw ctx.invalid(`The workflow parameter '${parameter.name}' is given twice for '${arn}'.`);
      const problem = parameterProblem(workflow, parameter.name!, parameter.value ?? []);
      if (problem) throw ctx.invalid(problem);
      setOwn(parameters, parameter.name!, parameter.value ?? []);
    }
    if (configuration.parallelGroup !== undefined && workflow.type !== "TEST") {
      throw ctx.invalid(`The workflow '${arn}' is a ${workflow.type} workflow; only test workflows run in parallel groups.`);
    }
    const run: WorkflowRun = { workflow, parameters, parallelGroup: configuration.parallelGroup, onFailure: configuration.onFailure ?? "ABORT" };
    if (workflow.type === "BUILD") build.push(run);
    else if (workflow.type === "DISTRIBUTION") distribution.push(run);
    else if (run.parallelGroup === undefined) test.push([run]);
    else {
      let group = groups.get(run.parallelGroup);
      if (!group) {
        group = [];
        groups.set(run.parallelGroup, group);
        test.push(group);
      }
      group.push(run);
    }
  }
  if (build.length > 1) throw ctx.invalid(`An image runs one build workflow; ${build.length} were given (${build.map((r) => r.workflow.arn).join(", ")}).`);
  return { build, test: testsEnabled ? test : [], distribution };
}

/** Checks every reference of a build request and takes the snapshots the image will report. */
export function prepareBuild(ctx: Ctx, request: BuildRequest): PreparedBuild {
  if ((request.imageRecipeArn === undefined) === (request.containerRecipeArn === undefined)) {
    throw ctx.invalid("Specify exactly one of imageRecipeArn (for an AMI) and containerRecipeArn (for a container image).");
  }
  let name: string;
  let version: string;
  let type: ImageType;
  let platform: Platform;
  let osVersion: string | undefined;
  let imageRecipe: ImageRecipe | undefined;
  let containerRecipe: ContainerRecipe | undefined;
  let dependencies: string[];
  if (request.imageRecipeArn !== undefined) {
    const found = resolveImageRecipe(ctx, request.imageRecipeArn);
    if (!found) throw notFound(ctx, "image recipe", request.imageRecipeArn);
    imageRecipe = renderImageRecipe(found.backend, found.recipe);
    ({ name, version, platform } = found.recipe);
    osVersion = found.recipe.osVersion;
    type = "AMI";
    dependencies = dependenciesOf(ctx, found.recipe.arn, found.recipe.parentImage, found.recipe.components);
  } else {
    const found = resolveContainerRecipe(ctx, request.containerRecipeArn!);
    if (!found) throw notFound(ctx, "container recipe", request.containerRecipeArn!);
    containerRecipe = renderContainerRecipe(found.backend, found.recipe);
    ({ name, version, platform } = found.recipe);
    osVersion = found.recipe.imageOsVersionOverride;
    type = "DOCKER";
    dependencies = dependenciesOf(ctx, found.recipe.arn, found.recipe.parentImage, found.recipe.components);
  }
  const infrastructure = findInfrastructureConfiguration(ctx, request.infrastructureConfigurationArn);
  const distribution = request.distributionConfigurationArn !== undefined ? findDistributionConfiguration(ctx, request.distributionConfigurationArn) : undefined;
  const imageTestsConfiguration: ImageTestsConfiguration = {
    imageTestsEnabled: request.imageTestsConfiguration?.imageTestsEnabled ?? true,
    timeoutMinutes: request.imageTestsConfiguration?.timeoutMinutes ?? 720,
  };
  const runs = planWorkflows(ctx, request.workflows, type, imageTestsConfiguration.imageTestsEnabled!);
  const phases: BuildPhase[] = [{ status: "PENDING" }, { status: "CREATING" }, { status: "BUILDING", batches: runs.build.map((r) => [r]) }];
  if (runs.test.length > 0) phases.push({ status: "TESTING", batches: runs.test });
  phases.push({ status: "DISTRIBUTING", batches: runs.distribution.map((r) => [r]) }, { status: "INTEGRATING" }, { status: "AVAILABLE" });
  return {
    name,
    version,
    type,
    platform,
    osVersion,
    imageRecipe,
    containerRecipe,
    infrastructureConfiguration: renderInfrastructureConfiguration(ctx.backend, infrastructure),
    distributionConfiguration: distribution ? renderDistributionConfiguration(ctx.backend, distribution) : undefined,
    imageTestsConfiguration,
    phases,
    request,
    dependencies,
  };
}

/** Creates the image build version of a prepared build and starts its build. */
export function launchBuild(
  ctx: Ctx,
  prepared: PreparedBuild,
  options: { buildType: BuildType; pipeline?: ImagePipelineRecord | undefined; tags?: Record<string, string> | undefined; onEnd?: (image: ImageRecord) => void },
): ImageRecord {
  const segment = arnSegment(prepared.name);
  const build = ctx.backend.images.nextBuild(segment, prepared.version);
  const request = prepared.request;
  const image: ImageRecord = {
    arn: ctx.arn(`image/${segment}/${prepared.version}/${build}`),
    sequence: ctx.backend.nextSequence(),
    segment,
    version: prepared.version,
    build,
    name: prepared.name,
    owner: ctx.accountId,
    type: prepared.type,
    platform: prepared.platform,
    osVersion: prepared.osVersion,
    enhancedImageMetadataEnabled: request.enhancedImageMetadataEnabled ?? true,
    state: { status: "PENDING" },
    imageRecipe: prepared.imageRecipe,
    containerRecipe: prepared.containerRecipe,
    sourcePipelineName: options.pipeline?.name,
    sourcePipelineArn: options.pipeline?.arn,
    infrastructureConfiguration: prepared.infrastructureConfiguration,
    distributionConfiguration: prepared.distributionConfiguration,
    imageTestsConfiguration: prepared.imageTestsConfiguration,
    dateCreated: isoNow(ctx),
    buildType: options.buildType,
    imageSource: "CUSTOM",
    imageScanningConfiguration: request.imageScanningConfiguration,
    executionRole: request.executionRole,
    workflows: request.workflows,
    loggingConfiguration: request.loggingConfiguration,
    executions: new OrderedTable<WorkflowExecutionRecord>((e) => e.sequence),
    distributionPhases: prepared.phases.slice(prepared.phases.findIndex((p) => p.status === "DISTRIBUTING")),
    dependencies: prepared.dependencies,
  };
  ctx.backend.images.add(image);
  ctx.backend.tags.add(image.arn, options.tags);
  ctx.track(new ImageBuild(environment(ctx), image, prepared.phases, false, options.onEnd));
  return image;
}

const BUILD_INPUT = {
  imageRecipeArn: IMAGE_RECIPE_ARN,
  containerRecipeArn: CONTAINER_RECIPE_ARN,
  distributionConfigurationArn: DISTRIBUTION_CONFIGURATION_ARN,
  infrastructureConfigurationArn: INFRASTRUCTURE_CONFIGURATION_ARN,
  imageTestsConfiguration: IMAGE_TESTS_CONFIGURATION,
  imageScanningConfiguration: IMAGE_SCANNING_CONFIGURATION,
  workflows: WORKFLOW_CONFIGURATIONS,
  executionRole: ROLE_NAME_OR_ARN,
  loggingConfiguration: IMAGE_LOGGING_CONFIGURATION,
};
export { BUILD_INPUT };

export const createImage = op<CreateImageRequest, CreateImageResponse>({
  input: { ...BUILD_INPUT, tags: TAGS, clientToken: CLIENT_TOKEN },
  errors: ["ResourceInUseException", "ServiceQuotaExceededException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const prepared = prepareBuild(ctx, { ...input, infrastructureConfigurationArn: input.infrastructureConfigurationArn! });
    const image = launchBuild(ctx, prepared, { buildType: "USER_INITIATED", tags: input.tags });
    return { requestId: ctx.requestId, clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  },
});

export const getImage = op<GetImageRequest, GetImageResponse>({
  input: { imageBuildVersionArn: IMAGE_VERSION_OR_BUILD_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const arn = input.imageBuildVersionArn!;
    const found = resolveImage(ctx, arn);
    if (!found) throw notFound(ctx, "image", arn);
    ctx.observe(found.image.process);
    ctx.observe(found.image.lifecycleProcess);
    return { requestId: ctx.requestId, image: renderImage(found.backend, found.image), latestVersionReferences: latestVersionReferences(versionArnOf(found.image.arn)) };
  },
});

/** Forgets an image build version and its workflow runs. */
export function forgetImage(ctx: Ctx, image: ImageRecord): void {
  for (const { value: execution } of image.executions.entries()) {
    ctx.backend.workflowExecutions.delete(execution.workflowExecutionId);
    for (const { value: step } of execution.steps.entries()) {
      ctx.backend.stepExecutions.delete(step.stepExecutionId);
      ctx.backend.waitingSteps.delete(step.stepExecutionId);
    }
  }
  if (image.sourcePipelineArn) ctx.backend.pipelines.get(image.sourcePipelineArn)?.images.delete(image.arn);
  ctx.backend.images.delete(image.arn);
  ctx.backend.tags.drop(image.arn);
}

export const deleteImage = op<DeleteImageRequest, DeleteImageResponse>({
  input: { imageBuildVersionArn: IMAGE_BUILD_VERSION_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const image = findOwnImage(ctx, input.imageBuildVersionArn!);
    if (isBuilding(image)) {
      throw ctx.invalid(`The image '${image.arn}' is still being built (${image.state.status}); cancel it with CancelImageCreation or wait for it to end before deleting it.`);
    }
    const recipes = [...ctx.backend.imageRecipes.values(), ...ctx.backend.containerRecipes.values()];
    const user = recipes.find((r) => r.parentImage === image.arn);
    if (user) throw ctx.error("ResourceDependencyException", `The image '${image.arn}' is the parent image of the recipe '${user.arn}'. Delete the recipe first.`);
    // Only the Image Builder record goes: the AMIs and container images it produced remain.
    forgetImage(ctx, image);
    return { requestId: ctx.requestId, imageBuildVersionArn: image.arn };
  },
});

const IMAGE_FILTERS = {
  name: (i: ImageRecord) => i.name,
  osVersion: (i: ImageRecord) => i.osVersion,
  platform: (i: ImageRecord) => i.platform,
  type: (i: ImageRecord) => i.type,
  // The semantic version, or the build version these lists report for each build.
  version: (i: ImageRecord) => [i.version, buildVersionOf(i)],
};

function versionOf(entry: VersionEntry<ImageRecord>): ImageVersion {
  const latest = entry.builds.first()!;
  return {
    arn: entry.versionArn,
    name: latest.name,
    type: latest.type,
    version: latest.version,
    platform: latest.platform,
    osVersion: latest.osVersion,
    owner: latest.owner,
    dateCreated: latest.dateCreated,
    buildType: latest.buildType,
    imageSource: latest.imageSource,
  };
}

export const listImages = op<ListImagesRequest, ListImagesResponse>({
  input: { owner: OWNERSHIP, filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const owner = input.owner ?? "Self";
    let table: OrderedTable<VersionEntry<ImageRecord>>;
    let newest: (entry: VersionEntry<ImageRecord>) => boolean;
    if (owner === "Self" || owner === "Amazon") {
      const store = owner === "Self" ? ctx.backend.images : managedCatalog(ctx).images;
      table = store.versions;
      newest = (entry) => store.buildsOfName(entry.segment)?.first()?.version === entry.version;
    } else {
      table = new OrderedTable<VersionEntry<ImageRecord>>((v) => v.versionArn);
      if (owner === "Shared") {
        for (const backend of otherAccountBackends(ctx)) {
          for (const entry of backend.images.versions.values()) {
            const shared = new OrderedTable<ImageRecord>((i) => -i.build);
            for (const image of entry.builds.values()) if (policyShares(image.policy, ctx.accountId)) shared.set(image.arn, image);
            if (shared.size > 0) table.set(entry.versionArn, { ...entry, builds: shared });
          }
        }
      }
      newest = () => true;
    }
    const matches = filterPredicate(ctx, input.filters, IMAGE_FILTERS);
    // Deprecated images are left out unless asked for ("includeDeprecated"). The builds are
    // walked newest first without a copy, stopping at the first one not deprecated.
    const listed = (entry: VersionEntry<ImageRecord>): boolean => {
      if (input.includeDeprecated === true) return true;
      for (const { value: image } of entry.builds.ascendingAfter()) if (image.state.status !== "DEPRECATED") return true;
      return false;
    };
    const page = ctx.paginate(table, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: { owner, filters: input.filters, byName: input.byName ?? false, includeDeprecated: input.includeDeprecated ?? false },
      filter: (entry) => matches(entry.builds.first()!) && listed(entry) && (!input.byName || newest(entry)),
    });
    return { requestId: ctx.requestId, imageVersionList: page.items.map(versionOf), nextToken: page.nextToken };
  },
});

export const listImageBuildVersions = op<ListImageBuildVersionsRequest, ListImageBuildVersionsResponse>({
  input: { imageVersionArn: requiredAnd(IMAGE_VERSION_ARN), filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const arn = input.imageVersionArn!;
    const parsed = parseImagebuilderArn(arn)!;
    if (!ctx.inThisRegion(parsed)) return { requestId: ctx.requestId, imageSummaryList: [] };
    const source = imageSource(ctx, parsed.account);
    const builds = source.store.buildsOfVersion(parsed.name, parsed.version!);
    if (!builds) return { requestId: ctx.requestId, imageSummaryList: [] };
    const matches = filterPredicate(ctx, input.filters, IMAGE_FILTERS);
    const page = ctx.paginate(builds, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: { arn, filters: input.filters },
      filter: (i) => source.visible(i) && matches(i),
    });
    // The list reports each build's state: reading it observes the builds it lists, and only
    // once the page (and its token) is known to be good.
    for (const image of page.items) ctx.observe(image.process);
    return { requestId: ctx.requestId, imageSummaryList: page.items.map((i) => imageSummary(source.backend, i)), nextToken: page.nextToken };
  },
});

export const cancelImageCreation = op<CancelImageCreationRequest, CancelImageCreationResponse>({
  input: { imageBuildVersionArn: IMAGE_BUILD_VERSION_ARN, clientToken: CLIENT_TOKEN },
  errors: ["ResourceInUseException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const image = findOwnImage(ctx, input.imageBuildVersionArn!);
    if (!isBuilding(image) || !image.process || image.process.done) {
      throw ctx.invalid(`The image '${image.arn}' is ${image.state.status}; CancelImageCreation only cancels images that are still being built.`);
    }
    image.process.cancel("Image creation was cancelled by CancelImageCreation.");
    return { requestId: ctx.requestId, clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  },
});

export const retryImage = op<RetryImageRequest, RetryImageResponse>({
  input: { imageBuildVersionArn: IMAGE_BUILD_VERSION_ARN, clientToken: CLIENT_TOKEN },
  errors: ["ResourceInUseException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const image = findOwnImage(ctx, input.imageBuildVersionArn!);
    if (isBuilding(image)) throw ctx.error("ResourceInUseException", `The image '${image.arn}' is still being built (${image.state.status}); wait for it to end before retrying.`);
    const distributionFailed = image.state.status === "FAILED" && (image.failedPhase === "DISTRIBUTING" || image.failedPhase === "INTEGRATING");
    if (!distributionFailed || !image.distributionPhases) {
      throw ctx.invalid(
        `RetryImage retries the distribution of an image whose distribution failed; the image '${image.arn}' is ${image.state.status}${image.failedPhase && image.state.status === "FAILED" ? ` (it failed while ${image.failedPhase})` : ""}.`,
      );
    }
    image.failedPhase = undefined;
    ctx.track(new ImageBuild(environment(ctx), image, image.distributionPhases, true));
    return { clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  },
});

export const distributeImage = op<DistributeImageRequest, DistributeImageResponse>({
  input: {
    sourceImage: str({ min: 1, max: 1024 }),
    distributionConfigurationArn: DISTRIBUTION_CONFIGURATION_ARN,
    executionRole: ROLE_NAME_OR_ARN,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
    loggingConfiguration: IMAGE_LOGGING_CONFIGURATION,
  },
  errors: ["ResourceInUseException", "ResourceNotFoundException", "ServiceQuotaExceededException", "TooManyRequestsException"],
  run(ctx, input) {
    const sourceArn = input.sourceImage!;
    const parsed = parseImagebuilderArn(sourceArn);
    if (!parsed || parsed.type !== "image" || !parsed.version) throw ctx.invalid(`The sourceImage '${sourceArn}' is not an Image Builder image ARN (arn:…:image/<name>/<version>/<build>).`);
    const found = resolveImage(ctx, sourceArn);
    if (!found) throw notFound(ctx, "image", sourceArn);
    const source = found.image;
    if (source.state.status !== "AVAILABLE") throw ctx.invalid(`The image '${source.arn}' is ${source.state.status}; only AVAILABLE images can be distributed.`);
    const distribution = findDistributionConfiguration(ctx, input.distributionConfigurationArn!);
    const build = ctx.backend.images.nextBuild(source.segment, source.version);
    const image: ImageRecord = {
      arn: ctx.arn(`image/${source.segment}/${source.version}/${build}`),
      sequence: ctx.backend.nextSequence(),
      segment: source.segment,
      version: source.version,
      build,
      name: source.name,
      owner: ctx.accountId,
      type: source.type,
      platform: source.platform,
      osVersion: source.osVersion,
      enhancedImageMetadataEnabled: source.enhancedImageMetadataEnabled,
      state: { status: "PENDING" },
      imageRecipe: deepCopy(source.imageRecipe),
      containerRecipe: deepCopy(source.containerRecipe),
      distributionConfiguration: renderDistributionConfiguration(ctx.backend, distribution),
      dateCreated: isoNow(ctx),
      buildType: "USER_INITIATED",
      imageSource: "CUSTOM",
      executionRole: input.executionRole,
      loggingConfiguration: input.loggingConfiguration,
      executions: new OrderedTable<WorkflowExecutionRecord>((e) => e.sequence),
      buildAmiId: source.outputResources?.amis?.find((a) => a.region === ctx.region)?.image,
    };
    const phases: BuildPhase[] = [{ status: "PENDING" }, { status: "DISTRIBUTING" }, { status: "INTEGRATING" }, { status: "AVAILABLE" }];
    image.distributionPhases = phases.slice(1);
    ctx.backend.images.add(image);
    ctx.backend.tags.add(image.arn, input.tags);
    ctx.track(new ImageBuild(environment(ctx), image, phases));
    return { clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  },
});

export const listImagePackages = op<ListImagePackagesRequest, ListImagePackagesResponse>({
  input: { imageBuildVersionArn: IMAGE_BUILD_VERSION_ARN, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException", "ResourceNotFoundException"],
  run(ctx, input) {
    const image = findOwnImage(ctx, input.imageBuildVersionArn!);
    // No instance ran here, so the inventory the build would collect is empty.
    const page = ctx.paginate(new OrderedTable<never>(), { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE, query: image.arn });
    return { requestId: ctx.requestId, imagePackageList: page.items, nextToken: page.nextToken };
  },
});

export const getImagePolicy = op<GetImagePolicyRequest, GetImagePolicyResponse>({
  input: { imageArn: IMAGE_BUILD_VERSION_ARN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const image = findOwnImage(ctx, input.imageArn!);
    if (!image.policy) throw ctx.error("ResourceNotFoundException", `The image '${image.arn}' has no resource policy.`);
    return { requestId: ctx.requestId, policy: image.policy };
  },
});

export const putImagePolicy = op<PutImagePolicyRequest, PutImagePolicyResponse>({
  input: { imageArn: IMAGE_BUILD_VERSION_ARN, policy: POLICY_DOCUMENT },
  validation: "InvalidParameterValueException",
  errors: ["ResourceNotFoundException", "InvalidRequestException"],
  run(ctx, input) {
    const image = findOwnImage(ctx, input.imageArn!);
    const problem = policyProblem(input.policy!);
    if (problem) throw ctx.invalid(problem);
    image.policy = input.policy;
    return { requestId: ctx.requestId, imageArn: image.arn };
  },
});

/**
 * The imports carry a client token like every other creating operation, yet their model lists
 * only ClientException: the engine's ledger answers a reused token with other parameters with
 * IdempotentParameterMismatchException, as for the other 21 token-bearing operations.
 */
const IMPORT_UNMODELLED = {
  ...NOT_FOUND_UNMODELLED,
  IdempotentParameterMismatchException: "EC2 idempotency (\"Ensuring idempotency\", which the clientToken documentation points to): the same token with other parameters is IdempotentParameterMismatch; the model of the imports lists only ClientException.",
};

/** An imported image: no recipe, no workflows, its own short build. */
function startImport(
  ctx: Ctx,
  fields: { name: string; version: string; platform: Platform; osVersion?: string | undefined; buildType: BuildType; infrastructure?: InfrastructureConfiguration; loggingConfiguration?: ImageLoggingConfiguration | undefined; executionRole?: string | undefined },
  phases: BuildPhase[],
  tags: Record<string, string> | undefined,
): ImageRecord {
  const problem = versionProblem(fields.version);
  if (problem) throw ctx.invalid(problem);
  const segment = arnSegment(fields.name);
  const build = ctx.backend.images.nextBuild(segment, fields.version);
  const image: ImageRecord = {
    arn: ctx.arn(`image/${segment}/${fields.version}/${build}`),
    sequence: ctx.backend.nextSequence(),
    segment,
    version: fields.version,
    build,
    name: fields.name,
    owner: ctx.accountId,
    type: "AMI",
    platform: fields.platform,
    osVersion: fields.osVersion,
    state: { status: "PENDING" },
    infrastructureConfiguration: fields.infrastructure,
    dateCreated: isoNow(ctx),
    buildType: fields.buildType,
    imageSource: "IMPORTED",
    executionRole: fields.executionRole,
    loggingConfiguration: fields.loggingConfiguration,
    executions: new OrderedTable<WorkflowExecutionRecord>((e) => e.sequence),
  };
  ctx.backend.images.add(image);
  ctx.backend.tags.add(image.arn, tags);
  ctx.track(new ImageBuild(environment(ctx), image, phases));
  return image;
}

export const importVmImage = op<ImportVmImageRequest, ImportVmImageResponse>({
  input: {
    name: IMPORT_NAME,
    description: NON_EMPTY,
    platform: PLATFORM,
    osVersion: OS_VERSION,
    vmImportTaskId: NON_EMPTY,
    loggingConfiguration: IMAGE_LOGGING_CONFIGURATION,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
  },
  validation: "ClientException",
  errors: [],
  unmodelledErrors: IMPORT_UNMODELLED,
  run(ctx, input) {
    if (!/^import-ami-[0-9a-f]{8,17}$/.test(input.vmImportTaskId!)) {
      throw ctx.invalid(`'${input.vmImportTaskId}' is not a VM import task id (import-ami-<hex>) from EC2 ImportImage.`);
    }
    const image = startImport(
      ctx,
      { name: input.name!, version: input.semanticVersion!, platform: input.platform!, osVersion: input.osVersion, buildType: "IMPORT", loggingConfiguration: input.loggingConfiguration },
      [{ status: "PENDING" }, { status: "CREATING" }, { status: "AVAILABLE" }],
      input.tags,
    );
    return { requestId: ctx.requestId, imageArn: image.arn, clientToken: input.clientToken };
  },
});

export const importDiskImage = op<ImportDiskImageRequest, ImportDiskImageResponse>({
  input: {
    name: IMPORT_NAME,
    description: NON_EMPTY,
    platform: NON_EMPTY,
    osVersion: OS_VERSION,
    executionRole: ROLE_NAME_OR_ARN,
    infrastructureConfigurationArn: INFRASTRUCTURE_CONFIGURATION_ARN,
    uri: URI,
    loggingConfiguration: IMAGE_LOGGING_CONFIGURATION,
    tags: TAGS,
    windowsConfiguration: struct({ imageIndex: int({ min: 1 }) }),
    clientToken: CLIENT_TOKEN,
  },
  validation: "ClientException",
  errors: [],
  unmodelledErrors: {
    ...IMPORT_UNMODELLED,
    TooManyRequestsException: "Listed for ImportDiskImage by the current API reference (botocore 1.43); the shared Smithy model predates it. Raised only through fault injection.",
  },
  run(ctx, input) {
    // ISO import builds Windows images ("Allowed values include: Windows").
    if (input.platform !== "Windows") throw ctx.invalid(`ImportDiskImage imports Windows ISO files; platform '${input.platform}' is not supported.`);
    if (!/^s3:\/\/[^/]+\/.+$/.test(input.uri!)) throw ctx.invalid(`The uri '${input.uri}' is not an S3 URL of an ISO file; use s3://<bucket>/<key>.`);
    if (input.registerImageOptions?.secureBootEnabled === false && input.registerImageOptions.uefiData !== undefined) {
      throw ctx.invalid("registerImageOptions.uefiData can only be given when Secure Boot is enabled (secureBootEnabled true or left out).");
    }
    const infrastructure = findInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn!);
    const image = startImport(
      ctx,
      {
        name: input.name!,
        version: input.semanticVersion!,
        platform: "Windows",
        osVersion: input.osVersion,
        buildType: "IMPORT_ISO",
        infrastructure: renderInfrastructureConfiguration(ctx.backend, infrastructure),
        loggingConfiguration: input.loggingConfiguration,
        executionRole: input.executionRole,
      },
      [{ status: "PENDING" }, { status: "CREATING" }, { status: "BUILDING" }, { status: "INTEGRATING" }, { status: "AVAILABLE" }],
      input.tags,
    );
    return { clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  },
});
