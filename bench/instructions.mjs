#!/usr/bin/env node
// Instructions per call, counted by valgrind's callgrind: the same comparison as calls.mjs
// (the same client; the fake installed, or uninstalled with its answer replayed), in numbers
// that do not move with the machine's load. Slow (each case runs node three times under
// valgrind), so not part of `npm run bench` by default: `node bench/instructions.mjs` or
// BENCH_ONLY=instructions npm run bench. BENCH_CASES="Glue GetWorkflow,…" picks cases.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const cases = (process.env.BENCH_CASES ?? "Glue GetWorkflow,Glue CreateWorkflow,Image Builder GetComponent,HealthOmics CreateRunGroup,Proton GetEnvironmentTemplate").split(",");

if (spawnSync("sh", ["-c", "command -v valgrind"]).status !== 0) {
  console.log("valgrind is not installed: no instruction counts (apt-get install valgrind)");
  process.exit(0);
}

function instructions(run) {
  const result = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, join(here, "calls.mjs")], {
    encoding: "utf8",
    env: { ...process.env, BENCH_RUN: run, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const match = /Collected : (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no count for ${run}: ${result.stderr.slice(-500)}`);
  return Number(match[1]);
}

console.log(`Instructions per call (callgrind), ${CALLS} calls after warm-up; floor: the fake uninstalled, its own answer replayed`);
console.log("| call | floor | aws-doubles | × floor |\n| --- | ---: | ---: | ---: |");
for (const name of cases) {
  const base = instructions(`${name}:floor:0`);
  const floor = (instructions(`${name}:floor:${CALLS}`) - base) / CALLS;
  const fake = (instructions(`${name}:fake:${CALLS}`) - base) / CALLS;
  console.log(`| ${name} | ${(floor / 1e6).toFixed(2)} M | ${(fake / 1e6).toFixed(2)} M | ${(fake / floor).toFixed(2)} |`);
}
