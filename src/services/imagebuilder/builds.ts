import type { Ami, Container, ImageStatus } from "@aws-sdk/client-imagebuilder";
import { randomHex } from "../../engine/ids.js";
import { Process, type AppliedRule, type StepReason } from "../../engine/lifecycle/process.js";
import type { LifecycleKind } from "../../engine/service.js";
import {
  cancelExecution,
  createExecution,
  failExecution,
  startExecution,
  tickExecution,
  type BuildEnvironment,
  type WorkflowExecutionRecord,
  type WorkflowRun,
} from "./executions.js";
import type { ImageRecord } from "./images.js";

/**
 * An image build as a process: the image walks PENDING → CREATING → BUILDING → TESTING →
 * DISTRIBUTING → INTEGRATING → AVAILABLE, and in the phases that have workflows it runs their
 * executions step by step. One step of the process moves every part in progress once: each
 * running execution completes its running step and starts its next one, and a phase whose
 * executions are all done hands over to the next phase in the same step. So the reads needed
 * grow with the number of steps in a row, not with the number of workflows.
 */
export const IMAGE_KIND = "ImageBuilder.Image";

/** The order a build's states come in (the ones a build can visit; TESTING is skipped when tests are off). */
const BUILD_ORDER: readonly ImageStatus[] = ["PENDING", "CREATING", "BUILDING", "TESTING", "DISTRIBUTING", "INTEGRATING", "AVAILABLE"];

export const imageLifecycle: LifecycleKind = {
  kind: IMAGE_KIND,
  states: [...BUILD_ORDER, "FAILED", "CANCELLED"],
  failures: ["FAILED", "CANCELLED"],
  attributes: ["arn", "name", "version", "type", "buildType", "pipelineArn", "pipelineName"],
};

/** Test workflows of one parallel group run up to five at a time ("Image Builder starts up to five"). */
const PARALLEL_LIMIT = 5;

export interface BuildPhase {
  status: ImageStatus;
  /** Workflow runs, in batches run one after another; the runs of a batch run together. */
  batches?: WorkflowRun[][];
}

interface FailurePlan {
  /** FAILED or CANCELLED. */
  state: ImageStatus;
  /** The build fails in the first phase at or after this position of BUILD_ORDER. */
  fromIndex: number;
  message?: string | undefined;
}

export class ImageBuild extends Process {
  private phaseIndex = 0;
  private batchIndex = 0;
  private queued: WorkflowRun[] = [];
  private running: WorkflowExecutionRecord[] = [];
  private failure: FailurePlan | undefined;

  constructor(
    private readonly env: BuildEnvironment,
    private readonly image: ImageRecord,
    private readonly phases: readonly BuildPhase[],
    private readonly retried = false,
    /** Called once when the build ends (AVAILABLE, FAILED or CANCELLED). */
    private readonly onEnd?: (image: ImageRecord) => void,
  ) {
    super(IMAGE_KIND, {
      arn: image.arn,
      name: image.name,
      version: image.version,
      type: image.type,
      buildType: image.buildType,
      pipelineArn: image.sourcePipelineArn,
      pipelineName: image.sourcePipelineName,
    });
    image.process = this;
    this.enterPhase(0);
  }

  get state(): string {
    return this.image.state.status ?? "PENDING";
  }

  override applyRule(rule: AppliedRule): void {
    super.applyRule(rule);
    const effect = rule.effect;
    if (effect.type !== "end" || this.done) return;
    const after = effect.after ?? "INTEGRATING";
    this.failure = { state: effect.state as ImageStatus, fromIndex: BUILD_ORDER.indexOf(after as ImageStatus), message: effect.message };
  }

  protected step(reason: StepReason): boolean {
    const phase = this.phases[this.phaseIndex]!;
    if (this.failure && BUILD_ORDER.indexOf(phase.status) >= this.failure.fromIndex) {
      this.failNow(this.failure);
      return true;
    }
    if (this.running.length === 0 && this.queued.length === 0) {
      this.nextBatchOrPhase();
      return true;
    }
    let changed = false;
    for (const execution of this.running) changed = tickExecution(this.env, execution, reason === "settle") || changed;
    const aborted = this.running.find((e) => e.status === "FAILED" && e.onFailure === "ABORT");
    this.running = this.running.filter((e) => e.status === "RUNNING");
    if (aborted) {
      for (const other of this.running) cancelExecution(this.env, other, "Cancelled because another workflow of the build failed.");
      this.running = [];
      this.queued = [];
      this.end("FAILED", `Workflow execution ${aborted.workflowExecutionId} (${aborted.workflowBuildVersionArn}) failed. ${aborted.message ?? ""}`.trim());
      return true;
    }
    this.fillSlots();
    if (this.running.length === 0 && this.queued.length === 0) this.nextBatchOrPhase();
    return changed;
  }

