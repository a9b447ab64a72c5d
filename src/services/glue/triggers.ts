import type {
  Action,
  BatchGetTriggersRequest,
  BatchGetTriggersResponse,
  CreateTriggerRequest,
  CreateTriggerResponse,
  DeleteTriggerRequest,
  DeleteTriggerResponse,
  EventBatchingCondition,
  GetTriggerRequest,
  GetTriggerResponse,
  GetTriggersRequest,
  GetTriggersResponse,
  ListTriggersRequest,
  ListTriggersResponse,
  Predicate,
  StartTriggerRequest,
  StartTriggerResponse,
  StopTriggerRequest,
  StopTriggerResponse,
  Trigger,
  UpdateTriggerRequest,
  UpdateTriggerResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../engine/canonical.js";
import type { RequestContext } from "../../engine/context.js";
import { int, list, oneOf, struct } from "../../engine/validation/rules.js";
import { op, type GlueBackend } from "./backend.js";
import { crawlerState } from "./crawls.js";
import { TriggerChain } from "./firing.js";
import { maxConcurrentRuns, timeoutProblem } from "./jobs.js";
import { scheduleProblem, scheduleTrigger, unscheduleTrigger } from "./scheduling.js";
import { DESCRIPTION, NAME, NOTIFICATION_PROPERTY, pageSize, TAGS, TIMEOUT } from "./shapes.js";
import { startWorkflowRunOf } from "./workflow-runs.js";
import { findWorkflow } from "./workflows.js";

export type TriggerType = NonNullable<Trigger["Type"]>;
export type TriggerState = NonNullable<Trigger["State"]>;

/** A trigger as Glue stores it. */
export interface TriggerRecord {
  Name: string;
  WorkflowName?: string | undefined;
  Type: TriggerType;
  State: TriggerState;
  Description?: string | undefined;
  Schedule?: string | undefined;
  Actions: Action[];
  Predicate?: Predicate | undefined;
  EventBatchingCondition?: EventBatchingCondition | undefined;
}

/** Trigger types that start a workflow (a workflow has at most one). */
export const START_TYPES: ReadonlySet<string> = new Set(["ON_DEMAND", "SCHEDULED", "EVENT"]);

export const triggerArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`trigger/${name}`);

export function findTrigger(ctx: RequestContext<GlueBackend>, name: string): TriggerRecord {
  const trigger = ctx.backend.triggers.get(name);
  if (!trigger) throw ctx.error("EntityNotFoundException", `Trigger ${name} not found.`);
  return trigger;
}

export function renderTrigger(trigger: TriggerRecord): Trigger {
  return deepCopy(trigger);
}

const ACTIONS = list(struct({ JobName: NAME, Timeout: TIMEOUT, SecurityConfiguration: NAME, NotificationProperty: NOTIFICATION_PROPERTY, CrawlerName: NAME }));
const PREDICATE = struct({
  Logical: oneOf("Logical"),
  Conditions: list(struct({ LogicalOperator: oneOf("LogicalOperator"), JobName: NAME, State: oneOf("JobRunState"), CrawlerName: NAME, CrawlState: oneOf("CrawlState") }), { max: 500 }),
});
const EVENT_BATCHING = struct({ BatchSize: int({ min: 1, max: 100 }), BatchWindow: int({ min: 1, max: 900 }) });

/** "The only job states that a trigger can listen for are SUCCEEDED, STOPPED, FAILED, and TIMEOUT." */
const WATCHABLE_JOB_STATES = ["SUCCEEDED", "STOPPED", "FAILED", "TIMEOUT"];
/** "The only crawler states that a trigger can listen for are SUCCEEDED, FAILED, and CANCELLED." */
const WATCHABLE_CRAWL_STATES = ["SUCCEEDED", "FAILED", "CANCELLED"];

type Definition = Pick<TriggerRecord, "Type" | "Schedule" | "Actions" | "Predicate" | "EventBatchingCondition" | "WorkflowName">;

