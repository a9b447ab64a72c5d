import type {
  Component,
  ComponentParameterDetail,
  ComponentState,
  ComponentSummary,
  ComponentType,
  ComponentVersion,
  CreateComponentRequest,
  CreateComponentResponse,
  DeleteComponentRequest,
  DeleteComponentResponse,
  GetComponentPolicyRequest,
  GetComponentPolicyResponse,
  GetComponentRequest,
  GetComponentResponse,
  ImportComponentRequest,
  ImportComponentResponse,
  ListComponentBuildVersionsRequest,
  ListComponentBuildVersionsResponse,
  ListComponentsRequest,
  ListComponentsResponse,
  Platform,
  PutComponentPolicyRequest,
  PutComponentPolicyResponse,
} from "@aws-sdk/client-imagebuilder";
import { OrderedTable } from "../../engine/ordered-table.js";
import { oneOf, requiredAnd } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, otherAccountBackends, parseOwnArn, policyProblem, policyShares, type Ctx } from "./common.js";
import { parseComponentDocument, shellComponentDocument, type ParameterDefinition } from "./documents.js";
import { managedCatalog } from "./managed.js";
import {
  CLIENT_TOKEN,
  COMPONENT_BUILD_VERSION_ARN,
  COMPONENT_VERSION_ARN,
  COMPONENT_VERSION_OR_BUILD_ARN,
  DEFAULT_PAGE_SIZE,
  FILTERS,
  INLINE_DOCUMENT,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  OS_VERSION_LIST,
  OWNERSHIP,
  PLATFORM,
  POLICY_DOCUMENT,
  RESOURCE_NAME,
  TAGS,
  URI,
} from "./shapes.js";
import {
  arnSegment,
  isAwsOwnedAccount,
  latestVersionReferences,
  parseImagebuilderArn,
  parseSelector,
  versionArnOf,
  versionKey,
  versionProblem,
  type VersionedStore,
  type VersionEntry,
  type VersionSelector,
  type VersionedRecord,
} from "./versions.js";

/** A component build version as Image Builder keeps it. */
export interface ComponentRecord extends VersionedRecord {
  name: string;
  owner: string;
  description?: string | undefined;
  changeDescription?: string | undefined;
  type: ComponentType;
  platform: Platform;
  supportedOsVersions?: string[] | undefined;
  parameters: ParameterDefinition[];
  data?: string | undefined;
  uri?: string | undefined;
  kmsKeyId?: string | undefined;
  dateCreated: string;
  state: ComponentState;
  publisher?: string | undefined;
  policy?: string | undefined;
}

const DRY_RUN_UNMODELLED = {
  DryRunOperationException: "The current SDK lists it (CreateComponentCommand, CreateWorkflowCommand @throws, HTTP 412 on success of a dryRun request); the AWS model snapshot predates dryRun.",
} as const;

/** A URI Image Builder can read a document from (`s3://bucket/key`). */
export function s3UriProblem(uri: string): string | undefined {
  return /^s3:\/\/[^/]+\/.+$/.test(uri) ? undefined : `The uri '${uri}' is not an S3 URL; use s3://<bucket>/<key>.`;
}

function parameterDetails(parameters: readonly ParameterDefinition[]): ComponentParameterDetail[] {
  return parameters.map((p) => ({ name: p.name, type: p.type, defaultValue: p.defaultValue, description: p.description }));
}

export function renderComponent(backend: ImagebuilderBackend | undefined, c: ComponentRecord): Component {
  return {
    arn: c.arn,
    name: c.name,
    version: c.version,
    description: c.description,
    changeDescription: c.changeDescription,
    type: c.type,
    platform: c.platform,
    supportedOsVersions: c.supportedOsVersions,
    state: c.state,
    parameters: c.parameters.length > 0 ? parameterDetails(c.parameters) : undefined,
    owner: c.owner,
    data: c.data,
    kmsKeyId: c.kmsKeyId,
    encrypted: true,
    dateCreated: c.dateCreated,
    tags: backend?.tags.get(c.arn),
    publisher: c.publisher,
    obfuscate: false,
  };
}

function summary(backend: ImagebuilderBackend | undefined, c: ComponentRecord): ComponentSummary {
  return {
    arn: c.arn,
    name: c.name,
    version: c.version,
    platform: c.platform,
    supportedOsVersions: c.supportedOsVersions,
    state: c.state,
    type: c.type,
    owner: c.owner,
    description: c.description,
    changeDescription: c.changeDescription,
    dateCreated: c.dateCreated,
    tags: backend?.tags.get(c.arn),
    publisher: c.publisher,
    obfuscate: false,
  };
}

