import type { CrawlerTargets, Job } from "@aws-sdk/client-glue";
import { findUsageProfile, usageProfileProblem } from "../admin/usage-profiles.js";
import type { GlueBackend } from "../backend.js";
import { findSecurityConfiguration } from "../security/security-configurations.js";
import { findConnection } from "./connections.js";

/**
 * Where Glue checks that the connections and the security configuration a job or a crawler
 * names exist:
 *
 * - CreateCrawler and UpdateCrawler retrieve them and refuse the call with
 *   InvalidInputException ("Unable to retrieve connection X: …", "Error trying to retrieve
 *   security config …": the messages Terraform's provider retries on while IAM propagates); a
 *   crawl whose connection was deleted since fails.
 * - CreateJob and UpdateJob do not (a job naming "catalog-id:name" is accepted, as
 *   terraform-provider-aws#21630 shows); the job run does, and fails when one is missing.
 */

/** The connection names a crawler's targets use (an empty name means none). */
function crawlerConnections(targets: CrawlerTargets | undefined): string[] {
  const names: Array<string | undefined> = [];
  for (const t of targets?.S3Targets ?? []) names.push(t.ConnectionName);
  for (const t of targets?.JdbcTargets ?? []) names.push(t.ConnectionName);
  for (const t of targets?.MongoDBTargets ?? []) names.push(t.ConnectionName);
  for (const t of targets?.CatalogTargets ?? []) names.push(t.ConnectionName);
  for (const t of targets?.DeltaTargets ?? []) names.push(t.ConnectionName);
  for (const t of targets?.IcebergTargets ?? []) names.push(t.ConnectionName);
  for (const t of targets?.HudiTargets ?? []) names.push(t.ConnectionName);
  return [...new Set(names.filter((name): name is string => name !== undefined && name !== ""))];
}

/** Why a crawler's definition names a connection or security configuration that does not exist, or undefined. */
export function crawlerReferenceProblem(backend: GlueBackend, definition: { Targets?: CrawlerTargets | undefined; CrawlerSecurityConfiguration?: string | undefined }): string | undefined {
  for (const name of crawlerConnections(definition.Targets)) {
    if (!findConnection(backend, name)) return `Unable to retrieve connection ${name}: connection ${name} not found (Error Code: EntityNotFoundException).`;
  }
  const security = definition.CrawlerSecurityConfiguration;
  if (security && !findSecurityConfiguration(backend, security)) {
    return `Error trying to retrieve security config, error message: security configuration ${security} not found.`;
  }
  return undefined;
}

/** CreateJob/UpdateJob's own check of a connections list: no empty names. */
export function jobConnectionsProblem(job: Pick<Job, "Connections">): string | undefined {
  const names = job.Connections?.Connections;
  if (names && names.some((name) => name.trim() === "")) return "Connections list should not be null or empty.";
  return undefined;
}

/** Why a run of `job` (with the run's security configuration) cannot start, or undefined. */
export function jobRunReferenceProblem(backend: GlueBackend, job: Pick<Job, "Connections">, securityConfiguration: string | undefined): string | undefined {
  for (const name of job.Connections?.Connections ?? []) {
    if (!findConnection(backend, name)) return `Connection ${name} not found: the job names a connection that does not exist in this account and Region.`;
  }
  if (securityConfiguration && !findSecurityConfiguration(backend, securityConfiguration)) {
    return `Security configuration ${securityConfiguration} not found: the run names a security configuration that does not exist.`;
  }
  return undefined;
}

/**
 * Why a job run cannot start, or undefined: a missing connection or security configuration, or
 * settings outside the usage profile that applies (the caller's for StartJobRun, else the
 * job's own ProfileName, as for runs that triggers and workflows start).
 */
export function jobRunStartProblem(
  backend: GlueBackend,
  job: Pick<Job, "Connections" | "ProfileName">,
  settings: { SecurityConfiguration?: string | undefined; WorkerType?: string | undefined; NumberOfWorkers?: number | undefined; Timeout?: number | undefined },
  callerProfile: string | undefined,
): string | undefined {
  const reference = jobRunReferenceProblem(backend, job, settings.SecurityConfiguration);
  if (reference) return reference;
  const profileName = callerProfile ?? job.ProfileName;
  if (profileName === undefined) return undefined;
  const profile = findUsageProfile(backend, profileName);
  if (!profile) return `Usage profile ${profileName} not found: it was deleted since it was assigned.`;
  return usageProfileProblem(profile, "JobConfiguration", { workerType: settings.WorkerType, numberOfWorkers: settings.NumberOfWorkers, timeout: settings.Timeout });
}
