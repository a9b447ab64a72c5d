import * as omics from "@aws-sdk/client-omics";
import * as glue from "@aws-sdk/client-glue";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { readRestJsonRequest, readJsonRpcRequest, RequestReadError } = require("../../dist/protocol/request-readers.js") as typeof import("../../src/protocol/request-readers.js");
const { parseUriTemplate, matchUriTemplate } = require("../../dist/protocol/uri-template.js") as typeof import("../../src/protocol/uri-template.js");
const { CallLog } = require("../../dist/engine/calls.js") as typeof import("../../src/engine/calls.js");

const NS = "com.amazonaws.omics";
const input = (schema: unknown) => (schema as unknown[])[4];
const request = (parts: { labels?: Record<string, string>; query?: string; headers?: Record<string, string>; body?: string | Buffer }) => ({
  labels: parts.labels ?? {},
  query: new URLSearchParams(parts.query ?? ""),
  headers: parts.headers ?? {},
  body: Buffer.from(parts.body ?? ""),
});

describe("restJson1 request readers, from the client's operation schemas", () => {
  it("reads labels, typed query values and repeated query keys", () => {
    expect(readRestJsonRequest(NS, input(omics.GetRunTask$), request({ labels: { id: "1234567", taskId: "7654321" } }))).toEqual({ id: "1234567", taskId: "7654321" });
    expect(readRestJsonRequest(NS, input(omics.ListRuns$), request({ query: "maxResults=5&status=RUNNING&name=a%20b" }))).toEqual({ maxResults: 5, status: "RUNNING", name: "a b" });
    expect(readRestJsonRequest(NS, input(omics.UntagResource$), request({ labels: { resourceArn: "arn:x" }, query: "tagKeys=a&tagKeys=b%2Cc" }))).toEqual({ resourceArn: "arn:x", tagKeys: ["a", "b,c"] });
    expect(readRestJsonRequest(NS, input(omics.DeleteVariantStore$), request({ labels: { name: "v" }, query: "force=true" }))).toEqual({ name: "v", force: true });
  });

  it("reads headers and raw blob payloads", () => {
    expect(readRestJsonRequest(NS, input(omics.GetReference$), request({ labels: { id: "1", referenceStoreId: "2" }, query: "partNumber=3", headers: { range: "bytes=0-9" } }))).toMatchObject({ range: "bytes=0-9", partNumber: 3 });
    const upload = readRestJsonRequest(NS, input(omics.UploadReadSetPart$), request({ labels: { sequenceStoreId: "1", uploadId: "2" }, query: "partSource=SOURCE1&partNumber=1", body: Buffer.from([1, 2, 3]) }));
    expect(upload["payload"]).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("reads JSON bodies with the protocol's codec: blobs from base64, timestamps, and never a label from the body", () => {
    const read = readRestJsonRequest(NS, input(omics.CreateWorkflow$), request({ body: JSON.stringify({ name: "w", definitionZip: Buffer.from("zip").toString("base64"), tags: { a: "b" } }) }));
    expect(read).toEqual({ name: "w", definitionZip: new Uint8Array(Buffer.from("zip")), tags: { a: "b" } });
    const smuggled = readRestJsonRequest(NS, input(omics.GetRunGroup$), request({ labels: { id: "1234567" }, body: JSON.stringify({ id: "other" }) }));
    expect(smuggled).toEqual({ id: "1234567" });
  });

  it("refuses what it cannot read with a RequestReadError (the service's SerializationException)", () => {
    expect(() => readRestJsonRequest(NS, input(omics.ListRuns$), request({ query: "maxResults=five" }))).toThrow(RequestReadError);
    expect(() => readRestJsonRequest(NS, input(omics.CreateWorkflow$), request({ body: "{" }))).toThrow(/not valid JSON/);
    expect(() => readJsonRpcRequest("awsJson1_1", "com.amazonaws.glue", input(glue.GetWorkflow$), Buffer.from('"text"'))).toThrow(/must be a JSON object/);
    expect(readJsonRpcRequest("awsJson1_1", "com.amazonaws.glue", input(glue.GetWorkflow$), Buffer.from(""))).toEqual({});
  });
});

describe("URI templates", () => {
  it("match literal segments and labels, decode labels, and tolerate one trailing slash", () => {
    const template = parseUriTemplate("/tags/{resourceArn}");
    expect(matchUriTemplate(template, "/tags/arn%3Aaws%3Aomics%3Aus-east-1%3A1%3Arun%2F1", new URLSearchParams())).toEqual({ resourceArn: "arn:aws:omics:us-east-1:1:run/1" });
    expect(matchUriTemplate(template, "/tags/x/", new URLSearchParams())).toEqual({ resourceArn: "x" });
    expect(matchUriTemplate(template, "/tags", new URLSearchParams())).toBeUndefined();
    expect(matchUriTemplate(template, "/tags/a/b", new URLSearchParams())).toBeUndefined();
    expect(matchUriTemplate(template, "/tags/%E0%A4%A", new URLSearchParams())).toBeUndefined();
  });

  it("match greedy labels across slashes and literal query parts", () => {
    const greedy = parseUriTemplate("/objects/{Key+}?x-id=GetObject");
    expect(matchUriTemplate(greedy, "/objects/a/b%20c/d", new URLSearchParams("x-id=GetObject"))).toEqual({ Key: "a/b c/d" });
    expect(matchUriTemplate(greedy, "/objects/a/b", new URLSearchParams())).toBeUndefined();
    expect(matchUriTemplate(greedy, "/objects/", new URLSearchParams("x-id=GetObject"))).toBeUndefined();
  });
});

describe("a bounded call log", () => {
  it("forgets the oldest calls first and reports the newest", () => {
    const log = new CallLog();
    log.limit = 3;
    for (let i = 0; i < 5000; i++) log.add({ service: "Glue", operation: `Op${i}`, input: {}, accountId: "1", region: "r" });
    expect(log.size).toBe(3);
    expect(log.all().map((c) => c.operation)).toEqual(["Op4997", "Op4998", "Op4999"]);
    expect(log.recent(2).map((c) => c.operation)).toEqual(["Op4998", "Op4999"]);
    expect(() => (log.limit = 0)).toThrow(RangeError);
    log.clear();
    expect(log.all()).toEqual([]);
  });
});
