import type {
  BatchGetCrawlersRequest,
  BatchGetCrawlersResponse,
  CrawlsFilter,
  CrawlerMetrics,
  CrawlerTargets,
  CreateCrawlerRequest,
  CreateCrawlerResponse,
  DeleteCrawlerRequest,
  DeleteCrawlerResponse,
  GetCrawlerMetricsRequest,
  GetCrawlerMetricsResponse,
  GetCrawlerRequest,
  GetCrawlerResponse,
  GetCrawlersRequest,
  GetCrawlersResponse,
  Crawler,
  ListCrawlersRequest,
  ListCrawlersResponse,
  ListCrawlsRequest,
  ListCrawlsResponse,
  StartCrawlerRequest,
  StartCrawlerResponse,
  StopCrawlerRequest,
  StopCrawlerResponse,
  UpdateCrawlerRequest,
  UpdateCrawlerResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../engine/canonical.js";
import type { RequestContext } from "../../engine/context.js";
import type { OrderedTable } from "../../engine/ordered-table.js";
import { int, list, num, oneOf, str, struct, type StructRules } from "../../engine/validation/rules.js";
import { newestFirst, observeScopesStarting, op, type GlueBackend } from "./backend.js";
import { crawlerReferenceProblem } from "./connections/references.js";
import { crawlerState, launchCrawl, renderCrawlHistory, renderLastCrawl, type CrawlRecord } from "./crawls.js";
import { scheduleCrawler, scheduleProblem, unscheduleCrawler } from "./scheduling.js";
import { DESCRIPTION, NAME, pageSize, TAGS, VALIDATION_UNMODELLED } from "./shapes.js";

/** What CreateCrawler/UpdateCrawler set; state, timings and LastCrawl are derived when read. */
export type CrawlerDefinition = Omit<Crawler, "State" | "CrawlElapsedTime" | "LastCrawl" | "Schedule"> & {
  Name: string;
  /** The cron expression, when the crawler has a schedule. */
  Schedule?: string | undefined;
};

export interface CrawlerRecord {
  definition: CrawlerDefinition;
  /** Crawl history, newest first. */
  readonly crawls: OrderedTable<CrawlRecord>;
  /** The latest crawl started (in progress or not). */
  current?: CrawlRecord | undefined;
  /** The latest crawl that finished (LastCrawl). */
  lastFinished?: CrawlRecord | undefined;
  /** Schedule.State, set by Start/StopCrawlerSchedule (admin/crawler-schedules.ts); SCHEDULED until then. */
  scheduleState?: "SCHEDULED" | "NOT_SCHEDULED" | undefined;
}

/** The state of a crawler's schedule: NOT_SCHEDULED after StopCrawlerSchedule, else SCHEDULED. */
export function crawlerScheduleState(crawler: CrawlerRecord): "SCHEDULED" | "NOT_SCHEDULED" {
  return crawler.scheduleState ?? "SCHEDULED";
}

export const crawlerArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`crawler/${name}`);

export function findCrawler(ctx: RequestContext<GlueBackend>, name: string): CrawlerRecord {
  const crawler = ctx.backend.crawlers.get(name);
  // AWS's wording (as the Glue console's own calls show it).
  if (!crawler) throw ctx.error("EntityNotFoundException", `Crawler entry with name ${name} does not exist`);
  return crawler;
}

const PATHS = list(str());
/** Integer members the SDK schema only knows as numbers; the ranges are the member docs'. */
const MAXIMUM_TRAVERSAL_DEPTH = int();
const TARGETS = struct({
  S3Targets: list(struct({ SampleSize: int({ min: 1, max: 249 }) })),
  JdbcTargets: list(struct({ EnableAdditionalMetadata: list(oneOf("JdbcMetadataEntry")) })),
  DynamoDBTargets: list(struct({ scanRate: num({ min: 0.1, max: 1.5 }) })),
  CatalogTargets: list(struct({ DatabaseName: NAME, Tables: list(NAME, { min: 1 }) })),
  DeltaTargets: list(struct({ DeltaTables: PATHS })),
  IcebergTargets: list(struct({ MaximumTraversalDepth: MAXIMUM_TRAVERSAL_DEPTH })),
  HudiTargets: list(struct({ MaximumTraversalDepth: MAXIMUM_TRAVERSAL_DEPTH })),
});