  /** Cancels the build (CancelImageCreation): running work is cancelled, the image is CANCELLED. */
  cancel(reason: string): void {
    if (this.done) return;
    for (const execution of this.running) cancelExecution(this.env, execution, reason);
    this.running = [];
    this.queued = [];
    this.end("CANCELLED", reason);
  }

  private failNow(plan: FailurePlan): void {
    const message = plan.message ?? (plan.state === "CANCELLED" ? "The image build was cancelled." : `The image build failed while ${this.state}.`);
    if (plan.state === "CANCELLED") {
      this.cancel(message);
      return;
    }
    const [first, ...others] = this.running;
    if (first) failExecution(this.env, first, message);
    for (const other of others) cancelExecution(this.env, other, "Cancelled because another workflow of the build failed.");
    this.running = [];
    this.queued = [];
    this.end("FAILED", message);
  }

  private nextBatchOrPhase(): void {
    const batches = this.phases[this.phaseIndex]!.batches ?? [];
    if (this.batchIndex + 1 < batches.length) {
      this.startBatch(this.batchIndex + 1);
      return;
    }
    this.enterPhase(this.phaseIndex + 1);
  }

  private enterPhase(index: number): void {
    this.phaseIndex = index;
    const phase = this.phases[index]!;
    this.image.state = { status: phase.status };
    if (phase.status === "AVAILABLE") {
      finalizeImage(this.env, this.image);
      this.close();
      return;
    }
    if (phase.batches && phase.batches.length > 0) this.startBatch(0);
  }

  private startBatch(index: number): void {
    this.batchIndex = index;
    this.queued = [...this.phases[this.phaseIndex]!.batches![index]!];
    this.fillSlots();
  }

  private fillSlots(): void {
    while (this.queued.length > 0 && this.running.length < PARALLEL_LIMIT) {
      const execution = createExecution(this.env, this.image, this.queued.shift()!, this.retried);
      startExecution(this.env, execution);
      // A workflow without steps (a document given by S3 URI) completes as it starts.
      if (execution.status === "RUNNING") this.running.push(execution);
    }
  }

  private end(status: "FAILED" | "CANCELLED", reason: string): void {
    this.image.state = { status, reason: reason.slice(0, 1024) };
    this.image.failedPhase = this.phases[this.phaseIndex]!.status;
    this.close();
  }

  private close(): void {
    this.finish();
    this.onEnd?.(this.image);
  }
}

/**
 * What an AVAILABLE image reports as its output: for an AMI, one AMI per distribution region
 * and target account (the build region when there is no distribution); for a container image,
 * the image URI in each distribution's ECR repository.
 */
export function finalizeImage(env: BuildEnvironment, image: ImageRecord): void {
  const { accountId, region } = env.backend.scope;
  const distributions = image.distributionConfiguration?.distributions ?? [];
  if (image.type === "DOCKER") {
    const targets = distributions.length > 0 ? distributions : [{ region, containerDistributionConfiguration: undefined }];
    const repository = image.containerRecipe?.targetRepository?.repositoryName ?? image.name;
    const containers: Container[] = targets.map((d) => {
      const repo = d.containerDistributionConfiguration?.targetRepository?.repositoryName ?? repository;
      const tags = d.containerDistributionConfiguration?.containerTags ?? [`${image.version}-${image.build}`];
      return { region: d.region, imageUris: tags.map((tag) => `${accountId}.dkr.ecr.${d.region}.amazonaws.com/${repo}:${tag}`) };
    });
    image.outputResources = { containers };
  } else {
    const amis: Ami[] = [];
    const name = (template: string | undefined) =>
      (template ?? `${image.name} ${image.dateCreated.replace(/[-:]/g, "").slice(0, 15)}`).replace(/\{\{\s*imagebuilder:buildDate\s*\}\}/g, image.dateCreated.replace(/[-:.TZ]/g, "").slice(0, 14)).replace(/\{\{\s*imagebuilder:buildVersion\s*\}\}/g, String(image.build));
    const targets = distributions.length > 0 ? distributions : [{ region, amiDistributionConfiguration: undefined }];
    for (const d of targets) {
      const config = d.amiDistributionConfiguration;
      for (const account of config?.targetAccountIds ?? [accountId]) {
        const home = d.region === region && account === accountId;
        amis.push({
          region: d.region,
          image: home && image.buildAmiId ? image.buildAmiId : `ami-${randomHex(17)}`,
          name: name(config?.name),
          description: config?.description ?? image.imageRecipe?.description,
          state: { status: "AVAILABLE" },
          accountId: account,
        });
      }
    }
    image.outputResources = { amis };
  }
  if (image.imageScanningConfiguration?.imageScanningEnabled) image.scanState = { status: "COMPLETED", reason: "The scan found no vulnerabilities." };
}