/** What Glue refuses in a trigger definition beyond member constraints, or undefined. */
function definitionProblem(definition: Definition): string | undefined {
  const { Type: type, Actions: actions } = definition;
  if (actions.length === 0) return "Actions cannot be null or empty: a trigger must start at least one job or crawler.";
  for (const action of actions) {
    if (action.JobName !== undefined && action.CrawlerName !== undefined) return "Both JobName and CrawlerName cannot be set together in an action.";
    if (action.JobName === undefined && action.CrawlerName === undefined) return "JobName or CrawlerName in an action cannot be null or empty.";
    const timeout = timeoutProblem(action.Timeout);
    if (timeout) return `Action of ${action.JobName ?? action.CrawlerName}: ${timeout}`;
  }
  if (actions.filter((a) => a.CrawlerName !== undefined).length > 2) return "Only two crawlers can be activated by a single trigger.";
  if (type === "SCHEDULED") {
    if (!definition.Schedule) return "Schedule cannot be null or empty for a SCHEDULED trigger.";
    const problem = scheduleProblem(definition.Schedule);
    if (problem) return problem;
  } else if (definition.Schedule !== undefined) {
    return `Schedule is only valid for SCHEDULED triggers; this trigger is ${type}.`;
  }
  if (type === "CONDITIONAL") {
    const conditions = definition.Predicate?.Conditions ?? [];
    if (conditions.length === 0) return "Predicate cannot be null or empty for a CONDITIONAL trigger.";
    if (conditions.length > 1 && definition.Predicate?.Logical === undefined) return "Predicate Logical (AND or ANY) is required when the predicate has more than one condition.";
    for (const condition of conditions) {
      if (condition.LogicalOperator === undefined) return "Logical operator cannot be null or empty.";
      if (condition.JobName !== undefined && condition.CrawlerName !== undefined) return "Both JobName and CrawlerName cannot be set together in a condition.";
      if (condition.JobName !== undefined && !WATCHABLE_JOB_STATES.includes(condition.State ?? "")) {
        return `State cannot be null or empty, choose from one of the following job state: [${WATCHABLE_JOB_STATES.join(", ")}]`;
      }
      if (condition.CrawlerName !== undefined && !WATCHABLE_CRAWL_STATES.includes(condition.CrawlState ?? "")) {
        return `State cannot be null or empty, choose from one of the following crawler state: [${WATCHABLE_CRAWL_STATES.join(", ")}]`;
      }
      if (condition.JobName === undefined && condition.CrawlerName === undefined) return "JobName or CrawlerName in condition cannot be null or empty.";
    }
  } else if (definition.Predicate !== undefined) {
    return `Predicate is only valid for CONDITIONAL triggers; this trigger is ${type}.`;
  }
  if (type === "EVENT" && definition.WorkflowName === undefined) return "An EVENT trigger starts a workflow: it must belong to one (WorkflowName).";
  if (type !== "EVENT" && definition.EventBatchingCondition !== undefined) return `EventBatchingCondition is only valid for EVENT triggers; this trigger is ${type}.`;
  return undefined;
}

/** The jobs and crawlers a trigger names must exist (EntityNotFoundException otherwise). */
function checkReferences(ctx: RequestContext<GlueBackend>, definition: Definition): void {
  const names = [...definition.Actions, ...(definition.Predicate?.Conditions ?? [])];
  for (const { JobName: job, CrawlerName: crawler } of names) {
    if (job !== undefined && !ctx.backend.jobs.has(job)) throw ctx.error("EntityNotFoundException", `Job ${job} not found.`);
    if (crawler !== undefined && !ctx.backend.crawlers.has(crawler)) throw ctx.error("EntityNotFoundException", `Crawler ${crawler} not found.`);
  }
}

