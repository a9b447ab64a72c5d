import type {
  ComponentConfiguration,
  ContainerRecipe,
  ContainerRecipeSummary,
  CreateContainerRecipeRequest,
  CreateContainerRecipeResponse,
  DeleteContainerRecipeRequest,
  DeleteContainerRecipeResponse,
  GetContainerRecipePolicyRequest,
  GetContainerRecipePolicyResponse,
  GetContainerRecipeRequest,
  GetContainerRecipeResponse,
  InstanceConfiguration,
  ListContainerRecipesRequest,
  ListContainerRecipesResponse,
  Platform,
  PutContainerRecipePolicyRequest,
  PutContainerRecipePolicyResponse,
  TargetContainerRepository,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy } from "../../engine/canonical.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { oneOf, requiredAnd, struct } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, otherAccountBackends, parseOwnArn, policyProblem, policyShares, type Ctx } from "./common.js";
import { s3UriProblem } from "./components.js";
import { checkRecipeComponents, parentImageFacts } from "./image-recipes.js";
import {
  BLOCK_DEVICE_MAPPINGS,
  CLIENT_TOKEN,
  COMPONENT_CONFIGURATIONS,
  CONTAINER_RECIPE_ARN,
  DEFAULT_PAGE_SIZE,
  FILTERS,
  INLINE_DOCUMENT,
  MAX_RESULTS,
  NON_EMPTY,
  OWNERSHIP,
  PLATFORM,
  POLICY_DOCUMENT,
  RESOURCE_NAME,
  TAGS,
  TARGET_REPOSITORY,
  URI,
} from "./shapes.js";
import { arnSegment, isAwsOwnedAccount, parseImagebuilderArn, versionProblem } from "./versions.js";

/** A container recipe version (name and version are unique; no build number). */
export interface ContainerRecipeRecord {
  arn: string;
  segment: string;
  name: string;
  version: string;
  owner: string;
  description?: string | undefined;
  platform: Platform;
  imageOsVersionOverride?: string | undefined;
  components: ComponentConfiguration[];
  instanceConfiguration?: InstanceConfiguration | undefined;
  dockerfileTemplateData?: string | undefined;
  dockerfileTemplateUri?: string | undefined;
  kmsKeyId?: string | undefined;
  parentImage: string;
  dateCreated: string;
  workingDirectory?: string | undefined;
  targetRepository: TargetContainerRepository;
  policy?: string | undefined;
}

export function renderContainerRecipe(backend: ImagebuilderBackend | undefined, r: ContainerRecipeRecord): ContainerRecipe {
  return deepCopy({
    arn: r.arn,
    containerType: "DOCKER",
    name: r.name,
    description: r.description,
    platform: r.platform,
    owner: r.owner,
    version: r.version,
    components: r.components,
    instanceConfiguration: r.instanceConfiguration,
    dockerfileTemplateData: r.dockerfileTemplateData,
    kmsKeyId: r.kmsKeyId,
    encrypted: true,
    parentImage: r.parentImage,
    dateCreated: r.dateCreated,
    tags: backend?.tags.get(r.arn),
    workingDirectory: r.workingDirectory,
    targetRepository: r.targetRepository,
  });
}

/** The container recipe an ARN names: this account's, or another account's that shares it by policy. */
export function resolveContainerRecipe(ctx: Ctx, arn: string): { recipe: ContainerRecipeRecord; backend: ImagebuilderBackend } | undefined {
  const parsed = parseImagebuilderArn(arn);
  if (!parsed || parsed.type !== "container-recipe" || !ctx.inThisRegion(parsed)) return undefined;
  if (parsed.account === ctx.accountId) {
    const recipe = ctx.backend.containerRecipes.get(arn);
    return recipe ? { recipe, backend: ctx.backend } : undefined;
  }
  if (isAwsOwnedAccount(parsed.account)) return undefined;
  const backend = ctx.backendFor(parsed.account, ctx.region);
  const recipe = backend.containerRecipes.get(arn);
  return recipe && policyShares(recipe.policy, ctx.accountId) ? { recipe, backend } : undefined;
}

