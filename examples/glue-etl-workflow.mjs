// An ETL workflow on the Glue fake, end to end:
//   start trigger → crawler → conditional trigger → two jobs → ANY trigger → final job.
// It runs the workflow to COMPLETED by polling (as production code would), checks the run's
// Statistics and graph, makes one job fail with a test control, resumes the run from it, and
// reads the run properties the "jobs" wrote along the way.
//
//   node examples/glue-etl-workflow.mjs
import {
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetWorkflowRunCommand,
  GetWorkflowRunPropertiesCommand,
  GlueClient,
  PutWorkflowRunPropertiesCommand,
  ResumeWorkflowRunCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { mockAws } from "aws-doubles";
import { workflowGraphToMermaid } from "aws-doubles/glue";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const ROLE = "arn:aws:iam::123456789012:role/GlueETL";
const WORKFLOW = "nightly-etl";

/** Builds the workflow: three jobs, a crawler and three triggers. */
async function buildWorkflow(glue) {
  await glue.send(new CreateWorkflowCommand({ Name: WORKFLOW, DefaultRunProperties: { target: "s3://lake/curated/" }, MaxConcurrentRuns: 1 }));
  await glue.send(new CreateCrawlerCommand({ Name: "raw-crawler", Role: ROLE, DatabaseName: "raw", Targets: { S3Targets: [{ Path: "s3://lake/raw/" }] } }));
  for (const name of ["clean-orders", "clean-customers", "publish"]) {
    await glue.send(new CreateJobCommand({ Name: name, Role: ROLE, Command: { Name: "glueetl", ScriptLocation: `s3://lake/scripts/${name}.py` }, GlueVersion: "4.0", WorkerType: "G.1X", NumberOfWorkers: 2 }));
  }
  await glue.send(new CreateTriggerCommand({ Name: "start", WorkflowName: WORKFLOW, Type: "ON_DEMAND", Actions: [{ CrawlerName: "raw-crawler" }] }));
  // Conditional triggers of a workflow fire only when activated: StartOnCreation.
  await glue.send(
    new CreateTriggerCommand({
      Name: "after-crawl",
      WorkflowName: WORKFLOW,
      Type: "CONDITIONAL",
      StartOnCreation: true,
      Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "raw-crawler", CrawlState: "SUCCEEDED" }] },
      Actions: [{ JobName: "clean-orders" }, { JobName: "clean-customers", Arguments: { "--mode": "full" } }],
    }),
  );
  await glue.send(
    new CreateTriggerCommand({
      Name: "after-clean",
      WorkflowName: WORKFLOW,
      Type: "CONDITIONAL",
      StartOnCreation: true,
      Predicate: {
        Logical: "ANY",
        Conditions: [
          { LogicalOperator: "EQUALS", JobName: "clean-orders", State: "SUCCEEDED" },
          { LogicalOperator: "EQUALS", JobName: "clean-customers", State: "SUCCEEDED" },
        ],
      },
      Actions: [{ JobName: "publish" }],
    }),
  );
}

/** Polls a run until it is COMPLETED, as production code would; returns it with its graph. */
async function waitForRun(glue, runId, onEachRead = async () => {}) {
  for (let reads = 1; reads <= 50; reads++) {
    const { Run } = await glue.send(new GetWorkflowRunCommand({ Name: WORKFLOW, RunId: runId, IncludeGraph: true }));
    const stats = Run.Statistics;
    // Statistics are true at every step.
    assert.equal(stats.TotalActions, stats.RunningActions + stats.SucceededActions + stats.FailedActions + stats.StoppedActions + stats.TimeoutActions + stats.ErroredActions + stats.WaitingActions);
    await onEachRead(Run);
    if (Run.Status === "COMPLETED") return { Run, reads };
  }
  throw new Error(`workflow run ${runId} did not complete`);
}

const nodeNamed = (run, name) => run.Graph.Nodes.find((node) => node.Name === name);
const lastJobState = (run, name) => nodeNamed(run, name).JobDetails?.JobRuns?.at(-1)?.JobRunState;

/**
 * What a job's script does with PutWorkflowRunProperties, played from the polling loop: the
 * first read that shows `jobName` RUNNING writes `properties` to the run. `wrote()` says
 * whether that happened.
 */
function writesWhileRunning(glue, runId, jobName, properties) {
  let wrote = false;
  return {
    wrote: () => wrote,
    async onRead(run) {
      if (wrote || lastJobState(run, jobName) !== "RUNNING") return;
      await glue.send(new PutWorkflowRunPropertiesCommand({ Name: WORKFLOW, RunId: runId, RunProperties: properties }));
      wrote = true;
    },
  };
}