export const createTrigger = op<CreateTriggerRequest, CreateTriggerResponse>({
  input: { Name: NAME, WorkflowName: NAME, Type: oneOf("TriggerType"), Description: DESCRIPTION, Actions: ACTIONS, Predicate: PREDICATE, Tags: TAGS, EventBatchingCondition: EVENT_BATCHING },
  errors: ["AlreadyExistsException", "EntityNotFoundException"],
  run(ctx, input) {
    const name = input.Name!;
    const type = input.Type!;
    if (ctx.backend.triggers.has(name)) throw ctx.error("AlreadyExistsException", `Trigger ${name} already exists.`);
    const workflow = input.WorkflowName !== undefined ? findWorkflow(ctx, input.WorkflowName) : undefined;
    const definition: Definition = {
      Type: type,
      WorkflowName: input.WorkflowName,
      Schedule: input.Schedule,
      Actions: input.Actions!,
      Predicate: input.Predicate,
      EventBatchingCondition: input.EventBatchingCondition,
    };
    const problem = definitionProblem(definition);
    if (problem) throw ctx.invalid(problem);
    if (input.StartOnCreation && type === "ON_DEMAND") throw ctx.invalid("StartOnCreation is not supported for ON_DEMAND triggers: they fire when started.");
    checkReferences(ctx, definition);
    if (workflow && START_TYPES.has(type)) {
      const existing = [...workflow.triggerNames].find((t) => START_TYPES.has(ctx.backend.triggers.get(t)?.Type ?? ""));
      if (existing) throw ctx.invalid(`Workflow ${workflow.Name} already has a start trigger (${existing}); a workflow can have only one.`);
    }
    ctx.backend.triggers.set(name, {
      Name: name,
      ...definition,
      Description: input.Description,
      // "On-demand triggers never enter the ACTIVATED or DEACTIVATED state."
      State: input.StartOnCreation ? "ACTIVATED" : "CREATED",
    });
    workflow?.triggerNames.add(name);
    ctx.backend.triggersChanged();
    scheduleTrigger(ctx.backend.runtime(ctx), ctx.backend.triggers.get(name)!);
    ctx.backend.tags.add(triggerArn(ctx, name), input.Tags);
    return { Name: name };
  },
});

export const updateTrigger = op<UpdateTriggerRequest, UpdateTriggerResponse>({
  input: {
    Name: NAME,
    TriggerUpdate: struct({ Name: NAME, Description: DESCRIPTION, Actions: ACTIONS, Predicate: PREDICATE, EventBatchingCondition: EVENT_BATCHING }),
  },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const trigger = findTrigger(ctx, input.Name!);
    const update = input.TriggerUpdate!;
    // "Updates the previous trigger definition by overwriting it completely": members left
    // out are cleared, except those the trigger's type cannot do without, which are kept.
    const definition: Definition = {
      Type: trigger.Type,
      WorkflowName: trigger.WorkflowName,
      Actions: update.Actions ?? trigger.Actions,
      Schedule: update.Schedule ?? (trigger.Type === "SCHEDULED" ? trigger.Schedule : undefined),
      Predicate: update.Predicate ?? (trigger.Type === "CONDITIONAL" ? trigger.Predicate : undefined),
      EventBatchingCondition: update.EventBatchingCondition ?? (trigger.Type === "EVENT" ? trigger.EventBatchingCondition : undefined),
    };
    const problem = definitionProblem(definition);
    if (problem) throw ctx.invalid(problem);
    checkReferences(ctx, definition);
    Object.assign(trigger, definition, { Description: update.Description });
    ctx.backend.triggersChanged();
    scheduleTrigger(ctx.backend.runtime(ctx), trigger);
    return { Trigger: renderTrigger(trigger) };
  },
});

export const deleteTrigger = op<DeleteTriggerRequest, DeleteTriggerResponse>({
  input: { Name: NAME },
  errors: [],
  run(ctx, input) {
    // "If the trigger is not found, no exception is thrown." Runs in progress keep their snapshot.
    const name = input.Name!;
    const trigger = ctx.backend.triggers.get(name);
    if (trigger) {
      ctx.backend.triggers.delete(name);
      ctx.backend.triggersChanged();
      if (trigger.WorkflowName !== undefined) ctx.backend.workflows.get(trigger.WorkflowName)?.triggerNames.delete(name);
      ctx.backend.tags.drop(triggerArn(ctx, name));
      unscheduleTrigger(ctx.backend, name);
    }
    return { Name: name };
  },
});

export const getTrigger = op<GetTriggerRequest, GetTriggerResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { Trigger: renderTrigger(findTrigger(ctx, input.Name!)) };
  },
});

/**
 * DependentJobName: "The trigger that can start this job is returned. If there is no such
 * trigger, all triggers are returned." A job that does not exist is EntityNotFoundException.
 */
function dependentFilter(ctx: RequestContext<GlueBackend>, jobName: string | undefined): ((trigger: TriggerRecord) => boolean) | undefined {
  if (jobName === undefined) return undefined;
  if (!ctx.backend.jobs.has(jobName)) throw ctx.error("EntityNotFoundException", `Job ${jobName} not found.`);
  const starts = (trigger: TriggerRecord): boolean => trigger.Actions.some((action) => action.JobName === jobName);
  return ctx.backend.triggers.values().some(starts) ? starts : undefined;
}