/** Members shared by CreateCrawler and UpdateCrawler. */
const DEFINITION: StructRules = {
  Description: DESCRIPTION,
  Targets: TARGETS,
  Classifiers: list(NAME),
  TablePrefix: str({ max: 128 }),
  SchemaChangePolicy: struct({ UpdateBehavior: oneOf("UpdateBehavior"), DeleteBehavior: oneOf("DeleteBehavior") }),
  RecrawlPolicy: struct({ RecrawlBehavior: oneOf("RecrawlBehavior") }),
  LineageConfiguration: struct({ CrawlerLineageSettings: oneOf("CrawlerLineageSettings") }),
  LakeFormationConfiguration: struct({ AccountId: str({ max: 12 }) }),
  CrawlerSecurityConfiguration: str({ max: 128 }),
};

const TARGET_KINDS = ["S3Targets", "JdbcTargets", "MongoDBTargets", "DynamoDBTargets", "CatalogTargets", "DeltaTargets", "IcebergTargets", "HudiTargets"] as const;

type DefinitionInput = Partial<Omit<CreateCrawlerRequest, "Name" | "Tags">>;

/** What Glue refuses in a crawler definition beyond member constraints, or undefined. */
function definitionProblem(definition: DefinitionInput): string | undefined {
  if (!definition.Role) return "Role cannot be null or empty: a crawler needs an IAM role to run as.";
  const targets = definition.Targets ?? {};
  if (!TARGET_KINDS.some((kind) => (targets[kind]?.length ?? 0) > 0)) return "At least one crawl target must be specified.";
  // Crawling only new folders never updates or deletes what earlier crawls wrote (AWS's rule and wording).
  if (definition.RecrawlPolicy?.RecrawlBehavior === "CRAWL_NEW_FOLDERS_ONLY") {
    const policy = definition.SchemaChangePolicy;
    if ((policy?.UpdateBehavior ?? "UPDATE_IN_DATABASE") !== "LOG" || (policy?.DeleteBehavior ?? "DEPRECATE_IN_DATABASE") !== "LOG") {
      return 'The SchemaChangePolicy for "Crawl new folders only" Amazon S3 target can have only LOG DeleteBehavior value and LOG UpdateBehavior value.';
    }
  }
  if (definition.Schedule !== undefined && definition.Schedule !== "") {
    const problem = scheduleProblem(definition.Schedule);
    if (problem) return problem;
  }
  if (definition.Configuration !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(definition.Configuration);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "Crawler configuration is not a valid JSON object.";
  }
  return undefined;
}

/** Targets as GetCrawler returns them: every target list present. */
function completeTargets(targets: CrawlerTargets): CrawlerTargets {
  const out: CrawlerTargets = deepCopy(targets);
  for (const kind of TARGET_KINDS) (out as Record<string, unknown>)[kind] ??= [];
  return out;
}

export function renderCrawler(ctx: RequestContext<GlueBackend>, crawler: CrawlerRecord): Crawler {
  const definition = deepCopy(crawler.definition);
  const current = crawler.current;
  const state = crawlerState(crawler);
  return {
    ...definition,
    State: state,
    Schedule: definition.Schedule ? { ScheduleExpression: definition.Schedule, State: crawlerScheduleState(crawler) } : undefined,
    CrawlElapsedTime: state !== "READY" && current ? ctx.now().getTime() - current.StartTime.getTime() : 0,
    LastCrawl: crawler.lastFinished ? renderLastCrawl(crawler.lastFinished) : undefined,
  };
}

