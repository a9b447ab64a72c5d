#!/usr/bin/env node
// Glue GetPartitions on the Data Catalog fake, against the SDK's own floor (run after `npm run build`):
//   floor       a GlueClient with a no-op request handler returning a canned GetPartitions page of the
//               same size, measured while the fake is NOT installed: the SDK pipeline and nothing else
//   no filter   a page of 10 partitions from a table of 10, and from a table of 100,000 (its first
//               page and a page deep inside it): the page costs the same, whatever the store holds
//   expression  a page with `tag = 'hit' AND id >= 0` over tables of 10,000 and 100,000 partitions,
//               ten of which match, spread through the table: the whole table is scanned, so the cost
//               grows with the partitions scanned, and no worse than linearly
// Fake rounds are interleaved and medians reported; the floor is measured before and after them.
//   node bench/glue-partitions.mjs
import { BatchCreatePartitionCommand, CreateDatabaseCommand, CreateTableCommand, GetPartitionsCommand, GlueClient } from "@aws-sdk/client-glue";
import { HttpResponse } from "@smithy/core/protocols";
import { mockAws } from "aws-doubles";
import { performance } from "node:perf_hooks";
import { median, wallPerCall } from "./timing.mjs";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 400);
const SCAN_CALLS = Math.max(5, Math.floor(CALLS / 40));
const credentials = { accessKeyId: "AKIDBENCH", secretAccessKey: "secret" };
const region = "us-east-1";

// --- floor: the same response shape and size, from a no-op handler -------------------------------
const partitionJson = (i) => ({
  Values: [String(i).padStart(6, "0"), "hit"],
  DatabaseName: "bench",
  TableName: "t",
  CreationTime: 1.7e9,
  StorageDescriptor: { Columns: [{ Name: "v", Type: "string" }], Location: `s3://bench/t/${i}/` },
  Parameters: {},
  CatalogId: "123456789012",
});
function floorClient(count) {
  const body = Buffer.from(JSON.stringify({ Partitions: Array.from({ length: count }, (_, i) => partitionJson(i)) }));
  return new GlueClient({
    region,
    credentials,
    requestHandler: { handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "r" }, body }) }) },
  });
}
const floorTen = floorClient(10);
const floorGet = new GetPartitionsCommand({ DatabaseName: "bench", TableName: "t", MaxResults: 10 });
async function measureFloor(samples) {
  for (let i = 0; i < 200; i++) await floorTen.send(floorGet); // warm-up
  for (let round = 0; round < ROUNDS; round++) samples.push(await wallPerCall(() => floorTen.send(floorGet), CALLS));
}

// --- the fake -----------------------------------------------------------------------------------
const glue = new GlueClient({ region, credentials });

/** A table of `count` partitions (id, tag); every (count/10)th is tagged 'hit'. */
async function table(name, count) {
  await glue.send(
    new CreateTableCommand({
      DatabaseName: "bench",
      TableInput: { Name: name, StorageDescriptor: { Columns: [{ Name: "v", Type: "string" }], Location: `s3://bench/${name}/` }, PartitionKeys: [{ Name: "id", Type: "int" }, { Name: "tag", Type: "string" }] },
    }),
  );
  const every = Math.max(1, count / 10);
  for (let start = 0; start < count; start += 100) {
    const PartitionInputList = [];
    // Zero-padded ids arrive in key order, as dates and sequence numbers usually do.
    for (let i = start; i < Math.min(count, start + 100); i++) {
      PartitionInputList.push({ Values: [String(i).padStart(6, "0"), i % every === 0 ? "hit" : "miss"], StorageDescriptor: { Columns: [{ Name: "v", Type: "string" }], Location: `s3://bench/${name}/${i}/` } });
    }
    await glue.send(new BatchCreatePartitionCommand({ DatabaseName: "bench", TableName: name, PartitionInputList }));
  }
}

const floorSamples = [];
await measureFloor(floorSamples); // the fake is not installed yet

