import { DeleteRunCommand, ListRunsCommand, paginateListRuns } from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { activeWorkflow, omics, startRun } from "./helpers.js";

/**
 * Work that must not grow with the store: counted, never timed. The build the fake runs is
 * loaded natively, so this require reaches the same state the fake uses.
 */
const require = createRequire(import.meta.url);
const { globalState } = require("../../../dist/state.js") as typeof import("../../../src/state.js");
type Backend = import("../../../src/services/omics/backend.js").OmicsBackend;

const backend = (): Backend => globalState().engine.backends.all<Backend>("Omics").find(([, b]) => b.scope.accountId === "123456789012")![1];

/** Counts reads of every stored run's `name` while `body` runs. */
async function nameReadsDuring(body: () => Promise<unknown>): Promise<number> {
  let reads = 0;
  for (const { value: run } of backend().runs.entries()) {
    const name = run.name;
    Object.defineProperty(run, "name", {
      configurable: true,
      get: () => {
        reads++;
        return name;
      },
    });
  }
  await body();
  return reads;
}

describe("HealthOmics at scale", () => {
  it("ListRuns with a name filter pages the runs of that name, not the whole table", async () => {
    const workflowId = await activeWorkflow();
    aws.configure({ transitions: "manual" });
    const targets: string[] = [];
    for (let i = 0; i < 60; i++) {
      const id = await startRun({ workflowId, name: i % 20 === 0 ? "target" : `run-${i}` });
      if (i % 20 === 0) targets.push(id);
    }
    // Before the index every stored run's name was compared (60 reads); now only the page's are rendered.
    const reads = await nameReadsDuring(() => omics.send(new ListRunsCommand({ name: "target" })));
    expect(reads).toBeLessThanOrEqual(targets.length * 2);

    const listed: string[] = [];
    for await (const page of paginateListRuns({ client: omics, pageSize: 2 }, { name: "target" })) listed.push(...page.items!.map((r) => r.id!));
    expect(listed).toEqual(targets);

    // A deleted run leaves the index too.
    aws.settle();
    await omics.send(new DeleteRunCommand({ id: targets[1] }));
    expect((await omics.send(new ListRunsCommand({ name: "target" }))).items?.map((r) => r.id)).toEqual([targets[0], targets[2]]);
    expect((await omics.send(new ListRunsCommand({ name: "nobody" }))).items).toEqual([]);
  }, 30_000);
});
