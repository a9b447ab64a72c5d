/**
 * aws-doubles/glue: test helpers for the Glue fake.
 *
 * - registerBlueprintLayout(): the in-process stand-in for a blueprint's layout script.
 * - workflowGraphToMermaid(): a Mermaid diagram of a workflow or run graph.
 */
import { AwsDoublesUsageError } from "../../engine/errors.js";
import { globalState } from "../../state.js";
import { blueprintLayouts, type BlueprintLayout, type BlueprintParameterSpec } from "./layouts.js";

export { workflowGraphToMermaid, type MermaidOptions } from "./mermaid.js";
export type { BlueprintLayout, BlueprintLayoutContext, BlueprintLayoutEntities, BlueprintParameterSpec } from "./layouts.js";

export interface BlueprintLayoutOptions {
  /**
   * The blueprint's parameter specification (what blueprint.cfg's "parameterSpec" holds):
   * returned as Blueprint.ParameterSpec, and used by StartBlueprintRun to fill in defaults and
   * refuse missing or mistyped parameters with InvalidInputException.
   */
  parameterSpec?: Record<string, BlueprintParameterSpec>;
}

/**
 * Registers the layout of a blueprint, by blueprint name, in every account and region. A run
 * of that blueprint calls `layout(parameters, context)` and creates what it returns (the
 * workflow, then jobs, crawlers and triggers, through the same validation as the Create*
 * operations); if the layout throws or an entity cannot be created, the run rolls back what it
 * created and ends FAILED. Registrations last until aws.reset() (the vitest and jest setups
 * reset before each test). Registering again replaces the layout.
 */
export function registerBlueprintLayout(blueprintName: string, layout: BlueprintLayout, options: BlueprintLayoutOptions = {}): void {
  if (typeof blueprintName !== "string" || blueprintName === "") throw new AwsDoublesUsageError("registerBlueprintLayout needs the blueprint's name as its first argument");
  if (typeof layout !== "function") throw new AwsDoublesUsageError("registerBlueprintLayout needs a layout function: (parameters, context) => ({ Workflow, Jobs?, Crawlers?, Triggers? })");
  blueprintLayouts(globalState().engine).set(blueprintName, { layout, parameterSpec: options.parameterSpec });
}

/** Forgets a blueprint's layout; returns whether one was registered. */
export function unregisterBlueprintLayout(blueprintName: string): boolean {
  return blueprintLayouts(globalState().engine).delete(blueprintName);
}