export async function main() {
  const aws = mockAws();
  try {
    const glue = new GlueClient({ region: "us-east-1" });
    await buildWorkflow(glue);

    // 1. A run that succeeds; a "job" writes a run property while the run is in progress.
    const { RunId: firstRunId } = await glue.send(new StartWorkflowRunCommand({ Name: WORKFLOW, RunProperties: { day: "2026-11-22" } }));
    assert.match(firstRunId, /^wr_[0-9a-f]{64}$/);
    const ordersJob = writesWhileRunning(glue, firstRunId, "clean-orders", { orders_rows: "1042" });
    const first = await waitForRun(glue, firstRunId, ordersJob.onRead);
    assert.ok(ordersJob.wrote(), "clean-orders was seen RUNNING");
    assert.ok(first.reads <= 10, `a three-level workflow completes within a few reads (took ${first.reads})`);
    assert.deepEqual(first.Run.Statistics, { TotalActions: 4, SucceededActions: 4, RunningActions: 0, FailedActions: 0, StoppedActions: 0, TimeoutActions: 0, ErroredActions: 0, WaitingActions: 0 });
    assert.equal(nodeNamed(first.Run, "raw-crawler").CrawlerDetails.Crawls[0].State, "SUCCEEDED");
    assert.equal(lastJobState(first.Run, "publish"), "SUCCEEDED");
    const cleanCustomers = nodeNamed(first.Run, "clean-customers").JobDetails.JobRuns[0];
    assert.equal(cleanCustomers.TriggerName, "after-crawl");
    assert.deepEqual(cleanCustomers.Arguments, { "--mode": "full", "--WORKFLOW_NAME": WORKFLOW, "--WORKFLOW_RUN_ID": firstRunId });
    const { RunProperties } = await glue.send(new GetWorkflowRunPropertiesCommand({ Name: WORKFLOW, RunId: firstRunId }));
    assert.deepEqual(RunProperties, { target: "s3://lake/curated/", day: "2026-11-22", orders_rows: "1042" });

    // 2. A run where clean-orders fails: the ANY trigger still fires on clean-customers, and
    //    the run ends COMPLETED anyway (as AWS shows it); the failure is in the statistics.
    aws.lifecycle("Glue.JobRun", { JobName: "clean-orders" }).endsIn("FAILED", { message: "orders.csv: malformed row 17", times: 1 });
    const { RunId: failedRunId } = await glue.send(new StartWorkflowRunCommand({ Name: WORKFLOW }));
    const customersJob = writesWhileRunning(glue, failedRunId, "clean-customers", { customers_rows: "77" });
    const failed = await waitForRun(glue, failedRunId, customersJob.onRead);
    assert.ok(customersJob.wrote(), "clean-customers was seen RUNNING");
    assert.equal(failed.Run.Statistics.FailedActions, 1);
    assert.equal(failed.Run.Statistics.SucceededActions, 3);
    const failedNode = nodeNamed(failed.Run, "clean-orders");
    assert.equal(failedNode.JobDetails.JobRuns[0].ErrorMessage, "orders.csv: malformed row 17");

    // 3. Resume from the failed node: it runs again, and so does everything downstream.
    const resumed = await glue.send(new ResumeWorkflowRunCommand({ Name: WORKFLOW, RunId: failedRunId, NodeIds: [failedNode.UniqueId] }));
    assert.deepEqual(resumed.NodeIds, [failedNode.UniqueId]);
    assert.notEqual(resumed.RunId, failedRunId);
    const after = await waitForRun(glue, resumed.RunId);
    assert.equal(after.Run.PreviousRunId, failedRunId);
    // The resumed run carries on with the run properties written along the way.
    const resumedProperties = await glue.send(new GetWorkflowRunPropertiesCommand({ Name: WORKFLOW, RunId: resumed.RunId }));
    assert.deepEqual(resumedProperties.RunProperties, { target: "s3://lake/curated/", customers_rows: "77" });
    assert.equal(lastJobState(after.Run, "clean-orders"), "SUCCEEDED");
    assert.equal(lastJobState(after.Run, "publish"), "SUCCEEDED");
    assert.deepEqual(after.Run.Statistics, { TotalActions: 2, SucceededActions: 2, RunningActions: 0, FailedActions: 0, StoppedActions: 0, TimeoutActions: 0, ErroredActions: 0, WaitingActions: 0 });
    // Nodes not run again are copied from the original run, with their run details.
    assert.equal(nodeNamed(after.Run, "raw-crawler").CrawlerDetails.Crawls[0].State, "SUCCEEDED");

    const diagram = workflowGraphToMermaid(after.Run);
    assert.match(diagram, /^flowchart LR/);
    assert.match(diagram, /job: publish<br\/>SUCCEEDED/);
    return { diagram };
  } finally {
    aws.restore();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { diagram } = await main();
  console.log(diagram);
}
