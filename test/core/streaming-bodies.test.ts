import * as omicsSdk from "@aws-sdk/client-omics";
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";

/**
 * Streaming payloads on the wire: an input stream (a Readable, web ReadableStream or Blob) is
 * read into bytes before a synchronous handler sees it, and a streaming output payload is
 * written as the stream.Readable the SDK hands back to the caller.
 */
const require = createRequire(import.meta.url);
const { withStreamsRead } = require("../../dist/intercept/streaming-input.js") as typeof import("../../src/intercept/streaming-input.js");
const { writeOutput } = require("../../dist/protocol/writers.js") as typeof import("../../src/protocol/writers.js");
const { codecFor } = require("../../dist/protocol/codec.js") as typeof import("../../src/protocol/codec.js");

const uploadSchema = (omicsSdk as unknown as Record<string, unknown[]>)["UploadReadSetPart$"]![4];
const base = { sequenceStoreId: "1234567890", uploadId: "1234567890", partSource: "SOURCE1", partNumber: 1 };
const text = (bytes: unknown) => Buffer.from(bytes as Uint8Array).toString("utf8");

describe("streaming request bodies", () => {
  it("reads a Node Readable, a web ReadableStream and a Blob into bytes, without touching the caller's object", async () => {
    const readable = { ...base, payload: Readable.from([Buffer.from("@r1\nAC"), Buffer.from("GT\n+\nIIII\n")]) };
    const read = await withStreamsRead(uploadSchema, readable);
    expect(read).not.toBe(readable);
    expect(text(read.payload)).toBe("@r1\nACGT\n+\nIIII\n");
    expect(readable.payload).toBeInstanceOf(Readable);

    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("web "));
        controller.enqueue(new TextEncoder().encode("stream"));
        controller.close();
      },
    });
    expect(text((await withStreamsRead(uploadSchema, { ...base, payload: web })).payload)).toBe("web stream");
    expect(text((await withStreamsRead(uploadSchema, { ...base, payload: new Blob(["a blob"]) })).payload)).toBe("a blob");
  });

  it("leaves bytes, strings and operations without a streaming member as they are", async () => {
    const bytes = { ...base, payload: new Uint8Array([1, 2, 3]) };
    expect(await withStreamsRead(uploadSchema, bytes)).toBe(bytes);
    const string = { ...base, payload: "text" };
    expect(await withStreamsRead(uploadSchema, string)).toBe(string);
    const getSchema = (omicsSdk as unknown as Record<string, unknown[]>)["GetRun$"]![4];
    const plain = { id: "1234567" };
    expect(await withStreamsRead(getSchema, plain)).toBe(plain);
  });
});

describe("streaming response bodies", () => {
  it("marks a streaming payload (even an empty one) so the front door delivers it as a stream", () => {
    const schema = (omicsSdk as unknown as Record<string, unknown>)["GetReadSet$"];
    const codec = codecFor(undefined, "restJson1", "com.amazonaws.omics");
    const full = writeOutput("restJson1", codec, schema, { payload: new Uint8Array([65, 66]) }, "req");
    expect(full).toMatchObject({ statusCode: 200, streaming: true });
    expect(full.body.toString()).toBe("AB");
    const empty = writeOutput("restJson1", codec, schema, {}, "req");
    expect(empty.streaming).toBe(true);
    expect(empty.body.length).toBe(0);
    const plain = writeOutput("restJson1", codec, (omicsSdk as unknown as Record<string, unknown>)["UploadReadSetPart$"], { checksum: "c" }, "req");
    expect(plain.streaming).toBeUndefined();
  });
});
