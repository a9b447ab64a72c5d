#!/usr/bin/env node
// node bench/scale.mjs (after npm run build): how the cost of a call grows with the store or the
// graph behind it. Each size of a curve gets an account of its own, seeded with that many
// resources; the call is then timed through the real SDK client in every account, in
// interleaved rounds (so warm-up and a busy machine affect all sizes alike), and the medians
// are reported with the ratio to the smallest size. A flat ratio is the goal; a ratio that
// follows the size is a cost that grows with the store.
//   Image Builder  GetImage of a build ARN, a ListImageBuildVersions page, a ListImages page,
//                  with 10 / 1,000 / 100,000 builds of one image version
//   HealthOmics    ListRuns with a name filter, with 10 / 1,000 / 100,000 stored runs
//   Proton         GetEnvironmentTemplate, with 10 / 1,000 / 3,000 published versions
//   Glue           StartWorkflowRun + settle() of an N-job chain, N = 10 / 100 / 1,000
//                  (here the cost should grow with N, linearly: reported per job too)
// Stores are seeded through the fake's own operations (the same validation and handlers an SDK
// call gets, without the SDK round trip), so seeding 100,000 resources takes seconds.
// Times are CPU µs of this process (user + system) per call, medians of rounds: on a shared
// machine the shape of a curve must not depend on the neighbours.
// Options (environment): SCALE_ROUNDS (default 5), SCALE_CALLS (calls per round, default 200),
// SCALE_MAX (largest store seeded, default 100000), SCALE_JSON=1 (one JSON object, no tables).
import { GlueClient, StartWorkflowRunCommand } from "@aws-sdk/client-glue";
import { GetImageCommand, ImagebuilderClient, ListImageBuildVersionsCommand, ListImagesCommand } from "@aws-sdk/client-imagebuilder";
import { ListRunsCommand, OmicsClient } from "@aws-sdk/client-omics";
import { GetEnvironmentTemplateCommand, ProtonClient } from "@aws-sdk/client-proton";
import { mockAws } from "aws-doubles";
import { setServiceQuota } from "aws-doubles/omics";
import { strToU8, zipSync } from "fflate";
import { createRequire } from "node:module";
import { cpuPerCall, median } from "./timing.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const require = createRequire(import.meta.url);
const { callOperation } = require("../dist/engine/internal-call.js");
const { globalState } = require("../dist/state.js");
const { findService } = require("../dist/services/registry.js");

const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 5);
const CALLS = Number(process.env.SCALE_CALLS ?? 200);
const MAX = Number(process.env.SCALE_MAX ?? 100_000);
const JSON_OUT = process.env.SCALE_JSON === "1";
const REGION = "us-east-1";

const upTo = (...sizes) => sizes.filter((n) => n <= MAX);
/** One account per size: 100000000010 for 10, 100000001000 for 1,000, … */
const accountFor = (size) => String(100_000_000_000 + size);
const arn = (service, account, resource) => `arn:aws:${service}:${REGION}:${account}:${resource}`;

const aws = mockAws({ transitions: "manual" });
const client = (Client, account) => new Client({ region: REGION, credentials: aws.credentialsFor(account) });

/** Runs an operation of the fake directly (validation and handler, no SDK round trip): seeding only. */
function seed(serviceId, account, operation, input) {
  return callOperation(globalState().engine, findService(serviceId), operation, input, { accountId: account, region: REGION });
}

/**
 * Times `calls` calls of each size's `fn` per round, sizes interleaved within every round,
 * after a warm-up of each; returns the median per size.
 */
async function interleaved(bySize, calls = CALLS) {
  for (const { fn } of bySize) for (let i = 0; i < Math.min(20, calls); i++) await fn();
  const samples = bySize.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { fn }] of bySize.entries()) samples[i].push(await cpuPerCall(fn, calls));
  }
  return bySize.map(({ size }, i) => ({ size, value: median(samples[i]) }));
}

const curves = [];
function report(title, unit, rows, per) {
  const base = rows[0].value;
  curves.push({ title, unit, rows: rows.map((r) => ({ ...r, ratio: r.value / base })) });
  if (JSON_OUT) return;
  console.log(`\n${title}`);
  console.log(`| size | ${unit} | × smallest |${per ? ` ${per.unit} |` : ""}\n| ---: | ---: | ---: |${per ? " ---: |" : ""}`);
  for (const r of rows) {
    const extra = per ? ` ${(r.value / per.divide(r.size)).toFixed(1)} |` : "";
    console.log(`| ${r.size.toLocaleString("en-US")} | ${r.value.toFixed(1)} | ${(r.value / base).toFixed(2)} |${extra}`);
  }
}

// --- Image Builder: builds of one image version ---------------------------------------------
{
  const sizes = upTo(10, 1_000, 100_000);
  for (const size of sizes) {
    // Imported VM images: builds of `scale/1.0.0` without recipe snapshots, so 100k fit in memory.
    for (let i = 0; i < size; i++) {
      seed("imagebuilder", accountFor(size), "ImportVmImage", { name: "scale", semanticVersion: "1.0.0", platform: "Linux", vmImportTaskId: "import-ami-0123456789abcdef0", clientToken: `t-${i}` });
    }
  }
  const perSize = sizes.map((size) => {
    const account = accountFor(size);
    const ib = client(ImagebuilderClient, account);
    return {
      size,
      get: new GetImageCommand({ imageBuildVersionArn: arn("imagebuilder", account, `image/scale/1.0.0/${Math.ceil(size / 2)}`) }),
      page: new ListImageBuildVersionsCommand({ imageVersionArn: arn("imagebuilder", account, "image/scale/1.0.0"), maxResults: 25 }),
      list: new ListImagesCommand({ maxResults: 25 }),
      ib,
    };
  });
  report("Image Builder GetImage of a build ARN, by builds of the image version", "CPU µs/call", await interleaved(perSize.map((s) => ({ size: s.size, fn: () => s.ib.send(s.get) }))));
  report("Image Builder ListImageBuildVersions, a page of 25, by builds of the image version", "CPU µs/call", await interleaved(perSize.map((s) => ({ size: s.size, fn: () => s.ib.send(s.page) }))));
  report("Image Builder ListImages, a page, by builds of the image version", "CPU µs/call", await interleaved(perSize.map((s) => ({ size: s.size, fn: () => s.ib.send(s.list) }))));
  aws.reset();
  aws.configure({ transitions: "manual" });
}

