import type {
  CreateServiceSyncConfigInput,
  CreateServiceSyncConfigOutput,
  CreateTemplateSyncConfigInput,
  CreateTemplateSyncConfigOutput,
  DeleteServiceSyncConfigInput,
  DeleteServiceSyncConfigOutput,
  DeleteTemplateSyncConfigInput,
  DeleteTemplateSyncConfigOutput,
  GetServiceInstanceSyncStatusInput,
  GetServiceInstanceSyncStatusOutput,
  GetServiceSyncBlockerSummaryInput,
  GetServiceSyncBlockerSummaryOutput,
  GetServiceSyncConfigInput,
  GetServiceSyncConfigOutput,
  GetTemplateSyncConfigInput,
  GetTemplateSyncConfigOutput,
  GetTemplateSyncStatusInput,
  GetTemplateSyncStatusOutput,
  ResourceSyncAttempt,
  Revision,
  ServiceSyncConfig,
  SyncBlocker,
  TemplateSyncConfig,
  UpdateServiceSyncBlockerInput,
  UpdateServiceSyncBlockerOutput,
  UpdateServiceSyncConfigInput,
  UpdateServiceSyncConfigOutput,
  UpdateTemplateSyncConfigInput,
  UpdateTemplateSyncConfigOutput,
} from "@aws-sdk/client-proton";
import { uuid } from "../../engine/ids.js";
import { oneOf, str } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { conflict, notFound, type Ctx } from "./common.js";
import { lastSuccess, renderAttempt, type SyncState } from "./pushes.js";
import { linkedRepository } from "./repositories.js";
import { BRANCH, REPOSITORY_NAME, REPOSITORY_PROVIDER, RESOURCE_NAME, VERSION_PART } from "./shapes.js";

/**
 * Template sync and service sync ("Proton Ops") configurations, their sync statuses and
 * service sync blockers. Syncs start on a push to the linked repository (pushes.ts; tests
 * push with pushToRepository). Manual changes to a synced service create blockers, as Proton
 * does to keep a sync from overriding them.
 */
export interface TemplateSyncConfigRecord {
  templateName: string;
  templateType: string;
  repositoryProvider: string;
  repositoryName: string;
  branch: string;
  subdirectory?: string | undefined;
}

export interface ServiceSyncConfigRecord {
  serviceName: string;
  repositoryProvider: string;
  repositoryName: string;
  branch: string;
  filePath: string;
}

export interface SyncBlockerRecord {
  id: string;
  serviceName: string;
  serviceInstanceName?: string | undefined;
  status: "ACTIVE" | "RESOLVED";
  createdReason: string;
  createdAt: Date;
  resolvedReason?: string | undefined;
  resolvedAt?: Date | undefined;
}

const TEMPLATE_TYPE = oneOf("TemplateType");
const SUBDIRECTORY = str({ min: 1, max: 4096 });
const FILE_PATH = str({ min: 1, max: 4096 });
const templateKey = (type: string, name: string) => `${type}:${name}`;

function renderTemplateSync(config: TemplateSyncConfigRecord): TemplateSyncConfig {
  return { ...config } as TemplateSyncConfig;
}

function renderServiceSync(config: ServiceSyncConfigRecord): ServiceSyncConfig {
  return { ...config } as ServiceSyncConfig;
}

function renderBlocker(blocker: SyncBlockerRecord): SyncBlocker {
  return {
    id: blocker.id,
    type: "AUTOMATED",
    status: blocker.status,
    createdReason: blocker.createdReason,
    createdAt: blocker.createdAt,
    contexts: [
      { key: "serviceName", value: blocker.serviceName },
      ...(blocker.serviceInstanceName !== undefined ? [{ key: "serviceInstanceName", value: blocker.serviceInstanceName }] : []),
    ],
    resolvedReason: blocker.resolvedReason,
    resolvedAt: blocker.resolvedAt,
  };
}

/** A sync state as Get…SyncStatus reports it; the read moves what the latest attempt waits for. */
function syncStatus(ctx: Ctx, state: SyncState | undefined): { latestSync?: ResourceSyncAttempt; latestSuccessfulSync?: ResourceSyncAttempt; desiredState?: Revision } {
  if (!state) return {};
  ctx.observe(state.latest.version?.registration);
  ctx.observe(state.latest.deployment?.process);
  const success = lastSuccess(state);
  return { latestSync: renderAttempt(state.latest), latestSuccessfulSync: success ? renderAttempt(success) : undefined, desiredState: state.latest.targetRevision };
}

function findTemplateSync(ctx: Ctx, type: string, name: string): TemplateSyncConfigRecord {
  const config = ctx.backend.templateSyncConfigs.get(templateKey(type, name));
  if (!config) throw notFound(ctx, `Template sync config of ${type.toLowerCase()} template ${name}`);
  return config;
}

