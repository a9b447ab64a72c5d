import type {
  AdditionalInstanceConfiguration,
  ComponentConfiguration,
  CreateImageRecipeRequest,
  CreateImageRecipeResponse,
  DeleteImageRecipeRequest,
  DeleteImageRecipeResponse,
  GetImageRecipePolicyRequest,
  GetImageRecipePolicyResponse,
  GetImageRecipeRequest,
  GetImageRecipeResponse,
  ImageRecipe,
  ImageRecipeSummary,
  InstanceBlockDeviceMapping,
  ListImageRecipesRequest,
  ListImageRecipesResponse,
  Platform,
  PutImageRecipePolicyRequest,
  PutImageRecipePolicyResponse,
} from "@aws-sdk/client-imagebuilder";
import { deepCopy } from "../../engine/canonical.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { requiredAnd, str, struct } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, otherAccountBackends, parseOwnArn, policyProblem, policyShares, type Ctx } from "./common.js";
import { resolveComponent } from "./components.js";
import { resolveImage } from "./images.js";
import {
  BLOCK_DEVICE_MAPPINGS,
  CLIENT_TOKEN,
  COMPONENT_CONFIGURATIONS,
  DEFAULT_PAGE_SIZE,
  FILTERS,
  IMAGE_RECIPE_ARN,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  OWNERSHIP,
  POLICY_DOCUMENT,
  RESOURCE_NAME,
  TAGS,
} from "./shapes.js";
import { arnSegment, isAwsOwnedAccount, latestVersionReferences, parseImagebuilderArn, versionProblem } from "./versions.js";

/** An image recipe version (recipes have no build number: name and version are unique). */
export interface ImageRecipeRecord {
  arn: string;
  segment: string;
  name: string;
  version: string;
  owner: string;
  description?: string | undefined;
  platform: Platform;
  /** The operating system the parent image runs, when known. */
  osVersion?: string | undefined;
  components: ComponentConfiguration[];
  parentImage: string;
  blockDeviceMappings?: InstanceBlockDeviceMapping[] | undefined;
  dateCreated: string;
  workingDirectory?: string | undefined;
  additionalInstanceConfiguration?: AdditionalInstanceConfiguration | undefined;
  amiTags?: Record<string, string> | undefined;
  policy?: string | undefined;
}

export function renderImageRecipe(backend: ImagebuilderBackend | undefined, r: ImageRecipeRecord): ImageRecipe {
  return deepCopy({
    arn: r.arn,
    type: "AMI",
    name: r.name,
    description: r.description,
    platform: r.platform,
    owner: r.owner,
    version: r.version,
    components: r.components,
    parentImage: r.parentImage,
    blockDeviceMappings: r.blockDeviceMappings,
    dateCreated: r.dateCreated,
    tags: backend?.tags.get(r.arn),
    workingDirectory: r.workingDirectory,
    additionalInstanceConfiguration: r.additionalInstanceConfiguration,
    amiTags: r.amiTags,
  });
}

/** What a parent image tells about a recipe: its platform and OS, when known. */
export interface ParentImageFacts {
  platform?: Platform | undefined;
  osVersion?: string | undefined;
}

/** A platform guessed from an AWS-owned image name (`windows-server-…`, `macos-…`), as those names spell it. */
function platformFromName(name: string): Platform {
  if (name.includes("windows")) return "Windows";
  if (name.includes("macos")) return "macOS";
  return "Linux";
}

/**
 * Checks a parent image (an AMI id, an SSM parameter, a Marketplace product, or an Image
 * Builder image ARN) and says what it is. An Image Builder image of this account must exist;
 * AWS-managed images not in the catalog are accepted, their platform read from the name.
 */
export function parentImageFacts(ctx: Ctx, parentImage: string): ParentImageFacts {
  if (!parentImage.startsWith("arn:")) return {};
  const parsed = parseImagebuilderArn(parentImage);
  if (!parsed || parsed.type !== "image" || !parsed.version) {
    throw ctx.invalid(`The parent image '${parentImage}' is not an Image Builder image ARN; use an AMI id, an ssm: parameter, or an arn:…:image/<name>/<version> ARN.`);
  }
  const found = resolveImage(ctx, parentImage);
  if (found) return { platform: found.image.platform, osVersion: found.image.osVersion };
  if (isAwsOwnedAccount(parsed.account) && ctx.inThisRegion(parsed)) return { platform: platformFromName(parsed.name) };
  throw notFound(ctx, "parent image", parentImage);
}

