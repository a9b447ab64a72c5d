import { parseArn } from "../../engine/arn.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import { globalState } from "../../state.js";
import { provideOutputs } from "./outputs.js";

/**
 * Test helpers for the Proton fake (meant to be exported as `aws-doubles/proton`).
 *
 * With AWS-managed provisioning, a deployment's outputs are the outputs of the
 * CloudFormation stack Proton provisions. There is no CloudFormation here: a test says what
 * the next successful deployments of a resource report, by the resource's ARN (an
 * environment, a service instance, a service pipeline or a component). reset() forgets them.
 *
 *   provideDeploymentOutputs("arn:aws:proton:us-east-1:123456789012:environment/prod", { VpcId: "vpc-0123" });
 */
export function provideDeploymentOutputs(resourceArn: string, outputs: Readonly<Record<string, string>>): void {
  const parts = parseArn(resourceArn);
  const deployable = parts?.service === "proton" && /^(environment\/[^/]+|component\/[^/]+|service\/[^/]+\/(service-instance\/[^/]+|pipeline(\/[^/]+)?))$/.test(parts.resource);
  if (!deployable) {
    throw new AwsDoublesUsageError(`provideDeploymentOutputs needs the ARN of a Proton environment, service instance, service pipeline or component; got ${resourceArn}`);
  }
  for (const [key, value] of Object.entries(outputs)) {
    if (typeof value !== "string" || key.length === 0) throw new AwsDoublesUsageError(`Deployment outputs are non-empty keys with string values; got ${key}=${String(value)}`);
  }
  provideOutputs(globalState().engine, resourceArn, outputs);
}
