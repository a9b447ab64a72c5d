import { LinearProcess, Process, type AppliedRule, type RuleEffect, type StepReason } from "../../engine/lifecycle/process.js";
import type { LifecycleKind } from "../../engine/service.js";

/**
 * Proton's asynchronous resources, as lifecycle kinds tests can control with
 * aws.lifecycle(kind, where). Template versions register; environments, service instances,
 * service pipelines and components deploy (and are deleted) through deployments; a service
 * has its own status, which waits for the deployments it started.
 */
export const KIND = {
  environmentTemplateVersion: "Proton.EnvironmentTemplateVersion",
  serviceTemplateVersion: "Proton.ServiceTemplateVersion",
  environment: "Proton.EnvironmentDeployment",
  serviceInstance: "Proton.ServiceInstanceDeployment",
  servicePipeline: "Proton.ServicePipelineDeployment",
  component: "Proton.ComponentDeployment",
  service: "Proton.Service",
} as const;

const REGISTRATION_STATES = ["REGISTRATION_IN_PROGRESS", "DRAFT", "REGISTRATION_FAILED"];
const DEPLOYMENT_STATES = ["IN_PROGRESS", "SUCCEEDED", "FAILED", "CANCELLING", "CANCELLED", "DELETE_IN_PROGRESS", "DELETE_COMPLETE", "DELETE_FAILED"];
const DEPLOYMENT_FAILURES = ["FAILED", "CANCELLED", "DELETE_FAILED"];
const CREATE_FAILURES = ["CREATE_FAILED", "CREATE_FAILED_CLEANUP_COMPLETE", "CREATE_FAILED_CLEANUP_FAILED"];
const UPDATE_FAILURES = ["UPDATE_FAILED", "UPDATE_FAILED_CLEANUP_COMPLETE", "UPDATE_FAILED_CLEANUP_FAILED", "UPDATE_COMPLETE_CLEANUP_FAILED"];
const SERVICE_STATES = [
  "CREATE_IN_PROGRESS",
  "CREATE_FAILED_CLEANUP_IN_PROGRESS",
  ...CREATE_FAILURES,
  "ACTIVE",
  "UPDATE_IN_PROGRESS",
  "UPDATE_FAILED_CLEANUP_IN_PROGRESS",
  ...UPDATE_FAILURES,
  "DELETE_IN_PROGRESS",
  "DELETE_FAILED",
  "DELETE_COMPLETE",
];

export const LIFECYCLES: readonly LifecycleKind[] = [
  { kind: KIND.environmentTemplateVersion, states: REGISTRATION_STATES, failures: ["REGISTRATION_FAILED"], attributes: ["templateName", "majorVersion", "minorVersion"] },
  { kind: KIND.serviceTemplateVersion, states: REGISTRATION_STATES, failures: ["REGISTRATION_FAILED"], attributes: ["templateName", "majorVersion", "minorVersion"] },
  { kind: KIND.environment, states: DEPLOYMENT_STATES, failures: DEPLOYMENT_FAILURES, attributes: ["environmentName", "deploymentId", "action"] },
  {
    kind: KIND.serviceInstance,
    states: DEPLOYMENT_STATES,
    failures: DEPLOYMENT_FAILURES,
    attributes: ["serviceName", "serviceInstanceName", "environmentName", "deploymentId", "action"],
  },
  { kind: KIND.servicePipeline, states: DEPLOYMENT_STATES, failures: DEPLOYMENT_FAILURES, attributes: ["serviceName", "deploymentId", "action"] },
  {
    kind: KIND.component,
    states: DEPLOYMENT_STATES,
    failures: DEPLOYMENT_FAILURES,
    attributes: ["componentName", "environmentName", "serviceName", "serviceInstanceName", "deploymentId", "action"],
  },
  { kind: KIND.service, states: SERVICE_STATES, failures: [...CREATE_FAILURES, ...UPDATE_FAILURES, "DELETE_FAILED"], attributes: ["serviceName", "action"] },
];

/** A template version's registration: REGISTRATION_IN_PROGRESS → DRAFT (or REGISTRATION_FAILED). */
export class RegistrationProcess extends LinearProcess {
  constructor(kind: string, attributes: { templateName: string; majorVersion: string; minorVersion: string }, onEnter: (state: string, process: LinearProcess) => void) {
    super({ kind, path: ["REGISTRATION_IN_PROGRESS", "DRAFT"] }, attributes, { onEnter });
  }
}

export type DeploymentAction = "DEPLOY" | "DELETE";

