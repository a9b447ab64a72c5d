import {
  AlreadyExistsException,
  CancelStatementCommand,
  CreateSessionCommand,
  DeleteSessionCommand,
  EntityNotFoundException,
  GetSessionCommand,
  GetSessionEndpointCommand,
  GetStatementCommand,
  GetSystemLogsForSessionCommand,
  IllegalSessionStateException,
  InvalidInputException,
  ListStatementsCommand,
  paginateListSessions,
  RunStatementCommand,
  StopSessionCommand,
  type Statement,
} from "@aws-sdk/client-glue";
import { AwsDoublesUsageError } from "aws-doubles";
import { aws } from "aws-doubles/vitest";
import { registerSessionStatement } from "aws-doubles/glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue, pollUntil, ROLE } from "../helpers.js";

const create = (Id: string, extra: object = {}) => glue.send(new CreateSessionCommand({ Id, Role: ROLE, Command: { Name: "glueetl", PythonVersion: "3" }, ...extra }));

async function readySession(Id: string, extra: object = {}) {
  await create(Id, extra);
  return pollUntil(() => glue.send(new GetSessionCommand({ Id })), (r) => r.Session!.Status === "READY");
}

async function finished(SessionId: string, Id: number): Promise<Statement> {
  const { value } = await pollUntil(() => glue.send(new GetStatementCommand({ SessionId, Id })), (r) => ["AVAILABLE", "ERROR", "CANCELLED"].includes(r.Statement!.State!));
  return value.Statement!;
}

