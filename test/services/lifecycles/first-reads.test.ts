import { createRequire } from "node:module";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { KINDS, type KindScenario } from "./scenarios/index.js";

/**
 * The read rule, for every lifecycle kind of every service: a read shows the resource as it
 * is, then moves it on. So the first read after the call that started or changed a resource
 * shows the state that call left, the read after it shows where that read moved it, and a read
 * the service rejects moves nothing.
 */
const require = createRequire(import.meta.url);
const { lifecycleKinds } = require("../../../dist/services/registry.js") as typeof import("../../../src/services/registry.js");

async function started(scenario: KindScenario, mode: "poll" | "manual" = "poll") {
  await scenario.prepare();
  aws.settle();
  if (mode === "manual") aws.configure({ transitions: "manual" });
  return scenario.start(mode);
}

it("has a scenario for every lifecycle kind of every service, and for no other", () => {
  expect(KINDS.map((k) => k.kind).sort()).toEqual(lifecycleKinds().map((k) => k.kind).sort());
});

describe.each(KINDS.map((scenario) => [scenario.kind, scenario] as const))("%s", (_kind, scenario) => {
  it(`reads ${scenario.path[0]} right after the call that starts it, then ${scenario.path[1]}`, async () => {
    const { tracked } = await started(scenario);
    expect(await tracked.read()).toBe(scenario.path[0]);
    expect(await tracked.read()).toBe(scenario.path[1]);
  });

  it("moves nothing on a read the service rejects", async () => {
    const { tracked } = await started(scenario);
    for (let i = 0; i < 3; i++) await expect(tracked.rejectedRead()).rejects.toThrow();
    expect(await tracked.read()).toBe(scenario.path[0]);
    await expect(tracked.rejectedRead()).rejects.toThrow();
    expect(await tracked.read()).toBe(scenario.path[1]);
  });

  it("moves nothing on reads in manual mode; each aws.step() moves it once", async () => {
    const { tracked } = await started(scenario, "manual");
    expect([await tracked.read(), await tracked.read()]).toEqual([scenario.path[0], scenario.path[0]]);
    aws.step();
    const after = await tracked.read();
    expect(after).toBe(scenario.path[1]);
    expect(await tracked.read()).toBe(after);
  });

  it.each((scenario.changes ?? []).map((call, index) => [call, index] as const))("shows the state %s left on the first read after it", async (call, index) => {
    const change = await (await started(scenario)).changes![index]!();
    expect(change.call).toBe(call);
    for (const state of change.before) expect(await change.tracked.read()).toBe(state);
    await change.act();
    await expect(change.tracked.rejectedRead()).rejects.toThrow();
    expect(await change.tracked.read(), `first read after ${change.call}`).toBe(change.leaves);
    expect(await change.tracked.read(), `second read after ${change.call}`).toBe(change.next);
  });
});
