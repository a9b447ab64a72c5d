import type { StartingEventBatchCondition } from "@aws-sdk/client-glue";
import { uuid } from "../../engine/ids.js";
import type { GlueRuntime } from "./backend.js";
import type { TriggerRecord } from "./triggers.js";
import { startRunOnItsOwn } from "./workflow-runs.js";
import type { WorkflowRecord } from "./workflows.js";

/**
 * EventBridge events delivered to a workflow whose start trigger is an EVENT trigger. Glue
 * batches them (EventBatchingCondition: BatchSize events, or BatchWindow seconds after the
 * first) and starts one run per batch, recording which condition fired in the run's
 * StartingEventBatchCondition and the event ids in its `aws:eventIds` run property (Glue
 * developer guide, "Viewing the EventBridge events that started a workflow"). There is no Glue
 * API for this: events come from EventBridge rules, so tests deliver them with
 * sendWorkflowEvents() from aws-doubles/glue.
 */
export interface PendingEvents {
  ids: string[];
  firstAtMs: number;
}

export interface EventDelivery {
  /** Runs started by this delivery (a run that could not start is recorded with status ERROR). */
  startedRunIds: string[];
  /** Events waiting for their batch to fill or its window to expire. */
  pendingEvents: number;
  /** True when the EVENT trigger is not activated: the events were dropped, as AWS drops them. */
  ignored: boolean;
}

const DEFAULT_BATCH_SIZE = 1;
const DEFAULT_BATCH_WINDOW_SECONDS = 900;

/** The workflow's EVENT start trigger, or undefined. */
export function eventTriggerOf(runtime: GlueRuntime, workflow: WorkflowRecord): TriggerRecord | undefined {
  for (const name of workflow.triggerNames) {
    const trigger = runtime.backend.triggers.get(name);
    if (trigger?.Type === "EVENT") return trigger;
  }
  return undefined;
}

function startBatch(runtime: GlueRuntime, workflow: WorkflowRecord, ids: readonly string[], condition: StartingEventBatchCondition): string {
  return startRunOnItsOwn(runtime, workflow, { "aws:eventIds": JSON.stringify(ids) }, condition).WorkflowRunId;
}

/** Starts the pending batch if its window has expired; returns the run started, if any. */
export function flushExpiredBatch(runtime: GlueRuntime, workflow: WorkflowRecord, trigger: TriggerRecord): string[] {
  const pending = workflow.pendingEvents;
  const window = trigger.EventBatchingCondition?.BatchWindow ?? DEFAULT_BATCH_WINDOW_SECONDS;
  if (!pending || runtime.now().getTime() < pending.firstAtMs + window * 1000) return [];
  workflow.pendingEvents = undefined;
  return [startBatch(runtime, workflow, pending.ids, { BatchWindow: window })];
}

/** Delivers events to the workflow's EVENT trigger; a full batch starts a run. */
export function deliverWorkflowEvents(runtime: GlueRuntime, workflow: WorkflowRecord, trigger: TriggerRecord, eventIds: readonly string[]): EventDelivery {
  if (trigger.State !== "ACTIVATED") return { startedRunIds: [], pendingEvents: workflow.pendingEvents?.ids.length ?? 0, ignored: true };
  const started = flushExpiredBatch(runtime, workflow, trigger);
  const size = trigger.EventBatchingCondition?.BatchSize ?? DEFAULT_BATCH_SIZE;
  for (const id of eventIds) {
    const pending = (workflow.pendingEvents ??= { ids: [], firstAtMs: runtime.now().getTime() });
    pending.ids.push(id);
    if (pending.ids.length >= size) {
      workflow.pendingEvents = undefined;
      started.push(startBatch(runtime, workflow, pending.ids, { BatchSize: size }));
    }
  }
  return { startedRunIds: started, pendingEvents: workflow.pendingEvents?.ids.length ?? 0, ignored: false };
}

/** Event ids for a delivery given as a count. */
export function newEventIds(count: number): string[] {
  return Array.from({ length: count }, () => uuid());
}
