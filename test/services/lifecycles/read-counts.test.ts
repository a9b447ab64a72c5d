import { readFileSync } from "node:fs";
import * as protonSdk from "@aws-sdk/client-proton";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { proton, serviceSpec } from "../proton/helpers.js";
import {
  chainWorkflow,
  createService,
  GONE,
  KINDS,
  serviceOf,
  serviceReady,
  startAmi,
  startContainerImage,
  startImageWithBuildSteps,
  startWorkflowRun,
  type KindScenario,
  type Tracked,
} from "./scenarios/index.js";

/**
 * docs/lifecycles.md promises how many reads and aws.step()s each lifecycle kind takes to
 * finish. These tests measure every row of its tables and fail when the docs and the fake
 * disagree, so the table stays true.
 */
const DOC = readFileSync(new URL("../../../docs/lifecycles.md", import.meta.url), "utf8");

/** The rows of the markdown table that follows `heading`, as cells. */
function tableAfter(heading: string): string[][] {
  const section = DOC.slice(DOC.indexOf(heading));
  const lines = section.split("\n");
  const start = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.slice(1, -1).split("|").map((cell) => cell.trim()));
  }
  return rows;
}

interface Measured {
  /** What each read showed, the first read after the starting call first. */
  path: string[];
  reads: number;
  steps: number;
}

type Start = (mode: "poll" | "manual") => Promise<Tracked>;

/** Reads until a read shows `end` (poll mode), then, afresh, steps until a read shows it (manual mode). */
async function measure(prepare: () => Promise<void>, start: Start, end: string): Promise<Measured> {
  aws.reset();
  await prepare();
  aws.settle();
  const polled = await start("poll");
  const path: string[] = [];
  while (path.at(-1) !== end) {
    if (path.length === 50) throw new Error(`no read showed ${end}: ${path.join(" → ")}`);
    path.push(await polled.read());
  }

  aws.reset();
  await prepare();
  aws.settle();
  aws.configure({ transitions: "manual" });
  const stepped = await start("manual");
  let steps = 0;
  while ((await stepped.read()) !== end) {
    if (steps === 50) throw new Error(`no step brought it to ${end}`);
    aws.step();
    steps++;
  }
  return { path, reads: path.length, steps };
}

const measureKind = (scenario: KindScenario) =>
  measure(
    () => scenario.prepare(),
    async (mode) => (await scenario.start(mode)).tracked,
    scenario.path.at(-1)!,
  );

/** "A → A → B" as the docs write it: "A (2 reads) → B". */
function described(path: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; ) {
    let j = i;
    while (path[j + 1] === path[i]) j++;
    parts.push(j > i ? `${path[i]} (${j - i + 1} reads)` : path[i]!);
    i = j + 1;
  }
  return parts.join(" → ");
}

describe("docs/lifecycles.md: reads and steps to finish, per kind", () => {
  const rows = tableAfter("## Reads and steps to finish, per kind");
  const row = (kind: string) => rows.find((cells) => cells[0]!.replace(/ \(composite\)$/, "") === `\`${kind}\``);

  it("has one row per lifecycle kind, composites marked", () => {
    expect(rows.map((cells) => cells[0]!.replace(/ \(composite\)$/, ""))).toEqual(KINDS.map((k) => `\`${k.kind}\``));
    for (const scenario of KINDS) expect(row(scenario.kind)![0]!.endsWith("(composite)"), scenario.kind).toBe(scenario.composite === true);
  });

  it.each(KINDS.map((scenario) => [scenario.kind, scenario] as const))("%s takes the reads and steps its row says", async (kind, scenario) => {
    const cells = row(kind)!;
    const measured = await measureKind(scenario);
    expect(measured.path).toEqual(scenario.path);
    expect({ shows: cells[3], reads: Number(cells[4]), steps: Number(cells[5]) }).toEqual({ shows: described(measured.path), reads: measured.reads, steps: measured.steps });
  });

  it("keeps every single resource within 10 reads", () => {
    const single = rows.filter((cells) => !cells[0]!.endsWith("(composite)"));
    expect(single.length).toBeGreaterThan(0);
    for (const cells of single) expect(Number(cells[4]), cells[0]).toBeLessThanOrEqual(10);
  });
});

/** "2d + 1", "k + 4", "14": a linear formula in one variable, or a number. */
function evaluate(formula: string, value: number): number {
  const match = /^(\d*)([a-z])(?: \+ (\d+))?$/.exec(formula);
  if (!match) return Number(formula);
  return Number(match[1] || 1) * value + Number(match[3] ?? 0);
}

const shapes: Record<string, { values?: number[]; measure(value: number): Promise<Measured> }> = {
  "Glue workflow run whose jobs run in a chain of `d` levels (any number of jobs per level)": {
    values: [1, 2, 3],
    async measure(depth) {
      const narrow = await measure(() => chainWorkflow("wf", depth), async () => (await startWorkflowRun("wf")).tracked, "COMPLETED");
      const wide = await measure(() => chainWorkflow("wf", depth, 4), async () => (await startWorkflowRun("wf")).tracked, "COMPLETED");
      expect(wide).toEqual(narrow);
      return narrow;
    },
  },
  "Image build whose only workflow is a build workflow of `k` steps (tests off, no distribution workflow)": {
    values: [1, 2, 3],
    measure: (steps) => measure(async () => undefined, () => startImageWithBuildSteps(steps), "AVAILABLE"),
  },
  "Image build of an AMI with the managed workflows": { measure: () => measure(async () => undefined, () => startAmi(true), "AVAILABLE") },
  "Image build of an AMI with the managed workflows, tests off": { measure: () => measure(async () => undefined, () => startAmi(false), "AVAILABLE") },
  "Image build of a container image with the managed workflows": { measure: () => measure(async () => undefined, () => startContainerImage(), "AVAILABLE") },
  "Proton service: UpdateService adding one instance and removing another": {
    measure: () =>
      measure(
        async () => {
          await serviceReady();
          await proton.send(createService("orders", ["api-a", "api-b"]));
        },
        async () => {
          const spec = serviceSpec(["api-a", "api-c"].map((name) => ({ name, environment: "prod" })));
          await proton.send(new protonSdk.UpdateServiceCommand({ name: "orders", spec }));
          return serviceOf("orders");
        },
        "ACTIVE",
      ),
  },
  "Proton service: DeleteService": {
    measure: () =>
      measure(
        async () => {
          await serviceReady();
          await proton.send(createService("orders", ["api-a", "api-b"]));
        },
        async () => {
          await proton.send(new protonSdk.DeleteServiceCommand({ name: "orders" }));
          return serviceOf("orders");
        },
        GONE,
      ),
  },
};

describe("docs/lifecycles.md: composite runs, reads per depth", () => {
  const rows = tableAfter("## Composite runs: reads per depth");

  it("measures every row, and every row is measured", () => {
    expect(rows.map((cells) => cells[0])).toEqual(Object.keys(shapes));
  });

  it.each(rows.map((cells) => [cells[0]!, cells] as const))("%s", async (label, cells) => {
    const shape = shapes[label]!;
    for (const value of shape.values ?? [0]) {
      const measured = await shape.measure(value);
      expect({ value, reads: measured.reads, steps: measured.steps }).toEqual({ value, reads: evaluate(cells[1]!, value), steps: evaluate(cells[2]!, value) });
    }
  });
});