/**
 * Checks a recipe's component list: every component of this account (or shared with it)
 * exists, suits the recipe's platform, and is given only parameters it declares. Returns the
 * platform of the first component whose platform is known (for recipes whose parent image
 * does not tell).
 */
export function checkRecipeComponents(ctx: Ctx, components: readonly ComponentConfiguration[], platform: Platform | undefined): Platform | undefined {
  let known = platform;
  for (const [i, configuration] of components.entries()) {
    const arn = configuration.componentArn!;
    const parsed = parseImagebuilderArn(arn)!;
    const found = resolveComponent(ctx, arn);
    if (!found) {
      // AWS owns hundreds of components; those outside the modelled catalog are taken on trust.
      if (isAwsOwnedAccount(parsed.account) && ctx.inThisRegion(parsed)) continue;
      throw notFound(ctx, `component (components.${i + 1}.componentArn)`, arn);
    }
    const component = found.component;
    if (known && component.platform !== known) {
      throw ctx.invalid(`The component '${arn}' is for ${component.platform}, but the recipe builds a ${known} image.`);
    }
    known ??= component.platform;
    const declared = component.data !== undefined ? component.parameters : undefined;
    for (const parameter of configuration.parameters ?? []) {
      if (declared && !declared.some((p) => p.name === parameter.name)) {
        const names = declared.map((p) => p.name);
        throw ctx.invalid(`The component '${arn}' has no parameter '${parameter.name}'${names.length > 0 ? `; its parameters are ${names.join(", ")}` : ""}.`);
      }
    }
  }
  return known;
}

/** The recipe an ARN names: this account's, or another account's that shares it by policy. */
export function resolveImageRecipe(ctx: Ctx, arn: string): { recipe: ImageRecipeRecord; backend: ImagebuilderBackend } | undefined {
  const parsed = parseImagebuilderArn(arn);
  if (!parsed || parsed.type !== "image-recipe" || !ctx.inThisRegion(parsed)) return undefined;
  if (parsed.account === ctx.accountId) {
    const recipe = ctx.backend.imageRecipes.get(arn);
    return recipe ? { recipe, backend: ctx.backend } : undefined;
  }
  if (isAwsOwnedAccount(parsed.account)) return undefined;
  const backend = ctx.backendFor(parsed.account, ctx.region);
  const recipe = backend.imageRecipes.get(arn);
  return recipe && policyShares(recipe.policy, ctx.accountId) ? { recipe, backend } : undefined;
}

function findOwnRecipe(ctx: Ctx, arn: string): ImageRecipeRecord {
  parseOwnArn(ctx, arn, "image recipe");
  const recipe = ctx.backend.imageRecipes.get(arn);
  if (!recipe) throw notFound(ctx, "image recipe", arn);
  return recipe;
}

const USER_DATA = str({ min: 1, max: 21847, pattern: "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$" });