/** A read reporting a crawler's state moves its crawl in progress. */
function observeCrawler(ctx: RequestContext<GlueBackend>, crawler: CrawlerRecord): void {
  if (crawler.current && !crawler.current.finished()) ctx.observe(crawler.current.process);
  observeScopesStarting(ctx.backend, "CRAWLER", crawler.definition.Name);
}

export const createCrawler = op<CreateCrawlerRequest, CreateCrawlerResponse>({
  input: { Name: NAME, ...DEFINITION, Tags: TAGS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.crawlers.has(name)) throw ctx.error("AlreadyExistsException", `Crawler ${name} already exists.`);
    const problem = definitionProblem(input) ?? crawlerReferenceProblem(ctx.backend, input);
    if (problem) throw ctx.invalid(problem);
    const now = ctx.now();
    ctx.backend.crawlers.set(name, {
      definition: {
        Name: name,
        Role: input.Role,
        Targets: completeTargets(input.Targets!),
        DatabaseName: input.DatabaseName,
        Description: input.Description,
        Classifiers: input.Classifiers ?? [],
        RecrawlPolicy: input.RecrawlPolicy ?? { RecrawlBehavior: "CRAWL_EVERYTHING" },
        SchemaChangePolicy: input.SchemaChangePolicy ?? { UpdateBehavior: "UPDATE_IN_DATABASE", DeleteBehavior: "DEPRECATE_IN_DATABASE" },
        LineageConfiguration: input.LineageConfiguration ?? { CrawlerLineageSettings: "DISABLE" },
        TablePrefix: input.TablePrefix,
        Schedule: input.Schedule || undefined,
        CreationTime: now,
        LastUpdated: now,
        Version: 1,
        Configuration: input.Configuration,
        CrawlerSecurityConfiguration: input.CrawlerSecurityConfiguration,
        LakeFormationConfiguration: input.LakeFormationConfiguration ?? { UseLakeFormationCredentials: false, AccountId: "" },
      },
      crawls: newestFirst(),
    });
    scheduleCrawler(ctx.backend.runtime(ctx), ctx.backend.crawlers.get(name)!);
    ctx.backend.tags.add(crawlerArn(ctx, name), input.Tags);
    return {};
  },
});

export const updateCrawler = op<UpdateCrawlerRequest, UpdateCrawlerResponse>({
  input: { Name: NAME, ...DEFINITION },
  errors: ["EntityNotFoundException", "CrawlerRunningException"],
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.Name!);
    if (crawlerState(crawler) !== "READY") {
      throw ctx.error("CrawlerRunningException", `Crawler ${crawler.definition.Name} is ${crawlerState(crawler)}; stop it with StopCrawler and wait until it is READY before updating it.`);
    }
    const current = crawler.definition;
    // Members given replace the current value; an empty Schedule removes the schedule.
    const merged = {
      ...current,
      ...Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== "Name" && value !== undefined)),
    } as CrawlerDefinition;
    const problem = definitionProblem(merged as DefinitionInput) ?? crawlerReferenceProblem(ctx.backend, merged);
    if (problem) throw ctx.invalid(problem);
    if (input.Targets) merged.Targets = completeTargets(input.Targets);
    merged.Schedule = merged.Schedule || undefined;
    merged.Version = (current.Version ?? 1) + 1;
    merged.LastUpdated = ctx.now();
    crawler.definition = merged;
    scheduleCrawler(ctx.backend.runtime(ctx), crawler);
    return {};
  },
});

export const deleteCrawler = op<DeleteCrawlerRequest, DeleteCrawlerResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException", "CrawlerRunningException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.Name!);
    if (crawlerState(crawler) !== "READY") {
      throw ctx.error("CrawlerRunningException", `Crawler ${crawler.definition.Name} is ${crawlerState(crawler)} and cannot be deleted until its crawl ends.`);
    }
    ctx.backend.crawlers.delete(crawler.definition.Name);
    ctx.backend.tags.drop(crawlerArn(ctx, crawler.definition.Name));
    unscheduleCrawler(ctx.backend, crawler.definition.Name);
    return {};
  },
});