function versionSummary(entry: VersionEntry<ComponentRecord>): ComponentVersion {
  const latest = entry.builds.first()!;
  return {
    arn: entry.versionArn,
    name: latest.name,
    version: latest.version,
    description: latest.description,
    platform: latest.platform,
    supportedOsVersions: latest.supportedOsVersions,
    type: latest.type,
    owner: latest.owner,
    dateCreated: latest.dateCreated,
    status: latest.state.status,
  };
}

/**
 * Where the components an ARN names live: this account's backend, the AWS-managed catalog
 * (`aws`, `aws-marketplace`… accounts), or another account's backend whose components are
 * visible here only when their policy shares them with this account.
 */
function componentSource(ctx: Ctx, arn: string): { store: VersionedStore<ComponentRecord>; backend?: ImagebuilderBackend; visible: (c: ComponentRecord) => boolean } | undefined {
  const parsed = parseImagebuilderArn(arn);
  if (!parsed || !ctx.inThisRegion(parsed)) return undefined;
  if (parsed.account === ctx.accountId) return { store: ctx.backend.components, backend: ctx.backend, visible: () => true };
  if (isAwsOwnedAccount(parsed.account)) return { store: managedCatalog(ctx).components, visible: (c) => c.owner === parsed.account || parsed.account === "aws" };
  const other = ctx.backendFor(parsed.account, ctx.region);
  return { store: other.components, backend: other, visible: (c) => policyShares(c.policy, ctx.accountId) };
}

/**
 * The component build an ARN selects: a build ARN names one build, a version ARN (wildcards
 * allowed) the newest matching build. Undefined when there is none visible to this account.
 */
export function resolveComponent(ctx: Ctx, arn: string): { component: ComponentRecord; backend?: ImagebuilderBackend } | undefined {
  const parsed = parseImagebuilderArn(arn);
  const source = componentSource(ctx, arn);
  if (!parsed || parsed.type !== "component" || !parsed.version || !source) return undefined;
  const selector = parseSelector(parsed.version);
  if (typeof selector === "string") throw ctx.invalid(selector);
  const match = source.store.matching(parsed.name, selector).find((c) => source.visible(c) && (parsed.build === undefined || c.build === parsed.build));
  return match ? { component: match, ...(source.backend ? { backend: source.backend } : {}) } : undefined;
}

function findOwnComponent(ctx: Ctx, arn: string): ComponentRecord {
  parseOwnArn(ctx, arn, "component");
  const component = ctx.backend.components.get(arn);
  if (!component) throw notFound(ctx, "component", arn);
  return component;
}

/** Creates one build of a component; the build number follows the last one of that name and version. */
function storeComponent(ctx: Ctx, fields: Omit<ComponentRecord, "arn" | "segment" | "build" | "owner" | "dateCreated" | "state">, tags: Record<string, string> | undefined): ComponentRecord {
  const segment = arnSegment(fields.name);
  const build = ctx.backend.components.nextBuild(segment, fields.version);
  const record: ComponentRecord = {
    ...fields,
    arn: ctx.arn(`component/${segment}/${fields.version}/${build}`),
    segment,
    build,
    owner: ctx.accountId,
    dateCreated: isoNow(ctx),
    state: { status: "ACTIVE" },
  };
  ctx.backend.components.add(record);
  ctx.backend.tags.add(record.arn, tags);
  return record;
}

function checkVersion(ctx: Ctx, version: string): void {
  const problem = versionProblem(version);
  if (problem) throw ctx.error("InvalidVersionNumberException", problem);
}

