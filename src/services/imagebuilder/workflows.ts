import type {
  CreateWorkflowRequest,
  CreateWorkflowResponse,
  DeleteWorkflowRequest,
  DeleteWorkflowResponse,
  GetWorkflowRequest,
  GetWorkflowResponse,
  ListWorkflowBuildVersionsRequest,
  ListWorkflowBuildVersionsResponse,
  ListWorkflowsRequest,
  ListWorkflowsResponse,
  Workflow,
  WorkflowState,
  WorkflowSummary,
  WorkflowType,
  WorkflowVersion,
} from "@aws-sdk/client-imagebuilder";
import { OrderedTable } from "../../engine/ordered-table.js";
import { oneOf, requiredAnd } from "../../engine/validation/rules.js";
import { op, type ImagebuilderBackend } from "./backend.js";
import { filterPredicate, isoNow, NOT_FOUND_UNMODELLED, notFound, parseOwnArn, type Ctx } from "./common.js";
import { s3UriProblem } from "./components.js";
import { parseWorkflowDocument, type ParameterDefinition, type WorkflowStepDefinition } from "./documents.js";
import { managedCatalog } from "./managed.js";
import {
  CLIENT_TOKEN,
  DEFAULT_PAGE_SIZE,
  FILTERS,
  INLINE_DOCUMENT,
  MAX_RESULTS,
  NEXT_TOKEN,
  NON_EMPTY,
  OWNERSHIP,
  RESOURCE_NAME,
  TAGS,
  URI,
  WORKFLOW_BUILD_VERSION_ARN,
  WORKFLOW_VERSION_OR_BUILD_ARN,
  WORKFLOW_WILDCARD_VERSION_ARN,
} from "./shapes.js";
import {
  arnSegment,
  isAwsOwnedAccount,
  latestVersionReferences,
  parseImagebuilderArn,
  parseSelector,
  selectorMatches,
  versionArnOf,
  versionProblem,
  type VersionedRecord,
  type VersionedStore,
  type VersionEntry,
} from "./versions.js";

/**
 * A workflow build version. Workflows are immutable ("To make a change, you can clone a
 * workflow or create a new version"): creating the same name, version and type again makes
 * the next build. The segment is `<type>/<name>` so the ARN reads `workflow/build/my-wf/1.0.0/1`.
 */
export interface WorkflowRecord extends VersionedRecord {
  name: string;
  type: WorkflowType;
  owner: string;
  description?: string | undefined;
  changeDescription?: string | undefined;
  data?: string | undefined;
  uri?: string | undefined;
  kmsKeyId?: string | undefined;
  dateCreated: string;
  /** The document's steps, in order (empty for a document given by S3 URI, which cannot be read here). */
  steps: WorkflowStepDefinition[];
  parameters: ParameterDefinition[];
  state?: WorkflowState | undefined;
}

const DRY_RUN_UNMODELLED = {
  DryRunOperationException: "The current SDK lists it (CreateWorkflowCommand @throws, HTTP 412 on success of a dryRun request); the AWS model snapshot predates dryRun.",
} as const;

export function renderWorkflow(backend: ImagebuilderBackend | undefined, w: WorkflowRecord): Workflow {
  return {
    arn: w.arn,
    name: w.name,
    version: w.version,
    description: w.description,
    changeDescription: w.changeDescription,
    type: w.type,
    state: w.state,
    owner: w.owner,
    data: w.data,
    kmsKeyId: w.kmsKeyId,
    dateCreated: w.dateCreated,
    tags: backend?.tags.get(w.arn),
    parameters: w.parameters.length > 0 ? w.parameters.map((p) => ({ name: p.name, type: p.type, defaultValue: p.defaultValue, description: p.description })) : undefined,
  };
}

/** Where the workflows an ARN names live: this account, or the AWS-managed catalog. */
function workflowStore(ctx: Ctx, account: string): { store: VersionedStore<WorkflowRecord>; backend?: ImagebuilderBackend } | undefined {
  if (account === ctx.accountId) return { store: ctx.backend.workflows, backend: ctx.backend };
  if (isAwsOwnedAccount(account)) return { store: managedCatalog(ctx).workflows };
  return undefined;
}

/**
 * The workflow build an ARN selects (a build ARN, or a version ARN with `x` wildcards for the
 * newest matching build), from this account or the AWS-managed workflows.
 */
