import { buildArn } from "../../engine/arn.js";
import type { BackendScope } from "../../engine/backends.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { operationsFor } from "../../engine/service.js";
import { TagStore } from "../../engine/tags.js";
import type { ComponentRecord } from "./components.js";
import type { ContainerRecipeRecord } from "./container-recipes.js";
import type { DistributionConfigurationRecord } from "./distribution-configurations.js";
import type { StepRecord, WorkflowExecutionRecord } from "./executions.js";
import type { ImageRecipeRecord } from "./image-recipes.js";
import type { ImageRecord } from "./images.js";
import type { InfrastructureConfigurationRecord } from "./infrastructure-configurations.js";
import type { LifecycleExecutionRecord } from "./lifecycle-executions.js";
import type { LifecyclePolicyRecord } from "./lifecycle-policies.js";
import type { ImagePipelineRecord } from "./pipelines.js";
import { versionKey, VersionedStore } from "./versions.js";
import type { WorkflowRecord } from "./workflows.js";

/** EC2 Image Builder's state in one account and region. */
export class ImagebuilderBackend {
  readonly tags = new TagStore();
  readonly components: VersionedStore<ComponentRecord>;
  readonly workflows: VersionedStore<WorkflowRecord>;
  readonly images: VersionedStore<ImageRecord>;
  /** Recipes by ARN (`…/name/1.0.0`), in name and version order. */
  readonly imageRecipes = new OrderedTable<ImageRecipeRecord>((r) => `${r.segment}/${versionKey(r.version)}`);
  readonly containerRecipes = new OrderedTable<ContainerRecipeRecord>((r) => `${r.segment}/${versionKey(r.version)}`);
  /** Name-keyed resources by ARN, in name order. */
  readonly infrastructureConfigurations = new OrderedTable<InfrastructureConfigurationRecord>((r) => r.segment);
  readonly distributionConfigurations = new OrderedTable<DistributionConfigurationRecord>((r) => r.segment);
  readonly pipelines = new OrderedTable<ImagePipelineRecord>((r) => r.segment);
  readonly lifecyclePolicies = new OrderedTable<LifecyclePolicyRecord>((r) => r.segment);
  /** Pipelines with a next scheduled run (see schedules.ts). */
  readonly scheduledPipelines = new Set<string>();
  /** ENABLED lifecycle policies, which run daily (see schedules.ts). */
  readonly scheduledPolicies = new Set<string>();
  /** Runs, by id. */
  readonly workflowExecutions = new Map<string, WorkflowExecutionRecord>();
  readonly stepExecutions = new Map<string, StepRecord>();
  /** WaitForAction steps waiting for SendWorkflowStepAction, oldest first. */
  readonly waitingSteps = new OrderedTable<StepRecord>((s) => s.sequence);
  readonly lifecycleExecutions = new OrderedTable<LifecycleExecutionRecord>((e) => -e.sequence);
  /** A counter giving runs a stable creation order. */
  private sequence = 0;

  constructor(readonly scope: BackendScope) {
    this.components = new VersionedStore((segment, version) => this.arn(`component/${segment}/${version}`));
    this.workflows = new VersionedStore((segment, version) => this.arn(`workflow/${segment}/${version}`));
    this.images = new VersionedStore((segment, version) => this.arn(`image/${segment}/${version}`));
  }

  /** An ARN of this account and region. */
  arn(resource: string): string {
    return buildArn({ partition: this.scope.partition, service: "imagebuilder", region: this.scope.region, accountId: this.scope.accountId, resource });
  }

  nextSequence(): number {
    return ++this.sequence;
  }
}

/** Typed operation definitions for Image Builder's resource files. */
export const op = operationsFor<ImagebuilderBackend>();
