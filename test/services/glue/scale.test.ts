import { ConcurrentRunsExceededException, CreateTriggerCommand, CreateWorkflowCommand, GetWorkflowRunCommand, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { tableCopiesDuring } from "../../support/scale.js";
import { createJob, glue } from "./helpers.js";

/**
 * Work that must follow the graph, not the store: counted, never timed. The counter lives in
 * the build the fake runs (loaded natively, so this require gets the same module instance).
 */
const require = createRequire(import.meta.url);
const { firingWork } = require("../../../dist/services/glue/firing.js") as typeof import("../../../src/services/glue/firing.js");


/** A workflow `wf` running job c0, then c1 when c0 succeeded, … up to c<n-1>. */
async function chain(n: number): Promise<void> {
  await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
  for (let i = 0; i < n; i++) await createJob(`c${i}`);
  await glue.send(new CreateTriggerCommand({ Name: "start", WorkflowName: "wf", Type: "ON_DEMAND", Actions: [{ JobName: "c0" }] }));
  for (let i = 1; i < n; i++) {
    await glue.send(
      new CreateTriggerCommand({
        Name: `after-c${i - 1}`,
        WorkflowName: "wf",
        Type: "CONDITIONAL",
        StartOnCreation: true,
        Predicate: { Conditions: [{ LogicalOperator: "EQUALS", JobName: `c${i - 1}`, State: "SUCCEEDED" }] },
        Actions: [{ JobName: `c${i}` }],
      }),
    );
  }
}

describe("Glue workflow runs at scale", () => {
  it("checks each trigger of an N-job chain once when its watched job ends, not every trigger at every end", async () => {
    const checksFor = async (n: number) => {
      aws.reset();
      aws.configure({ transitions: "manual" });
      await chain(n);
      const before = firingWork.predicateChecks;
      const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
      aws.settle();
      const run = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId }))).Run!;
      expect(run.Status).toBe("COMPLETED");
      expect(run.Statistics).toMatchObject({ TotalActions: n, SucceededActions: n, RunningActions: 0 });
      return firingWork.predicateChecks - before;
    };
    // Before the index every end re-checked every trigger not yet fired: about n²/2 checks.
    expect(await checksFor(10)).toBe(9);
    expect(await checksFor(60)).toBe(59);
  });

  it("counts a finished run's statistics without visiting the actions that have ended", async () => {
    aws.configure({ transitions: "manual" });
    await chain(30);
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    aws.step(); // c0 RUNNING
    const before = firingWork.actionsVisited;
    const running = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId }))).Run!;
    expect(running.Statistics).toMatchObject({ TotalActions: 1, RunningActions: 1 });
    expect(firingWork.actionsVisited - before).toBe(1);
    aws.settle();
    const visitedBefore = firingWork.actionsVisited;
    const done = (await glue.send(new GetWorkflowRunCommand({ Name: "wf", RunId }))).Run!;
    expect(done.Statistics).toMatchObject({ TotalActions: 30, SucceededActions: 30, RunningActions: 0 });
    expect(firingWork.actionsVisited - visitedBefore).toBe(0);
  });

  it("checks MaxConcurrentRuns against the runs in progress, not the whole run history", async () => {
    aws.configure({ transitions: "manual" });
    await glue.send(new CreateWorkflowCommand({ Name: "wf", MaxConcurrentRuns: 2 }));
    await createJob("only");
    await glue.send(new CreateTriggerCommand({ Name: "start", WorkflowName: "wf", Type: "ON_DEMAND", Actions: [{ JobName: "only" }] }));
    for (let i = 0; i < 30; i++) {
      await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
      aws.settle();
    }
    // Before, every start copied and filtered the 30 finished runs.
    expect(await tableCopiesDuring(() => glue.send(new StartWorkflowRunCommand({ Name: "wf" })))).toBe(0);
    await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
    const third = await glue.send(new StartWorkflowRunCommand({ Name: "wf" })).catch((error: unknown) => error);
    expect(third).toBeInstanceOf(ConcurrentRunsExceededException);
    aws.settle();
    await glue.send(new StartWorkflowRunCommand({ Name: "wf" }));
  });
});
