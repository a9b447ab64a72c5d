import type { CompatibleEnvironmentTemplate, RepositorySyncAttempt, ResourceSyncAttempt, ResourceSyncStatus, Revision } from "@aws-sdk/client-proton";
import { createHash } from "node:crypto";
import { ServiceError } from "../../engine/errors.js";
import { randomHex } from "../../engine/ids.js";
import { readYaml } from "../../engine/yaml.js";
import type { Ctx } from "./common.js";
import type { DeploymentRecord } from "./deployments.js";
import type { RepositoryRecord } from "./repositories.js";
import { appendToServiceSpec, addInstance, deploySpec, type InstanceRecord } from "./service-instances.js";
import { checkCompatibleTemplates } from "./service-templates.js";
import { busy, checkInstanceEnvironments, defaultVersionOf, parseServiceSpec, type ServiceRecord } from "./services.js";
import type { ServiceSyncConfigRecord, TemplateSyncConfigRecord } from "./sync.js";
import { newVersion, templateTable, type TemplateKind, type TemplateVersionRecord } from "./templates.js";

/**
 * A push to a linked repository, and the syncs it starts (there is no Git here: a test says
 * what the branch holds after the commit, see pushToRepository in public.ts).
 * - Template sync (user guide, "Template sync configurations"): for each template synced from
 *   this branch, every major version directory `<template>/vN/` (under the config's
 *   subdirectory, else the first directory named after the template) whose contents changed
 *   since its last successful sync, or whose synced minor version was deleted, registers a new
 *   DRAFT version of major N (created when missing). Service templates read their compatible
 *   environments and component sources from `vN/.template-registration.yaml`.
 * - Service sync ("Service sync configurations"): the Proton Ops file (the service sync
 *   config's branch and path) names, per instance, a branch and a spec file; a push to that
 *   branch deploys the instance with its spec when the spec changed, or creates the instance,
 *   unless a sync blocker of the instance or of the service is ACTIVE.
 * Each sync is an attempt whose status follows what it started (the version's registration,
 * the instance's deployment); GetTemplateSyncStatus, GetServiceInstanceSyncStatus and
 * GetRepositorySyncStatus report them.
 */
export interface RepositoryPush {
  commitId: string;
  branch: string;
  /** The branch's files after the commit, by path from the repository root. */
  files: Readonly<Record<string, string>>;
}

/** One sync attempt of a template major version or a service instance. */
export interface SyncAttemptRecord {
  target: string;
  initialRevision: Revision;
  targetRevision: Revision;
  startedAt: Date;
  /** What the attempt started, whose progress is its status; absent when it failed outright. */
  version?: TemplateVersionRecord | undefined;
  deployment?: DeploymentRecord | undefined;
  failure?: string | undefined;
  /** The synced content, to tell an unchanged push from a changed one. */
  digest: string;
}

/** The sync state of one template major version or one service instance. */
export interface SyncState {
  latest: SyncAttemptRecord;
  /** The last attempt known to have succeeded when `latest` started. */
  earlierSuccess?: SyncAttemptRecord | undefined;
  /** The instance the state belongs to (a re-created instance starts afresh). */
  instanceCreatedAt?: Date | undefined;
}

const VERSION_STATUS: Record<string, ResourceSyncStatus> = { REGISTRATION_IN_PROGRESS: "IN_PROGRESS", DRAFT: "SUCCEEDED", PUBLISHED: "SUCCEEDED", REGISTRATION_FAILED: "FAILED" };
const DEPLOYMENT_STATUS: Record<string, ResourceSyncStatus> = { IN_PROGRESS: "IN_PROGRESS", CANCELLING: "IN_PROGRESS", SUCCEEDED: "SUCCEEDED" };

export function attemptStatus(attempt: SyncAttemptRecord): ResourceSyncStatus {
  if (attempt.version) return VERSION_STATUS[attempt.version.status] ?? "FAILED";
  if (attempt.deployment) return DEPLOYMENT_STATUS[attempt.deployment.deploymentStatus] ?? "FAILED";
  return "FAILED";
}

/** The latest attempt that succeeded: the latest one, or the one before it. */
export function lastSuccess(state: SyncState): SyncAttemptRecord | undefined {
  return attemptStatus(state.latest) === "SUCCEEDED" ? state.latest : state.earlierSuccess;
}

