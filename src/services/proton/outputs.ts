import type { Output } from "@aws-sdk/client-proton";
import type { Engine } from "../../engine/engine.js";

/**
 * Outputs a test gives a resource's AWS-managed deployments (the stand-in for the outputs of
 * the CloudFormation stack Proton provisions), by resource ARN. Kept in the engine's
 * per-test extensions, so reset() forgets them. Self-managed provisioning reports its
 * outputs through NotifyResourceDeploymentStatusChange instead.
 */
const KEY = "Proton.deploymentOutputs";

function registry(engine: Engine): Map<string, Output[]> {
  return engine.extension(KEY, () => new Map<string, Output[]>());
}

export function provideOutputs(engine: Engine, resourceArn: string, outputs: Readonly<Record<string, string>>): void {
  registry(engine).set(
    resourceArn,
    Object.entries(outputs).map(([key, valueString]) => ({ key, valueString })),
  );
}

/** The outputs registered for a resource, if a test registered any. */
export function providedOutputs(engine: Engine, resourceArn: string): Output[] | undefined {
  const outputs = registry(engine).get(resourceArn);
  return outputs?.map((o) => ({ ...o }));
}