describe("Glue interactive sessions", () => {
  it("provisions a session: PROVISIONING, then READY", async () => {
    const { Session } = await create("s1", { Description: "d", DefaultArguments: { "--enable-glue-datacatalog": "true" }, Tags: { team: "data" } });
    expect(Session).toMatchObject({ Id: "s1", Status: "PROVISIONING", Role: ROLE, Command: { Name: "glueetl", PythonVersion: "3" }, IdleTimeout: 2880 });
    const { reads } = await pollUntil(() => glue.send(new GetSessionCommand({ Id: "s1" })), (r) => r.Session!.Status === "READY");
    expect(reads).toBe(2);
    expect(await rejectionOf(create("s1"))).toBeInstanceOf(AlreadyExistsException);
    expect(await rejectionOf(glue.send(new GetSessionCommand({ Id: "absent" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("runs statements one at a time: WAITING → RUNNING → AVAILABLE, with the stand-in's output", async () => {
    registerSessionStatement("s1", (request, context) => `ran #${context.statementId}: ${request.Code}`);
    await readySession("s1");
    const first = await glue.send(new RunStatementCommand({ SessionId: "s1", Code: "print(1)" }));
    const second = await glue.send(new RunStatementCommand({ SessionId: "s1", Code: "print(2)" }));
    expect([first.Id, second.Id]).toEqual([0, 1]);
    expect((await glue.send(new GetStatementCommand({ SessionId: "s1", Id: 1 }))).Statement!.State).toBe("WAITING");

    const done = await finished("s1", 0);
    expect(done).toMatchObject({ Id: 0, Code: "print(1)", State: "AVAILABLE", Progress: 1, Output: { Status: "AVAILABLE", Data: { TextPlain: "ran #0: print(1)" } } });
    expect(done.CompletedOn).toBeGreaterThanOrEqual(done.StartedOn!);
    expect((await finished("s1", 1)).Output!.Data!.TextPlain).toBe("ran #1: print(2)");
    const listed = await glue.send(new ListStatementsCommand({ SessionId: "s1" }));
    expect(listed.Statements!.map((s) => s.State)).toEqual(["AVAILABLE", "AVAILABLE"]);
  });

  it("reports the stand-in's exception as an ERROR statement, and prints nothing without a stand-in", async () => {
    registerSessionStatement("*", (request) => {
      if (request.Code.includes("boom")) return { ErrorName: "NameError", ErrorValue: "name 'boom' is not defined", Traceback: ["Traceback (most recent call last):", "NameError"] };
      if (request.Code.includes("throw")) throw new Error("stand-in exploded");
      return "ok";
    });
    await readySession("s1");
    await glue.send(new RunStatementCommand({ SessionId: "s1", Code: "boom" }));
    expect(await finished("s1", 0)).toMatchObject({ State: "ERROR", Output: { Status: "ERROR", ErrorName: "NameError", ErrorValue: "name 'boom' is not defined", Traceback: ["Traceback (most recent call last):", "NameError"] } });
    await glue.send(new RunStatementCommand({ SessionId: "s1", Code: "throw" }));
    expect(await finished("s1", 1)).toMatchObject({ State: "ERROR", Output: { ErrorName: "Error", ErrorValue: "stand-in exploded" } });

    aws.reset();
    await readySession("plain");
    await glue.send(new RunStatementCommand({ SessionId: "plain", Code: "x = 1" }));
    expect((await finished("plain", 0)).Output).toMatchObject({ Status: "AVAILABLE", Data: { TextPlain: "" } });
  });

  it("refuses a Traceback that is not a list of lines: at registration, or as the ERROR of the statement whose stand-in returned it", async () => {
    expect(() => registerSessionStatement("s1", { ErrorName: "E", ErrorValue: "v", Traceback: 5 } as never)).toThrow(AwsDoublesUsageError);
    expect(() => registerSessionStatement("s1", { ErrorName: "E", ErrorValue: "v", Traceback: "line" } as never)).toThrow(/Traceback\?: string\[\]/);
    registerSessionStatement("s1", () => ({ ErrorName: "E", ErrorValue: "v", Traceback: 5 }) as never);
    await readySession("s1");
    await glue.send(new RunStatementCommand({ SessionId: "s1", Code: "raise E" }));
    const statement = await finished("s1", 0);
    expect(statement).toMatchObject({ State: "ERROR", Output: { ErrorName: "Error" } });
    expect(statement.Output!.ErrorValue).toMatch(/must return a string, \{ TextPlain \} or \{ ErrorName, ErrorValue, Traceback\?: string\[\] \}/);
  });

  it("cancels statements: a waiting one at once, a running one through CANCELLING", async () => {
    await readySession("s1");
    aws.configure({ transitions: "manual" });
    await glue.send(new RunStatementCommand({ SessionId: "s1", Code: "a" }));
    await glue.send(new RunStatementCommand({ SessionId: "s1", Code: "b" }));
    aws.step();
    expect((await glue.send(new GetStatementCommand({ SessionId: "s1", Id: 0 }))).Statement!.State).toBe("RUNNING");
    await glue.send(new CancelStatementCommand({ SessionId: "s1", Id: 1 }));
    await glue.send(new CancelStatementCommand({ SessionId: "s1", Id: 0 }));
    expect((await glue.send(new GetStatementCommand({ SessionId: "s1", Id: 1 }))).Statement!.State).toBe("CANCELLED");
    expect((await glue.send(new GetStatementCommand({ SessionId: "s1", Id: 0 }))).Statement!.State).toBe("CANCELLING");
    aws.settle();
    expect((await glue.send(new GetStatementCommand({ SessionId: "s1", Id: 0 }))).Statement!.State).toBe("CANCELLED");
    expect(await rejectionOf(glue.send(new CancelStatementCommand({ SessionId: "s1", Id: 9 })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("refuses statements in a session that is not READY", async () => {
    aws.configure({ transitions: "manual" });
    await create("s1");
    const provisioning = await rejectionOf(glue.send(new RunStatementCommand({ SessionId: "s1", Code: "x" })));
    expect(provisioning).toBeInstanceOf(IllegalSessionStateException);
    expect(provisioning.message).toContain("PROVISIONING");
    aws.settle();
    await glue.send(new StopSessionCommand({ Id: "s1" }));
    expect((await glue.send(new GetSessionCommand({ Id: "s1" }))).Session!.Status).toBe("STOPPING");
    aws.settle();
    expect((await glue.send(new GetSessionCommand({ Id: "s1" }))).Session).toMatchObject({ Status: "STOPPED", CompletedOn: expect.any(Date) });
    expect(await rejectionOf(glue.send(new RunStatementCommand({ SessionId: "s1", Code: "x" })))).toBeInstanceOf(IllegalSessionStateException);
    expect(await rejectionOf(glue.send(new StopSessionCommand({ Id: "s1" })))).toBeInstanceOf(IllegalSessionStateException);
    expect(await rejectionOf(glue.send(new StopSessionCommand({ Id: "absent" })))).toBeInstanceOf(InvalidInputException);
  });

  it("times a session out after IdleTimeout minutes without work, on the virtual clock", async () => {
    await readySession("idle", { IdleTimeout: 30, Timeout: 600 });
    aws.clock.advance(29 * 60_000);
    await glue.send(new RunStatementCommand({ SessionId: "idle", Code: "keep busy" }));
    await finished("idle", 0);
    aws.clock.advance(29 * 60_000);
    expect((await glue.send(new GetSessionCommand({ Id: "idle" }))).Session!.Status).toBe("READY");
    aws.clock.advance(2 * 60_000);
    const { Session } = await glue.send(new GetSessionCommand({ Id: "idle" }));
    expect(Session).toMatchObject({ Status: "TIMEOUT", ErrorMessage: expect.stringContaining("idle for 30 minutes") });
    const refused = await rejectionOf(glue.send(new RunStatementCommand({ SessionId: "idle", Code: "x" })));
    expect(refused).toBeInstanceOf(IllegalSessionStateException);
    expect(refused.message).toContain("TIMEOUT");
  });

  it("times a session out at its Timeout however busy it is, cancelling what runs", async () => {
    await readySession("life", { Timeout: 60 });
    aws.configure({ transitions: "manual" });
    await glue.send(new RunStatementCommand({ SessionId: "life", Code: "long" }));
    aws.clock.advance(61 * 60_000);
    expect((await glue.send(new GetSessionCommand({ Id: "life" }))).Session!.Status).toBe("TIMEOUT");
    expect((await glue.send(new GetStatementCommand({ SessionId: "life", Id: 0 }))).Statement!.State).toBe("CANCELLED");
  });

  it("fails provisioning when a test rule says so", async () => {
    aws.lifecycle("Glue.Session", { SessionId: "bad" }).endsIn("FAILED", { message: "Insufficient capacity." });
    await create("bad");
    aws.settle();
    expect((await glue.send(new GetSessionCommand({ Id: "bad" }))).Session).toMatchObject({ Status: "FAILED", ErrorMessage: "Insufficient capacity." });
  });

  it("deletes sessions that are not provisioning or stopping", async () => {
    aws.configure({ transitions: "manual" });
    await create("s1");
    expect(await rejectionOf(glue.send(new DeleteSessionCommand({ Id: "s1" })))).toBeInstanceOf(IllegalSessionStateException);
    aws.settle();
    expect(await glue.send(new DeleteSessionCommand({ Id: "s1" }))).toMatchObject({ Id: "s1" });
    expect(await rejectionOf(glue.send(new GetSessionCommand({ Id: "s1" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new DeleteSessionCommand({ Id: "s1" })))).toBeInstanceOf(InvalidInputException);
  });

  it("lists sessions with the SDK paginator and filters them by tag", async () => {
    for (let i = 0; i < 5; i++) await create(`s${i}`, { Tags: { team: i % 2 === 0 ? "even" : "odd" } });
    const ids: string[] = [];
    for await (const page of paginateListSessions({ client: glue, pageSize: 2 }, {})) ids.push(...page.Ids!);
    expect(ids).toEqual(["s0", "s1", "s2", "s3", "s4"]);
    const even: string[] = [];
    for await (const page of paginateListSessions({ client: glue, pageSize: 1 }, { Tags: { team: "even" } })) even.push(...page.Sessions!.map((s) => s.Id!));
    expect(even).toEqual(["s0", "s2", "s4"]);
  });

  it("gives a Spark Connect endpoint and a system-logs address", async () => {
    await readySession("sc", { SessionType: "SPARK_CONNECT" });
    const { SparkConnect } = await glue.send(new GetSessionEndpointCommand({ SessionId: "sc" }));
    expect(SparkConnect).toMatchObject({ Url: expect.stringMatching(/^sc:\/\//), AuthToken: expect.any(String), AuthTokenExpirationTime: expect.any(Date) });
    await readySession("livy");
    expect(await rejectionOf(glue.send(new GetSessionEndpointCommand({ SessionId: "livy" })))).toBeInstanceOf(InvalidInputException);
    const { SystemLogsUrl } = await glue.send(new GetSystemLogsForSessionCommand({ Id: "livy" }));
    expect(SystemLogsUrl).toContain("cloudwatch");
    expect(await rejectionOf(glue.send(new GetSystemLogsForSessionCommand({ Id: "absent" })))).toBeInstanceOf(EntityNotFoundException);
  });
});
