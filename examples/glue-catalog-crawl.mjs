// A crawler that fills the Glue Data Catalog, inside a workflow, end to end:
//   start trigger → crawler (declared finding) → conditional trigger → job.
// What a real crawler would infer from s3://lake/raw/orders/ is declared with
// registerCrawlerFinding. The workflow runs to COMPLETED by polling; the crawled table and its
// partitions are then in the catalog, and the code under test (`partitionsToProcess`) asks
// GetPartitions for the partitions it must process with an expression.
//
//   node examples/glue-catalog-crawl.mjs
import {
  CreateCrawlerCommand,
  CreateJobCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetCrawlerMetricsCommand,
  GetTableCommand,
  GetWorkflowRunCommand,
  GlueClient,
  paginateGetPartitions,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { mockAws } from "aws-doubles";
import { registerCrawlerFinding } from "aws-doubles/glue";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const ROLE = "arn:aws:iam::123456789012:role/GlueETL";
const WORKFLOW = "orders-pipeline";

/** The code under test: the partitions of one region landed since a day, oldest first. */
export async function partitionsToProcess(glue, { region, since }) {
  const partitions = [];
  const pages = paginateGetPartitions({ client: glue, pageSize: 50 }, { DatabaseName: "raw", TableName: "src_orders", Expression: `region = '${region}' AND dt >= '${since}'` });
  for await (const page of pages) partitions.push(...page.Partitions);
  return partitions.map((p) => ({ dt: p.Values[1], location: p.StorageDescriptor.Location })).sort((a, b) => a.dt.localeCompare(b.dt));
}

/** What the crawler finds in the raw zone: one table, partitioned by region and day. */
function declareRawZone() {
  const days = ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21"];
  registerCrawlerFinding("s3://lake/raw/orders/", {
    Tables: [
      {
        Name: "orders",
        Columns: [
          { Name: "order_id", Type: "bigint" },
          { Name: "amount", Type: "decimal(10,2)" },
          { Name: "customer", Type: "string" },
        ],
        PartitionKeys: [{ Name: "region" }, { Name: "dt" }],
        Partitions: ["eu", "us"].flatMap((region) => days.map((dt) => [region, dt])),
        Classification: "parquet",
      },
    ],
  });
}

async function buildWorkflow(glue) {
  await glue.send(new CreateWorkflowCommand({ Name: WORKFLOW }));
  await glue.send(
    new CreateCrawlerCommand({ Name: "raw-orders", Role: ROLE, DatabaseName: "raw", TablePrefix: "src_", Targets: { S3Targets: [{ Path: "s3://lake/raw/orders/" }] } }),
  );
  await glue.send(new CreateJobCommand({ Name: "aggregate-orders", Role: ROLE, Command: { Name: "glueetl", ScriptLocation: "s3://lake/scripts/aggregate.py" }, GlueVersion: "4.0" }));
  await glue.send(new CreateTriggerCommand({ Name: "start", WorkflowName: WORKFLOW, Type: "ON_DEMAND", Actions: [{ CrawlerName: "raw-orders" }] }));
  await glue.send(
    new CreateTriggerCommand({
      Name: "after-crawl",
      WorkflowName: WORKFLOW,
      Type: "CONDITIONAL",
      StartOnCreation: true,
      Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "raw-orders", CrawlState: "SUCCEEDED" }] },
      Actions: [{ JobName: "aggregate-orders" }],
    }),
  );
}

async function waitForRun(glue, runId) {
  for (let reads = 1; reads <= 50; reads++) {
    const { Run } = await glue.send(new GetWorkflowRunCommand({ Name: WORKFLOW, RunId: runId, IncludeGraph: true }));
    if (Run.Status === "COMPLETED") return Run;
  }
  throw new Error(`workflow run ${runId} did not complete`);
}

export async function main() {
  const aws = mockAws();
  try {
    const glue = new GlueClient({ region: "us-east-1" });
    declareRawZone();
    await buildWorkflow(glue);

    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: WORKFLOW }));
    const run = await waitForRun(glue, RunId);
    const node = (name) => run.Graph.Nodes.find((n) => n.Name === name);
    const crawl = node("raw-orders").CrawlerDetails.Crawls[0];
    const job = node("aggregate-orders").JobDetails.JobRuns[0];
    assert.equal(crawl.State, "SUCCEEDED");
    assert.equal(job.JobRunState, "SUCCEEDED");
    assert.ok(job.StartedOn >= crawl.CompletedOn, "the job ran after the crawl");

    // The crawl wrote the table (with the crawler's prefix) and its partitions.
    const { Table } = await glue.send(new GetTableCommand({ DatabaseName: "raw", Name: "src_orders" }));
    assert.deepEqual(Table.PartitionKeys, [{ Name: "region", Type: "string" }, { Name: "dt", Type: "string" }]);
    assert.equal(Table.Parameters.classification, "parquet");
    const { CrawlerMetricsList } = await glue.send(new GetCrawlerMetricsCommand({ CrawlerNameList: ["raw-orders"] }));
    assert.equal(CrawlerMetricsList[0].TablesCreated, 1);

    const partitions = await partitionsToProcess(glue, { region: "eu", since: "2026-11-20" });
    assert.deepEqual(partitions, [
      { dt: "2026-11-20", location: "s3://lake/raw/orders/region=eu/dt=2026-11-20/" },
      { dt: "2026-11-21", location: "s3://lake/raw/orders/region=eu/dt=2026-11-21/" },
    ]);
    return { partitions };
  } finally {
    aws.restore();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { partitions } = await main();
  console.log(partitions);
}
