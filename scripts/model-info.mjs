#!/usr/bin/env node
// Prints what the AWS Smithy model (in ../shared/aws-models) says about operations: input
// members with their constraints, output members, and modelled errors. A reading aid for
// writing constraints next to resources; it copies nothing into the repository.
//   node scripts/model-info.mjs glue CreateWorkflow [GetWorkflow …]
//   node scripts/model-info.mjs glue --shape WorkflowRun
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared", "aws-models");
const [service, ...names] = process.argv.slice(2);
if (!service || names.length === 0) {
  console.error("usage: model-info.mjs <glue|imagebuilder|omics|proton> <Operation…> | --shape <Shape>");
  process.exit(2);
}
const file = readdirSync(root).find((f) => f.startsWith(`${service}-`));
const model = JSON.parse(readFileSync(join(root, file), "utf8"));
const ns = Object.keys(model.shapes).find((k) => model.shapes[k].type === "service").split("#")[0];
const shape = (id) => model.shapes[id.includes("#") ? id : `${ns}#${id}`];
const short = (id) => id.split("#")[1] ?? id;

function constraints(target, memberTraits = {}) {
  const s = shape(target);
  const t = { ...(s?.traits ?? {}), ...memberTraits };
  const out = [];
  if (!s) return short(target);
  out.push(s.type === "enum" ? `enum[${Object.values(s.members).map((m) => m.traits?.["smithy.api#enumValue"]).join("|")}]` : s.type);
  if (t["smithy.api#length"]) out.push(`len ${t["smithy.api#length"].min ?? ""}..${t["smithy.api#length"].max ?? ""}`);
  if (t["smithy.api#range"]) out.push(`range ${t["smithy.api#range"].min ?? ""}..${t["smithy.api#range"].max ?? ""}`);
  if (t["smithy.api#pattern"]) out.push(`pattern ${t["smithy.api#pattern"]}`);
  if (t["smithy.api#idempotencyToken"]) out.push("TOKEN");
  if (t["smithy.api#httpLabel"]) out.push("label");
  if (t["smithy.api#httpQuery"]) out.push(`query:${t["smithy.api#httpQuery"]}`);
  if (t["smithy.api#default"] !== undefined) out.push(`default ${JSON.stringify(t["smithy.api#default"])}`);
  if (s.type === "list") out.push(`of ${short(s.member.target)}`);
  if (s.type === "map") out.push(`${short(s.key.target)} -> ${short(s.value.target)}`);
  return `${short(target)}: ${out.join(", ")}`;
}

function printStruct(id, indent = "  ") {
  const s = shape(id);
  if (!s?.members) return;
  for (const [name, m] of Object.entries(s.members)) {
    const req = m.traits?.["smithy.api#required"] ? "*" : " ";
    console.log(`${indent}${req}${name}  ${constraints(m.target, m.traits)}`);
  }
}

if (names[0] === "--shape") {
  for (const n of names.slice(1)) {
    console.log(`${n}: ${constraints(n)}`);
    printStruct(n);
  }
} else {
  for (const n of names) {
    const op = shape(n);
    if (!op) {
      console.log(`${n}: not in model`);
      continue;
    }
    console.log(`== ${n}  ${JSON.stringify(op.traits?.["smithy.api#http"] ?? "")}`);
    console.log(" input:");
    if (op.input) printStruct(op.input.target);
    console.log(" output:");
    if (op.output) printStruct(op.output.target);
    console.log(" errors:", (op.errors ?? []).map((e) => short(e.target)).join(", "));
  }
}
