#!/usr/bin/env node
// npm run bench: how much aws-doubles adds to an SDK call, measured side by side in one process.
//   floor       the same GlueClient with a no-op request handler returning a canned response
//               (the full SDK pipeline, nothing else): the best any in-process fake can do
//   aws-doubles GetWorkflow answered by the fake (validation, store, codec, typed output)
//   moto        the same calls against `moto_server` on loopback, when it is on the machine
// Plus: a ListWorkflows page with 10 vs 10,000 stored workflows, and reset() with 10,000.
// Rounds are interleaved and medians reported, so a noisy machine skews all variants alike.
import { CreateWorkflowCommand, GetWorkflowCommand, GlueClient, ListWorkflowsCommand } from "@aws-sdk/client-glue";
import { HttpResponse } from "@smithy/core/protocols";
import { mockAws } from "aws-doubles";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const MOTO_CALLS = Math.max(50, Math.floor(CALLS / 10));
const credentials = { accessKeyId: "AKIDBENCH", secretAccessKey: "secret" };
const region = "us-east-1";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timePerCall(fn, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return ((performance.now() - start) * 1000) / calls; // µs per call
}

const cannedBody = Buffer.from(
  JSON.stringify({ Workflow: { Name: "bench", CreatedOn: 1.7e9, LastModifiedOn: 1.7e9, DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 } }),
);
const floorClient = new GlueClient({
  region,
  credentials,
  requestHandler: {
    handle: async () => ({
      response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r" }, body: cannedBody }),
    }),
  },
});
const fakeClient = new GlueClient({ region, credentials });
const get = new GetWorkflowCommand({ Name: "bench" });

// --- moto_server (optional) -----------------------------------------------------------------
function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startMoto() {
  if (process.env.BENCH_SKIP_MOTO === "1") return undefined;
  const which = spawnSync("sh", ["-c", "command -v moto_server"], { encoding: "utf8" });
  if (which.status !== 0) return undefined;
  const port = await freePort();
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new GlueClient({ region, credentials, endpoint, maxAttempts: 1 });
  for (let i = 0; i < 100; i++) {
    try {
      await client.send(new CreateWorkflowCommand({ Name: "bench", DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 }));
      return { client, stop: () => child.kill() };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  return undefined;
}

// --- main ------------------------------------------------------------------------------------
let aws = mockAws();
await fakeClient.send(new CreateWorkflowCommand({ Name: "bench", DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 }));
aws.restore(); // the state goes with it; re-created below for each round
const moto = await startMoto();

// Warm-up: first sends resolve identities, endpoints and JIT.
for (let i = 0; i < 300; i++) await floorClient.send(get);
aws = mockAws();
await fakeClient.send(new CreateWorkflowCommand({ Name: "bench", DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 }));
for (let i = 0; i < 300; i++) await fakeClient.send(get);

const results = { floor: [], fake: [], moto: [] };
for (let round = 0; round < ROUNDS; round++) {
  results.fake.push(await timePerCall(() => fakeClient.send(get), CALLS));
  results.floor.push(await timePerCall(() => floorClient.send(get), CALLS));
  if (moto) {
    aws.restore();
    results.moto.push(await timePerCall(() => moto.client.send(get), MOTO_CALLS));
    aws = mockAws();
    await fakeClient.send(new CreateWorkflowCommand({ Name: "bench", DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 }));
  }
  aws.reset(); // keep the call log from growing across rounds
  await fakeClient.send(new CreateWorkflowCommand({ Name: "bench", DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 }));
}
moto?.stop();

const floor = median(results.floor);
const rows = [
  ["floor: SDK pipeline, no-op handler", floor],
  ["aws-doubles: GetWorkflow", median(results.fake)],
  ...(moto ? [["moto_server on loopback: GetWorkflow", median(results.moto)]] : []),
];
console.log(`GetWorkflow, ${ROUNDS} interleaved rounds × ${CALLS} calls (moto: ${MOTO_CALLS}), medians`);
console.log("| variant | µs/call | calls/s | × floor |\n| --- | ---: | ---: | ---: |");
for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(1)} | ${Math.round(1e6 / us)} | ${(us / floor).toFixed(2)} |`);
if (!moto) console.log("(moto_server not found on PATH: moto row skipped)");

// --- list-page cost and reset() ------------------------------------------------------------
async function pageCost(size) {
  aws.reset();
  for (let i = 0; i < size; i++) await fakeClient.send(new CreateWorkflowCommand({ Name: `wf-${String(i).padStart(6, "0")}` }));
  const first = await fakeClient.send(new ListWorkflowsCommand({ MaxResults: 25 }));
  const next = new ListWorkflowsCommand({ MaxResults: 25, NextToken: first.NextToken });
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) samples.push(await timePerCall(() => fakeClient.send(next), Math.floor(CALLS / 4)));
  return median(samples);
}
const small = await pageCost(10);
const large = await pageCost(10_000);
console.log("\nListWorkflows, second page of 25, medians");
console.log("| stored workflows | µs/page | × 10-workflow store |\n| --- | ---: | ---: |");
console.log(`| 10 | ${small.toFixed(1)} | 1.00 |`);
console.log(`| 10,000 | ${large.toFixed(1)} | ${(large / small).toFixed(2)} |`);

const resetStart = performance.now();
aws.reset();
console.log(`\nreset() with 10,000 workflows stored: ${(performance.now() - resetStart).toFixed(2)} ms`);
aws.restore();