/**
 * A deployment (IN_PROGRESS → SUCCEEDED) or a deletion (DELETE_IN_PROGRESS → DELETE_COMPLETE)
 * of an environment, service instance, service pipeline or component.
 * - Test rules: endsIn("FAILED" | "CANCELLED") for deployments, endsIn("DELETE_FAILED") for
 *   deletions (a rule never applies to the other action); endsIn("FAILED", { after: "CANCELLING" })
 *   makes a later Cancel…Deployment fail instead of cancelling.
 * - cancel(): IN_PROGRESS → CANCELLING → CANCELLED, as Cancel…Deployment does.
 * - Self-managed provisioning waits in IN_PROGRESS for NotifyResourceDeploymentStatusChange;
 *   settle() (a run left alone) and test rules still end it.
 */
export class DeploymentProcess extends Process {
  private current: string;
  private road: string[];
  private forced = false;
  private cancelOutcome: { state: string; message?: string | undefined } | undefined;
  /** Why it failed or was cancelled (from a rule, a notification or the cancellation). */
  message: string | undefined;

  constructor(
    kind: string,
    attributes: Readonly<Record<string, unknown>>,
    readonly action: DeploymentAction,
    private readonly onEnter: (state: string, process: DeploymentProcess) => void,
    readonly awaitsNotification = false,
  ) {
    super(kind, { ...attributes, action });
    this.current = action === "DEPLOY" ? "IN_PROGRESS" : "DELETE_IN_PROGRESS";
    this.road = [action === "DEPLOY" ? "SUCCEEDED" : "DELETE_COMPLETE"];
  }

  get state(): string {
    return this.current;
  }

  /** Whether it ended in anything but success. */
  get failed(): boolean {
    return this.done && DEPLOYMENT_FAILURES.includes(this.current);
  }

  override supports(effect: RuleEffect): boolean {
    if (effect.type !== "end") return true;
    return this.action === "DEPLOY" ? effect.state === "FAILED" || effect.state === "CANCELLED" : effect.state === "DELETE_FAILED";
  }

  override applyRule(rule: AppliedRule): void {
    super.applyRule(rule);
    const effect = rule.effect;
    if (effect.type !== "end" || this.done) return;
    if (effect.after === "CANCELLING" && this.current !== "CANCELLING") {
      this.cancelOutcome = { state: effect.state, message: effect.message };
      return;
    }
    this.forced = true;
    this.message = effect.message;
    this.road = effect.state === "CANCELLED" && this.current !== "CANCELLING" ? ["CANCELLING", "CANCELLED"] : [effect.state];
  }

  /** Cancel…Deployment: only an IN_PROGRESS deployment can be cancelled. */
  cancel(): boolean {
    if (this.done || this.action !== "DEPLOY" || this.current !== "IN_PROGRESS") return false;
    const outcome = this.cancelOutcome ?? { state: "CANCELLED", message: "User initiated cancellation." };
    this.message = outcome.message ?? (outcome.state === "FAILED" ? "The cancellation attempt failed." : undefined);
    this.forced = true;
    this.enter("CANCELLING", [outcome.state]);
    return true;
  }

  /** NotifyResourceDeploymentStatusChange for self-managed provisioning. */
  notify(state: "SUCCEEDED" | "FAILED", message: string | undefined): void {
    if (this.done) return;
    this.message = message;
    this.enter(state, []);
  }

  protected step(reason: StepReason): boolean {
    if (this.awaitsNotification && !this.forced && reason !== "settle" && this.current === "IN_PROGRESS") return false;
    const next = this.road.shift();
    if (next === undefined) {
      this.finish();
      return false;
    }
    this.enter(next, this.road);
    return true;
  }

  private enter(state: string, road: readonly string[]): void {
    this.current = state;
    this.road = [...road];
    if (this.road.length === 0) this.finish();
    this.onEnter(state, this);
  }
}

export type ServiceAction = "CREATE" | "UPDATE" | "DELETE";

const SERVICE_START: Record<ServiceAction, string> = { CREATE: "CREATE_IN_PROGRESS", UPDATE: "UPDATE_IN_PROGRESS", DELETE: "DELETE_IN_PROGRESS" };
const SERVICE_SUCCESS: Record<ServiceAction, string> = { CREATE: "ACTIVE", UPDATE: "ACTIVE", DELETE: "DELETE_COMPLETE" };
const SERVICE_FAILURE: Record<ServiceAction, string> = { CREATE: "CREATE_FAILED", UPDATE: "UPDATE_FAILED", DELETE: "DELETE_FAILED" };
const SERVICE_RULE_STATES: Record<ServiceAction, readonly string[]> = { CREATE: CREATE_FAILURES, UPDATE: UPDATE_FAILURES, DELETE: ["DELETE_FAILED"] };

