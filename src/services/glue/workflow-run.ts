import type { Node, StartingEventBatchCondition, WorkflowGraph, WorkflowRun as WorkflowRunShape, WorkflowRunStatistics } from "@aws-sdk/client-glue";
import { randomHex } from "../../engine/ids.js";
import { Process, type RuleEffect, type StepReason } from "../../engine/lifecycle/process.js";
import { nodeKey, type ActionNodeType, type ActionRun } from "./actions.js";
import { addScope, type GlueRuntime, type WaitingScope } from "./backend.js";
import { CrawlRecord, renderCrawl } from "./crawls.js";
import { Firing, mayStillStart, type FiringHost } from "./firing.js";
import { renderNode, type GraphNode, type GraphSnapshot } from "./graph.js";
import { TriggerIndex } from "./trigger-index.js";
import { JobRunRecord, renderJobRun } from "./job-runs.js";
import { WORKFLOW_RUN } from "./lifecycles.js";
import { START_TYPES, type TriggerRecord } from "./triggers.js";

export type WorkflowRunStatus = NonNullable<WorkflowRunShape["Status"]>;

/** What a resumed run inherits from the run it resumes. */
export interface ResumeOrigin {
  readonly previous: WorkflowRun;
  /** Job and crawler nodes not run again: their runs, copied from the original run's graph. */
  readonly copied: ReadonlyMap<string, readonly ActionRun[]>;
  /** The triggers downstream of the restarted nodes: the only ones that may fire. */
  readonly eligible: ReadonlySet<string>;
}

/**
 * A workflow run: a composite process over the run's snapshot of the workflow graph. It fires
 * the start trigger when it begins, then each conditional trigger whose predicate becomes true
 * (at most once per run), and ends COMPLETED when nothing is in progress and so nothing more
 * can fire, however its parts ended ("Even if one or more nodes in a workflow run don't
 * complete, the workflow run state is shown as COMPLETED"). Reading the run moves each part in
 * progress one step, so the reads a run needs grow with the graph's depth, not its size.
 */
export class WorkflowRun extends Process implements FiringHost, WaitingScope {
  readonly sequence: number;
  /** `wr_` + 64 hex, as AWS's run ids. */
  readonly WorkflowRunId: string;
  readonly StartedOn: Date;
  CompletedOn: Date | undefined;
  private status: WorkflowRunStatus = "RUNNING";
  readonly properties: Record<string, string>;
  readonly firing: Firing;
  /** The triggers that may fire in this run, by the nodes they watch and start (built on first use). */
  private index: TriggerIndex | undefined;

  /** The event batch that started the run (EVENT start triggers). */
  startingEventBatchCondition: StartingEventBatchCondition | undefined;
  ErrorMessage: string | undefined;

  constructor(
    private readonly runtime: GlueRuntime,
    readonly workflowName: string,
    readonly graph: GraphSnapshot,
    properties: Readonly<Record<string, string>>,
    readonly resume?: ResumeOrigin,
  ) {
    super(WORKFLOW_RUN, { WorkflowName: workflowName, WorkflowRunId: `wr_${randomHex(64)}` });
    this.WorkflowRunId = this.attributes["WorkflowRunId"] as string;
    this.sequence = runtime.backend.nextSequence();
    this.StartedOn = runtime.now();
    this.properties = { ...properties };
    this.firing = new Firing(runtime, this);
  }

  get state(): WorkflowRunStatus {
    return this.status;
  }

  get workflowRunId(): string {
    return this.WorkflowRunId;
  }

  /** A workflow run has no failure outcome of its own: its parts fail instead. */
  override supports(effect: RuleEffect): boolean {
    return effect.type !== "end";
  }

  mayStart(type: ActionNodeType, name: string): boolean {
    return this.status === "RUNNING" && mayStillStart(this.firing, this.triggerIndex().starters(nodeKey(type, name)));
  }

  /** Reading a job this run may start moves the run, as reading the run itself would. */
  observeParts(): void {
    this.runtime.engine.lifecycles.observe(this);
  }

  ended(): boolean {
    return this.done;
  }

  /**
   * A run that could not start (an event batch arriving while the workflow runs its maximum
   * of concurrent runs): status ERROR, as AWS records it, never tracked.
   */
  failToStart(message: string): void {
    this.status = "ERROR";
    this.ErrorMessage = message;
    this.CompletedOn = this.StartedOn;
    this.finish();
  }

  /** Fires the start trigger (a new run). */
  begin(): void {
    addScope(this.runtime.backend, this);
    const start = [...this.graph.triggers.values()].find((t) => START_TYPES.has(t.Type));
    if (start) this.firing.fire(start);
    this.firing.evaluate();
  }

  /** Runs the restarted nodes again (a resumed run); what is downstream follows as usual. */
  beginResumed(nodes: readonly GraphNode[], feeding: (node: GraphNode) => TriggerRecord | undefined): void {
    addScope(this.runtime.backend, this);
    for (const node of nodes) {
      const trigger = feeding(node);
      const action = trigger?.Actions.find((a) => (node.Type === "JOB" ? a.JobName === node.Name : a.CrawlerName === node.Name));
      this.firing.startAction(action ?? (node.Type === "JOB" ? { JobName: node.Name } : { CrawlerName: node.Name }), trigger?.Name);
    }
    this.firing.evaluate();
  }