export const getCrawler = op<GetCrawlerRequest, GetCrawlerResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.Name!);
    observeCrawler(ctx, crawler);
    return { Crawler: renderCrawler(ctx, crawler) };
  },
});

export const getCrawlers = op<GetCrawlersRequest, GetCrawlersResponse>({
  input: { MaxResults: pageSize(1000) },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.crawlers, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    for (const crawler of page.items) observeCrawler(ctx, crawler);
    return { Crawlers: page.items.map((crawler) => renderCrawler(ctx, crawler)), NextToken: page.nextToken };
  },
});

export const listCrawlers = op<ListCrawlersRequest, ListCrawlersResponse>({
  input: { MaxResults: pageSize(1000), Tags: TAGS },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const tags = input.Tags;
    const page = ctx.paginate(ctx.backend.crawlers, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (crawler) => ctx.backend.tags.matches(crawlerArn(ctx, crawler.definition.Name), tags),
      query: tags,
    });
    return { CrawlerNames: page.items.map((crawler) => crawler.definition.Name), NextToken: page.nextToken };
  },
});

export const batchGetCrawlers = op<BatchGetCrawlersRequest, BatchGetCrawlersResponse>({
  input: { CrawlerNames: list(NAME, { max: 100 }) },
  errors: [],
  run(ctx, input) {
    const crawlers: Crawler[] = [];
    const missing: string[] = [];
    for (const name of input.CrawlerNames!) {
      const crawler = ctx.backend.crawlers.get(name);
      if (!crawler) {
        missing.push(name);
        continue;
      }
      observeCrawler(ctx, crawler);
      crawlers.push(renderCrawler(ctx, crawler));
    }
    return { Crawlers: crawlers, CrawlersNotFound: missing };
  },
});

export const startCrawler = op<StartCrawlerRequest, StartCrawlerResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException", "CrawlerRunningException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.Name!);
    if (launchCrawl(ctx.backend.runtime(ctx), crawler, {}) === "running") {
      throw ctx.error("CrawlerRunningException", `Crawler with name ${crawler.definition.Name} has already started (state ${crawlerState(crawler)}).`);
    }
    return {};
  },
});

export const stopCrawler = op<StopCrawlerRequest, StopCrawlerResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException", "CrawlerNotRunningException", "CrawlerStoppingException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.Name!);
    const state = crawlerState(crawler);
    if (state === "READY") throw ctx.error("CrawlerNotRunningException", `Crawler with name ${crawler.definition.Name} isn't running.`);
    if (state === "STOPPING") throw ctx.error("CrawlerStoppingException", `Crawler with name ${crawler.definition.Name} is already stopping.`);
    crawler.current!.stop();
    return {};
  },
});

const FILTER_FIELDS_EQ_ONLY = new Set(["STATE", "CRAWL_ID"]);

/** A ListCrawls filter as a predicate, or the reason it is invalid. */
function crawlFilter(filter: CrawlsFilter): ((crawl: CrawlRecord) => boolean) | string {
  const { FieldName: field, FilterOperator: operator, FieldValue: value } = filter;
  if (!field || !operator || value === undefined) {
    return `Invalid Filter Provided: FieldName: ${field ?? "null"}, FilterOperator: ${operator ?? "null"}, FieldValue: ${value ?? "null"}`;
  }
  if (FILTER_FIELDS_EQ_ONLY.has(field) && operator !== "EQ" && operator !== "NE") return `Only EQ or NE operator is allowed for field : ${field}`;
  const compare = (a: number, b: number): boolean => {
    switch (operator) {
      case "GT":
        return a > b;
      case "GE":
        return a >= b;
      case "LT":
        return a < b;
      case "LE":
        return a <= b;
      case "EQ":
        return a === b;
      default:
        return a !== b;
    }
  };
  if (field === "STATE" || field === "CRAWL_ID") {
    const read = (crawl: CrawlRecord): string => (field === "STATE" ? (crawl.historyState() ?? "") : crawl.CrawlId);
    return operator === "EQ" ? (crawl) => read(crawl) === value : (crawl) => read(crawl) !== value;
  }
  if (field === "DPU_HOUR") {
    const wanted = Number(value);
    if (value.trim() === "" || !Number.isFinite(wanted)) return `Invalid Filter Provided: FieldValue ${value} is not a number for field DPU_HOUR`;
    return () => compare(0, wanted);
  }
  const time = /^\d+(\.\d+)?$/.test(value) ? Number(value) * (Number(value) > 1e11 ? 1 : 1000) : Date.parse(value);
  if (!Number.isFinite(time)) return `Invalid Filter Provided: FieldValue ${value} is not a timestamp for field ${field}`;
  return (crawl) => {
    const at = field === "START_TIME" ? crawl.StartTime : crawl.EndTime;
    return at !== undefined && compare(at.getTime(), time);
  };
}

