#!/usr/bin/env node
// How much aws-doubles adds to an SDK call, per service, for a read and a write, measured side
// by side in one process against an honest floor (run after `npm run build`):
//   floor        a client whose request handler returns, unchanged, the response bytes the
//                fake wrote for that call: the whole SDK pipeline (serializer, signing,
//                retries, deserializer) and nothing else. It is timed with the fake
//                UNINSTALLED (an installed fake answers every client, this one included), and
//                the bench asserts its handler answered every floor call.
//   aws-doubles  the SAME client answered by the fake (validation, idempotency, store,
//                codec, call log), timed with the fake installed; the bench asserts the
//                handler was not called then.
// Each case, in each round: install, time the fake, restore, time the floor — interleaved block
// by block, medians kept. Times are this process's CPU time (user + system), so neighbours on a
// shared machine skew the two alike rather than whichever block they happened to overlap.
// Writes create a new resource per call.
// Options (environment): BENCH_ROUNDS (default 7), BENCH_CALLS (per round, default 600),
// BENCH_JSON=1 (one JSON object instead of the table).
import { CreateWorkflowCommand, GetWorkflowCommand, GlueClient } from "@aws-sdk/client-glue";
import { CreateComponentCommand, GetComponentCommand, ImagebuilderClient } from "@aws-sdk/client-imagebuilder";
import { CreateRunGroupCommand, GetRunGroupCommand, OmicsClient } from "@aws-sdk/client-omics";
import { CreateEnvironmentTemplateCommand, GetEnvironmentTemplateCommand, ProtonClient } from "@aws-sdk/client-proton";
import { HttpResponse } from "@smithy/core/protocols";
import { mockAws } from "aws-doubles";
import { setServiceQuota } from "aws-doubles/omics";
import assert from "node:assert/strict";
import { cpuPerCall, median } from "./timing.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 600);
const JSON_OUT = process.env.BENCH_JSON === "1";
const credentials = { accessKeyId: "AKIDBENCH", secretAccessKey: "secret" };
const region = "us-east-1";

const COMPONENT_YAML = `name: hello
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: say
        action: ExecuteBash
        inputs:
          commands: ["echo hello"]
`;

let counter = 0;
const unique = (prefix) => `${prefix}-${++counter}`;

/** One row: a service's read or write, with the state it needs seeded in the fake. */
const cases = [
  {
    name: "Glue GetWorkflow",
    Client: GlueClient,
    seed: (c) => c.send(new CreateWorkflowCommand({ Name: "bench", DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 })),
    command: () => new GetWorkflowCommand({ Name: "bench" }),
  },
  {
    name: "Glue CreateWorkflow",
    Client: GlueClient,
    command: () => new CreateWorkflowCommand({ Name: unique("wf"), DefaultRunProperties: { a: "b" }, MaxConcurrentRuns: 1 }),
  },
  {
    name: "Image Builder GetComponent",
    Client: ImagebuilderClient,
    seed: async (c, state) => {
      state.arn = (await c.send(new CreateComponentCommand({ name: "bench", semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_YAML }))).componentBuildVersionArn;
    },
    command: (state) => new GetComponentCommand({ componentBuildVersionArn: state.arn }),
  },
  {
    name: "Image Builder CreateComponent",
    Client: ImagebuilderClient,
    command: () => new CreateComponentCommand({ name: unique("component"), semanticVersion: "1.0.0", platform: "Linux", data: COMPONENT_YAML }),
  },
  {
    name: "HealthOmics GetRunGroup",
    Client: OmicsClient,
    seed: async (c, state) => {
      state.id = (await c.send(new CreateRunGroupCommand({ name: "bench", maxCpus: 64, maxRuns: 10 }))).id;
    },
    command: (state) => new GetRunGroupCommand({ id: state.id }),
  },
  {
    name: "HealthOmics CreateRunGroup",
    Client: OmicsClient,
    // A round creates more run groups than the default quota of 100 allows.
    seed: () => setServiceQuota("runGroups", 1_000_000),
    command: () => new CreateRunGroupCommand({ name: unique("group"), maxCpus: 64, maxRuns: 10 }),
  },
  {
    name: "Proton GetEnvironmentTemplate",
    Client: ProtonClient,
    seed: (c) => c.send(new CreateEnvironmentTemplateCommand({ name: "bench", displayName: "Bench", description: "d" })),
    command: () => new GetEnvironmentTemplateCommand({ name: "bench" }),
  },
  {
    name: "Proton CreateEnvironmentTemplate",
    Client: ProtonClient,
    command: () => new CreateEnvironmentTemplateCommand({ name: unique("template"), displayName: "Bench", description: "d" }),
  },
];

