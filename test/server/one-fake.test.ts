import { CreateWorkflowCommand, GetWorkflowCommand, GlueClient } from "@aws-sdk/client-glue";
import { AwsDoublesUsageError, mockAws } from "aws-doubles";
import { startServer } from "aws-doubles/server";
import * as esm from "aws-doubles/server";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { globalState } from "../support/scale.js";
import { clientConfig } from "./helpers.js";

/** docs/decisions/0005-server-mode.md: one engine per process, whichever door a call uses. */
describe("the server and mockAws() in one process share one fake", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it("a server alone installs no interception and leaves the environment alone", async () => {
    const before = { ...process.env };
    const server = await startServer();
    cleanups.push(() => server.close());
    expect(process.env).toEqual(before);
    expect(() => server.aws.attach(GlueClient)).toThrow(/interception is not installed/);
    // A client without an endpoint would go to AWS: the server does not patch it.
    const client = new GlueClient(clientConfig(server.url));
    await client.send(new CreateWorkflowCommand({ Name: "served" }));
    expect(server.aws.calls().map((c) => c.operation)).toEqual(["CreateWorkflow"]);
  });

  it("what one door creates the other reads; reset() from either handle forgets it for both", async () => {
    const aws = mockAws();
    cleanups.push(() => aws.restore());
    const server = await startServer();
    cleanups.push(() => server.close());

    const inProcess = new GlueClient({});
    const overHttp = new GlueClient(clientConfig(server.url));
    // Interception answers in-process clients, even one given an endpoint: the HTTP client
    // here is not intercepted only because mockAws() is restored below. Create in-process…
    await inProcess.send(new CreateWorkflowCommand({ Name: "shared" }));
    expect(server.aws.calls().map((c) => c.operation)).toEqual(["CreateWorkflow"]);
    aws.restore();
    // …and read over HTTP, after interception is gone: same engine, same workflow.
    expect((await overHttp.send(new GetWorkflowCommand({ Name: "shared" }))).Workflow?.Name).toBe("shared");
    server.aws.reset();
    await expect(overHttp.send(new GetWorkflowCommand({ Name: "shared" }))).rejects.toMatchObject({ name: "EntityNotFoundException" });
  });

  it("mockAws() while a server runs adds interception; its restore() removes only that", async () => {
    const server = await startServer({ accountId: "111122223333" });
    cleanups.push(() => server.close());
    const aws = mockAws();
    expect(process.env["AWS_ACCESS_KEY_ID"]).toBeDefined();
    await new GlueClient({}).send(new CreateWorkflowCommand({ Name: "intercepted" }));
    expect(aws.accountId).toBe("111122223333"); // the fake's options are the server's
    aws.restore();
    expect(() => server.aws.attach(GlueClient)).toThrow(/interception is not installed/);
    const overHttp = new GlueClient(clientConfig(server.url));
    expect((await overHttp.send(new GetWorkflowCommand({ Name: "intercepted" }))).Workflow?.Name).toBe("intercepted");
  });

  it("the last holder to go forgets the state; the server's restore() closes it", async () => {
    const server = await startServer();
    const client = new GlueClient(clientConfig(server.url, { maxAttempts: 1 }));
    await client.send(new CreateWorkflowCommand({ Name: "gone-soon" }));
    server.aws.restore();
    await server.close(); // idempotent: the same closing
    const fresh = new GlueClient(clientConfig(server.url, { maxAttempts: 1 })); // a new socket: nobody listens
    await expect(fresh.send(new GetWorkflowCommand({ Name: "gone-soon" }))).rejects.toMatchObject({ code: "ECONNREFUSED" });
    const aws = mockAws();
    cleanups.push(() => aws.restore());
    expect(aws.calls()).toEqual([]);
    await expect(new GlueClient({}).send(new GetWorkflowCommand({ Name: "gone-soon" }))).rejects.toMatchObject({ name: "EntityNotFoundException" });
  });

  it("two servers in one process are two doors onto one fake", async () => {
    const a = await startServer();
    const b = await startServer();
    cleanups.push(() => a.close(), () => b.close());
    await new GlueClient(clientConfig(a.url)).send(new CreateWorkflowCommand({ Name: "both" }));
    expect((await new GlueClient(clientConfig(b.url)).send(new GetWorkflowCommand({ Name: "both" }))).Workflow?.Name).toBe("both");
    await a.close();
    expect((await new GlueClient(clientConfig(b.url)).send(new GetWorkflowCommand({ Name: "both" }))).Workflow?.Name).toBe("both");
  });

  it("a port in use is refused, and the failed server holds nothing", async () => {
    const first = await startServer();
    cleanups.push(() => first.close());
    const port = Number(new URL(first.url).port);
    await expect(startServer({ port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    await first.close();
    const aws = mockAws(); // a fresh fake: nothing kept it installed
    cleanups.push(() => aws.restore());
    expect(aws.calls()).toEqual([]);
  });

  it("a wrong or unknown option is a usage error, and the refused server holds nothing", async () => {
    const refused: Array<[Record<string, unknown>, string]> = [
      [{ port: 70_000 }, "whole number from 0 to 65535"],
      [{ host: " " }, "host name or address"],
      [{ maxBodyBytes: 0 }, "positive whole number"],
      [{ maxRecordedCalls: 1.5 }, "positive whole number"],
      // A typo must not quietly give the default limit.
      [{ maxBodySize: 1024 }, 'does not take "maxBodySize"'],
    ];
    // A list is an object to typeof: it was taken as no options.
    for (const [options, message] of [...refused, [[], "startServer(options): options must be an object"] as [unknown, string]]) {
      const attempt = startServer(options as Parameters<typeof startServer>[0]);
      await expect(attempt).rejects.toBeInstanceOf(AwsDoublesUsageError);
      await expect(attempt).rejects.toThrow(message);
    }
    // A server that held the fake would keep it installed, through a mockAws() and its restore().
    expect(globalState().installation).toBeUndefined();
    mockAws().restore();
    expect(globalState().installation).toBeUndefined();
  });

  it("import and require of aws-doubles/server load one module instance", () => {
    const cjs = createRequire(import.meta.url)("aws-doubles/server") as typeof esm;
    expect(cjs.startServer).toBe(esm.startServer);
  });

  it("bounds the call log of a fake it installs, and gives it back unbounded", async () => {
    const server = await startServer({ maxRecordedCalls: 3 });
    const client = new GlueClient(clientConfig(server.url));
    for (const name of ["a", "b", "c", "d", "e"]) await client.send(new CreateWorkflowCommand({ Name: name }));
    expect(server.aws.calls().map((c) => c.input["Name"])).toEqual(["c", "d", "e"]);
    await server.close();
    const aws = mockAws();
    cleanups.push(() => aws.restore());
    for (const name of ["a", "b", "c", "d", "e"]) await new GlueClient({}).send(new CreateWorkflowCommand({ Name: name }));
    expect(aws.calls()).toHaveLength(5);
  });
});
