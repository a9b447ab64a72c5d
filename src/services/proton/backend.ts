import type { RepositorySyncAttempt } from "@aws-sdk/client-proton";
import type { BackendScope } from "../../engine/backends.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { operationsFor } from "../../engine/service.js";
import { SortedViews } from "../../engine/sorted-views.js";
import { TagStore } from "../../engine/tags.js";
import type { AccountSettingsRecord } from "./account.js";
import type { ConnectionRecord } from "./account-connections.js";
import type { ComponentRecord } from "./components.js";
import type { SyncState } from "./pushes.js";
import type { DeploymentRecord } from "./deployments.js";
import type { EnvironmentRecord } from "./environments.js";
import type { RepositoryRecord } from "./repositories.js";
import type { InstanceRecord } from "./service-instances.js";
import type { ServiceRecord } from "./services.js";
import type { ServiceSyncConfigRecord, SyncBlockerRecord, TemplateSyncConfigRecord } from "./sync.js";
import type { TemplateRecord } from "./templates.js";

/** The orders ListServiceInstances can sort by (its `sortBy`), each kept as a table. */
export type InstanceOrder = "name" | "deploymentStatus" | "templateName" | "serviceName" | "environmentName" | "lastDeploymentAttemptedAt" | "createdAt";

/** AWS Proton's state in one account and region. */
export class ProtonBackend {
  readonly environmentTemplates = new OrderedTable<TemplateRecord>();
  readonly serviceTemplates = new OrderedTable<TemplateRecord>();
  readonly environments = new OrderedTable<EnvironmentRecord>();
  readonly services = new OrderedTable<ServiceRecord>();
  /** Service instances by "service/instance", in every order ListServiceInstances offers. */
  readonly serviceInstances = new SortedViews<InstanceRecord, InstanceOrder>({
    name: (i) => i.name,
    deploymentStatus: (i) => i.deploymentStatus,
    templateName: (i) => i.templateName,
    // Ties break on the id "service/instance": by service, instances are in name order.
    serviceName: (i) => i.serviceName,
    environmentName: (i) => i.environmentName,
    lastDeploymentAttemptedAt: (i) => i.lastDeploymentAttemptedAt.getTime(),
    createdAt: (i) => i.createdAt.getTime(),
  });
  readonly components = new OrderedTable<ComponentRecord>();
  /** Deployments by id, newest first. */
  readonly deployments = new OrderedTable<DeploymentRecord>((d) => -d.seq);
  /** Environment account connections this account requested or manages, by id, oldest first. */
  readonly connections = new OrderedTable<ConnectionRecord>((c) => c.seq);
  /** Linked repositories by "PROVIDER:name". */
  readonly repositories = new OrderedTable<RepositoryRecord>();
  /** Template sync configs by "TYPE:templateName"; service sync configs by service name. */
  readonly templateSyncConfigs = new Map<string, TemplateSyncConfigRecord>();
  readonly serviceSyncConfigs = new Map<string, ServiceSyncConfigRecord>();
  readonly syncBlockers = new Map<string, SyncBlockerRecord>();
  /** What pushes left on each branch: files by path, keyed "repositoryArn#branch". */
  readonly branchFiles = new Map<string, Readonly<Record<string, string>>>();
  /** The latest repository sync attempt, keyed "repositoryArn#branch#syncType". */
  readonly repositorySyncs = new Map<string, RepositorySyncAttempt>();
  /** Template syncs by "TYPE:templateName:major", service instance syncs by "service/instance". */
  readonly templateSyncs = new Map<string, SyncState>();
  readonly instanceSyncs = new Map<string, SyncState>();
  accountSettings: AccountSettingsRecord = {};
  readonly tags = new TagStore();
  /** ARNs of resources deleted here: a retried delete of one of them succeeds (Proton's idempotent deletes). */
  readonly deleted = new Set<string>();
  /** Creation counter: stable orders for same-millisecond resources. */
  sequence = 0;

  constructor(readonly scope: BackendScope) {}
}

/** Typed operation definitions for Proton's resource files. */
export const op = operationsFor<ProtonBackend>();
