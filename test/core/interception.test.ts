import { Client } from "@smithy/core/client";
import { CreateWorkflowCommand, GetWorkflowCommand, GlueClient, ListWorkflowsCommand, paginateListWorkflows } from "@aws-sdk/client-glue";
import { mockAws } from "aws-doubles";
import Module from "node:module";
import { afterEach, describe, expect, it } from "vitest";

/** A request handler that answers GetWorkflow/ListWorkflows itself, so we can tell who answered. */
function cannedHandler() {
  const seen: string[] = [];
  return {
    seen,
    handler: {
      async handle(request: { headers: Record<string, string> }) {
        seen.push(request.headers["x-amz-target"] ?? "");
        const { HttpResponse } = await import("@smithy/core/protocols");
        return { response: new HttpResponse({ statusCode: 200, headers: {}, body: Buffer.from(JSON.stringify({ Workflows: ["from-network"] })) }) };
      },
    },
  };
}

const originalSend = Client.prototype.send;
const originalLoad = (Module as unknown as { _load: unknown })._load;
let restoreAll: Array<() => void> = [];
afterEach(() => {
  for (const restore of restoreAll) restore();
  restoreAll = [];
});

function install(options?: Parameters<typeof mockAws>[0]) {
  const aws = mockAws(options);
  restoreAll.push(() => aws.restore());
  return aws;
}

describe("interception", () => {
  it("intercepts clients constructed before mockAws()", async () => {
    const early = new GlueClient({ region: "us-east-1" });
    install();
    await early.send(new CreateWorkflowCommand({ Name: "early" }));
    const { Workflow } = await early.send(new GetWorkflowCommand({ Name: "early" }));
    expect(Workflow?.Name).toBe("early");
  });

  it("supports the callback form of send", async () => {
    install();
    const glue = new GlueClient({});
    const result = await new Promise<unknown>((resolve, reject) =>
      glue.send(new ListWorkflowsCommand({}), (error: unknown, data?: unknown) => (error ? reject(error) : resolve(data))),
    );
    expect(result).toMatchObject({ Workflows: [] });
  });

  it("intercepts a cacheMiddleware client whose handlers were cached before mockAws(), and gives it back after restore()", async () => {
    const { seen, handler } = cannedHandler();
    const glue = new GlueClient({ cacheMiddleware: true, requestHandler: handler, credentials: { accessKeyId: "a", secretAccessKey: "b" }, region: "us-east-1" });
    expect((await glue.send(new ListWorkflowsCommand({}))).Workflows).toEqual(["from-network"]);
    const aws = install();
    expect((await glue.send(new ListWorkflowsCommand({}))).Workflows).toEqual([]);
    expect(seen).toHaveLength(1);
    aws.restore();
    expect((await glue.send(new ListWorkflowsCommand({}))).Workflows).toEqual(["from-network"]);
    expect(seen).toHaveLength(2);
  });

  it("restore() leaves no trace: Client.send, Module._load and commands used while mocked are back to normal", async () => {
    const { seen, handler } = cannedHandler();
    const glue = new GlueClient({ requestHandler: handler, credentials: { accessKeyId: "a", secretAccessKey: "b" }, region: "us-east-1" });
    const command = new ListWorkflowsCommand({});
    const aws = mockAws();
    expect(Client.prototype.send).not.toBe(originalSend);
    await glue.send(command);
    aws.restore();
    expect(Client.prototype.send).toBe(originalSend);
    expect((Module as unknown as { _load: unknown })._load).toBe(originalLoad);
    // The same command object, sent again, goes to the real handler.
    expect((await glue.send(command)).Workflows).toEqual(["from-network"]);
    expect(seen).toHaveLength(1);
  });

  it("nests: the last restore() uninstalls", async () => {
    const outer = install();
    const inner = mockAws();
    await new GlueClient({}).send(new CreateWorkflowCommand({ Name: "n" }));
    inner.restore();
    expect(Client.prototype.send).not.toBe(originalSend);
    expect(outer.calls()).toHaveLength(1);
    outer.restore();
    expect(Client.prototype.send).toBe(originalSend);
  });

  it("supports `using` (Symbol.dispose restores)", async () => {
    {
      using aws = mockAws();
      await new GlueClient({}).send(new ListWorkflowsCommand({}));
      expect(aws.calls()).toHaveLength(1);
    }
    expect(Client.prototype.send).toBe(originalSend);
  });

  it("runs SDK paginators and records the caller's input as it was, not as the paginator mutated it", async () => {
    const aws = install();
    const glue = new GlueClient({});
    for (const name of ["a", "b", "c"]) await glue.send(new CreateWorkflowCommand({ Name: name }));
    const input = {};
    const names: string[] = [];
    for await (const page of paginateListWorkflows({ client: glue, pageSize: 2 }, input)) names.push(...(page.Workflows ?? []));
    expect(names).toEqual(["a", "b", "c"]);
    const lists = aws.calls().filter((c) => c.operation === "ListWorkflows");
    expect(lists.map((c) => c.input["MaxResults"])).toEqual([2, 2]);
    expect(lists[0]?.input["NextToken"]).toBeUndefined();
    expect(lists[1]?.input["NextToken"]).toEqual(expect.any(String));
  });

  it("attach() intercepts a client class explicitly", async () => {
    const aws = install();
    expect(() => aws.attach(GlueClient)).not.toThrow();
    expect(() => aws.attach({})).toThrow(/cannot intercept/);
    expect((await new GlueClient({}).send(new ListWorkflowsCommand({}))).Workflows).toEqual([]);
  });
});
