#!/usr/bin/env node
// npm run bench: every measurement, each script in its own process (so one's heap and JIT state
// cannot skew the next), printed in order. Each script can also be run on its own.
//   calls.mjs           a read and a write per service, against an honest floor (the same
//                       client, its handler replaying the fake's own answer, fake uninstalled)
//   scale.mjs           how the cost of a call grows with the store (10 to 100,000 resources)
//                       and with a Glue workflow's graph (10 to 1,000 jobs)
//   glue-partitions.mjs GetPartitions pages over 10 to 100,000 partitions, with and without
//                       an expression
//   server.mjs          server mode on loopback beside in-process and moto_server (when present)
//   instructions.mjs    (only when asked: BENCH_ONLY=instructions) calls.mjs's comparison in
//                       instructions counted by valgrind, which machine load does not move
// Environment: BENCH_ONLY=calls,scale (a subset), plus each script's own options.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const scripts = ["calls", "scale", "glue-partitions", "server", "instructions"];
const byDefault = new Set(["calls", "scale", "glue-partitions", "server"]);
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
let failed = false;
for (const name of scripts) {
  if (only ? !only.includes(name) : !byDefault.has(name)) continue;
  console.log(`\n## ${name}.mjs\n`);
  const result = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: "inherit", env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
  if (result.status !== 0) {
    console.error(`${name}.mjs exited with ${result.status}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
