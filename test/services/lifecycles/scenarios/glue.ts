import * as glueSdk from "@aws-sdk/client-glue";
import { createCrawler, createJob, glue, ROLE as GLUE_ROLE } from "../../glue/helpers.js";
import { garbage, stateOf, type Change, type KindScenario, type Tracked } from "./types.js";

/** Glue's lifecycle kinds: job runs, crawls, workflow runs, blueprints and their runs. */

const jobRunOf = (JobName: string, RunId: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetJobRunCommand({ JobName, RunId })), (r) => r.JobRun?.JobRunState),
  rejectedRead: () => glue.send(new glueSdk.GetJobRunsCommand({ JobName, NextToken: garbage })),
});

const crawlerOf = (Name: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetCrawlerCommand({ Name })), (r) => r.Crawler?.State),
  // ListCrawls observes the crawler's crawl before it checks the token: the rejection comes after.
  rejectedRead: () => glue.send(new glueSdk.ListCrawlsCommand({ CrawlerName: Name, NextToken: garbage })),
});

const workflowRunOf = (Name: string, RunId: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetWorkflowRunCommand({ Name, RunId })), (r) => r.Run?.Status),
  rejectedRead: () => glue.send(new glueSdk.GetWorkflowRunsCommand({ Name, NextToken: garbage })),
});

const blueprintOf = (Name: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetBlueprintCommand({ Name })), (r) => r.Blueprint?.Status),
  rejectedRead: () => glue.send(new glueSdk.BatchGetBlueprintsCommand({ Names: [Name, "has space"] })),
});

/**
 * A workflow whose runs start `depth` levels of jobs one after another, `width` jobs side by
 * side in each level; a level starts when every job of the level before it has succeeded.
 */
export async function chainWorkflow(name: string, depth: number, width = 1): Promise<void> {
  await glue.send(new glueSdk.CreateWorkflowCommand({ Name: name }));
  const jobsOf = (level: number) => Array.from({ length: width }, (_, i) => `${name}-job-${level}-${i + 1}`);
  for (let level = 1; level <= depth; level++) {
    for (const job of jobsOf(level)) await createJob(job);
    const Actions = jobsOf(level).map((JobName) => ({ JobName }));
    if (level === 1) {
      await glue.send(new glueSdk.CreateTriggerCommand({ Name: `${name}-start`, WorkflowName: name, Type: "ON_DEMAND", Actions }));
      continue;
    }
    const Conditions = jobsOf(level - 1).map((JobName) => ({ LogicalOperator: "EQUALS" as const, JobName, State: "SUCCEEDED" as const }));
    await glue.send(
      new glueSdk.CreateTriggerCommand({ Name: `${name}-after-${level - 1}`, WorkflowName: name, Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical: "AND", Conditions }, Actions }),
    );
  }
}

export async function startWorkflowRun(name: string): Promise<{ tracked: Tracked; runId: string }> {
  const { RunId } = await glue.send(new glueSdk.StartWorkflowRunCommand({ Name: name }));
  return { tracked: workflowRunOf(name, RunId!), runId: RunId! };
}

export const glueKinds: KindScenario[] = [
  {
    kind: "Glue.JobRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["BatchStopJobRun"],
    readWith: "GetJobRun",
    prepare: async () => void (await createJob("etl", { ExecutionProperty: { MaxConcurrentRuns: 5 } })),
    async start() {
      const startRun = async () => (await glue.send(new glueSdk.StartJobRunCommand({ JobName: "etl" }))).JobRunId!;
      const stop = async (): Promise<Change> => {
        const runId = await startRun();
        return {
          call: "BatchStopJobRun",
          tracked: jobRunOf("etl", runId),
          before: ["STARTING"],
          act: async () => void (await glue.send(new glueSdk.BatchStopJobRunCommand({ JobName: "etl", JobRunIds: [runId] }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked: jobRunOf("etl", await startRun()), changes: [stop] };
    },
  },
  {
    kind: "Glue.Crawl",
    path: ["RUNNING", "STOPPING", "READY"],
    changes: ["StopCrawler"],
    readWith: "GetCrawler (the crawler's State)",
    prepare: async () => void (await createCrawler("raw")),
    async start() {
      await glue.send(new glueSdk.StartCrawlerCommand({ Name: "raw" }));
      const stop = async (): Promise<Change> => {
        await createCrawler("stoppable");
        await glue.send(new glueSdk.StartCrawlerCommand({ Name: "stoppable" }));
        return {
          call: "StopCrawler",
          tracked: crawlerOf("stoppable"),
          before: [],
          act: async () => void (await glue.send(new glueSdk.StopCrawlerCommand({ Name: "stoppable" }))),
          leaves: "STOPPING",
          next: "READY",
        };
      };
      return { tracked: crawlerOf("raw"), changes: [stop] };
    },
  },
  {
    kind: "Glue.WorkflowRun",
    // RUNNING with its job STARTING, then RUNNING; the read that finds it done completes the run.
    path: ["RUNNING", "RUNNING", "COMPLETED"],
    changes: ["StopWorkflowRun"],
    readWith: "GetWorkflowRun",
    composite: true,
    prepare: () => chainWorkflow("wf", 1),
    async start() {
      const { tracked } = await startWorkflowRun("wf");
      const stop = async (): Promise<Change> => {
        const run = await startWorkflowRun("wf");
        return {
          call: "StopWorkflowRun",
          tracked: run.tracked,
          before: [],
          act: async () => void (await glue.send(new glueSdk.StopWorkflowRunCommand({ Name: "wf", RunId: run.runId }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked, changes: [stop] };
    },
  },
  {
    kind: "Glue.Blueprint",
    path: ["CREATING", "ACTIVE"],
    changes: ["UpdateBlueprint"],
    readWith: "GetBlueprint",
    prepare: async () => undefined,
    async start() {
      await glue.send(new glueSdk.CreateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/etl.zip" }));
      const update = async (): Promise<Change> => ({
        call: "UpdateBlueprint",
        tracked: blueprintOf("etl"),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await glue.send(new glueSdk.UpdateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/v2.zip" }))),
        leaves: "UPDATING",
        next: "ACTIVE",
      });
      return { tracked: blueprintOf("etl"), changes: [update] };
    },
  },
  {
    kind: "Glue.BlueprintRun",
    path: ["RUNNING", "SUCCEEDED"],
    readWith: "GetBlueprintRun",
    prepare: async () => void (await glue.send(new glueSdk.CreateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/etl.zip" }))),
    async start() {
      const { RunId } = await glue.send(new glueSdk.StartBlueprintRunCommand({ BlueprintName: "etl", RoleArn: GLUE_ROLE }));
      const tracked: Tracked = {
        read: () => stateOf(() => glue.send(new glueSdk.GetBlueprintRunCommand({ BlueprintName: "etl", RunId })), (r) => r.BlueprintRun?.State),
        rejectedRead: () => glue.send(new glueSdk.GetBlueprintRunsCommand({ BlueprintName: "etl", NextToken: garbage })),
      };
      return { tracked };
    },
  },
];