export const listCrawls = op<ListCrawlsRequest, ListCrawlsResponse>({
  input: {
    CrawlerName: NAME,
    MaxResults: pageSize(1000),
    Filters: list(struct({ FieldName: oneOf("FieldName"), FilterOperator: oneOf("FilterOperator") })),
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const crawler = findCrawler(ctx, input.CrawlerName!);
    const predicates: Array<(crawl: CrawlRecord) => boolean> = [];
    for (const filter of input.Filters ?? []) {
      const predicate = crawlFilter(filter);
      if (typeof predicate === "string") throw ctx.invalid(predicate);
      predicates.push(predicate);
    }
    observeCrawler(ctx, crawler);
    const page = ctx.paginate(crawler.crawls, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (crawl) => predicates.every((p) => p(crawl)),
      query: [input.CrawlerName, input.Filters],
    });
    return { Crawls: page.items.map(renderCrawlHistory), NextToken: page.nextToken };
  },
});

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Metrics from the crawl history; table counts are those of the last finished crawl. */
function metricsOf(ctx: RequestContext<GlueBackend>, crawler: CrawlerRecord): CrawlerMetrics {
  const durations = crawler.crawls
    .values()
    .filter((crawl) => crawl.finished() && crawl.EndTime)
    .map((crawl) => (crawl.EndTime!.getTime() - crawl.StartTime.getTime()) / 1000);
  const last = crawler.lastFinished;
  const typical = median(durations);
  const running = crawlerState(crawler) !== "READY" && crawler.current;
  const elapsed = running ? (ctx.now().getTime() - crawler.current!.StartTime.getTime()) / 1000 : 0;
  return {
    CrawlerName: crawler.definition.Name,
    TimeLeftSeconds: running ? Math.max(0, typical - elapsed) : 0,
    StillEstimating: Boolean(running) && durations.length === 0,
    LastRuntimeSeconds: last?.EndTime ? (last.EndTime.getTime() - last.StartTime.getTime()) / 1000 : 0,
    MedianRuntimeSeconds: typical,
    TablesCreated: last?.result?.tablesCreated.length ?? 0,
    TablesUpdated: last?.result?.tablesUpdated.length ?? 0,
    TablesDeleted: last?.result?.tablesDeleted.length ?? 0,
  };
}

export const getCrawlerMetrics = op<GetCrawlerMetricsRequest, GetCrawlerMetricsResponse>({
  input: { CrawlerNameList: list(NAME, { max: 100 }), MaxResults: pageSize(1000) },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const names = input.CrawlerNameList && input.CrawlerNameList.length > 0 ? new Set(input.CrawlerNameList) : undefined;
    const page = ctx.paginate(ctx.backend.crawlers, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (crawler) => !names || names.has(crawler.definition.Name),
      query: input.CrawlerNameList,
    });
    for (const crawler of page.items) observeCrawler(ctx, crawler);
    return { CrawlerMetricsList: page.items.map((crawler) => metricsOf(ctx, crawler)), NextToken: page.nextToken };
  },
});
