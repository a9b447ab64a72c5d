import type { UpdateServiceInput, UpdateServiceOutput } from "@aws-sdk/client-proton";
import { stringify } from "yaml";
import { canonicalJson } from "../../engine/canonical.js";
import { op } from "./backend.js";
import { conflict, type Ctx } from "./common.js";
import { inProgress } from "./deployments.js";
import { describeParts, type DeploymentProcess, type ServicePlan, type ServiceStep } from "./processes.js";
import { addInstance, deleteInstance, instanceTags, type InstanceRecord } from "./service-instances.js";
import { redeployPipeline } from "./service-pipelines.js";
import { busy, checkInstanceEnvironments, defaultVersionOf, findService, instancesOf, parseServiceSpec, renderService, runServiceAction, type ServiceRecord } from "./services.js";
import { DESCRIPTION, RESOURCE_NAME, SPEC } from "./shapes.js";
import { CURRENT_VAL, withCurrentValues } from "./spec-values.js";
import { recordManualChange } from "./sync.js";

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** A deployment status put aside while the update runs (restored if it is undone). */
interface Saved {
  status: string;
  message: string | undefined;
}

interface Held extends Saved {
  instance: InstanceRecord;
}

/**
 * The phases of an update with instances to add or remove: create, then delete, then
 * re-provision the pipeline. The instances to delete and the pipeline show
 * DELETE_IN_PROGRESS / IN_PROGRESS from the start (their actions are blocked meanwhile).
 */
function updatePlan(ctx: Ctx, service: ServiceRecord, created: InstanceRecord[], held: Held[], pipelineBefore: Saved | undefined, previousSpec: string): ServicePlan {
  const backend = ctx.backend;
  const exists = (instance: InstanceRecord) => backend.serviceInstances.get(instance.id) === instance;
  let phase: "create" | "delete" | "pipeline" | "cleanup" = "create";
  let deletionFailures: DeploymentProcess[] = [];
  let creationFailure = "";
  const restore = (h: Held) => {
    h.instance.deploymentStatus = h.status;
    h.instance.deploymentStatusMessage = h.message;
  };
  const outcome = (pipeline: readonly DeploymentProcess[]): ServiceStep => {
    const failed = pipeline.filter((part) => part.failed);
    // A failed pipeline is not rolled back; failed deletions leave the update complete but not clean.
    if (failed.length > 0) return { outcome: "UPDATE_FAILED", message: describeParts(failed) };
    if (deletionFailures.length > 0) return { outcome: "UPDATE_COMPLETE_CLEANUP_FAILED", message: describeParts(deletionFailures) };
    return { outcome: "ACTIVE" };
  };
  return (ended) => {
    switch (phase) {
      case "create": {
        const failed = ended.filter((part) => part.failed);
        if (failed.length > 0) {
          phase = "cleanup";
          creationFailure = describeParts(failed);
          service.spec = previousSpec;
          for (const h of held) {
            restore(h);
            backend.serviceInstances.touch(h.instance.id);
          }
          if (pipelineBefore && service.pipeline) Object.assign(service.pipeline, { deploymentStatus: pipelineBefore.status, deploymentStatusMessage: pipelineBefore.message });
          return { parts: created.filter(exists).map((instance) => deleteInstance(ctx, instance)), state: "UPDATE_FAILED_CLEANUP_IN_PROGRESS", message: creationFailure };
        }
        phase = "delete";
        return { parts: held.filter((h) => exists(h.instance)).map((h) => deleteInstance(ctx, h.instance)) };
      }
      case "delete":
        deletionFailures = ended.filter((part) => part.failed);
        phase = "pipeline";
        return service.pipeline ? { parts: [redeployPipeline(ctx, service)] } : outcome([]);
      case "pipeline":
        return outcome(ended);
      default: {
        const failed = ended.filter((part) => part.failed);
        const message = failed.length > 0 ? `${creationFailure}; ${describeParts(failed)}` : creationFailure;
        return { outcome: failed.length > 0 ? "UPDATE_FAILED_CLEANUP_FAILED" : "UPDATE_FAILED_CLEANUP_COMPLETE", message };
      }
    }
  };
}

/**
 * UpdateService, as the Proton user guide's "Edit a service" describes it: the edited spec
 * adds instances and removes the ones it leaves out, but may not change the pipeline inputs
 * or the inputs of the instances it keeps (`${Proton::CURRENT_VAL}` stands for a current
 * value). Proton then creates the new instances, deletes the removed ones (and retries the
 * ones whose deletion failed), and re-provisions the pipeline; if a new instance fails, it
 * de-provisions the new instances and puts the spec back instead.
 */
