import { CreateWorkflowCommand, GetTablesCommand, GetWorkflowCommand, GlueClient } from "@aws-sdk/client-glue";
import { CreateRunGroupCommand, GetRunGroupCommand, GetWorkflowCommand as GetOmicsWorkflowCommand, ListRunGroupsCommand, OmicsClient, StartRunCommand, CreateWorkflowCommand as CreateOmicsWorkflowCommand } from "@aws-sdk/client-omics";
import { ProtonClient, CreateEnvironmentTemplateCommand } from "@aws-sdk/client-proton";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { startServer, type AwsDoublesServer } from "aws-doubles/server";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent } from "node:http";
import { connect } from "node:net";
import { strToU8, zipSync } from "fflate";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clientConfig, raw, rawTarget, sigv4 } from "./helpers.js";
import { withoutOperation } from "../support/unmodelled.js";

const DIST_SERVER = fileURLToPath(new URL("../../dist/server/index.js", import.meta.url));
const DIST_REGISTRY = fileURLToPath(new URL("../../dist/services/registry.js", import.meta.url));

let server: AwsDoublesServer;
beforeAll(async () => {
  server = await startServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.close());
beforeEach(() => server.aws.reset());

const glueRequest = (target: string, body: string, extra: Record<string, string> = {}) =>
  raw(server.url, { headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target, authorization: sigv4("glue"), ...extra }, body });

describe("the wire protocols, read from the SDK's own operation schemas", () => {
  it("answers awsJson1_1 (Glue), awsJson1_0 (Proton) and restJson1 (Omics) clients with typed output", async () => {
    const glue = new GlueClient(clientConfig(server.url));
    await glue.send(new CreateWorkflowCommand({ Name: "wf", DefaultRunProperties: { a: "b" } }));
    const { Workflow } = await glue.send(new GetWorkflowCommand({ Name: "wf" }));
    expect(Workflow?.CreatedOn).toBeInstanceOf(Date);
    expect(Workflow?.DefaultRunProperties).toEqual({ a: "b" });

    const proton = new ProtonClient(clientConfig(server.url));
    const { environmentTemplate } = await proton.send(new CreateEnvironmentTemplateCommand({ name: "t", tags: [{ key: "k", value: "v" }] }));
    expect(environmentTemplate?.arn).toBe("arn:aws:proton:us-east-1:123456789012:environment-template/t");

    const omics = new OmicsClient(clientConfig(server.url, { disableHostPrefix: true }));
    const group = await omics.send(new CreateRunGroupCommand({ name: "g", maxCpus: 8 }));
    expect(group.$metadata.httpStatusCode).toBe(201);
    const read = await omics.send(new GetRunGroupCommand({ id: group.id! }));
    expect(read).toMatchObject({ name: "g", maxCpus: 8 });
    expect(read.creationTime).toBeInstanceOf(Date);
    expect((await omics.send(new ListRunGroupsCommand({ name: "g", maxResults: 1 }))).items).toHaveLength(1);
  });

  it("answers modelled errors with the client's exception class, status and message", async () => {
    const glue = new GlueClient(clientConfig(server.url));
    const error = await glue.send(new GetWorkflowCommand({ Name: "missing" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "EntityNotFoundException", $fault: "client", $metadata: { httpStatusCode: 400 } });
    const omics = new OmicsClient(clientConfig(server.url, { disableHostPrefix: true }));
    const notFound = await omics.send(new GetRunGroupCommand({ id: "1234567" })).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
  });

  it("takes the account from the access key and the Region from the signature's scope", async () => {
    const glue = new GlueClient(clientConfig(server.url, { region: "eu-west-1", credentials: server.aws.credentialsFor("210987654321") }));
    await glue.send(new CreateWorkflowCommand({ Name: "elsewhere" }));
    const [call] = server.aws.calls();
    expect(call).toMatchObject({ service: "Glue", operation: "CreateWorkflow", accountId: "210987654321", region: "eu-west-1" });
    // Another account's client does not see it.
    const home = new GlueClient(clientConfig(server.url, { region: "eu-west-1" }));
    await expect(home.send(new GetWorkflowCommand({ Name: "elsewhere" }))).rejects.toMatchObject({ name: "EntityNotFoundException" });
  });

  it("reads the scope of a presigned URL (X-Amz-Credential) as of an Authorization header", async () => {
    const omics = new OmicsClient(clientConfig(server.url, { disableHostPrefix: true }));
    const group = await omics.send(new CreateRunGroupCommand({ name: "presigned" }));
    const credential = encodeURIComponent(`${server.aws.credentialsFor("123456789012").accessKeyId}/20260101/us-east-1/omics/aws4_request`);
    const response = await raw(server.url, { method: "GET", path: `/runGroup/${group.id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Signature=00` });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ name: "presigned" });
  });

  it("reads idempotency tokens off the wire: a retried StartRun with the same requestId starts one run", async () => {
    const omics = new OmicsClient(clientConfig(server.url, { disableHostPrefix: true }));
    const definitionZip = zipSync({ "main.wdl": strToU8("version 1.0\nworkflow w {\n  input {\n    String name\n  }\n}\n") });
    const { id } = await omics.send(new CreateOmicsWorkflowCommand({ name: "w", engine: "WDL", definitionZip }));
    server.aws.settle();
    const request = { workflowId: id!, roleArn: "arn:aws:iam::123456789012:role/R", outputUri: "s3://out/", parameters: { name: "x" }, requestId: "token-1" };
    const first = await omics.send(new StartRunCommand(request));
    const again = await omics.send(new StartRunCommand(request));
    expect(again.id).toBe(first.id);
    const starts = server.aws.calls().filter((c) => c.operation === "StartRun");
    expect(starts.map((c) => c.idempotencyToken)).toEqual(["token-1", "token-1"]);
    expect(starts[0]!.input).not.toHaveProperty("requestId");
  });

  it("answers an operation aws-doubles does not model with NotImplemented (501), as in-process", async () => {
    const glue = new GlueClient(clientConfig(server.url, { maxAttempts: 1 }));
    const error = await withoutOperation("Glue", "GetTables", () => glue.send(new GetTablesCommand({ DatabaseName: "db" })).catch((e: unknown) => e));
    expect(error).toMatchObject({ name: "NotImplemented", $metadata: { httpStatusCode: 501 } });
    expect((error as Error).message).toContain("Glue.GetTables");
    expect(server.aws.calls().at(-1)).toMatchObject({ operation: "GetTables", error: { name: "NotImplemented", statusCode: 501 } });
  });
});