// --- HealthOmics: ListRuns with a name filter -------------------------------------------------
{
  const wdl = "version 1.0\nworkflow scale {\n  input {\n    String sample\n  }\n  call work\n}\ntask work {\n  command <<< true >>>\n}\n";
  const sizes = upTo(10, 1_000, 100_000);
  for (const size of sizes) {
    const account = accountFor(size);
    setServiceQuota("runs", size + 10, { accountId: account, region: REGION });
    const { id: workflowId } = seed("Omics", account, "CreateWorkflow", { name: "scale", definitionZip: zipSync({ "main.wdl": strToU8(wdl) }), requestId: "wf" });
    aws.settle(); // the workflow becomes ACTIVE
    // Five runs named "target", spread over the store: every size lists the same page.
    const every = Math.max(1, Math.floor(size / 5));
    for (let i = 0; i < size; i++) {
      const name = i % every === 0 && i / every < 5 ? "target" : `run-${i}`;
      seed("Omics", account, "StartRun", { workflowId, roleArn: `arn:aws:iam::${account}:role/r`, outputUri: "s3://scale-out/runs/", parameters: { sample: "s" }, name, requestId: `r-${i}` });
    }
  }
  const list = new ListRunsCommand({ name: "target", maxResults: 10 });
  const rows = await interleaved(sizes.map((size) => ({ size, fn: ((omics) => () => omics.send(list))(client(OmicsClient, accountFor(size))) })));
  report("HealthOmics ListRuns with a name filter (5 matches), by stored runs", "CPU µs/call", rows);
  aws.reset();
  aws.configure({ transitions: "manual" });
}

// --- Proton: GetEnvironmentTemplate with V versions --------------------------------------------
{
  const sizes = [10, 1_000, 3_000];
  for (const versions of sizes) {
    const account = accountFor(versions);
    seed("Proton", account, "CreateEnvironmentTemplate", { name: "scale" });
    for (let i = 0; i < versions; i++) {
      seed("Proton", account, "CreateEnvironmentTemplateVersion", { templateName: "scale", majorVersion: i === 0 ? undefined : "1", source: { s3: { bucket: "scale-templates", key: "bundle.tar.gz" } }, clientToken: `v-${i}` });
    }
  }
  aws.settle(); // registrations end in DRAFT
  for (const versions of sizes) {
    for (let i = 0; i < versions; i++) seed("Proton", accountFor(versions), "UpdateEnvironmentTemplateVersion", { templateName: "scale", majorVersion: "1", minorVersion: String(i), status: "PUBLISHED" });
  }
  const get = new GetEnvironmentTemplateCommand({ name: "scale" });
  const rows = await interleaved(sizes.map((size) => ({ size, fn: ((proton) => () => proton.send(get))(client(ProtonClient, accountFor(size))) })));
  report("Proton GetEnvironmentTemplate, by published versions of the template", "CPU µs/call", rows);
  aws.reset();
  aws.configure({ transitions: "manual" });
}

// --- Glue: StartWorkflowRun + settle() of an N-job chain ---------------------------------------
{
  const sizes = [10, 100, 1_000];
  for (const jobs of sizes) {
    const account = accountFor(jobs);
    seed("Glue", account, "CreateWorkflow", { Name: "chain" });
    for (let i = 0; i < jobs; i++) seed("Glue", account, "CreateJob", { Name: `j${i}`, Role: `arn:aws:iam::${account}:role/glue`, Command: { Name: "glueetl", ScriptLocation: "s3://scripts/j.py" } });
    seed("Glue", account, "CreateTrigger", { Name: "start", WorkflowName: "chain", Type: "ON_DEMAND", Actions: [{ JobName: "j0" }] });
    for (let i = 1; i < jobs; i++) {
      seed("Glue", account, "CreateTrigger", {
        Name: `after-${i - 1}`,
        WorkflowName: "chain",
        Type: "CONDITIONAL",
        StartOnCreation: true,
        Predicate: { Conditions: [{ LogicalOperator: "EQUALS", JobName: `j${i - 1}`, State: "SUCCEEDED" }] },
        Actions: [{ JobName: `j${i}` }],
      });
    }
  }
  const start = new StartWorkflowRunCommand({ Name: "chain" });
  const rows = await interleaved(
    sizes.map((size) => {
      const glue = client(GlueClient, accountFor(size));
      return {
        size,
        fn: async () => {
          await glue.send(start);
          aws.settle();
        },
      };
    }),
    3,
  );
  report(
    "Glue StartWorkflowRun + settle() of an N-job chain, by N (linear is the goal: see µs per job)",
    "CPU ms/run",
    rows.map((r) => ({ size: r.size, value: r.value / 1000 })),
    { unit: "CPU µs/job", divide: (size) => size / 1000 },
  );
}

aws.restore();
if (JSON_OUT) console.log(JSON.stringify({ rounds: ROUNDS, calls: CALLS, curves }, null, 2));
