import { nextCronTime } from "../../engine/cron.js";
import { ServiceError } from "../../engine/errors.js";
import type { ImagebuilderBackend } from "./backend.js";
import type { Ctx } from "./common.js";
import type { ImageRecord } from "./images.js";
import type { LifecyclePolicyRecord } from "./lifecycle-policies.js";
import type { ImagePipelineRecord } from "./pipelines.js";

/**
 * Schedules on the virtual clock. An ENABLED pipeline with a cron schedule has a next run time
 * (its `dateNextRun`), computed in the schedule's time zone; an ENABLED lifecycle policy runs
 * once a day. There is no background thread: the next Image Builder call in the account and
 * Region starts what has come due since the last one (missed occurrences start one run),
 * before the call itself is served. So a test moves time with aws.clock.advance() and the next
 * read shows the scheduled image or lifecycle execution.
 */

/** How often a lifecycle policy runs. */
export const POLICY_INTERVAL_MS = 86_400_000;

/** Whether `timeZone` is an IANA time zone this runtime knows ("UTC", "America/Los_Angeles"…). */
export function timeZoneProblem(timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return undefined;
  } catch {
    return `The timezone '${timeZone}' is not an IANA time zone (for example Etc/UTC or America/Los_Angeles).`;
  }
}

/** How far the zone's wall clock is ahead of UTC at `atMs`. */
function offsetMs(timeZone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(atMs));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
  return wall - Math.floor(atMs / 1000) * 1000;
}

/** The next time (epoch ms) a pipeline's schedule fires after `afterMs`, or undefined when it has none. */
export function nextRunOf(pipeline: ImagePipelineRecord, afterMs: number): number | undefined {
  const expression = pipeline.schedule?.scheduleExpression;
  if (pipeline.status !== "ENABLED" || !expression) return undefined;
  const zone = pipeline.schedule?.timezone ?? "UTC";
  // The expression reads the zone's wall clock: find the next wall-clock match, then convert back.
  const wallNext = nextCronTime(expression, afterMs + offsetMs(zone, afterMs));
  if (wallNext === undefined) return undefined;
  const next = wallNext - offsetMs(zone, wallNext - offsetMs(zone, afterMs));
  return next > afterMs ? next : nextCronTime(expression, afterMs);
}

/** (Re)computes when a pipeline runs next. */
export function schedulePipeline(backend: ImagebuilderBackend, pipeline: ImagePipelineRecord, nowMs: number): void {
  pipeline.nextRunMs = nextRunOf(pipeline, nowMs);
  if (pipeline.nextRunMs === undefined) backend.scheduledPipelines.delete(pipeline.arn);
  else backend.scheduledPipelines.add(pipeline.arn);
}

/** Schedules a policy's next daily run when it is ENABLED (keeping a run already planned), or drops it. */
export function schedulePolicy(backend: ImagebuilderBackend, policy: LifecyclePolicyRecord, nowMs: number): void {
  if (policy.status !== "ENABLED") {
    policy.nextRunMs = undefined;
    backend.scheduledPolicies.delete(policy.arn);
    return;
  }
  policy.nextRunMs ??= nowMs + POLICY_INTERVAL_MS;
  backend.scheduledPolicies.add(policy.arn);
}

/** What scheduled runs need from pipelines.ts and lifecycle-rules.ts (hooks, to avoid import cycles). */
export interface ScheduledWork {
  /** The references the pipeline's next build would use (see PreparedBuild.dependencies). */
  dependencies(ctx: Ctx, pipeline: ImagePipelineRecord): string[];
  /** Starts a SCHEDULED build of the pipeline. */
  start(ctx: Ctx, pipeline: ImagePipelineRecord): void;
  /** Runs a lifecycle policy now. */
  runPolicy(ctx: Ctx, policy: LifecyclePolicyRecord): void;
}

/**
 * Starts the builds whose time has come. With EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE
 * (the default) a build starts only when the pipeline has no AVAILABLE image yet, or when its
 * recipe, components or parent image now resolve to other versions than its last AVAILABLE
 * image was built from; EXPRESSION_MATCH_ONLY builds every time.
 */
export function fireDueSchedules(ctx: Ctx, starter: ScheduledWork): void {
  const backend = ctx.backend;
  if (backend.scheduledPipelines.size === 0 && backend.scheduledPolicies.size === 0) return;
  const now = ctx.now().getTime();
  for (const arn of [...backend.scheduledPolicies]) {
    const policy = backend.lifecyclePolicies.get(arn);
    if (!policy || policy.nextRunMs === undefined) {
      backend.scheduledPolicies.delete(arn);
      continue;
    }
    if (policy.nextRunMs > now) continue;
    // The next daily run after now (missed days run once).
    policy.nextRunMs += Math.ceil((now - policy.nextRunMs + 1) / POLICY_INTERVAL_MS) * POLICY_INTERVAL_MS;
    starter.runPolicy(ctx, policy);
  }
  for (const arn of [...backend.scheduledPipelines]) {
    const pipeline = backend.pipelines.get(arn);
    if (!pipeline) {
      backend.scheduledPipelines.delete(arn);
      continue;
    }
    if (pipeline.nextRunMs === undefined || pipeline.nextRunMs > now) continue;
    schedulePipeline(backend, pipeline, now);
    try {
      if (pipeline.schedule?.pipelineExecutionStartCondition === "EXPRESSION_MATCH_ONLY" || dependenciesChanged(ctx, pipeline, starter)) {
        starter.start(ctx, pipeline);
      }
    } catch (error) {
      // A build that cannot start (a reference AWS would also fail on) is skipped, as the
      // scheduled run would fail; the caller's own request is not affected.
      if (!(error instanceof ServiceError)) throw error;
    }
  }
}

function dependenciesChanged(ctx: Ctx, pipeline: ImagePipelineRecord, starter: ScheduledWork): boolean {
  const last = pipeline.images.values().find((i: ImageRecord) => i.state.status === "AVAILABLE");
  if (!last?.dependencies) return true;
  const now = starter.dependencies(ctx, pipeline);
  return now.length !== last.dependencies.length || now.some((d, i) => d !== last.dependencies![i]);
}