export function resolveWorkflow(ctx: Ctx, arn: string): { workflow: WorkflowRecord; backend?: ImagebuilderBackend } | undefined {
  const parsed = parseImagebuilderArn(arn);
  if (!parsed || parsed.type !== "workflow" || !parsed.version || !ctx.inThisRegion(parsed)) return undefined;
  const source = workflowStore(ctx, parsed.account);
  if (!source) return undefined;
  const selector = parseSelector(parsed.version);
  if (typeof selector === "string") throw ctx.invalid(selector);
  const workflow = source.store.resolve(`${parsed.workflowType}/${parsed.name}`, selector, parsed.build);
  return workflow ? { workflow, ...(source.backend ? { backend: source.backend } : {}) } : undefined;
}

export const createWorkflow = op<CreateWorkflowRequest, CreateWorkflowResponse>({
  input: {
    name: RESOURCE_NAME,
    description: NON_EMPTY,
    changeDescription: NON_EMPTY,
    data: INLINE_DOCUMENT,
    uri: URI,
    kmsKeyId: NON_EMPTY,
    tags: TAGS,
    clientToken: CLIENT_TOKEN,
    type: oneOf("WorkflowType"),
  },
  errors: ["InvalidVersionNumberException", "InvalidParameterCombinationException", "ResourceInUseException", "ServiceQuotaExceededException"],
  unmodelledErrors: DRY_RUN_UNMODELLED,
  run(ctx, input) {
    const version = input.semanticVersion!;
    const problem = versionProblem(version);
    if (problem) throw ctx.error("InvalidVersionNumberException", problem);
    if (input.data !== undefined && input.uri !== undefined) {
      throw ctx.error("InvalidParameterCombinationException", "You cannot specify both data and uri: give the workflow document inline in data, or its S3 location in uri.");
    }
    if (input.data === undefined && input.uri === undefined) throw ctx.invalid("A workflow needs its document: specify data (inline YAML) or uri (an S3 URL).");
    let steps: WorkflowStepDefinition[] = [];
    let parameters: ParameterDefinition[] = [];
    if (input.data !== undefined) {
      const doc = parseWorkflowDocument(input.data);
      if (typeof doc === "string") throw ctx.invalid(doc);
      steps = doc.steps;
      parameters = doc.parameters;
    } else {
      const uriProblem = s3UriProblem(input.uri!);
      if (uriProblem) throw ctx.invalid(uriProblem);
    }
    if (input.dryRun) throw ctx.error("DryRunOperationException", "The request would have succeeded, but the dryRun flag is set; nothing was created.");
    const type = input.type!;
    const segment = `${type.toLowerCase()}/${arnSegment(input.name!)}`;
    const build = ctx.backend.workflows.nextBuild(segment, version);
    const record: WorkflowRecord = {
      arn: ctx.arn(`workflow/${segment}/${version}/${build}`),
      segment,
      version,
      build,
      name: input.name!,
      type,
      owner: ctx.accountId,
      description: input.description,
      changeDescription: input.changeDescription,
      data: input.data,
      uri: input.uri,
      kmsKeyId: input.kmsKeyId,
      dateCreated: isoNow(ctx),
      steps,
      parameters,
    };
    ctx.backend.workflows.add(record);
    ctx.backend.tags.add(record.arn, input.tags);
    return { clientToken: input.clientToken, workflowBuildVersionArn: record.arn, latestVersionReferences: latestVersionReferences(versionArnOf(record.arn)) };
  },
});

export const getWorkflow = op<GetWorkflowRequest, GetWorkflowResponse>({
  input: { workflowBuildVersionArn: WORKFLOW_VERSION_OR_BUILD_ARN },
  errors: [],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const arn = input.workflowBuildVersionArn!;
    const found = resolveWorkflow(ctx, arn);
    if (!found) throw notFound(ctx, "workflow", arn);
    return { workflow: renderWorkflow(found.backend, found.workflow), latestVersionReferences: latestVersionReferences(versionArnOf(found.workflow.arn)) };
  },
});

/** Whether a workflow reference (version or build ARN) needs this build: it matches it and no other. */
export function workflowReferenceNeeds(ctx: Ctx, reference: string, workflow: WorkflowRecord): boolean {
  const parsed = parseImagebuilderArn(reference);
  if (!parsed || parsed.account !== ctx.accountId || `${parsed.workflowType}/${parsed.name}` !== workflow.segment || !parsed.version) return false;
  if (parsed.build !== undefined) return parsed.build === workflow.build && parsed.version === workflow.version;
  const selector = parseSelector(parsed.version);
  if (typeof selector === "string") return false;
  const matches = ctx.backend.workflows.matching(workflow.segment, selector);
  return matches.length === 1 && matches[0] === workflow;
}

