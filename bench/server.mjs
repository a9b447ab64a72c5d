#!/usr/bin/env node
// Server mode, measured side by side in one run (interleaved rounds, medians):
//   floor        the same GlueClient with a no-op request handler (the SDK's own cost)
//   in-process   aws-doubles through interception (mockAws)
//   server       aws-doubles server (`aws-doubles serve`, its own process) on loopback HTTP
//   moto_server  moto's server on loopback, when `moto_server` is on PATH (a Python package:
//                not installable from this project's registries; used only if already there)
// Every variant answers the same Glue GetWorkflow with the same SDK client settings. Then a
// throughput figure: the server under 50 concurrent keep-alive clients.
//
//   npm run build && node bench/server.mjs      (BENCH_ROUNDS, BENCH_CALLS, BENCH_SKIP_MOTO=1)
import { CreateWorkflowCommand, GetWorkflowCommand, GlueClient } from "@aws-sdk/client-glue";
import { HttpResponse } from "@smithy/core/protocols";
import { mockAws } from "aws-doubles";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { median, wallPerCall } from "./timing.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const MOTO_CALLS = Math.max(50, Math.floor(CALLS / 5));
const credentials = { accessKeyId: "AKIDBENCH", secretAccessKey: "secret" };
const region = "us-east-1";
const BIN = fileURLToPath(new URL("../dist/server/cli.js", import.meta.url));
const CREATE = new CreateWorkflowCommand({ Name: "bench", DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 });
const get = new GetWorkflowCommand({ Name: "bench" });


function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server process and resolves once a client can create the benchmark workflow. */
async function startProcess(command, args, endpoint) {
  const child = spawn(command, args, { stdio: "ignore", env: { ...process.env } });
  const client = new GlueClient({ region, credentials, endpoint, maxAttempts: 1 });
  for (let i = 0; i < 150; i++) {
    try {
      await client.send(CREATE);
      return { client, stop: () => child.kill("SIGTERM") };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill("SIGTERM");
  return undefined;
}

async function startAwsDoublesServer() {
  const port = await freePort();
  return startProcess(process.execPath, [BIN, "serve", "--port", String(port)], `http://127.0.0.1:${port}`);
}

async function startMoto() {
  if (process.env.BENCH_SKIP_MOTO === "1") return undefined;
  if (spawnSync("sh", ["-c", "command -v moto_server"]).status !== 0) return undefined;
  const port = await freePort();
  return startProcess("moto_server", ["-H", "127.0.0.1", "-p", String(port)], `http://127.0.0.1:${port}`);
}

// --- variants ---------------------------------------------------------------------------------
const cannedBody = Buffer.from(JSON.stringify({ Workflow: { Name: "bench", CreatedOn: 1.7e9, LastModifiedOn: 1.7e9, DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 } }));
const floorClient = new GlueClient({
  region,
  credentials,
  requestHandler: {
    handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r" }, body: cannedBody }) }),
  },
});
const inProcessClient = new GlueClient({ region, credentials });
const server = await startAwsDoublesServer();
if (!server) throw new Error("the aws-doubles server did not start (run `npm run build` first)");
const moto = await startMoto();

// Interception answers every client in the process, so it is installed only around its own rounds.
async function inProcessRound(calls) {
  const aws = mockAws();
  try {
    await inProcessClient.send(CREATE);
    return await wallPerCall(() => inProcessClient.send(get), calls);
  } finally {
    aws.restore();
  }
}

// Warm-up: identities, endpoints, sockets, JIT.
for (let i = 0; i < 300; i++) await floorClient.send(get);
await inProcessRound(300);
for (let i = 0; i < 300; i++) await server.client.send(get);
if (moto) for (let i = 0; i < 30; i++) await moto.client.send(get);

const results = { floor: [], inProcess: [], server: [], moto: [] };
for (let round = 0; round < ROUNDS; round++) {
  results.server.push(await wallPerCall(() => server.client.send(get), CALLS));
  results.floor.push(await wallPerCall(() => floorClient.send(get), CALLS));
  results.inProcess.push(await inProcessRound(CALLS));
  if (moto) results.moto.push(await wallPerCall(() => moto.client.send(get), MOTO_CALLS));
}

const floor = median(results.floor);
const serverUs = median(results.server);
const rows = [
  ["floor: SDK pipeline, no-op handler", median(results.floor)],
  ["aws-doubles in-process (mockAws)", median(results.inProcess)],
  ["aws-doubles server on loopback", serverUs],
  ...(moto ? [["moto_server on loopback", median(results.moto)]] : []),
];
console.log(`GetWorkflow through the SDK, ${ROUNDS} interleaved rounds × ${CALLS} calls (moto: ${MOTO_CALLS}), medians`);
console.log("| variant | µs/call | calls/s | × floor | × aws-doubles server |\n| --- | ---: | ---: | ---: | ---: |");
for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(1)} | ${Math.round(1e6 / us)} | ${(us / floor).toFixed(2)} | ${(us / serverUs).toFixed(2)} |`);
if (!moto) console.log("(moto_server not found on PATH: its row is skipped. moto is a Python package; this project's registries do not serve it.)");

// --- throughput under concurrency ----------------------------------------------------------------
const CONCURRENCY = 50;
const TOTAL = CALLS * 5;
let sent = 0;
const start = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (sent < TOTAL) {
      sent++;
      await server.client.send(get);
    }
  }),
);
const seconds = (performance.now() - start) / 1000;
console.log(
  `\naws-doubles server, ${CONCURRENCY} concurrent SDK callers in one client process: ${Math.round(TOTAL / seconds)} calls/s (${TOTAL} calls; ` +
    "on two cores the client's own SDK pipelines are most of the cost: test/server/load.test.ts measures the server with raw HTTP)",
);

server.stop();
moto?.stop();