export function renderAttempt(attempt: SyncAttemptRecord): ResourceSyncAttempt {
  const status = attemptStatus(attempt);
  const sha = attempt.targetRevision.sha;
  const events = [{ type: "STARTING", externalId: sha, time: attempt.startedAt, event: `Sync of ${attempt.target} from commit ${sha} started.` }];
  if (status !== "IN_PROGRESS") {
    const outcome = attempt.failure ?? attempt.version?.statusMessage ?? attempt.deployment?.deploymentStatusMessage;
    const time = attempt.version?.lastModifiedAt ?? attempt.deployment?.completedAt ?? attempt.startedAt;
    events.push({ type: status, externalId: sha, time, event: status === "SUCCEEDED" ? `Sync of ${attempt.target} succeeded.` : `Sync of ${attempt.target} failed${outcome ? `: ${outcome}` : "."}` });
  }
  return { target: attempt.target, initialRevision: attempt.initialRevision, targetRevision: attempt.targetRevision, startedAt: attempt.startedAt, status, events };
}

const digestOf = (entries: ReadonlyArray<readonly [string, string]>) =>
  createHash("sha256")
    .update(JSON.stringify([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
    .digest("hex");

const trimSlashes = (path: string) => path.replace(/^\.?\/+/, "").replace(/\/+$/, "");

/** The file at `path` on a branch, if the branch holds one (a path such as "constructor" is not an inherited member). */
const fileAt = (files: Readonly<Record<string, string>> | undefined, path: string): string | undefined => (files && Object.hasOwn(files, path) ? files[path] : undefined);

/** Whether a push's branch matters to a sync config (same repository). */
const sameRepository = (repository: RepositoryRecord, config: { repositoryProvider: string; repositoryName: string }) =>
  config.repositoryProvider === repository.provider && config.repositoryName === repository.name;

function revision(repository: RepositoryRecord, push: RepositoryPush, directory: string): Revision {
  return { repositoryName: repository.name, repositoryProvider: repository.provider as Revision["repositoryProvider"], sha: push.commitId, directory, branch: push.branch };
}

/** Replaces a state's latest attempt, remembering the last success. */
function nextState(previous: SyncState | undefined, latest: SyncAttemptRecord, extra: Partial<SyncState> = {}): SyncState {
  return { latest, earlierSuccess: previous ? lastSuccess(previous) : undefined, ...extra };
}

/** The directory holding a template's major version directories: `<subdirectory>/<template>/`, else the first `.../<template>/`. */
function templateDirectory(files: readonly string[], config: TemplateSyncConfigRecord): string | undefined {
  if (config.subdirectory !== undefined && trimSlashes(config.subdirectory) !== "") return `${trimSlashes(config.subdirectory)}/${config.templateName}/`;
  const found = files
    .map((path) => {
      const parts = path.split("/");
      const at = parts.indexOf(config.templateName);
      return at >= 0 && at < parts.length - 1 ? `${parts.slice(0, at + 1).join("/")}/` : undefined;
    })
    .filter((dir): dir is string => dir !== undefined)
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return found[0];
}

/** `.template-registration.yaml`: compatible_environments ("name:major") and supported_component_sources. */
function registration(ctx: Ctx, text: string | undefined): { compatible: CompatibleEnvironmentTemplate[]; sources: string[] | undefined } {
  if (text === undefined) throw ctx.invalid("The major version directory has no .template-registration.yaml naming its compatible_environments.");
  const read = readYaml(text);
  if (read.problem !== undefined) throw ctx.invalid(`.template-registration.yaml is not valid YAML: ${read.problem}`);
  const document = read.value;
  const record = document !== null && typeof document === "object" && !Array.isArray(document) ? (document as Record<string, unknown>) : {};
  const environments = record["compatible_environments"];
  if (!Array.isArray(environments) || environments.length === 0) throw ctx.invalid(".template-registration.yaml needs compatible_environments: a list of environment-template:major-version entries.");
  const compatible = environments.map((entry) => {
    const match = typeof entry === "string" ? /^([0-9A-Za-z][0-9A-Za-z_-]*):(0|[1-9]\d*)$/.exec(entry) : null;
    if (!match) throw ctx.invalid(`.template-registration.yaml: compatible environment ${JSON.stringify(entry)} is not environment-template:major-version.`);
    return { templateName: match[1]!, majorVersion: match[2]! };
  });
  const sources = record["supported_component_sources"];
  if (sources !== undefined && (!Array.isArray(sources) || sources.some((s) => s !== "DIRECTLY_DEFINED"))) {
    throw ctx.invalid(".template-registration.yaml: supported_component_sources may only list DIRECTLY_DEFINED.");
  }
  return { compatible: checkCompatibleTemplates(ctx, compatible), sources: sources as string[] | undefined };
}

/** Registers a synced bundle as a new minor of its major (or the major's first version). */
function registerBundle(ctx: Ctx, kind: TemplateKind, templateName: string, major: string, files: ReadonlyMap<string, string>): TemplateVersionRecord {
  const template = templateTable(ctx.backend, kind).get(templateName);
  // Template sync can't create the template itself.
  if (!template) throw ctx.invalid(`${kind === "environment" ? "Environment" : "Service"} template ${templateName} doesn't exist.`);
  const exists = template.majors.has(major);
  const service = kind === "service" ? registration(ctx, files.get(".template-registration.yaml")) : undefined;
  return newVersion(ctx, kind, {
    templateName,
    majorVersion: exists ? major : undefined,
    newMajor: exists ? undefined : major,
    source: {},
    compatibleEnvironmentTemplates: service?.compatible,
    supportedComponentSources: service?.sources,
  });
}

function syncTemplates(ctx: Ctx, repository: RepositoryRecord, push: RepositoryPush, config: TemplateSyncConfigRecord): void {
  const paths = Object.keys(push.files);
  const root = templateDirectory(paths, config);
  if (root === undefined) return;
  const majors = new Map<string, { dir: string; files: Map<string, string> }>();
  for (const path of paths) {
    if (!path.startsWith(root)) continue;
    const [dir, ...rest] = path.slice(root.length).split("/");
    // Major versions are TemplateVersionPart: at most 20 digits.
    const match = /^v(0|[1-9]\d{0,19})$/.exec(dir ?? "");
    if (!match || rest.length === 0) continue;
    const entry = majors.get(match[1]!) ?? { dir: `${root}${dir}`, files: new Map<string, string>() };
    entry.files.set(rest.join("/"), push.files[path]!);
    majors.set(match[1]!, entry);
  }
  const kind: TemplateKind = config.templateType === "ENVIRONMENT" ? "environment" : "service";
  for (const [major, bundle] of majors) {
    const key = `${config.templateType}:${config.templateName}:${major}`;
    const previous = ctx.backend.templateSyncs.get(key);
    const digest = digestOf([...bundle.files]);
    const success = previous ? lastSuccess(previous) : undefined;
    const syncedVersion = success?.version;
    const stillThere = syncedVersion !== undefined && templateTable(ctx.backend, kind).get(config.templateName)?.versions.get(`${syncedVersion.majorVersion}.${syncedVersion.minorVersion}`) === syncedVersion;
    if (success?.digest === digest && stillThere) continue;
    const target = revision(repository, push, bundle.dir);
    const attempt: SyncAttemptRecord = { target: config.templateName, initialRevision: previous?.latest.targetRevision ?? target, targetRevision: target, startedAt: ctx.now(), digest };
    try {
      attempt.version = registerBundle(ctx, kind, config.templateName, major, bundle.files);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      attempt.failure = error.message;
    }
    ctx.backend.templateSyncs.set(key, nextState(previous, attempt));
  }
}

/**
 * The Proton Ops file's instances of a service: instance name → { branch, spec path }; or why
 * the file can't be read (it is not YAML), which fails the service sync rather than reading as
 * a file that follows nothing.
 */
function opsInstances(ops: string, serviceName: string): Map<string, { branch: string; spec: string }> | { problem: string } {
  const read = readYaml(ops);
  if (read.problem !== undefined) return { problem: read.problem };
  const document = read.value;
  const services = (document as { sync?: { services?: Record<string, unknown> } } | null)?.sync?.services;
  const instances = services && typeof services === "object" ? services[serviceName] : undefined;
  const out = new Map<string, { branch: string; spec: string }>();
  if (!instances || typeof instances !== "object") return out;
  for (const [name, value] of Object.entries(instances as Record<string, unknown>)) {
    const entry = value as { branch?: unknown; spec?: unknown } | null;
    if (entry && typeof entry.branch === "string" && typeof entry.spec === "string") out.set(name, { branch: entry.branch, spec: trimSlashes(entry.spec) });
  }
  return out;
}

function blockerOf(ctx: Ctx, serviceName: string, instanceName: string): string | undefined {
  for (const blocker of ctx.backend.syncBlockers.values()) {
    const applies = blocker.serviceInstanceName === undefined || blocker.serviceInstanceName === instanceName;
    if (blocker.serviceName === serviceName && applies && blocker.status === "ACTIVE") return blocker.id;
  }
  return undefined;
}

/** Deploys (or creates) one instance from its spec file; throws the reason the sync fails. */
function syncInstance(ctx: Ctx, service: ServiceRecord, name: string, spec: string): { deployment: DeploymentRecord; instance: InstanceRecord } {
  const entry = parseServiceSpec(ctx, spec).instances.find((i) => i.name === name);
  if (!entry) throw ctx.invalid(`The spec file doesn't define service instance ${name}.`);
  const blocker = blockerOf(ctx, service.name, name);
  if (blocker) throw ctx.invalid(`Sync is blocked by service sync blocker ${blocker}; resolve it with UpdateServiceSyncBlocker.`);
  const instance = ctx.backend.serviceInstances.get(`${service.name}/${name}`);
  if (instance) {
    if (["IN_PROGRESS", "CANCELLING", "DELETE_IN_PROGRESS"].includes(instance.deploymentStatus)) throw ctx.invalid(`Service instance ${name} is ${instance.deploymentStatus}.`);
    return { deployment: deploySpec(ctx, instance, spec), instance };
  }
  if (busy(service)) throw ctx.invalid(`Service ${service.name} is ${service.status}.`);
  const version = defaultVersionOf(ctx, service);
  checkInstanceEnvironments(ctx, [entry], version);
  const created = addInstance(ctx, service, { name, environmentName: entry.environment, version, spec });
  appendToServiceSpec(ctx, service, entry);
  return created;
}

/**
 * Syncs the instances of a service that follow the pushed branch; says whether the push
 * concerned the service, and why the service sync failed when its Ops file on the pushed
 * branch can't be read (then no instance is synced).
 */
function syncService(ctx: Ctx, repository: RepositoryRecord, push: RepositoryPush, config: ServiceSyncConfigRecord): { concerned: boolean; failure?: string } {
  const service = ctx.backend.services.get(config.serviceName);
  const opsFiles = config.branch === push.branch ? push.files : ctx.backend.branchFiles.get(`${repository.arn}#${config.branch}`);
  const opsPath = trimSlashes(config.filePath);
  const ops = fileAt(opsFiles, opsPath);
  if (!service || ops === undefined) return { concerned: config.branch === push.branch };
  let concerned = config.branch === push.branch;
  const instances = opsInstances(ops, service.name);
  if (!(instances instanceof Map)) {
    // Read from another branch, a broken Ops file names no instance this push could concern.
    return concerned ? { concerned, failure: `The Proton Ops file ${opsPath} of service ${service.name} is not valid YAML: ${instances.problem}` } : { concerned };
  }
  for (const [name, source] of instances) {
    if (source.branch !== push.branch) continue;
    concerned = true;
    const key = `${service.name}/${name}`;
    const existing = ctx.backend.serviceInstances.get(key);
    const stored = ctx.backend.instanceSyncs.get(key);
    const previous = stored && existing && stored.instanceCreatedAt?.getTime() === existing.createdAt.getTime() ? stored : undefined;
    const spec = fileAt(push.files, source.spec);
    const digest = digestOf([[source.spec, spec ?? ""]]);
    if (previous && lastSuccess(previous)?.digest === digest) continue;
    const target = revision(repository, push, source.spec);
    const attempt: SyncAttemptRecord = { target: name, initialRevision: previous?.latest.targetRevision ?? target, targetRevision: target, startedAt: ctx.now(), digest };
    let instance = existing;
    try {
      if (spec === undefined) throw ctx.invalid(`The spec file ${source.spec} isn't on branch ${push.branch}.`);
      const synced = syncInstance(ctx, service, name, spec);
      attempt.deployment = synced.deployment;
      instance = synced.instance;
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      attempt.failure = error.message;
    }
    ctx.backend.instanceSyncs.set(key, nextState(previous, attempt, { instanceCreatedAt: instance?.createdAt }));
  }
  return { concerned };
}

/** A push to a branch of a linked repository: records it and runs the syncs it starts. */
export function receivePush(ctx: Ctx, repository: RepositoryRecord, branch: string, files: Readonly<Record<string, string>>, commitId = randomHex(40)): RepositoryPush {
  const push: RepositoryPush = { commitId, branch, files: { ...files } };
  const backend = ctx.backend;
  backend.branchFiles.set(`${repository.arn}#${branch}`, push.files);
  const templateConfigs = [...backend.templateSyncConfigs.values()].filter((c) => sameRepository(repository, c) && c.branch === branch);
  const serviceConfigs = [...backend.serviceSyncConfigs.values()].filter((c) => sameRepository(repository, c));
  const record = (syncType: "TEMPLATE_SYNC" | "SERVICE_SYNC", failures: readonly string[] = []): void => {
    const at = ctx.now();
    const attempt: RepositorySyncAttempt = {
      startedAt: at,
      status: failures.length > 0 ? "FAILED" : "SUCCEEDED",
      events: [
        { type: "CLONE", externalId: commitId, time: at, event: `Cloned ${repository.name} at commit ${commitId} of branch ${branch}.` },
        ...failures.map((event) => ({ type: "FAILED", externalId: commitId, time: at, event })),
      ],
    };
    backend.repositorySyncs.set(`${repository.arn}#${branch}#${syncType}`, attempt);
  };
  if (templateConfigs.length > 0) record("TEMPLATE_SYNC");
  for (const config of templateConfigs) syncTemplates(ctx, repository, push, config);
  let serviceSync = false;
  const failures: string[] = [];
  for (const config of serviceConfigs) {
    const outcome = syncService(ctx, repository, push, config);
    serviceSync ||= outcome.concerned;
    if (outcome.failure !== undefined) failures.push(outcome.failure);
  }
  if (serviceSync) record("SERVICE_SYNC", failures);
  return push;
}
