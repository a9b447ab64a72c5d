import { CreateTriggerCommand, CreateWorkflowCommand, GetWorkflowRunCommand, GetWorkflowRunsCommand, StartTriggerCommand } from "@aws-sdk/client-glue";
import { AwsDoublesUsageError } from "aws-doubles";
import { flushWorkflowEventBatches, sendWorkflowEvents } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { createJob, glue } from "./helpers.js";

async function eventWorkflow(options: { batch?: { BatchSize: number; BatchWindow?: number }; active?: boolean; maxRuns?: number } = {}) {
  await glue.send(new CreateWorkflowCommand({ Name: "on-upload", DefaultRunProperties: { bucket: "landing" }, ...(options.maxRuns ? { MaxConcurrentRuns: options.maxRuns } : {}) }));
  await createJob("ingest");
  await glue.send(
    new CreateTriggerCommand({
      Name: "on-object",
      WorkflowName: "on-upload",
      Type: "EVENT",
      StartOnCreation: options.active ?? true,
      ...(options.batch ? { EventBatchingCondition: options.batch } : {}),
      Actions: [{ JobName: "ingest" }],
    }),
  );
}

const run = async (RunId: string) => (await glue.send(new GetWorkflowRunCommand({ Name: "on-upload", RunId }))).Run!;

describe("aws-doubles/glue: EventBridge events for EVENT triggers", () => {
  it("starts a run per event by default, recording the batch condition and the event ids", async () => {
    await eventWorkflow();
    const delivery = sendWorkflowEvents("on-upload", ["evt-1"]);
    expect(delivery).toEqual({ startedRunIds: [expect.stringMatching(/^wr_[0-9a-f]{64}$/)], pendingEvents: 0, ignored: false });
    const started = await run(delivery.startedRunIds[0]!);
    expect(started).toMatchObject({ Status: "RUNNING", StartingEventBatchCondition: { BatchSize: 1 }, WorkflowRunProperties: { bucket: "landing", "aws:eventIds": '["evt-1"]' } });
    aws.settle();
    expect((await run(delivery.startedRunIds[0]!)).Statistics).toMatchObject({ TotalActions: 1, SucceededActions: 1 });
  });

  it("batches events by BatchSize, and by BatchWindow of virtual time", async () => {
    await eventWorkflow({ batch: { BatchSize: 3, BatchWindow: 60 } });
    expect(sendWorkflowEvents("on-upload", 2)).toMatchObject({ startedRunIds: [], pendingEvents: 2 });
    const full = sendWorkflowEvents("on-upload", 2);
    expect(full).toMatchObject({ pendingEvents: 1 });
    expect(full.startedRunIds).toHaveLength(1);
    expect((await run(full.startedRunIds[0]!)).StartingEventBatchCondition).toEqual({ BatchSize: 3 });
    expect(JSON.parse((await run(full.startedRunIds[0]!)).WorkflowRunProperties!["aws:eventIds"]!)).toHaveLength(3);

    expect(flushWorkflowEventBatches("on-upload")).toEqual([]);
    aws.clock.advance(61_000);
    const [windowRun] = flushWorkflowEventBatches("on-upload");
    expect((await run(windowRun!)).StartingEventBatchCondition).toEqual({ BatchWindow: 60 });
  });

  it("records an ERROR run when a batch arrives while the workflow runs its maximum of runs", async () => {
    await eventWorkflow({ maxRuns: 1 });
    sendWorkflowEvents("on-upload");
    const [rejected] = sendWorkflowEvents("on-upload").startedRunIds;
    expect(await run(rejected!)).toMatchObject({ Status: "ERROR", ErrorMessage: "Concurrent runs exceeded for workflow: on-upload", Statistics: { TotalActions: 0 } });
    expect((await glue.send(new GetWorkflowRunsCommand({ Name: "on-upload" }))).Runs?.map((r) => r.Status)).toEqual(["ERROR", "RUNNING"]);
  });

  it("drops events while the trigger is not activated, and refuses misuse", async () => {
    await eventWorkflow({ active: false });
    expect(sendWorkflowEvents("on-upload", 3)).toEqual({ startedRunIds: [], pendingEvents: 0, ignored: true });
    await glue.send(new StartTriggerCommand({ Name: "on-object" }));
    expect(sendWorkflowEvents("on-upload").startedRunIds).toHaveLength(1);
    expect(() => sendWorkflowEvents("ghost")).toThrow(AwsDoublesUsageError);
    expect(() => sendWorkflowEvents("on-upload", 0)).toThrow(/count of events/);
    await glue.send(new CreateWorkflowCommand({ Name: "plain" }));
    expect(() => sendWorkflowEvents("plain")).toThrow(/no EVENT trigger/);
    expect(() => sendWorkflowEvents("on-upload", 1, { region: "eu-west-1" })).toThrow(/eu-west-1/);
  });
});