function findServiceSync(ctx: Ctx, serviceName: string): ServiceSyncConfigRecord {
  const config = ctx.backend.serviceSyncConfigs.get(serviceName);
  if (!config) throw notFound(ctx, `Service sync config of service ${serviceName}`);
  return config;
}

/**
 * A manual change to a synced service: Proton blocks syncing it (an ACTIVE blocker) until
 * someone resolves the blocker with UpdateServiceSyncBlocker.
 */
export function recordManualChange(ctx: Ctx, serviceName: string, serviceInstanceName: string | undefined, reason: string): void {
  const backend = ctx.backend;
  if (!backend.serviceSyncConfigs.has(serviceName)) return;
  const active = [...backend.syncBlockers.values()].some((b) => b.serviceName === serviceName && b.serviceInstanceName === serviceInstanceName && b.status === "ACTIVE");
  if (active) return;
  const id = uuid();
  backend.syncBlockers.set(id, { id, serviceName, serviceInstanceName, status: "ACTIVE", createdReason: reason, createdAt: ctx.now() });
}

const TEMPLATE_SYNC_INPUT = {
  templateName: RESOURCE_NAME,
  templateType: TEMPLATE_TYPE,
  repositoryProvider: REPOSITORY_PROVIDER,
  repositoryName: REPOSITORY_NAME,
  branch: BRANCH,
  subdirectory: SUBDIRECTORY,
};

export const createTemplateSyncConfig = op<CreateTemplateSyncConfigInput, CreateTemplateSyncConfigOutput>({
  input: TEMPLATE_SYNC_INPUT,
  errors: ["ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const type = input.templateType!;
    const name = input.templateName!;
    const templates = type === "ENVIRONMENT" ? ctx.backend.environmentTemplates : ctx.backend.serviceTemplates;
    if (!templates.has(name)) throw ctx.invalid(`There is no ${type.toLowerCase()} template named ${name} to sync.`);
    linkedRepository(ctx, input.repositoryProvider!, input.repositoryName!);
    if (ctx.backend.templateSyncConfigs.has(templateKey(type, name))) throw conflict(ctx, `${type === "ENVIRONMENT" ? "Environment" : "Service"} template ${name} already has a template sync config.`);
    const config: TemplateSyncConfigRecord = {
      templateName: name,
      templateType: type,
      repositoryProvider: input.repositoryProvider!,
      repositoryName: input.repositoryName!,
      branch: input.branch!,
      subdirectory: input.subdirectory,
    };
    ctx.backend.templateSyncConfigs.set(templateKey(type, name), config);
    return { templateSyncConfig: renderTemplateSync(config) };
  },
});

export const getTemplateSyncConfig = op<GetTemplateSyncConfigInput, GetTemplateSyncConfigOutput>({
  input: { templateName: RESOURCE_NAME, templateType: TEMPLATE_TYPE },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { templateSyncConfig: renderTemplateSync(findTemplateSync(ctx, input.templateType!, input.templateName!)) };
  },
});

export const updateTemplateSyncConfig = op<UpdateTemplateSyncConfigInput, UpdateTemplateSyncConfigOutput>({
  input: TEMPLATE_SYNC_INPUT,
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const config = findTemplateSync(ctx, input.templateType!, input.templateName!);
    linkedRepository(ctx, input.repositoryProvider!, input.repositoryName!);
    config.repositoryProvider = input.repositoryProvider!;
    config.repositoryName = input.repositoryName!;
    config.branch = input.branch!;
    config.subdirectory = input.subdirectory;
    return { templateSyncConfig: renderTemplateSync(config) };
  },
});

export const deleteTemplateSyncConfig = op<DeleteTemplateSyncConfigInput, DeleteTemplateSyncConfigOutput>({
  input: { templateName: RESOURCE_NAME, templateType: TEMPLATE_TYPE },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const config = findTemplateSync(ctx, input.templateType!, input.templateName!);
    ctx.backend.templateSyncConfigs.delete(templateKey(config.templateType, config.templateName));
    return { templateSyncConfig: renderTemplateSync(config) };
  },
});

export const getTemplateSyncStatus = op<GetTemplateSyncStatusInput, GetTemplateSyncStatusOutput>({
  input: { templateName: RESOURCE_NAME, templateType: TEMPLATE_TYPE, templateVersion: VERSION_PART },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    findTemplateSync(ctx, input.templateType!, input.templateName!);
    // Syncs start on a push to the linked branch (pushToRepository in tests).
    return syncStatus(ctx, ctx.backend.templateSyncs.get(`${input.templateType}:${input.templateName}:${input.templateVersion}`));
  },
});

const SERVICE_SYNC_INPUT = {
  serviceName: RESOURCE_NAME,
  repositoryProvider: REPOSITORY_PROVIDER,
  repositoryName: REPOSITORY_NAME,
  branch: BRANCH,
  filePath: FILE_PATH,
};