const aws = mockAws();
await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "bench" } }));
const setupStart = performance.now();
await table("small", 10);
await table("medium", 10_000);
await table("large", 100_000);
const setupMs = performance.now() - setupStart;

const page = (TableName, extra = {}) => new GetPartitionsCommand({ DatabaseName: "bench", TableName, MaxResults: 10, ...extra });
/** A token from the middle of the large table (after 50,000 partitions), walked 1,000 at a time. */
async function deepToken() {
  let token;
  for (let walked = 0; walked < 50_000; ) {
    const out = await glue.send(new GetPartitionsCommand({ DatabaseName: "bench", TableName: "large", MaxResults: 1000, NextToken: token }));
    token = out.NextToken;
    walked += out.Partitions.length;
  }
  return token;
}
const middle = await deepToken();
const variants = {
  "no expression, 10 partitions stored": page("small"),
  "no expression, 100,000 stored (first page)": page("large"),
  "no expression, 100,000 stored (page 5,001)": page("large", { NextToken: middle }),
};
const scans = {
  "expression, 10,000 partitions scanned": page("medium", { MaxResults: 100, Expression: "tag = 'hit' AND id >= 0" }),
  "expression, 100,000 partitions scanned": page("large", { MaxResults: 100, Expression: "tag = 'hit' AND id >= 0" }),
};
for (const command of [...Object.values(variants), ...Object.values(scans)]) {
  const out = await glue.send(command);
  if (out.Partitions.length !== 10) throw new Error(`expected a page of 10 partitions, got ${out.Partitions.length}`);
}
for (let i = 0; i < 200; i++) await glue.send(variants["no expression, 10 partitions stored"]); // warm-up

const results = Object.fromEntries([...Object.keys(variants), ...Object.keys(scans)].map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, command] of Object.entries(variants)) results[name].push(await wallPerCall(() => glue.send(command), CALLS));
  for (const [name, command] of Object.entries(scans)) results[name].push(await wallPerCall(() => glue.send(command), SCAN_CALLS));
}
aws.restore();
await measureFloor(floorSamples); // and again, with the fake gone

const floor = median(floorSamples);
const small = median(results["no expression, 10 partitions stored"]);
console.log(`Glue GetPartitions, ${ROUNDS} rounds × ${CALLS} calls (scans: ${SCAN_CALLS}), medians; setup of 110,010 partitions: ${(setupMs / 1000).toFixed(1)} s`);
console.log("| variant | µs/call | × floor | × 10-partition page |\n| --- | ---: | ---: | ---: |");
console.log(`| floor: SDK pipeline, no-op handler, page of 10 | ${floor.toFixed(1)} | 1.00 | — |`);
for (const name of Object.keys(variants)) {
  const us = median(results[name]);
  console.log(`| ${name} | ${us.toFixed(1)} | ${(us / floor).toFixed(2)} | ${(us / small).toFixed(2)} |`);
}
const scan10k = median(results["expression, 10,000 partitions scanned"]);
const scan100k = median(results["expression, 100,000 partitions scanned"]);
for (const [name, us] of [
  ["expression, 10,000 partitions scanned", scan10k],
  ["expression, 100,000 partitions scanned", scan100k],
]) {
  console.log(`| ${name} | ${us.toFixed(1)} | ${(us / floor).toFixed(2)} | ${(us / small).toFixed(2)} |`);
}
// What scanning adds beyond a plain 10-partition page, per partition scanned: about the same at
// 10,000 and 100,000 when the cost grows linearly with the partitions scanned.
const perPartition = (us, scanned) => Math.max(0, us - small) / scanned;
console.log(
  `\nExpression scan, beyond a plain page: ${perPartition(scan10k, 10_000).toFixed(3)} µs per partition at 10,000, ${perPartition(scan100k, 100_000).toFixed(3)} µs at 100,000 ` +
    `(${(perPartition(scan100k, 100_000) / Math.max(perPartition(scan10k, 10_000), 1e-9)).toFixed(2)}×; linear ≈ 1). Whole page: ${(scan100k / scan10k).toFixed(2)}× the time for 10× the partitions.`,
);