export const updateService = op<UpdateServiceInput, UpdateServiceOutput>({
  input: { name: RESOURCE_NAME, description: DESCRIPTION, spec: SPEC },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const backend = ctx.backend;
    const service = findService(ctx, input.name!);
    if (busy(service) || service.status === "DELETE_FAILED") {
      throw conflict(ctx, `Service ${service.name} can't be updated while its status is ${service.status}.`);
    }
    if (input.spec === undefined) {
      if (input.description !== undefined) service.description = input.description;
      service.lastModifiedAt = ctx.now();
      service.modified = true;
      return { service: renderService(service) };
    }
    const spec = parseServiceSpec(ctx, input.spec);
    const current = parseServiceSpec(ctx, service.spec);
    const pipeline = withCurrentValues(spec.pipeline, current.pipeline);
    if (!same(pipeline, current.pipeline)) {
      throw ctx.invalid(`UpdateService can't change the pipeline inputs of service ${service.name}; keep them (or write ${CURRENT_VAL}) and use UpdateServicePipeline to change them.`);
    }
    const instances = instancesOf(backend, service.name);
    const wanted = new Map(spec.instances.map((entry) => [entry.name, entry] as const));
    const entries = spec.instances.map((entry) => {
      const existing = instances.find((i) => i.name === entry.name);
      if (!existing) return { ...entry, spec: withCurrentValues(entry.spec, undefined) };
      if (entry.environment !== existing.environmentName) {
        throw ctx.invalid(`UpdateService can't edit existing service instance ${existing.name} (its environment is ${existing.environmentName}); only add or remove instances.`);
      }
      const before = current.instances.find((i) => i.name === entry.name)?.spec;
      const inputs = withCurrentValues(entry.spec, before);
      if (!same(inputs, before)) {
        throw ctx.invalid(`UpdateService can't change the inputs of existing service instance ${existing.name}; keep them (or write ${CURRENT_VAL}) and use UpdateServiceInstance to change them.`);
      }
      return { ...entry, spec: inputs };
    });
    // Instances whose deletion failed are removed by any edit, whether the spec lists them or not.
    const removed = instances.filter((i) => !wanted.has(i.name) || i.deploymentStatus === "DELETE_FAILED");
    const added = spec.instances.filter((entry) => !instances.some((i) => i.name === entry.name));
    for (const instance of removed) {
      if (backend.components.values().some((c) => c.serviceName === service.name && c.serviceInstanceName === instance.name)) {
        throw conflict(ctx, `Service instance ${instance.name} has an attached component; detach or delete the component before removing the instance from the spec.`);
      }
      if (inProgress(instance)) throw conflict(ctx, `Service instance ${instance.name} is ${instance.deploymentStatus}; it can't be removed now.`);
    }
    if (removed.length > 0 && instances.length - removed.length + added.length === 0) {
      throw ctx.invalid(`Service ${service.name} must keep at least one service instance: the spec removes all of them.`);
    }
    const version = added.length > 0 ? defaultVersionOf(ctx, service) : undefined;
    if (version) checkInstanceEnvironments(ctx, added, version);
    // The added instances' inherited tags are checked before anything changes.
    for (const entry of added) instanceTags(ctx, service, { name: entry.name, environmentName: entry.environment });

    // The spec as Proton keeps it: current values filled in, instances being deleted left out.
    const kept = entries
      .filter((entry) => !removed.some((i) => i.name === entry.name))
      .map(({ name, environment, spec: inputs }) => ({ name, environment, ...(inputs !== undefined ? { spec: inputs } : {}) }));
    const rewrite = input.spec.includes(CURRENT_VAL) || kept.length !== entries.length;
    const stored = rewrite ? stringify({ ...spec.document, ...(pipeline !== undefined ? { pipeline } : {}), instances: kept }) : input.spec;

    const previousSpec = service.spec;
    service.spec = stored;
    if (input.description !== undefined) service.description = input.description;
    service.lastModifiedAt = ctx.now();
    service.modified = true;
    if (added.length === 0 && removed.length === 0) return { service: renderService(service) };

    const created = added.map((entry) => addInstance(ctx, service, { name: entry.name, environmentName: entry.environment, version: version!, spec: stored }));
    // Manual changes to a synced service block its sync (user guide, "Service sync configurations"):
    // a created instance blocks that instance, a deleted one the whole service.
    for (const entry of added) recordManualChange(ctx, service.name, entry.name, `Service instance ${entry.name} was manually created with UpdateService; a sync would override it.`);
    if (removed.length > 0) {
      recordManualChange(ctx, service.name, undefined, `Service instances ${removed.map((i) => i.name).join(", ")} were manually deleted with UpdateService; a sync would override the change.`);
    }
    const held = removed.map((instance) => ({ instance, status: instance.deploymentStatus, message: instance.deploymentStatusMessage }));
    for (const h of held) {
      h.instance.deploymentStatus = "DELETE_IN_PROGRESS";
      h.instance.deploymentStatusMessage = undefined;
      backend.serviceInstances.touch(h.instance.id);
    }
    const pipelineRecord = service.pipeline;
    const pipelineBefore = pipelineRecord ? { status: pipelineRecord.deploymentStatus, message: pipelineRecord.deploymentStatusMessage } : undefined;
    if (pipelineRecord) pipelineRecord.deploymentStatus = "IN_PROGRESS";
    runServiceAction(
      ctx,
      service,
      "UPDATE",
      created.map((c) => c.deployment.process),
      updatePlan(
        ctx,
        service,
        created.map((c) => c.instance),
        held,
        pipelineBefore,
        previousSpec,
      ),
    );
    return { service: renderService(service) };
  },
});