/**
 * What a service action does once the parts it waits for have all ended: start the next
 * phase (more parts, maybe showing an intermediate status such as
 * UPDATE_FAILED_CLEANUP_IN_PROGRESS), or end with a status.
 */
export type ServiceStep = { parts: DeploymentProcess[]; state?: string; message?: string | undefined } | { outcome: string; message?: string | undefined };
export type ServicePlan = (ended: readonly DeploymentProcess[]) => ServiceStep;

/** One phase: success once every part succeeded, else the action's failure status naming the parts that failed. */
function singlePhase(action: ServiceAction): ServicePlan {
  return (ended) => {
    const failed = ended.filter((part) => part.failed);
    return failed.length > 0 ? { outcome: SERVICE_FAILURE[action], message: describeParts(failed) } : { outcome: SERVICE_SUCCESS[action] };
  };
}

/**
 * A service's status through a create, an update (instances added or removed) or a delete.
 * It is made of parts: the instance and pipeline deployments (or deletions) the action
 * started, in phases a plan decides (an update creates instances, then deletes, then
 * re-provisions the pipeline). It waits for each phase, then becomes what the plan says:
 * ACTIVE (gone, for a delete) or a failure status. Test rules may force any failure status
 * of the action, which it takes once its phases are over; the *_CLEANUP_COMPLETE /
 * *_CLEANUP_FAILED outcomes pass through *_CLEANUP_IN_PROGRESS.
 */
export class ServiceProcess extends Process {
  private current: string;
  private road: string[] = [];
  private decided = false;
  private forced: { state: string; message?: string | undefined } | undefined;
  private waitingFor: DeploymentProcess[];
  message: string | undefined;

  constructor(
    serviceName: string,
    readonly action: ServiceAction,
    parts: readonly DeploymentProcess[],
    private readonly onEnter: (state: string, process: ServiceProcess) => void,
    private readonly plan: ServicePlan = singlePhase(action),
  ) {
    super(KIND.service, { serviceName, action });
    this.current = SERVICE_START[action];
    this.waitingFor = [...parts];
  }

  get state(): string {
    return this.current;
  }

  /** The deployments (or deletions) of the phase in progress. */
  get parts(): readonly DeploymentProcess[] {
    return this.waitingFor;
  }

  override supports(effect: RuleEffect): boolean {
    return effect.type !== "end" || SERVICE_RULE_STATES[this.action].includes(effect.state);
  }

  override applyRule(rule: AppliedRule): void {
    super.applyRule(rule);
    const effect = rule.effect;
    if (effect.type === "end" && !this.done) this.forced = { state: effect.state, message: effect.message };
  }

  protected step(): boolean {
    if (this.waitingFor.some((part) => !part.done)) return false;
    if (!this.decided) {
      const next = this.plan(this.waitingFor);
      if ("parts" in next) {
        this.waitingFor = next.parts;
        if (next.message !== undefined) this.message = next.message;
        if (next.state !== undefined && next.state !== this.current) {
          this.current = next.state;
          this.onEnter(next.state, this);
          return true;
        }
        return next.parts.length === 0 ? this.step() : true;
      }
      this.decide(next.outcome, next.message);
    }
    const state = this.road.shift();
    if (state === undefined) {
      this.finish();
      return false;
    }
    this.current = state;
    if (this.road.length === 0) this.finish();
    this.onEnter(state, this);
    return true;
  }

  /** The road to the end: the plan's outcome, unless a test rule forced a failure. */
  private decide(outcome: string, message: string | undefined): void {
    this.decided = true;
    const end = this.forced ?? { state: outcome, message };
    this.message = this.forced ? (this.forced.message ?? `Service ${this.action.toLowerCase()} failed.`) : message;
    const cleanup = end.state.includes("_FAILED_CLEANUP_") ? `${end.state.split("_FAILED_CLEANUP_")[0]}_FAILED_CLEANUP_IN_PROGRESS` : undefined;
    this.road = cleanup !== undefined && cleanup !== this.current ? [cleanup, end.state] : [end.state];
  }
}

/** Why a phase failed, part by part. */
export function describeParts(parts: readonly DeploymentProcess[]): string {
  return parts.map(describePart).join("; ");
}

function describePart(part: DeploymentProcess): string {
  const what = part.kind === KIND.servicePipeline ? "service pipeline" : `service instance ${String(part.attributes["serviceInstanceName"])}`;
  const verb = part.action === "DELETE" ? "deletion" : "deployment";
  return `The ${what} ${verb} ended in ${part.state}${part.message ? `: ${part.message}` : "."}`;
}