function findOwnRecipe(ctx: Ctx, arn: string): ContainerRecipeRecord {
  parseOwnArn(ctx, arn, "container recipe");
  const recipe = ctx.backend.containerRecipes.get(arn);
  if (!recipe) throw notFound(ctx, "container recipe", arn);
  return recipe;
}

export const createContainerRecipe = op<CreateContainerRecipeRequest, CreateContainerRecipeResponse>({
  input: {
    containerType: oneOf("ContainerType"),
    name: RESOURCE_NAME,
    description: NON_EMPTY,
    components: requiredAnd(COMPONENT_CONFIGURATIONS),
    instanceConfiguration: struct({ image: NON_EMPTY, blockDeviceMappings: BLOCK_DEVICE_MAPPINGS }),
    dockerfileTemplateData: INLINE_DOCUMENT,
    dockerfileTemplateUri: URI,
    platformOverride: PLATFORM,
    imageOsVersionOverride: NON_EMPTY,
    parentImage: NON_EMPTY,
    tags: TAGS,
    workingDirectory: NON_EMPTY,
    targetRepository: TARGET_REPOSITORY,
    kmsKeyId: NON_EMPTY,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["InvalidVersionNumberException", "ResourceInUseException", "ResourceAlreadyExistsException", "ServiceQuotaExceededException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const version = input.semanticVersion!;
    const problem = versionProblem(version);
    if (problem) throw ctx.error("InvalidVersionNumberException", problem);
    if (input.dockerfileTemplateData !== undefined && input.dockerfileTemplateUri !== undefined) {
      throw ctx.invalid("Specify the Dockerfile template either inline (dockerfileTemplateData) or by S3 URL (dockerfileTemplateUri), not both.");
    }
    if (input.dockerfileTemplateData === undefined && input.dockerfileTemplateUri === undefined) {
      throw ctx.invalid("A container recipe needs a Dockerfile template: specify dockerfileTemplateData or dockerfileTemplateUri.");
    }
    if (input.dockerfileTemplateUri !== undefined) {
      const uriProblem = s3UriProblem(input.dockerfileTemplateUri);
      if (uriProblem) throw ctx.invalid(uriProblem);
    }
    const segment = arnSegment(input.name!);
    const arn = ctx.arn(`container-recipe/${segment}/${version}`);
    if (ctx.backend.containerRecipes.has(arn)) throw ctx.error("ResourceAlreadyExistsException", `The following resource 'ContainerRecipe' already exists: '${arn}'.`);
    const parent = parentImageFacts(ctx, input.parentImage!);
    const platform = checkRecipeComponents(ctx, input.components!, input.platformOverride ?? parent.platform) ?? "Linux";
    const record: ContainerRecipeRecord = {
      arn,
      segment,
      name: input.name!,
      version,
      owner: ctx.accountId,
      description: input.description,
      platform,
      imageOsVersionOverride: input.imageOsVersionOverride ?? parent.osVersion,
      components: input.components!,
      instanceConfiguration: input.instanceConfiguration,
      dockerfileTemplateData: input.dockerfileTemplateData,
      dockerfileTemplateUri: input.dockerfileTemplateUri,
      kmsKeyId: input.kmsKeyId,
      parentImage: input.parentImage!,
      dateCreated: isoNow(ctx),
      workingDirectory: input.workingDirectory,
      targetRepository: input.targetRepository!,
    };
    ctx.backend.containerRecipes.set(arn, record);
    ctx.backend.tags.add(arn, input.tags);
    return { requestId: ctx.requestId, clientToken: input.clientToken, containerRecipeArn: arn };
  },
});

export const getContainerRecipe = op<GetContainerRecipeRequest, GetContainerRecipeResponse>({
  input: { containerRecipeArn: CONTAINER_RECIPE_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const found = resolveContainerRecipe(ctx, input.containerRecipeArn!);
    if (!found) throw notFound(ctx, "container recipe", input.containerRecipeArn!);
    return { requestId: ctx.requestId, containerRecipe: renderContainerRecipe(found.backend, found.recipe) };
  },
});

export const deleteContainerRecipe = op<DeleteContainerRecipeRequest, DeleteContainerRecipeResponse>({
  input: { containerRecipeArn: CONTAINER_RECIPE_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const recipe = findOwnRecipe(ctx, input.containerRecipeArn!);
    const pipeline = ctx.backend.pipelines.values().find((p) => p.containerRecipeArn === recipe.arn);
    if (pipeline) throw ctx.error("ResourceDependencyException", `The container recipe '${recipe.arn}' is used by the image pipeline '${pipeline.arn}'. Delete the pipeline or change its recipe first.`);
    ctx.backend.containerRecipes.delete(recipe.arn);
    ctx.backend.tags.drop(recipe.arn);
    return { requestId: ctx.requestId, containerRecipeArn: recipe.arn };
  },
});

const CONTAINER_RECIPE_FILTERS = {
  containerType: () => "DOCKER",
  name: (r: ContainerRecipeRecord) => r.name,
  parentImage: (r: ContainerRecipeRecord) => r.parentImage,
  platform: (r: ContainerRecipeRecord) => r.platform,
};

function summary(backend: ImagebuilderBackend, r: ContainerRecipeRecord): ContainerRecipeSummary {
  return { arn: r.arn, containerType: "DOCKER", name: r.name, platform: r.platform, owner: r.owner, parentImage: r.parentImage, dateCreated: r.dateCreated, tags: backend.tags.get(r.arn) };
}

export const listContainerRecipes = op<ListContainerRecipesRequest, ListContainerRecipesResponse>({
  // ListContainerRecipes types its token NonEmptyString (1..1024), unlike the other lists.
  input: { owner: OWNERSHIP, filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NON_EMPTY },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const owner = input.owner ?? "Self";
    let table = ctx.backend.containerRecipes;
    const owners = new Map<string, ImagebuilderBackend>();
    if (owner !== "Self") {
      table = new OrderedTable<ContainerRecipeRecord>((r) => r.arn);
      if (owner === "Shared") {
        for (const backend of otherAccountBackends(ctx)) {
          for (const recipe of backend.containerRecipes.values()) {
            if (!policyShares(recipe.policy, ctx.accountId)) continue;
            table.set(recipe.arn, recipe);
            owners.set(recipe.arn, backend);
          }
        }
      }
    }
    const page = ctx.paginate(table, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: { owner, filters: input.filters },
      filter: filterPredicate(ctx, input.filters, CONTAINER_RECIPE_FILTERS),
    });
    return { requestId: ctx.requestId, containerRecipeSummaryList: page.items.map((r) => summary(owners.get(r.arn) ?? ctx.backend, r)), nextToken: page.nextToken };
  },
});

export const getContainerRecipePolicy = op<GetContainerRecipePolicyRequest, GetContainerRecipePolicyResponse>({
  input: { containerRecipeArn: CONTAINER_RECIPE_ARN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const recipe = findOwnRecipe(ctx, input.containerRecipeArn!);
    if (!recipe.policy) throw ctx.error("ResourceNotFoundException", `The container recipe '${recipe.arn}' has no resource policy.`);
    return { requestId: ctx.requestId, policy: recipe.policy };
  },
});

export const putContainerRecipePolicy = op<PutContainerRecipePolicyRequest, PutContainerRecipePolicyResponse>({
  input: { containerRecipeArn: CONTAINER_RECIPE_ARN, policy: POLICY_DOCUMENT },
  validation: "InvalidParameterValueException",
  errors: ["ResourceNotFoundException", "InvalidRequestException"],
  run(ctx, input) {
    const recipe = findOwnRecipe(ctx, input.containerRecipeArn!);
    const problem = policyProblem(input.policy!);
    if (problem) throw ctx.invalid(problem);
    recipe.policy = input.policy;
    return { requestId: ctx.requestId, containerRecipeArn: recipe.arn };
  },
});