export const createComponent = op<CreateComponentRequest, CreateComponentResponse>({
  input: {
    name: RESOURCE_NAME,
    description: NON_EMPTY,
    changeDescription: NON_EMPTY,
    platform: PLATFORM,
    supportedOsVersions: OS_VERSION_LIST,
    data: INLINE_DOCUMENT,
    uri: URI,
    kmsKeyId: NON_EMPTY,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["InvalidVersionNumberException", "InvalidParameterCombinationException", "ResourceInUseException", "ServiceQuotaExceededException"],
  unmodelledErrors: DRY_RUN_UNMODELLED,
  run(ctx, input) {
    checkVersion(ctx, input.semanticVersion!);
    if (input.data !== undefined && input.uri !== undefined) {
      throw ctx.error("InvalidParameterCombinationException", "You cannot specify both data and uri: give the component document inline in data, or its S3 location in uri.");
    }
    if (input.data === undefined && input.uri === undefined) throw ctx.invalid("A component needs its document: specify data (inline YAML) or uri (an S3 URL).");
    let type: ComponentType = "BUILD";
    let parameters: ParameterDefinition[] = [];
    if (input.data !== undefined) {
      const doc = parseComponentDocument(input.data);
      if (typeof doc === "string") throw ctx.invalid(doc);
      type = doc.type;
      parameters = doc.parameters;
    } else {
      const problem = s3UriProblem(input.uri!);
      if (problem) throw ctx.invalid(problem);
    }
    if (input.dryRun) throw ctx.error("DryRunOperationException", "The request would have succeeded, but the dryRun flag is set; nothing was created.");
    const record = storeComponent(
      ctx,
      {
        name: input.name!,
        version: input.semanticVersion!,
        description: input.description,
        changeDescription: input.changeDescription,
        type,
        platform: input.platform!,
        supportedOsVersions: input.supportedOsVersions,
        parameters,
        data: input.data,
        uri: input.uri,
        kmsKeyId: input.kmsKeyId,
      },
      input.tags,
    );
    return {
      requestId: ctx.requestId,
      clientToken: input.clientToken,
      componentBuildVersionArn: record.arn,
      latestVersionReferences: latestVersionReferences(versionArnOf(record.arn)),
    };
  },
});

export const importComponent = op<ImportComponentRequest, ImportComponentResponse>({
  input: {
    name: RESOURCE_NAME,
    description: NON_EMPTY,
    changeDescription: NON_EMPTY,
    type: oneOf("ComponentType"),
    format: oneOf("ComponentFormat"),
    platform: PLATFORM,
    data: NON_EMPTY,
    uri: URI,
    kmsKeyId: NON_EMPTY,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
  },
  errors: ["InvalidVersionNumberException", "InvalidParameterCombinationException", "ResourceInUseException"],
  run(ctx, input) {
    checkVersion(ctx, input.semanticVersion!);
    if (input.data !== undefined && input.uri !== undefined) {
      throw ctx.error("InvalidParameterCombinationException", "You cannot specify both data and uri: give the script inline in data, or its S3 location in uri.");
    }
    if (input.data === undefined && input.uri === undefined) throw ctx.invalid("ImportComponent needs the script to import: specify data or uri.");
    if (input.uri !== undefined) {
      const problem = s3UriProblem(input.uri);
      if (problem) throw ctx.invalid(problem);
    }
    const type = input.type!;
    const record = storeComponent(
      ctx,
      {
        name: input.name!,
        version: input.semanticVersion!,
        description: input.description,
        changeDescription: input.changeDescription,
        type,
        platform: input.platform!,
        parameters: [],
        // A SHELL script becomes a component document that runs it in the build or test phase.
        data: input.data !== undefined ? shellComponentDocument(input.name!, type, input.data) : undefined,
        uri: input.uri,
        kmsKeyId: input.kmsKeyId,
      },
      input.tags,
    );
    return { requestId: ctx.requestId, clientToken: input.clientToken, componentBuildVersionArn: record.arn };
  },
});

export const getComponent = op<GetComponentRequest, GetComponentResponse>({
  input: { componentBuildVersionArn: COMPONENT_VERSION_OR_BUILD_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const arn = input.componentBuildVersionArn!;
    const found = resolveComponent(ctx, arn);
    if (!found) throw notFound(ctx, "component", arn);
    return {
      requestId: ctx.requestId,
      component: renderComponent(found.backend, found.component),
      latestVersionReferences: latestVersionReferences(versionArnOf(found.component.arn)),
    };
  },
});

/** Whether a recipe's component reference needs this build: it matches it and no other build. */
function referenceNeeds(ctx: Ctx, reference: string, component: ComponentRecord): boolean {
  const parsed = parseImagebuilderArn(reference);
  if (!parsed || parsed.account !== ctx.accountId || parsed.name !== component.segment || !parsed.version) return false;
  if (parsed.build !== undefined) return parsed.build === component.build && parsed.version === component.version;
  const selector = parseSelector(parsed.version);
  if (typeof selector === "string") return false;
  const matches = ctx.backend.components.matching(component.segment, selector as VersionSelector);
  return matches.length === 1 && matches[0] === component;
}

export const deleteComponent = op<DeleteComponentRequest, DeleteComponentResponse>({
  input: { componentBuildVersionArn: COMPONENT_BUILD_VERSION_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const component = findOwnComponent(ctx, input.componentBuildVersionArn!);
    const recipes = [...ctx.backend.imageRecipes.values(), ...ctx.backend.containerRecipes.values()];
    const user = recipes.find((r) => r.components.some((c) => referenceNeeds(ctx, c.componentArn!, component)));
    if (user) {
      throw ctx.error("ResourceDependencyException", `The component '${component.arn}' is used by the recipe '${user.arn}'. Delete the recipe first.`);
    }
    ctx.backend.components.delete(component.arn);
    ctx.backend.tags.drop(component.arn);
    return { requestId: ctx.requestId, componentBuildVersionArn: component.arn };
  },
});

const COMPONENT_FILTERS = {
  description: (c: ComponentRecord) => c.description,
  name: (c: ComponentRecord) => c.name,
  platform: (c: ComponentRecord) => c.platform,
  supportedOsVersion: (c: ComponentRecord) => c.supportedOsVersions,
  type: (c: ComponentRecord) => c.type,
  version: (c: ComponentRecord) => c.version,
};

/**
 * The versions an owner filter selects, as one table to page through, and whether a version
 * is the newest of its name (for byName).
 */
function versionsFor(ctx: Ctx, owner: string): { table: OrderedTable<VersionEntry<ComponentRecord>>; newest: (entry: VersionEntry<ComponentRecord>) => boolean } {
  const newestIn = (store: VersionedStore<ComponentRecord>) => (entry: VersionEntry<ComponentRecord>) => store.buildsOfName(entry.segment)?.first()?.version === entry.version;
  if (owner === "Self") return { table: ctx.backend.components.versions, newest: newestIn(ctx.backend.components) };
  if (owner === "Amazon") return { table: managedCatalog(ctx).components.versions, newest: newestIn(managedCatalog(ctx).components) };
  const table = new OrderedTable<VersionEntry<ComponentRecord>>((v) => v.versionArn);
  if (owner === "Shared") {
    // Components of other accounts whose policy shares them with this account.
    for (const backend of otherAccountBackends(ctx)) {
      for (const entry of backend.components.versions.values()) {
        const builds = entry.builds.values().filter((c) => policyShares(c.policy, ctx.accountId));
        if (builds.length === 0) continue;
        const shared = new OrderedTable<ComponentRecord>((c) => -c.build);
        for (const b of builds) shared.set(b.arn, b);
        table.set(entry.versionArn, { ...entry, builds: shared });
      }
    }
  }
  const newestVersion = new Map<string, VersionEntry<ComponentRecord>>();
  for (const entry of table.values()) {
    const key = entry.versionArn.slice(0, entry.versionArn.lastIndexOf("/"));
    const current = newestVersion.get(key);
    if (!current || versionKey(entry.version) > versionKey(current.version)) newestVersion.set(key, entry);
  }
  return { table, newest: (entry) => newestVersion.get(entry.versionArn.slice(0, entry.versionArn.lastIndexOf("/"))) === entry };
}

export const listComponents = op<ListComponentsRequest, ListComponentsResponse>({
  input: { owner: OWNERSHIP, filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const owner = input.owner ?? "Self";
    const matches = filterPredicate(ctx, input.filters, COMPONENT_FILTERS);
    const { table, newest } = versionsFor(ctx, owner);
    const page = ctx.paginate(table, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: { owner, filters: input.filters, byName: input.byName ?? false },
      // byName: one entry per component name, its newest version.
      filter: (entry) => matches(entry.builds.first()!) && (!input.byName || newest(entry)),
    });
    return { requestId: ctx.requestId, componentVersionList: page.items.map(versionSummary), nextToken: page.nextToken };
  },
});

