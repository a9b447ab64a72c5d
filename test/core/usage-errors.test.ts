import { CreateJobCommand, CreateWorkflowCommand, GetJobRunCommand, GetWorkflowCommand, GlueClient, ListWorkflowsCommand, StartJobRunCommand } from "@aws-sdk/client-glue";
import { GetImageCommand, ImagebuilderClient } from "@aws-sdk/client-imagebuilder";
import { mockAws, type AwsMock } from "aws-doubles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejectionOf, usageErrorOf } from "../support/errors.js";

/**
 * The test API answers every bad argument with AwsDoublesUsageError and a message saying what
 * is expected: never a TypeError from deep inside, never a silently accepted value.
 */
let aws: AwsMock;
beforeEach(() => {
  aws = mockAws();
});
afterEach(() => {
  aws.restore();
});

describe("failNext", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "S3", ""])("refuses the service name %j, listing the modelled ones", (service) => {
    expect(usageErrorOf(() => aws.failNext(service as never, "*")).message).toMatch(/Modelled services: Glue, imagebuilder, Omics, Proton/);
  });

  it.each(["constructor", "toString", "__proto__", "valueOf", "NoSuchOperation"])("refuses the operation name %j", (operation) => {
    expect(usageErrorOf(() => aws.failNext("Glue", operation)).message).toMatch(/no modelled operation/);
  });

  it("accepts every spelling of a service a user sees", async () => {
    for (const name of ["imagebuilder", "ImageBuilder", "Imagebuilder", "EC2 Image Builder", "glue", "GLUE", "omics", "HealthOmics", "proton"]) {
      expect(() => aws.failNext(name as never, "*").clear()).not.toThrow();
    }
    aws.failNext("ImageBuilder", "GetImage", { error: "ResourceNotFoundException" });
    const error = await rejectionOf(new ImagebuilderClient({}).send(new GetImageCommand({ imageBuildVersionArn: "arn:aws:imagebuilder:us-east-1:123456789012:image/x/1.0.0/1" })));
    expect(error.name).toBe("ResourceNotFoundException");
  });

  it("injects only errors the service models, and says which", async () => {
    const message = usageErrorOf(() => aws.failNext("Glue", "GetWorkflow", { error: "NoSuchError" })).message;
    expect(message).toMatch(/must be an error Glue models; got "NoSuchError"/);
    expect(message).toContain("EntityNotFoundException");
    aws.failNext("Glue", "GetWorkflow", { error: "EntityNotFoundException", message: "gone" });
    expect((await rejectionOf(new GlueClient({}).send(new GetWorkflowCommand({ Name: "x" })))).message).toBe("gone");
  });

  it("refuses times that are not whole numbers ≥ 1, and options that are not an object", () => {
    for (const times of [0, -1, 1.5, Number.NaN]) expect(usageErrorOf(() => aws.failNext("Glue", "*", { times })).message).toMatch(/whole number/);
    expect(usageErrorOf(() => aws.failNext("Glue", "*", null as never)).message).toMatch(/object/);
    // A list is an object to typeof: it was taken as no options at all.
    expect(usageErrorOf(() => aws.failNext("Glue", "*", [] as never)).message).toMatch(/failNext\(service, operation, options\): options must be an object \{ error, message, times \}; got a list/);
  });

  it("refuses an option name it would ignore", () => {
    expect(usageErrorOf(() => aws.failNext("Glue", "*", { eror: "EntityNotFoundException" } as never)).message).toMatch(/does not take "eror"; it takes error, message, times/);
  });
});

