import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { Agent, request } from "node:http";
import { connect, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sigv4 } from "./helpers.js";

/**
 * A bounded load test on loopback: the server runs as its own process (as `aws-doubles serve`),
 * the test holds many connections open at once and then soaks it with requests, checking
 * that every answer is right and that the server's heap stays flat (its call log is bounded).
 * The small version always runs; AWS_DOUBLES_LOAD_TEST=1 runs the full one: 1,000 concurrent
 * connections and 100,000 requests (a minute or two on two cores).
 */
const FULL = process.env["AWS_DOUBLES_LOAD_TEST"] === "1";
const CONNECTIONS = FULL ? 1_000 : 100;
const SOAK = FULL ? 100_000 : 3_000;
const SOAK_CONCURRENCY = 50;
/** Heap growth allowed between the warm-up reading and the last one (garbage collected both times). */
const HEAP_GROWTH_LIMIT = 24 * 1024 * 1024;

const BIN = fileURLToPath(new URL("../../dist/server/cli.js", import.meta.url));

let child: ChildProcessWithoutNullStreams;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, ["--expose-gc", BIN, "serve", "--port", "0", "--max-recorded-calls", "1000"], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
});

afterAll(async () => {
  if (child.exitCode !== null) return;
  const exit = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGTERM");
  await exit;
});

const BODY = JSON.stringify({ Name: "load" });
const HEADERS = { "content-type": "application/x-amz-json-1.1", authorization: sigv4("glue"), "content-length": String(Buffer.byteLength(BODY)) };

/** One Glue call over `agent`: resolves with the status and whether the body was the workflow. */
function call(agent: Agent, target: string): Promise<{ status: number; ok: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const req = request({ hostname, port, path: "/", method: "POST", agent, headers: { ...HEADERS, "x-amz-target": target } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ok: Buffer.concat(chunks).toString().includes('"Name":"load"') }));
      res.on("error", () => resolve({ status: -1, ok: false }));
    });
    req.on("error", () => resolve({ status: -1, ok: false }));
    req.end(BODY);
  });
}

async function heapUsed(): Promise<number> {
  const health = (await (await fetch(`${url}/_aws-doubles/health?gc=1`)).json()) as { memory: { heapUsed: number } };
  return health.memory.heapUsed;
}

describe(`loopback load (${FULL ? "full" : "small; AWS_DOUBLES_LOAD_TEST=1 for the full run"})`, () => {
  it(`holds ${CONNECTIONS} concurrent connections open, then answers on each`, async () => {
    const create = await call(new Agent(), "AWSGlue.CreateWorkflow");
    expect(create.status).toBe(200);
    const { hostname, port } = new URL(url);
    // Every connection is open at once before any request is sent on it.
    const sockets = await Promise.all(
      Array.from({ length: CONNECTIONS }, () => new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
        socket.on("error", reject);
      })),
    );
    const rawRequest = `POST / HTTP/1.1\r\nhost: ${hostname}:${port}\r\nx-amz-target: AWSGlue.GetWorkflow\r\n${Object.entries(HEADERS).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\nconnection: close\r\n\r\n${BODY}`;
    const answers = await Promise.all(
      sockets.map((socket) => new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (c: Buffer) => (text += c.toString()));
        socket.on("close", () => resolve(text));
        socket.on("error", () => resolve(text));
        socket.write(rawRequest);
      })),
    );
    const wrong = answers.filter((a) => !a.startsWith("HTTP/1.1 200") || !a.includes('"Name":"load"'));
    expect(wrong).toEqual([]);
    expect(answers).toHaveLength(CONNECTIONS);
  }, 300_000);

  it(`answers a soak of ${SOAK} requests without an error, with flat memory`, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: SOAK_CONCURRENCY });
    let sent = 0;
    let failures = 0;
    let baseline: number | undefined;
    const warmup = Math.floor(SOAK / 10);
    const worker = async () => {
      while (sent < SOAK) {
        sent++;
        if (sent === warmup) baseline = await heapUsed();
        const result = await call(agent, "AWSGlue.GetWorkflow");
        if (result.status !== 200 || !result.ok) failures++;
      }
    };
    await Promise.all(Array.from({ length: SOAK_CONCURRENCY }, worker));
    agent.destroy();
    const end = await heapUsed();
    console.info(`[load] ${SOAK} requests: server heap ${((baseline ?? end) / 1048576).toFixed(1)} MiB after ${warmup}, ${(end / 1048576).toFixed(1)} MiB at the end`);
    expect(failures).toBe(0);
    expect(end - (baseline ?? end)).toBeLessThan(HEAP_GROWTH_LIMIT);
    const health = (await (await fetch(`${url}/_aws-doubles/health`)).json()) as { recordedCalls: number; requests: number };
    expect(health.recordedCalls).toBe(1000); // bounded: the oldest calls were forgotten
    expect(health.requests).toBeGreaterThanOrEqual(SOAK + CONNECTIONS);
  }, 600_000);
});