export const listComponentBuildVersions = op<ListComponentBuildVersionsRequest, ListComponentBuildVersionsResponse>({
  input: { componentVersionArn: requiredAnd(COMPONENT_VERSION_ARN), maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const arn = input.componentVersionArn!;
    const parsed = parseImagebuilderArn(arn)!;
    const source = componentSource(ctx, arn);
    const builds = source?.store.buildsOfVersion(parsed.name, parsed.version!);
    if (!source || !builds) return { requestId: ctx.requestId, componentSummaryList: [] };
    const page = ctx.paginate(builds, { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE, query: arn, filter: source.visible });
    return { requestId: ctx.requestId, componentSummaryList: page.items.map((c) => summary(source.backend, c)), nextToken: page.nextToken };
  },
});

export const getComponentPolicy = op<GetComponentPolicyRequest, GetComponentPolicyResponse>({
  input: { componentArn: COMPONENT_BUILD_VERSION_ARN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const component = findOwnComponent(ctx, input.componentArn!);
    if (!component.policy) throw ctx.error("ResourceNotFoundException", `The component '${component.arn}' has no resource policy.`);
    return { requestId: ctx.requestId, policy: component.policy };
  },
});

export const putComponentPolicy = op<PutComponentPolicyRequest, PutComponentPolicyResponse>({
  input: { componentArn: COMPONENT_BUILD_VERSION_ARN, policy: POLICY_DOCUMENT },
  validation: "InvalidParameterValueException",
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const component = findOwnComponent(ctx, input.componentArn!);
    const problem = policyProblem(input.policy!);
    if (problem) throw ctx.invalid(problem);
    component.policy = input.policy;
    return { requestId: ctx.requestId, componentArn: component.arn };
  },
});