export const getTriggers = op<GetTriggersRequest, GetTriggersResponse>({
  input: { DependentJobName: NAME, MaxResults: pageSize(200) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const filter = dependentFilter(ctx, input.DependentJobName);
    const page = ctx.paginate(ctx.backend.triggers, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      ...(filter ? { filter } : {}),
      query: input.DependentJobName,
    });
    return { Triggers: page.items.map(renderTrigger), NextToken: page.nextToken };
  },
});

export const listTriggers = op<ListTriggersRequest, ListTriggersResponse>({
  input: { DependentJobName: NAME, MaxResults: pageSize(200), Tags: TAGS },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const dependent = dependentFilter(ctx, input.DependentJobName);
    const tags = input.Tags;
    const page = ctx.paginate(ctx.backend.triggers, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (trigger) => (dependent?.(trigger) ?? true) && ctx.backend.tags.matches(triggerArn(ctx, trigger.Name), tags),
      query: [input.DependentJobName, tags],
    });
    return { TriggerNames: page.items.map((trigger) => trigger.Name), NextToken: page.nextToken };
  },
});

export const batchGetTriggers = op<BatchGetTriggersRequest, BatchGetTriggersResponse>({
  input: { TriggerNames: list(NAME) },
  errors: [],
  run(ctx, input) {
    const triggers: Trigger[] = [];
    const missing: string[] = [];
    for (const name of input.TriggerNames!) {
      const trigger = ctx.backend.triggers.get(name);
      if (trigger) triggers.push(renderTrigger(trigger));
      else missing.push(name);
    }
    return { Triggers: triggers, TriggersNotFound: missing };
  },
});

/** An on-demand trigger outside a workflow fires its actions at once, or not at all. */
function fireOnDemand(ctx: RequestContext<GlueBackend>, trigger: TriggerRecord): void {
  for (const action of trigger.Actions) {
    if (action.JobName !== undefined) {
      const job = ctx.backend.jobs.get(action.JobName);
      if (!job) throw ctx.error("EntityNotFoundException", `Job ${action.JobName} not found.`);
      const queuing = job.definition.JobRunQueuingEnabled ?? false;
      if (!queuing && (job.active.size >= maxConcurrentRuns(job.definition) || job.waiting.length > 0)) {
        throw ctx.error("ConcurrentRunsExceededException", `Concurrent runs exceeded for ${action.JobName}`);
      }
    } else {
      const crawler = ctx.backend.crawlers.get(action.CrawlerName ?? "");
      if (!crawler) throw ctx.error("EntityNotFoundException", `Crawler ${action.CrawlerName} not found.`);
      if (crawlerState(crawler) !== "READY") throw ctx.error("ConcurrentRunsExceededException", `Crawler ${action.CrawlerName} is already running.`);
    }
  }
  new TriggerChain(ctx.backend.runtime(ctx)).firing.fire(trigger);
}

export const startTrigger = op<StartTriggerRequest, StartTriggerResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException", "ConcurrentRunsExceededException"],
  run(ctx, input) {
    const trigger = findTrigger(ctx, input.Name!);
    if (trigger.Type !== "ON_DEMAND") {
      // "Starting a trigger activates it."
      trigger.State = "ACTIVATED";
      ctx.backend.triggersChanged();
      scheduleTrigger(ctx.backend.runtime(ctx), trigger);
    } else if (trigger.WorkflowName !== undefined) {
      // The start trigger of a workflow: starting it runs the workflow.
      startWorkflowRunOf(ctx, findWorkflow(ctx, trigger.WorkflowName), {});
    } else {
      fireOnDemand(ctx, trigger);
    }
    return { Name: trigger.Name };
  },
});

export const stopTrigger = op<StopTriggerRequest, StopTriggerResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const trigger = findTrigger(ctx, input.Name!);
    if (trigger.Type === "ON_DEMAND") throw ctx.invalid(`Trigger ${trigger.Name} is ON_DEMAND: it is never activated, so it cannot be stopped.`);
    // "Stopping a trigger deactivates it."
    if (trigger.State === "ACTIVATED") trigger.State = "DEACTIVATED";
    ctx.backend.triggersChanged();
    scheduleTrigger(ctx.backend.runtime(ctx), trigger);
    return { Name: trigger.Name };
  },
});
