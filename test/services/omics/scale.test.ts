import { DeleteRunCommand, ListRunsCommand, paginateListRuns } from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { globalState, propertyReadsDuring } from "../../support/scale.js";
import { activeWorkflow, omics, startRun } from "./helpers.js";

/** Work that must not grow with the store: counted (test/support/scale.ts), never timed. */
type Backend = import("../../../src/services/omics/backend.js").OmicsBackend;

const backend = (): Backend => globalState().engine.backends.all<Backend>("Omics").find(([, b]) => b.scope.accountId === "123456789012")![1];

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
    const reads = await propertyReadsDuring(backend().runs.values(), "name", () => omics.send(new ListRunsCommand({ name: "target" })));
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