describe("Omics endpoint host prefixes", () => {
  /** A resolver that sends every name to loopback, as a hosts-file entry would. */
  const loopback = (_host: string, options: unknown, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup("127.0.0.1", options as never, callback as never);
  };

  it("accepts requests whose Host carries the prefix (workflows-, tags-…) and requests without it", async () => {
    const port = new URL(server.url).port;
    const prefixed = new OmicsClient(
      clientConfig(`http://omics.aws-doubles.test:${port}`, { requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup: loopback as never }) }) }),
    );
    const group = await prefixed.send(new CreateRunGroupCommand({ name: "prefixed" }));
    const plain = new OmicsClient(clientConfig(server.url, { disableHostPrefix: true }));
    expect((await plain.send(new GetRunGroupCommand({ id: group.id! }))).name).toBe("prefixed");

    const response = await raw(server.url, { method: "GET", path: `/runGroup/${group.id}`, headers: { host: `workflows-127.0.0.1:${port}`, authorization: sigv4("omics") } });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ name: "prefixed" });
  });
});

describe("malformed requests get the protocol's own error, and the server keeps serving", () => {
  it("no signature: MissingAuthenticationTokenException (403)", async () => {
    const json = await raw(server.url, { headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSGlue.GetWorkflow" }, body: "{}" });
    expect(json.status).toBe(403);
    expect(json.json()).toMatchObject({ __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
    const rest = await raw(server.url, { method: "GET", path: "/runGroup/1234567" });
    expect(rest.status).toBe(403);
    expect(rest.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
  });

  it("a body that is not JSON: SerializationException (400)", async () => {
    const response = await glueRequest("AWSGlue.GetWorkflow", "{not json");
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ __type: "SerializationException" });
    expect(String(response.json()["message"])).toContain("not valid JSON");
    const array = await glueRequest("AWSGlue.GetWorkflow", "[1,2]");
    expect(array.json()).toMatchObject({ __type: "SerializationException" });
  });

  it("a member of the wrong type is the service's own validation error", async () => {
    const response = await glueRequest("AWSGlue.GetWorkflow", JSON.stringify({ Name: 42 }));
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ __type: "InvalidInputException" });
  });

  it("an unreadable query value: SerializationException (400)", async () => {
    const response = await raw(server.url, { method: "GET", path: "/runGroup?maxResults=many", headers: { authorization: sigv4("omics") } });
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toBe("SerializationException");
  });

  it("an unknown X-Amz-Target or a missing one: UnknownOperationException (400)", async () => {
    const unknown = await glueRequest("AWSGlue.MakeCoffee", "{}");
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({ __type: "UnknownOperationException" });
    const missing = await raw(server.url, { headers: { "content-type": "application/x-amz-json-1.1", authorization: sigv4("glue") }, body: "{}" });
    expect(missing.json()).toMatchObject({ __type: "UnknownOperationException" });
  });

  it("an unknown restJson1 route: UnknownOperationException (404)", async () => {
    const response = await raw(server.url, { method: "GET", path: "/no/such/route", headers: { authorization: sigv4("omics") } });
    expect(response.status).toBe(404);
    expect(response.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    expect(response.json()["message"]).toContain("GET /no/such/route");
  });

  it("a request target a URL parser refuses: UnknownOperationException (404), not an internal failure", async () => {
    const response = await rawTarget(server.url, `GET //[ HTTP/1.1\r\nhost: localhost\r\nauthorization: ${sigv4("omics")}`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ message: expect.stringContaining("GET //[") });
  });

  it("a label of '.' or '..' reaches its route as the label the SDK sent (no path folding)", async () => {
    const omics = new OmicsClient(clientConfig(server.url, { disableHostPrefix: true, maxAttempts: 1 }));
    for (const id of ["..", "."]) {
      const error = await omics.send(new GetOmicsWorkflowCommand({ id })).catch((e: unknown) => e);
      expect(error, id).toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
      expect((error as Error).message, id).toContain(`Value '${id}' at 'id'`);
    }
  });

  it("a service aws-doubles does not model: NotImplemented (501)", async () => {
    const response = await raw(server.url, { method: "GET", path: "/bucket", headers: { authorization: sigv4("s3") } });
    expect(response.status).toBe(501);
    expect(response.json()["message"]).toContain("does not model the s3 service");
  });

  it("places a request by its signing name without loading the modules of the services it does not name", () => {
    // A fresh process: this one has loaded every service already.
    const script = `
      const { startServer } = require(${JSON.stringify(DIST_SERVER)});
      const registry = require(${JSON.stringify(DIST_REGISTRY)});
      const auth = (service) => "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/" + service + "/aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64);
      (async () => {
        const server = await startServer();
        const s3 = await fetch(server.url + "/bucket", { headers: { authorization: auth("s3") } });
        const s3Body = await s3.json();
        const afterS3 = registry.loadedServiceIds();
        const glue = await fetch(server.url + "/", { method: "POST", body: "{}", headers: { authorization: auth("glue"), "x-amz-target": "AWSGlue.ListWorkflows", "content-type": "application/x-amz-json-1.1" } });
        const afterGlue = registry.loadedServiceIds();
        await server.close();
        process.stdout.write(JSON.stringify({ s3: { status: s3.status, message: s3Body.message }, afterS3, glue: glue.status, afterGlue }));
      })().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
    `;
    const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
    expect(child.stderr).toBe("");
    const result = JSON.parse(child.stdout) as { s3: { status: number; message: string }; afterS3: string[]; glue: number; afterGlue: string[] };
    expect(result.s3).toEqual({ status: 501, message: expect.stringContaining("does not model the s3 service") });
    expect(result.afterS3).toEqual([]);
    expect(result.glue).toBe(200);
    expect(result.afterGlue).toEqual(["Glue"]);
  });

  it("an oversized body, declared or chunked: RequestEntityTooLargeException (413)", async () => {
    const big = JSON.stringify({ Name: "x".repeat(200 * 1024) });
    const declared = await glueRequest("AWSGlue.CreateWorkflow", big);
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ __type: "RequestEntityTooLargeException" });
    const chunked = await raw(server.url, { headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSGlue.CreateWorkflow", authorization: sigv4("glue") }, body: big, chunked: true });
    expect(chunked.status).toBe(413);
  });

  it("bytes that are not HTTP: 400 and the connection closed", async () => {
    const { hostname, port } = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let text = "";
      socket.on("data", (c: Buffer) => (text += c.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });

  it("still answers well-formed calls after all of that", async () => {
    const glue = new GlueClient(clientConfig(server.url));
    await glue.send(new CreateWorkflowCommand({ Name: "after" }));
    expect((await glue.send(new GetWorkflowCommand({ Name: "after" }))).Workflow?.Name).toBe("after");
  });
});