export const createServiceSyncConfig = op<CreateServiceSyncConfigInput, CreateServiceSyncConfigOutput>({
  input: SERVICE_SYNC_INPUT,
  errors: ["ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const serviceName = input.serviceName!;
    if (!ctx.backend.services.has(serviceName)) throw ctx.invalid(`There is no service named ${serviceName} to sync.`);
    linkedRepository(ctx, input.repositoryProvider!, input.repositoryName!);
    if (ctx.backend.serviceSyncConfigs.has(serviceName)) throw conflict(ctx, `Service ${serviceName} already has a service sync config.`);
    const config: ServiceSyncConfigRecord = {
      serviceName,
      repositoryProvider: input.repositoryProvider!,
      repositoryName: input.repositoryName!,
      branch: input.branch!,
      filePath: input.filePath!,
    };
    ctx.backend.serviceSyncConfigs.set(serviceName, config);
    return { serviceSyncConfig: renderServiceSync(config) };
  },
});

export const getServiceSyncConfig = op<GetServiceSyncConfigInput, GetServiceSyncConfigOutput>({
  input: { serviceName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    if (!ctx.backend.services.has(input.serviceName!)) throw notFound(ctx, `Service ${input.serviceName}`);
    const config = ctx.backend.serviceSyncConfigs.get(input.serviceName!);
    return config ? { serviceSyncConfig: renderServiceSync(config) } : {};
  },
});

export const updateServiceSyncConfig = op<UpdateServiceSyncConfigInput, UpdateServiceSyncConfigOutput>({
  input: SERVICE_SYNC_INPUT,
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const config = findServiceSync(ctx, input.serviceName!);
    linkedRepository(ctx, input.repositoryProvider!, input.repositoryName!);
    config.repositoryProvider = input.repositoryProvider!;
    config.repositoryName = input.repositoryName!;
    config.branch = input.branch!;
    config.filePath = input.filePath!;
    return { serviceSyncConfig: renderServiceSync(config) };
  },
});

export const deleteServiceSyncConfig = op<DeleteServiceSyncConfigInput, DeleteServiceSyncConfigOutput>({
  input: { serviceName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const config = findServiceSync(ctx, input.serviceName!);
    ctx.backend.serviceSyncConfigs.delete(config.serviceName);
    return { serviceSyncConfig: renderServiceSync(config) };
  },
});

export const getServiceInstanceSyncStatus = op<GetServiceInstanceSyncStatusInput, GetServiceInstanceSyncStatusOutput>({
  input: { serviceName: RESOURCE_NAME, serviceInstanceName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const instance = ctx.backend.serviceInstances.get(`${input.serviceName}/${input.serviceInstanceName}`);
    if (!instance) throw notFound(ctx, `Service instance ${input.serviceInstanceName} of service ${input.serviceName}`);
    // Syncs start on a push to a branch the Proton Ops file names (pushToRepository in tests);
    // a state left by an earlier instance of the same name is not this one's.
    const state = ctx.backend.instanceSyncs.get(instance.id);
    return syncStatus(ctx, state?.instanceCreatedAt?.getTime() === instance.createdAt.getTime() ? state : undefined);
  },
});

export const getServiceSyncBlockerSummary = op<GetServiceSyncBlockerSummaryInput, GetServiceSyncBlockerSummaryOutput>({
  input: { serviceName: RESOURCE_NAME, serviceInstanceName: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const serviceName = input.serviceName!;
    if (!ctx.backend.services.has(serviceName)) throw notFound(ctx, `Service ${serviceName}`);
    const instanceName = input.serviceInstanceName;
    if (instanceName !== undefined && !ctx.backend.serviceInstances.has(`${serviceName}/${instanceName}`)) {
      throw notFound(ctx, `Service instance ${instanceName} of service ${serviceName}`);
    }
    // With an instance: the blockers of that instance; without: those of the whole service.
    const latestBlockers = [...ctx.backend.syncBlockers.values()]
      .filter((b) => b.serviceName === serviceName && b.serviceInstanceName === instanceName && b.status === "ACTIVE")
      .map(renderBlocker);
    return { serviceSyncBlockerSummary: { serviceName, serviceInstanceName: instanceName, latestBlockers } };
  },
});

export const updateServiceSyncBlocker = op<UpdateServiceSyncBlockerInput, UpdateServiceSyncBlockerOutput>({
  input: {},
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const blocker = ctx.backend.syncBlockers.get(input.id!);
    if (!blocker) throw notFound(ctx, `Service sync blocker ${input.id}`);
    if (blocker.status === "RESOLVED") throw conflict(ctx, `Service sync blocker ${blocker.id} is already resolved.`);
    blocker.status = "RESOLVED";
    blocker.resolvedReason = input.resolvedReason!;
    blocker.resolvedAt = ctx.now();
    return { serviceName: blocker.serviceName, serviceInstanceName: blocker.serviceInstanceName, serviceSyncBlocker: renderBlocker(blocker) };
  },
});