/** Captures the raw response the fake wrote, to replay it from the floor's handler. */
function capturing(client) {
  const captured = {};
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      captured.statusCode = result.response.statusCode;
      captured.headers = { ...result.response.headers };
      captured.body = Buffer.from(result.response.body);
      return result;
    },
    { step: "deserialize", priority: "low", name: "benchCapture" },
  );
  return captured;
}

// Prepare each case: its fake client, and a floor client replaying the fake's own answer.
let aws = mockAws();
for (const c of cases) {
  c.state = {};
  c.seedClient = new c.Client({ region, credentials });
  c.seedFor = async () => c.seed?.(c.seedClient, c.state);
  await c.seedFor();
  const probe = new c.Client({ region, credentials });
  const captured = capturing(probe);
  await probe.send(c.command(c.state));
  c.floorCalls = 0;
  c.client = new c.Client({
    region,
    credentials,
    requestHandler: {
      handle: async () => {
        c.floorCalls++;
        return { response: new HttpResponse({ statusCode: captured.statusCode, headers: captured.headers, body: Buffer.from(captured.body) }) };
      },
    },
  });
}
aws.restore();

// BENCH_RUN=<case>:<fake|floor>:<n>: only warm up, then send n calls of one case one way, untimed
// (for instruction counts under valgrind: see bench/instructions.mjs).
if (process.env.BENCH_RUN) {
  const [caseName, mode, n] = process.env.BENCH_RUN.split(":");
  const c = cases.find((x) => x.name === caseName);
  assert.ok(c, `no case ${caseName}`);
  for (let i = 0; i < 200; i++) await c.client.send(c.command(c.state));
  aws = mockAws();
  await c.seedFor();
  for (let i = 0; i < 200; i++) await c.client.send(c.command(c.state));
  if (mode === "floor") aws.restore();
  for (let i = 0; i < Number(n); i++) await c.client.send(c.command(c.state));
  if (mode === "fake") aws.restore();
  process.exit(0);
}

// Warm-up, both ways.
for (const c of cases) {
  for (let i = 0; i < 200; i++) await c.client.send(c.command(c.state));
}
aws = mockAws();
for (const c of cases) {
  await c.seedFor();
  for (let i = 0; i < 200; i++) await c.client.send(c.command(c.state));
}
aws.restore();

const samples = new Map(cases.map((c) => [c.name, { fake: [], floor: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    aws = mockAws();
    await c.seedFor();
    const before = c.floorCalls;
    samples.get(c.name).fake.push(await cpuPerCall(() => c.client.send(c.command(c.state)), CALLS));
    assert.equal(c.floorCalls, before, `${c.name}: the fake must answer every call while installed`);
    aws.restore();
    samples.get(c.name).floor.push(await cpuPerCall(() => c.client.send(c.command(c.state)), CALLS));
    assert.equal(c.floorCalls - before, CALLS, `${c.name}: the floor's handler must answer every floor call (the fake is uninstalled)`);
  }
}

const rows = cases.map((c) => {
  const s = samples.get(c.name);
  const floor = median(s.floor);
  const fake = median(s.fake);
  return { name: c.name, floorUs: floor, fakeUs: fake, ratio: fake / floor };
});
if (JSON_OUT) {
  console.log(JSON.stringify({ rounds: ROUNDS, calls: CALLS, rows }));
} else {
  console.log(`Per-call CPU cost, ${ROUNDS} interleaved rounds × ${CALLS} calls, medians (floor: the fake uninstalled, its own answer replayed)`);
  console.log("| call | floor CPU µs | aws-doubles CPU µs | × floor |\n| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.name} | ${r.floorUs.toFixed(1)} | ${r.fakeUs.toFixed(1)} | ${r.ratio.toFixed(2)} |`);
}
