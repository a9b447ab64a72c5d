import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { LifecycleEngine } = require("../../dist/engine/lifecycle/engine.js") as typeof import("../../src/engine/lifecycle/engine.js");
const { LinearProcess } = require("../../dist/engine/lifecycle/process.js") as typeof import("../../src/engine/lifecycle/process.js");

describe("settle() at scale", () => {
  it("ends 200,000 processes of six states each (1.2 million steps in all)", () => {
    const engine = new LifecycleEngine("manual");
    const path = ["A", "B", "C", "D", "E", "F"];
    const processes = Array.from({ length: 200_000 }, (_, i) => engine.register(new LinearProcess({ kind: "Test.Run", path }, { i })));
    engine.settle();
    expect(processes.every((p) => p.done && p.state === "F")).toBe(true);
    expect(engine.running()).toEqual([]);
  });
});