export const createImageRecipe = op<CreateImageRecipeRequest, CreateImageRecipeResponse>({
  input: {
    name: RESOURCE_NAME,
    description: NON_EMPTY,
    components: requiredAnd(COMPONENT_CONFIGURATIONS),
    parentImage: NON_EMPTY,
    blockDeviceMappings: BLOCK_DEVICE_MAPPINGS,
    tags: TAGS,
    workingDirectory: NON_EMPTY,
    additionalInstanceConfiguration: struct({ userDataOverride: USER_DATA }),
    amiTags: TAGS,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["InvalidVersionNumberException", "ResourceInUseException", "ResourceAlreadyExistsException", "ServiceQuotaExceededException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const version = input.semanticVersion!;
    const problem = versionProblem(version);
    if (problem) throw ctx.error("InvalidVersionNumberException", problem);
    const segment = arnSegment(input.name!);
    const arn = ctx.arn(`image-recipe/${segment}/${version}`);
    if (ctx.backend.imageRecipes.has(arn)) throw ctx.error("ResourceAlreadyExistsException", `The following resource 'ImageRecipe' already exists: '${arn}'.`);
    const parent = parentImageFacts(ctx, input.parentImage!);
    const platform = checkRecipeComponents(ctx, input.components!, parent.platform) ?? "Linux";
    const record: ImageRecipeRecord = {
      arn,
      segment,
      name: input.name!,
      version,
      owner: ctx.accountId,
      description: input.description,
      platform,
      osVersion: parent.osVersion,
      components: input.components!,
      parentImage: input.parentImage!,
      blockDeviceMappings: input.blockDeviceMappings,
      dateCreated: isoNow(ctx),
      workingDirectory: input.workingDirectory,
      additionalInstanceConfiguration: input.additionalInstanceConfiguration,
      amiTags: input.amiTags,
    };
    ctx.backend.imageRecipes.set(arn, record);
    ctx.backend.tags.add(arn, input.tags);
    return { requestId: ctx.requestId, clientToken: input.clientToken, imageRecipeArn: arn, latestVersionReferences: latestVersionReferences(arn) };
  },
});

export const getImageRecipe = op<GetImageRecipeRequest, GetImageRecipeResponse>({
  input: { imageRecipeArn: IMAGE_RECIPE_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const found = resolveImageRecipe(ctx, input.imageRecipeArn!);
    if (!found) throw notFound(ctx, "image recipe", input.imageRecipeArn!);
    return { requestId: ctx.requestId, imageRecipe: renderImageRecipe(found.backend, found.recipe), latestVersionReferences: latestVersionReferences(found.recipe.arn) };
  },
});

export const deleteImageRecipe = op<DeleteImageRecipeRequest, DeleteImageRecipeResponse>({
  input: { imageRecipeArn: IMAGE_RECIPE_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const recipe = findOwnRecipe(ctx, input.imageRecipeArn!);
    const pipeline = ctx.backend.pipelines.values().find((p) => p.imageRecipeArn === recipe.arn);
    if (pipeline) throw ctx.error("ResourceDependencyException", `The image recipe '${recipe.arn}' is used by the image pipeline '${pipeline.arn}'. Delete the pipeline or change its recipe first.`);
    ctx.backend.imageRecipes.delete(recipe.arn);
    ctx.backend.tags.drop(recipe.arn);
    return { requestId: ctx.requestId, imageRecipeArn: recipe.arn };
  },
});

function summary(backend: ImagebuilderBackend, r: ImageRecipeRecord): ImageRecipeSummary {
  return { arn: r.arn, name: r.name, platform: r.platform, owner: r.owner, parentImage: r.parentImage, dateCreated: r.dateCreated, tags: backend.tags.get(r.arn) };
}

const RECIPE_FILTERS = {
  name: (r: ImageRecipeRecord) => r.name,
  parentImage: (r: ImageRecipeRecord) => r.parentImage,
  platform: (r: ImageRecipeRecord) => r.platform,
};

export const listImageRecipes = op<ListImageRecipesRequest, ListImageRecipesResponse>({
  input: { owner: OWNERSHIP, filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const owner = input.owner ?? "Self";
    let table = ctx.backend.imageRecipes;
    const owners = new Map<string, ImagebuilderBackend>();
    if (owner !== "Self") {
      table = new OrderedTable<ImageRecipeRecord>((r) => r.arn);
      if (owner === "Shared") {
        for (const backend of otherAccountBackends(ctx)) {
          for (const recipe of backend.imageRecipes.values()) {
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
      filter: filterPredicate(ctx, input.filters, RECIPE_FILTERS),
    });
    return { requestId: ctx.requestId, imageRecipeSummaryList: page.items.map((r) => summary(owners.get(r.arn) ?? ctx.backend, r)), nextToken: page.nextToken };
  },
});

export const getImageRecipePolicy = op<GetImageRecipePolicyRequest, GetImageRecipePolicyResponse>({
  input: { imageRecipeArn: IMAGE_RECIPE_ARN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const recipe = findOwnRecipe(ctx, input.imageRecipeArn!);
    if (!recipe.policy) throw ctx.error("ResourceNotFoundException", `The image recipe '${recipe.arn}' has no resource policy.`);
    return { requestId: ctx.requestId, policy: recipe.policy };
  },
});

export const putImageRecipePolicy = op<PutImageRecipePolicyRequest, PutImageRecipePolicyResponse>({
  input: { imageRecipeArn: IMAGE_RECIPE_ARN, policy: POLICY_DOCUMENT },
  validation: "InvalidParameterValueException",
  errors: ["ResourceNotFoundException", "InvalidRequestException"],
  run(ctx, input) {
    const recipe = findOwnRecipe(ctx, input.imageRecipeArn!);
    const problem = policyProblem(input.policy!);
    if (problem) throw ctx.invalid(problem);
    recipe.policy = input.policy;
    return { requestId: ctx.requestId, imageRecipeArn: recipe.arn };
  },
});