  /** StopWorkflowRun: running parts stop, nothing more starts; STOPPED once every part has ended. */
  stop(): void {
    this.status = "STOPPING";
    for (const action of this.firing.actions) action.stop();
  }

  // FiringHost: how this run's triggers see the world.

  watchers(key: string): readonly TriggerRecord[] {
    return this.triggerIndex().watchers(key);
  }

  starters(key: string): readonly TriggerRecord[] {
    return this.triggerIndex().starters(key);
  }

  /** The snapshot's triggers that may fire, indexed once: the snapshot never changes. */
  private triggerIndex(): TriggerIndex {
    this.index ??= new TriggerIndex(this.candidates());
    return this.index;
  }

  private *candidates(): Iterable<TriggerRecord> {
    for (const trigger of this.graph.triggers.values()) {
      // A conditional trigger fires in a run only if it was activated (StartOnCreation or
      // StartTrigger) when the run began; a resumed run fires only what lies downstream.
      if (trigger.Type !== "CONDITIONAL" || trigger.State !== "ACTIVATED") continue;
      if (this.resume && !this.resume.eligible.has(trigger.Name)) continue;
      yield trigger;
    }
  }

  latest(type: ActionNodeType, name: string): ActionRun | undefined {
    const own = this.firing.latestOwn(type, name);
    if (own) return own;
    const copied = this.resume?.copied.get(nodeKey(type, name));
    return copied?.[copied.length - 1];
  }

  canFire(): boolean {
    return this.status === "RUNNING";
  }

  extraArguments(): Record<string, string> {
    // Jobs started by a workflow receive its name and run id (Glue developer guide,
    // "Getting and putting workflow run properties").
    return { "--WORKFLOW_NAME": this.workflowName, "--WORKFLOW_RUN_ID": this.WorkflowRunId };
  }

  actionEnded(action: ActionRun): void {
    this.firing.ended(action);
    this.firing.evaluate();
    this.endIfIdle(false);
  }

  actionRetried(failed: ActionRun, retry: ActionRun): void {
    this.firing.retried(failed, retry);
  }

  protected step(reason: StepReason): boolean {
    // Under poll, reading the run moves each part in progress (each at most once per request);
    // under step() and settle() the engine moves the parts itself.
    if (reason === "poll") {
      for (const action of this.firing.inProgress()) this.runtime.engine.lifecycles.observe(action.process);
    }
    this.firing.evaluate();
    return this.endIfIdle(reason === "settle");
  }

  private endIfIdle(ignoreHold: boolean): boolean {
    if (this.done || this.firing.inProgress().size > 0) return false;
    if (!ignoreHold && this.isHeld()) return false;
    this.status = this.status === "STOPPING" ? "STOPPED" : "COMPLETED";
    this.CompletedOn = this.runtime.now();
    this.finish();
    return true;
  }

  /** The runs shown on a job or crawler node: this run's own, else those copied from the original. */
  nodeActions(node: GraphNode): readonly ActionRun[] {
    if (node.Type === "TRIGGER") return [];
    const own = this.firing.runsOf(node.Type, node.Name);
    if (own.length > 0) return own;
    return this.resume?.copied.get(node.key) ?? [];
  }

  /** Counts of this run's actions by state: kept as actions end, plus those in progress. */
  statistics(): WorkflowRunStatistics {
    return this.firing.counts();
  }

  graphWithRuns(): WorkflowGraph {
    return {
      Nodes: this.graph.nodes.map((node): Node => {
        const runs = this.nodeActions(node);
        if (node.Type === "JOB" && runs.length > 0) return renderNode(this.graph, node, { JobDetails: { JobRuns: runs.filter((r): r is JobRunRecord => r instanceof JobRunRecord).map((r) => renderJobRun(r)) } });
        if (node.Type === "CRAWLER" && runs.length > 0) return renderNode(this.graph, node, { CrawlerDetails: { Crawls: runs.filter((r): r is CrawlRecord => r instanceof CrawlRecord).map(renderCrawl) } });
        return renderNode(this.graph, node);
      }),
      Edges: this.graph.edges.map((e) => ({ ...e })),
    };
  }

  render(includeGraph: boolean): WorkflowRunShape {
    return {
      Name: this.workflowName,
      WorkflowRunId: this.WorkflowRunId,
      PreviousRunId: this.resume?.previous.WorkflowRunId,
      WorkflowRunProperties: { ...this.properties },
      StartedOn: this.StartedOn,
      CompletedOn: this.CompletedOn,
      Status: this.status,
      ErrorMessage: this.ErrorMessage,
      Statistics: this.statistics(),
      StartingEventBatchCondition: this.startingEventBatchCondition ? { ...this.startingEventBatchCondition } : undefined,
      ...(includeGraph ? { Graph: this.graphWithRuns() } : {}),
    };
  }
}