describe("clock, lifecycle, options", () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 1e308, "5" as unknown as number])("refuses clock.advance(%s) and leaves the clock valid", async (ms) => {
    usageErrorOf(() => aws.clock.advance(ms));
    expect(Number.isNaN(aws.clock.now().getTime())).toBe(false);
    await new GlueClient({}).send(new CreateWorkflowCommand({ Name: "still-works" }));
    expect((await new GlueClient({}).send(new GetWorkflowCommand({ Name: "still-works" }))).Workflow?.CreatedOn).toBeInstanceOf(Date);
  });

  it("accepts lifecycle kinds in any spelling of the service, and refuses unknown ones with the list", () => {
    expect(() => aws.lifecycle("imagebuilder.image" as never).slow(2).release()).not.toThrow();
    expect(() => aws.lifecycle("glue.jobrun" as never).slow(2).release()).not.toThrow();
    expect(usageErrorOf(() => aws.lifecycle("Glue.Nope" as never)).message).toMatch(/Known kinds: Glue\.JobRun/);
    expect(usageErrorOf(() => aws.lifecycle("__proto__" as never)).message).toMatch(/Unknown lifecycle kind/);
  });

  it("says so when endsIn() is asked of a kind without failure outcomes", () => {
    expect(usageErrorOf(() => aws.lifecycle("Glue.WorkflowRun").endsIn("ERROR" as never)).message).toMatch(/no failure outcome of its own/);
  });

  it("refuses where clauses and times it cannot use", () => {
    expect(usageErrorOf(() => aws.lifecycle("Glue.JobRun", { JobNmae: "x" } as never)).message).toMatch(/can match on JobName/);
    expect(usageErrorOf(() => aws.lifecycle("Glue.JobRun", "etl" as never)).message).toMatch(/object of attributes or a predicate/);
    expect(usageErrorOf(() => aws.lifecycle("Glue.JobRun").staysIn("RUNNING", { times: 0 })).message).toMatch(/whole number/);
  });

  it("refuses control options that are not an object of the names the control takes (null was a TypeError, a typo was ignored)", async () => {
    const runs = aws.lifecycle("Glue.JobRun");
    expect(usageErrorOf(() => runs.endsIn("FAILED", null as never)).message).toMatch(/endsIn\(state, options\): options must be an object \{ message, after, times \}; got null/);
    expect(usageErrorOf(() => runs.staysIn("RUNNING", null as never)).message).toMatch(/options must be an object \{ times \}/);
    expect(usageErrorOf(() => runs.slow(2, null as never)).message).toMatch(/options must be an object/);
    expect(usageErrorOf(() => runs.endsIn("FAILED", 5 as never)).message).toMatch(/got number/);
    expect(usageErrorOf(() => runs.endsIn("FAILED", { tiems: 2 } as never)).message).toMatch(/does not take "tiems"/);
    expect(usageErrorOf(() => runs.endsIn("FAILED", { message: 5 as never })).message).toMatch(/message must be a non-empty string/);
    // An empty message is refused, as failNext refuses it, rather than failing a run with no message.
    expect(usageErrorOf(() => runs.endsIn("FAILED", { message: "" })).message).toMatch(/message must be a non-empty string \(leave it out for the default message\); got ""/);
    // `after` is a state on the way to success; a failure outcome is never passed through.
    expect(usageErrorOf(() => runs.endsIn("FAILED", { after: "STOPPED" })).message).toMatch(/cannot fail after "STOPPED"/);
    expect(usageErrorOf(() => runs.slow(Symbol("x") as never)).message).toMatch(/whole number/);
    // None of the refused controls took effect: a job run passes through RUNNING to SUCCEEDED.
    const glue = new GlueClient({});
    await glue.send(new CreateJobCommand({ Name: "etl", Role: "arn:aws:iam::123456789012:role/GlueRole", Command: { Name: "glueetl", ScriptLocation: "s3://b/s.py" } }));
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    const seen: string[] = [];
    for (let read = 0; read < 20 && !["SUCCEEDED", "FAILED", "STOPPED", "ERROR", "TIMEOUT"].includes(seen.at(-1)!); read++) {
      seen.push((await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: JobRunId! }))).JobRun!.JobRunState!);
    }
    expect(seen).toContain("RUNNING");
    expect(seen.at(-1)).toBe("SUCCEEDED");
  });

  it("refuses options mockAws() and configure() would ignore", () => {
    expect(usageErrorOf(() => aws.configure({ region: "eu-west-1" } as never)).message).toMatch(/does not take "region"/);
    expect(usageErrorOf(() => aws.configure({ acountId: "123456789012" } as never)).message).toMatch(/does not take "acountId"/);
    expect(usageErrorOf(() => mockAws({ region: "eu-west-1" })).message).toMatch(/already installed with region us-east-1/);
    expect(usageErrorOf(() => mockAws({ instantRetries: true })).message).toMatch(/instantRetries/);
    // A list is an object to typeof: each of these took [] as "no options".
    expect(usageErrorOf(() => aws.configure([] as never)).message).toMatch(/configure\(options\).*options must be an object \{ accountId, onUnhandled, transitions, idempotencyTtlMs \}; got a list/);
    expect(usageErrorOf(() => mockAws([] as never)).message).toMatch(/mockAws\(options\): options must be an object .*; got a list/);
    aws.restore();
    expect(usageErrorOf(() => mockAws([] as never)).message).toMatch(/mockAws\(options\): options must be an object \{ accountId, region, onUnhandled, transitions, idempotencyTtlMs, instantRetries, clients \}; got a list/);
    expect(usageErrorOf(() => mockAws({ regoin: "eu-west-1" } as never)).message).toMatch(/does not take "regoin"/);
    expect(usageErrorOf(() => mockAws({ instantRetries: "yes" as never })).message).toMatch(/true or false/);
    expect(usageErrorOf(() => aws.credentialsFor("abc")).message).toMatch(/12-digit/);
    aws = mockAws();
  });

  it("refuses an accountId that is not text and clients that are not a list (a number passed the pattern; clients: 5 was a TypeError)", () => {
    expect(usageErrorOf(() => aws.configure({ accountId: 123456789012 as never })).message).toMatch(/must be 12 digits/);
    expect(aws.accountId).toBe("123456789012");
    expect(usageErrorOf(() => mockAws({ clients: 5 as never })).message).toMatch(/clients \}\) must be a list/);
    aws.restore();
    expect(usageErrorOf(() => mockAws({ accountId: 123456789012 as never })).message).toMatch(/must be 12 digits/);
    expect(usageErrorOf(() => mockAws({ clients: new GlueClient({}) as never })).message).toMatch(/must be a list/);
    aws = mockAws();
  });

  it("hands out copies of recorded calls", async () => {
    await new GlueClient({}).send(new CreateWorkflowCommand({ Name: "wf", DefaultRunProperties: { k: "v" } }));
    const first = aws.calls()[0]!;
    (first.input["DefaultRunProperties"] as Record<string, string>)["k"] = "changed";
    first.operation = "Tampered";
    expect(aws.calls()[0]).toMatchObject({ operation: "CreateWorkflow", input: { DefaultRunProperties: { k: "v" } } });
  });

  it("records only what the request carries: a cyclic or throwing member the SDK ignores changes nothing", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    const input = { Name: "x", Extra: cyclic } as Record<string, unknown>;
    Object.defineProperty(input, "Boom", { enumerable: true, get: () => { throw new Error("getter"); } });
    await new GlueClient({}).send(new CreateWorkflowCommand(input as never));
    expect((await new GlueClient({}).send(new ListWorkflowsCommand({}))).Workflows).toEqual(["x"]);
    expect(aws.calls()[0]).toMatchObject({ operation: "CreateWorkflow", input: { Name: "x" } });
    expect(Object.keys(aws.calls()[0]!.input)).toEqual(["Name"]);
  });
});

