import {
  CreateBlueprintCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetBlueprintCommand,
  GetBlueprintRunsCommand,
  GetCrawlersCommand,
  GetJobRunsCommand,
  GetJobsCommand,
  GetTagsCommand,
  GetTriggersCommand,
  GetWorkflowCommand,
  GetWorkflowRunsCommand,
  ListBlueprintsCommand,
  ListCrawlsCommand,
  ListWorkflowsCommand,
  StartBlueprintRunCommand,
  StartJobRunCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { arnOf, createCrawler, createJob, glue, ROLE } from "./helpers.js";

export const many = (n: number, prefix = "n") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
export const TARGETS = { S3Targets: [{ Path: "s3://data/x/" }] };

/**
 * A Glue world with one of everything for the whole-API tests: workflow wf (start trigger →
 * crawler c → trigger then → job a) with a completed run, job b with a finished run, blueprint
 * bp with a finished run that created workflow from-bp. Every run is settled and transitions
 * are manual afterwards, so reads move nothing. Returns wf's run id.
 */
export async function world() {
  await glue.send(new CreateWorkflowCommand({ Name: "wf", DefaultRunProperties: { env: "test" }, Tags: { t: "1" } }));
  await createJob("a", { Tags: { t: "1" } });
  await createJob("b");
  await createCrawler("c", { Tags: { t: "1" } });
  await glue.send(new CreateTriggerCommand({ Name: "start", WorkflowName: "wf", Type: "ON_DEMAND", Actions: [{ CrawlerName: "c" }] }));
  await glue.send(
    new CreateTriggerCommand({
      Name: "then",
      WorkflowName: "wf",
      Type: "CONDITIONAL",
      StartOnCreation: true,
      Predicate: { Conditions: [{ LogicalOperator: "EQUALS", CrawlerName: "c", CrawlState: "SUCCEEDED" }] },
      Actions: [{ JobName: "a" }],
    }),
  );
  await glue.send(new CreateBlueprintCommand({ Name: "bp", BlueprintLocation: "s3://blueprints/bp.zip", Tags: { t: "1" } }));
  aws.settle();
  const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
  await glue.send(new StartJobRunCommand({ JobName: "b", Arguments: { "--x": "1" } }));
  await glue.send(new StartBlueprintRunCommand({ BlueprintName: "bp", RoleArn: ROLE, Parameters: JSON.stringify({ WorkflowName: "from-bp" }) }));
  aws.settle();
  aws.configure({ transitions: "manual" });
  return RunId!;
}

/** Everything a caller can read, without $metadata. */
export async function snapshot() {
  const reads = [
    new ListWorkflowsCommand({}),
    new GetWorkflowCommand({ Name: "wf", IncludeGraph: true }),
    new GetWorkflowRunsCommand({ Name: "wf", IncludeGraph: true }),
    new GetTriggersCommand({}),
    new GetJobsCommand({}),
    new GetJobRunsCommand({ JobName: "a" }),
    new GetJobRunsCommand({ JobName: "b" }),
    new GetCrawlersCommand({}),
    new ListCrawlsCommand({ CrawlerName: "c" }),
    new ListBlueprintsCommand({}),
    new GetBlueprintCommand({ Name: "bp", IncludeBlueprint: true }),
    new GetBlueprintRunsCommand({ BlueprintName: "bp" }),
    ...["workflow/wf", "job/a", "crawler/c", "trigger/then", "blueprint/bp"].map((r) => new GetTagsCommand({ ResourceArn: arnOf(r.split("/")[0]!, r.split("/")[1]!) })),
  ];
  const out: unknown[] = [];
  for (const read of reads) {
    const { $metadata: _, ...rest } = (await glue.send(read as never)) as unknown as Record<string, unknown>;
    out.push(rest);
  }
  return out;
}