export const deleteWorkflow = op<DeleteWorkflowRequest, DeleteWorkflowResponse>({
  input: { workflowBuildVersionArn: WORKFLOW_BUILD_VERSION_ARN },
  errors: ["ResourceDependencyException"],
  unmodelledErrors: NOT_FOUND_UNMODELLED,
  run(ctx, input) {
    const arn = input.workflowBuildVersionArn!;
    parseOwnArn(ctx, arn, "workflow");
    const workflow = ctx.backend.workflows.get(arn);
    if (!workflow) throw notFound(ctx, "workflow", arn);
    const pipeline = ctx.backend.pipelines.values().find((p) => (p.workflows ?? []).some((w) => workflowReferenceNeeds(ctx, w.workflowArn!, workflow)));
    if (pipeline) throw ctx.error("ResourceDependencyException", `The workflow '${arn}' is used by the image pipeline '${pipeline.arn}'. Remove it from the pipeline first.`);
    const running = [...ctx.backend.workflowExecutions.values()].find((e) => e.workflowBuildVersionArn === arn && (e.status === "PENDING" || e.status === "RUNNING"));
    if (running) throw ctx.error("ResourceDependencyException", `The workflow '${arn}' is running for the image '${running.image.arn}'. Wait for the build to end first.`);
    ctx.backend.workflows.delete(arn);
    ctx.backend.tags.drop(arn);
    return { workflowBuildVersionArn: arn };
  },
});

const WORKFLOW_FILTERS = {
  name: (w: WorkflowRecord) => w.name,
  version: (w: WorkflowRecord) => w.version,
  type: (w: WorkflowRecord) => w.type,
  description: (w: WorkflowRecord) => w.description,
};

function versionOf(entry: VersionEntry<WorkflowRecord>): WorkflowVersion {
  const latest = entry.builds.first()!;
  return { arn: entry.versionArn, name: latest.name, version: latest.version, description: latest.description, type: latest.type, owner: latest.owner, dateCreated: latest.dateCreated };
}

export const listWorkflows = op<ListWorkflowsRequest, ListWorkflowsResponse>({
  input: { owner: OWNERSHIP, filters: FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const owner = input.owner ?? "Self";
    const store = owner === "Self" ? ctx.backend.workflows : owner === "Amazon" ? managedCatalog(ctx).workflows : undefined;
    const table = store?.versions ?? new OrderedTable<VersionEntry<WorkflowRecord>>();
    const matches = filterPredicate(ctx, input.filters, WORKFLOW_FILTERS);
    const newest = (entry: VersionEntry<WorkflowRecord>): boolean => store?.buildsOfName(entry.segment)?.first()?.version === entry.version;
    const page = ctx.paginate(table, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: { owner, filters: input.filters, byName: input.byName ?? false },
      filter: (entry) => matches(entry.builds.first()!) && (!input.byName || newest(entry)),
    });
    return { workflowVersionList: page.items.map(versionOf), nextToken: page.nextToken };
  },
});

function summaryOf(backend: ImagebuilderBackend | undefined, w: WorkflowRecord): WorkflowSummary {
  // The CLI example shows build-version ARNs here, newest build first (the model types it loosely).
  return {
    arn: w.arn,
    name: w.name,
    version: w.version,
    description: w.description,
    changeDescription: w.changeDescription,
    type: w.type,
    owner: w.owner,
    state: w.state,
    dateCreated: w.dateCreated,
    tags: backend?.tags.get(w.arn),
  };
}

export const listWorkflowBuildVersions = op<ListWorkflowBuildVersionsRequest, ListWorkflowBuildVersionsResponse>({
  input: { workflowVersionArn: requiredAnd(WORKFLOW_WILDCARD_VERSION_ARN), maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const arn = input.workflowVersionArn!;
    const parsed = parseImagebuilderArn(arn);
    const source = parsed && ctx.inThisRegion(parsed) ? workflowStore(ctx, parsed.account) : undefined;
    const selector = parseSelector(parsed?.version ?? "");
    if (typeof selector === "string") throw ctx.invalid(selector);
    const builds = source?.store.buildsOfName(`${parsed!.workflowType}/${parsed!.name}`);
    if (!builds) return { workflowSummaryList: [] };
    const page = ctx.paginate(builds, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: DEFAULT_PAGE_SIZE,
      query: arn,
      filter: (w) => selectorMatches(selector, w.version),
    });
    return { workflowSummaryList: page.items.map((w) => summaryOf(source!.backend, w)), nextToken: page.nextToken };
  },
});