describe("service helpers", () => {
  it("refuse a where, store id or name they cannot use (null and a region object were TypeErrors; a number id and an unknown name were taken)", async () => {
    const { declareStore, setServiceQuota } = await import("aws-doubles/omics");
    expect(usageErrorOf(() => declareStore(null as never)).message).toMatch(/takes an object \{ storeType\?, storeId\?, name\?, accountId\?, region\? \}; got null/);
    expect(usageErrorOf(() => declareStore({ region: {} as never })).message).toMatch(/region must look like "us-east-1"/);
    expect(usageErrorOf(() => declareStore({ region: "nowhere" })).message).toMatch(/region must look like "us-east-1"/);
    expect(usageErrorOf(() => declareStore({ accountId: 123456789012 as never })).message).toMatch(/accountId must be 12 digits/);
    expect(usageErrorOf(() => declareStore({ storeId: 1234567890 as never })).message).toMatch(/10 to 36 digits, as text/);
    expect(usageErrorOf(() => declareStore({ name: 5 as never })).message).toMatch(/a name CreateSequenceStore would refuse: .*Member must be a string/);
    // The same rule as the create's, not a copy of its pattern: a control character, 128 characters.
    expect(usageErrorOf(() => declareStore({ name: "a\u0001b" })).message).toMatch(/at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    expect(usageErrorOf(() => declareStore({ name: "x".repeat(128), storeType: "REFERENCE_STORE" })).message).toMatch(/a name CreateReferenceStore would refuse: .*length less than or equal to 127/);
    expect(usageErrorOf(() => declareStore({ storeID: "1234567890" } as never)).message).toMatch(/does not take "storeID"/);
    expect(usageErrorOf(() => setServiceQuota("runs", 5, null as never)).message).toMatch(/takes an object/);
    expect(declareStore({ name: "genomes 2024 (raw)" }).storeType).toBe("SEQUENCE_STORE");
    const { seedReady2RunWorkflow } = await import("aws-doubles/omics");
    expect(usageErrorOf(() => seedReady2RunWorkflow({ name: "wf", region: {} as never })).message).toMatch(/region must look like "us-east-1"; got \{\}/);
  });
});

describe("setupOptions", () => {
  it("refuses to apply once the mock is installed, saying where to call it", async () => {
    const { setupOptions } = await import("aws-doubles");
    expect(usageErrorOf(() => setupOptions({ region: "eu-west-1" })).message).toMatch(/setup file that runs first/);
  });

  it("checks its options when called, so the mistake points at the caller's setup file", async () => {
    const { setupOptions } = await import("aws-doubles");
    aws.restore();
    try {
      expect(usageErrorOf(() => setupOptions({ regoin: "eu-west-1" } as never)).message).toMatch(/setupOptions\(options\) does not take "regoin"/);
      expect(usageErrorOf(() => setupOptions([] as never)).message).toMatch(/setupOptions\(options\): options must be an object .*; got a list/);
      expect(usageErrorOf(() => setupOptions({ accountId: "12" })).message).toMatch(/12 digits/);
    } finally {
      aws = mockAws();
    }
  });
});
