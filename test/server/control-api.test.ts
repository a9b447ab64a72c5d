import { CreateJobCommand, CreateWorkflowCommand, GetJobRunCommand, GetWorkflowCommand, GlueClient, StartJobRunCommand } from "@aws-sdk/client-glue";
import { startServer, type AwsDoublesServer } from "aws-doubles/server";
import { createRequire } from "node:module";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clientConfig } from "./helpers.js";

let server: AwsDoublesServer;
let glue: GlueClient;
beforeAll(async () => {
  server = await startServer();
  glue = new GlueClient(clientConfig(server.url, { maxAttempts: 1 }));
});
afterAll(() => server.close());
beforeEach(() => server.aws.reset());

/** What another process does: plain JSON over HTTP. */
async function control(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const response = await fetch(`${server.url}/_aws-doubles${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const startJob = async (name: string) => {
  await glue.send(new CreateJobCommand({ Name: name, Role: "arn:aws:iam::123456789012:role/R", Command: { Name: "glueetl", ScriptLocation: "s3://b/s.py" } }));
  return (await glue.send(new StartJobRunCommand({ JobName: name }))).JobRunId!;
};

describe("the control API (JSON under /_aws-doubles)", () => {
  it("reads recorded calls, filtered, with their inputs and errors", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    await glue.send(new GetWorkflowCommand({ Name: "nope" })).catch(() => undefined);
    const all = await control("GET", "/calls");
    expect(all.json.calls.map((c: { operation: string }) => c.operation)).toEqual(["CreateWorkflow", "GetWorkflow"]);
    const last = await control("GET", "/calls?service=Glue&operation=GetWorkflow&last=1");
    expect(last.json.calls).toEqual([expect.objectContaining({ input: { Name: "nope" }, error: expect.objectContaining({ name: "EntityNotFoundException", statusCode: 400 }) })]);
  });

  it("resets, and plans faults that the SDK sees as the service's errors", async () => {
    await glue.send(new CreateWorkflowCommand({ Name: "wf" }));
    expect((await control("POST", "/reset")).status).toBe(200);
    expect(server.aws.calls()).toEqual([]);
    await control("POST", "/faults", { service: "Glue", operation: "GetWorkflow", error: "InternalServiceException", message: "planned" });
    await expect(glue.send(new GetWorkflowCommand({ Name: "wf" }))).rejects.toMatchObject({ name: "InternalServiceException", message: "planned" });
  });

  it("steps, settles and sets lifecycle rules, which can be released", async () => {
    await control("POST", "/configure", { transitions: "manual" });
    const runId = await startJob("etl");
    const read = async () => (await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: runId }))).JobRun?.JobRunState;
    const before = await read();
    expect((await control("POST", "/step")).json.ok).toBe(true);
    expect(await read()).not.toBe(before);
    const running = await control("GET", "/running?kind=Glue.JobRun");
    expect(running.json.running).toEqual([expect.objectContaining({ kind: "Glue.JobRun", attributes: expect.objectContaining({ JobName: "etl" }) })]);
    await control("POST", "/settle");
    expect(await read()).toBe("SUCCEEDED");

    const rule = await control("POST", "/lifecycle", { kind: "Glue.JobRun", where: { JobName: "etl" }, endsIn: "FAILED", message: "OutOfMemory" });
    expect(rule.json.rule).toMatch(/^rule-/);
    const failing = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    await control("POST", "/settle");
    const failed = await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: failing.JobRunId! }));
    expect(failed.JobRun).toMatchObject({ JobRunState: "FAILED", ErrorMessage: "OutOfMemory" });

    const hold = await control("POST", "/lifecycle", { kind: "Glue.JobRun", staysIn: "RUNNING" });
    const held = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    for (let i = 0; i < 5; i++) await control("POST", "/step");
    expect((await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: held.JobRunId! }))).JobRun?.JobRunState).toBe("RUNNING");
    expect((await control("POST", `/lifecycle/${hold.json.rule}/release`)).status).toBe(200);
    await control("POST", "/step", { times: 5 });
    expect((await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: held.JobRunId! }))).JobRun?.JobRunState).not.toBe("RUNNING");
  });

  it("advances the virtual clock", async () => {
    const before = new Date((await control("GET", "/clock")).json.now).getTime();
    const after = await control("POST", "/clock/advance", { ms: 3_600_000 });
    expect(new Date(after.json.now).getTime() - before).toBeGreaterThanOrEqual(3_600_000);
    await glue.send(new CreateWorkflowCommand({ Name: "later" }));
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "later" }));
    expect(Workflow!.CreatedOn!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it("hands out credentials that act in another account", async () => {
    const { json } = await control("GET", "/credentials/210987654321");
    const other = new GlueClient(clientConfig(server.url, { credentials: json }));
    await other.send(new CreateWorkflowCommand({ Name: "theirs" }));
    expect(server.aws.calls()[0]).toMatchObject({ accountId: "210987654321" });
  });

  it("reports state: resources and running processes per service, account and region", async () => {
    await control("POST", "/configure", { transitions: "manual" });
    await startJob("report");
    const { json } = await control("GET", "/state");
    const glueView = json.services.find((s: { serviceId: string }) => s.serviceId === "Glue");
    const scope = glueView.scopes[0];
    expect(scope).toMatchObject({ accountId: "123456789012", region: "us-east-1" });
    expect(scope.resources).toContainEqual(expect.objectContaining({ name: "jobs", count: 1, items: [{ id: "report" }] }));
    expect(scope.running).toEqual([expect.objectContaining({ kind: "Glue.JobRun" })]);
    expect(json.calls.total).toBe(2);
    // Reading state moves nothing and records nothing.
    expect(server.aws.calls()).toHaveLength(2);
    expect(server.aws.running()).toHaveLength(1);
  });

  it("refuses what it cannot do with a JSON error, never a crash", async () => {
    expect(await control("POST", "/lifecycle", { kind: "Glue.Nothing", endsIn: "FAILED" })).toMatchObject({ status: 400, json: { error: { name: "AwsDoublesUsageError" } } });
    expect(await control("POST", "/lifecycle", { kind: "Glue.JobRun", endsIn: "FAILED", staysIn: "RUNNING" })).toMatchObject({ status: 400 });
    expect(await control("POST", "/faults", { service: "Glue" })).toMatchObject({ status: 400 });
    expect(await control("POST", "/faults", { service: "Glue", operation: "Nope" })).toMatchObject({ status: 400 });
    // An empty message or error is refused as failNext refuses it, not replaced by the default.
    const emptyMessage = await control("POST", "/faults", { service: "Glue", operation: "GetWorkflow", message: "" });
    expect(emptyMessage).toMatchObject({ status: 400, json: { error: { name: "AwsDoublesUsageError", message: expect.stringContaining("message must be a non-empty string") } } });
    const emptyEndsInMessage = await control("POST", "/lifecycle", { kind: "Glue.JobRun", endsIn: "FAILED", message: "" });
    expect(emptyEndsInMessage).toMatchObject({ status: 400, json: { error: { name: "AwsDoublesUsageError", message: expect.stringContaining("message must be a non-empty string") } } });
    expect(await control("POST", "/lifecycle", { kind: "Glue.JobRun", endsIn: "FAILED", after: "" })).toMatchObject({ status: 400, json: { error: { name: "AwsDoublesUsageError" } } });
    const emptyError = await control("POST", "/faults", { service: "Glue", operation: "GetWorkflow", error: "" });
    expect(emptyError).toMatchObject({ status: 400, json: { error: { name: "AwsDoublesUsageError", message: expect.stringContaining('failNext error must be an error Glue models; got ""') } } });
    await glue.send(new CreateWorkflowCommand({ Name: "planned-nothing" }));
    expect((await glue.send(new GetWorkflowCommand({ Name: "planned-nothing" }))).Workflow!.Name).toBe("planned-nothing");
    // Nor was a job-run rule planned by the refused /lifecycle calls: a run still succeeds.
    const runId = await startJob("planned-nothing");
    server.aws.settle();
    expect((await glue.send(new GetJobRunCommand({ JobName: "planned-nothing", RunId: runId }))).JobRun!.JobRunState).toBe("SUCCEEDED");
    expect(await control("POST", "/clock/advance", { ms: -1 })).toMatchObject({ status: 400, json: { error: { name: "AwsDoublesUsageError" } } });
    expect(await control("POST", "/configure", { accountId: "abc" })).toMatchObject({ status: 400 });
    expect(await control("POST", "/lifecycle/rule-999/release")).toMatchObject({ status: 404 });
    expect(await control("GET", "/nothing-here")).toMatchObject({ status: 404 });
    expect(await control("GET", "/credentials/%E0%A4%A")).toMatchObject({ status: 400, json: { error: { name: "BadRequest" } } });
    const bad = await fetch(`${server.url}/_aws-doubles/reset`, { method: "POST", body: "{oops" });
    expect(bad.status).toBe(200); // reset takes no body
    const badJson = await fetch(`${server.url}/_aws-doubles/faults`, { method: "POST", body: "{oops" });
    expect(badJson.status).toBe(400);
    expect((await control("GET", "/health")).json.ok).toBe(true);
  });
});

describe("the control API's own failures", () => {
  const { ControlApi } = createRequire(import.meta.url)("../../dist/server/control.js") as typeof import("../../src/server/control.js");

  it("answers a defect (a TypeError inside aws-doubles) as a 500 InternalError, not as the caller's 400", () => {
    const broken = { clock: { now: () => (undefined as unknown as { x: number }).x } };
    const api = new ControlApi(broken as never, () => "", () => "");
    const answer = api.handle("GET", "/_aws-doubles/clock", new URLSearchParams(), Buffer.alloc(0));
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: { name: "InternalError", message: expect.stringContaining("TypeError") } });
  });
});
