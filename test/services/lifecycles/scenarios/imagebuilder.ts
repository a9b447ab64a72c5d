import * as ibSdk from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { createContainerRecipe, createInfrastructure, createWorkflow, ib, startImage } from "../../imagebuilder/fixtures.js";
import { garbage, stateOf, type Change, type KindScenario, type Tracked } from "./types.js";

/** Image Builder's lifecycle kinds: image builds and lifecycle executions, and builds of other shapes. */

export const imageOf = (imageBuildVersionArn: string): Tracked => ({
  read: () => stateOf(() => ib.send(new ibSdk.GetImageCommand({ imageBuildVersionArn })), (r) => r.image?.state?.status),
  // ListWorkflowExecutions observes the build before it checks the token: the rejection comes after.
  rejectedRead: () => ib.send(new ibSdk.ListWorkflowExecutionsCommand({ imageBuildVersionArn, nextToken: garbage })),
});

/** A build workflow of `steps` steps, each of which runs (none is skipped). */
export function buildWorkflowOf(steps: number): string {
  const lines = ["name: steps", "schemaVersion: 1.0", "steps:"];
  for (let i = 1; i <= steps; i++) lines.push(`  - name: Step${i}`, "    action: ExecuteComponents", "    onFailure: Abort");
  return `${lines.join("\n")}\n`;
}

/**
 * An AMI build with the managed workflows: build-image runs six steps on Linux (RunSysPrep is
 * skipped), test-image three; each step takes one read, the phase change rides on the last.
 */
const AMI_PATH = ["PENDING", "CREATING", ...Array<string>(6).fill("BUILDING"), ...Array<string>(3).fill("TESTING"), "DISTRIBUTING", "INTEGRATING", "AVAILABLE"];

let agingImage = "";

export const imagebuilderKinds: KindScenario[] = [
  {
    kind: "ImageBuilder.Image",
    path: AMI_PATH,
    changes: ["CancelImageCreation"],
    readWith: "GetImage",
    composite: true,
    prepare: async () => undefined,
    async start() {
      const tracked = imageOf(await startImage({ recipeName: "golden" }));
      const cancel = async (): Promise<Change> => {
        const arn = await startImage({ recipeName: "cancelled" });
        return {
          call: "CancelImageCreation",
          tracked: imageOf(arn),
          before: ["PENDING", "CREATING"],
          act: async () => void (await ib.send(new ibSdk.CancelImageCreationCommand({ imageBuildVersionArn: arn }))),
          // Cancelled at once: nothing is left to move.
          leaves: "CANCELLED",
          next: "CANCELLED",
        };
      };
      return { tracked, changes: [cancel] };
    },
  },
  {
    kind: "ImageBuilder.LifecycleExecution",
    path: ["PENDING", "IN_PROGRESS", "SUCCESS"],
    changes: ["CancelLifecycleExecution"],
    readWith: "GetLifecycleExecution",
    async prepare() {
      agingImage = await startImage({ recipeName: "aging" });
    },
    async start() {
      const resourceArn = agingImage;
      const execution = async (status: "DEPRECATED" | "DISABLED") => {
        const { lifecycleExecutionId } = await ib.send(new ibSdk.StartResourceStateUpdateCommand({ resourceArn, state: { status } }));
        const tracked: Tracked = {
          read: () => stateOf(() => ib.send(new ibSdk.GetLifecycleExecutionCommand({ lifecycleExecutionId })), (r) => r.lifecycleExecution?.state?.status),
          // ListLifecycleExecutions observes the executions before it checks the token.
          rejectedRead: () => ib.send(new ibSdk.ListLifecycleExecutionsCommand({ resourceArn, nextToken: garbage })),
        };
        return { id: lifecycleExecutionId!, tracked };
      };
      const first = await execution("DEPRECATED");
      const cancel = async (): Promise<Change> => {
        aws.settle();
        const second = await execution("DISABLED");
        return {
          call: "CancelLifecycleExecution",
          tracked: second.tracked,
          before: ["PENDING"],
          act: async () => void (await ib.send(new ibSdk.CancelLifecycleExecutionCommand({ lifecycleExecutionId: second.id }))),
          leaves: "CANCELLING",
          next: "CANCELLED",
        };
      };
      return { tracked: first.tracked, changes: [cancel] };
    },
  },
];

/** A container image build (managed build-container and test-container workflows). */
export async function startContainerImage(): Promise<Tracked> {
  const recipe = await createContainerRecipe("box");
  const infra = await createInfrastructure("box-infra");
  const { imageBuildVersionArn } = await ib.send(new ibSdk.CreateImageCommand({ containerRecipeArn: recipe, infrastructureConfigurationArn: infra }));
  return imageOf(imageBuildVersionArn!);
}

/** An AMI build with the managed workflows, tests on or off. */
export async function startAmi(tests: boolean): Promise<Tracked> {
  return imageOf(await startImage({ recipeName: tests ? "tested" : "untested", tests }));
}

/** An AMI build whose only workflow is a build workflow of `steps` steps (no tests, no distribution workflows). */
export async function startImageWithBuildSteps(steps: number): Promise<Tracked> {
  const workflow = await createWorkflow(`steps-${steps}`, "BUILD", buildWorkflowOf(steps));
  return imageOf(await startImage({ recipeName: `depth-${steps}`, tests: false, workflows: [{ workflowArn: workflow }] }));
}
