import {
  CreateTriggerCommand,
  CreateWorkflowCommand,
  GetJobRunCommand,
  GetJobRunsCommand,
  GetWorkflowRunCommand,
  InvalidInputException,
  StartJobRunCommand,
  StartWorkflowRunCommand,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createJob, glue } from "./helpers.js";

/** A token no page of this request ever issued. */
const FOREIGN_TOKEN = Buffer.from(JSON.stringify({ v: 1, s: "elsewhere", k: 1, i: "x" })).toString("base64url");

describe("Glue reads refused for a bad page token", () => {
  it("GetJobRuns with a bad token moves neither the job's runs nor the workflow runs that may start it", async () => {
    await createJob("etl");
    await createJob("first");
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await glue.send(new CreateTriggerCommand({ Name: "go", WorkflowName: "wf", Type: "ON_DEMAND", Actions: [{ JobName: "first" }] }));
    await glue.send(
      new CreateTriggerCommand({
        Name: "then",
        WorkflowName: "wf",
        Type: "CONDITIONAL",
        StartOnCreation: true,
        Predicate: { Conditions: [{ LogicalOperator: "EQUALS", JobName: "first", State: "SUCCEEDED" }] },
        Actions: [{ JobName: "etl" }],
      }),
    );
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));

    for (const NextToken of ["garbage!", FOREIGN_TOKEN]) {
      const error = await rejectionOf(glue.send(new GetJobRunsCommand({ JobName: "etl", NextToken })));
      expect(error).toBeInstanceOf(InvalidInputException);
    }

    // The first successful reads still show what the starts left (the workflow run first: a
    // read of etl's runs moves the workflow runs that may start etl).
    const run = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId, IncludeGraph: true }))).Run!;
    const first = run.Graph!.Nodes!.find((n) => n.Name === "first")!;
    expect(first.JobDetails!.JobRuns![0]!.JobRunState).toBe("STARTING");
    expect((await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: JobRunId }))).JobRun!.JobRunState).toBe("STARTING");
    // And reads go on moving them.
    expect((await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: JobRunId }))).JobRun!.JobRunState).toBe("RUNNING");
  });
});
