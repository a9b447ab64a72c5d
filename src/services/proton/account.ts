import type {
  AccountSettings,
  GetAccountSettingsInput,
  GetAccountSettingsOutput,
  GetResourcesSummaryInput,
  GetResourcesSummaryOutput,
  RepositoryBranch,
  ResourceCountsSummary,
  UpdateAccountSettingsInput,
  UpdateAccountSettingsOutput,
} from "@aws-sdk/client-proton";
import { op } from "./backend.js";
import type { Ctx } from "./common.js";
import { linkedRepository } from "./repositories.js";
import { REPOSITORY_BRANCH_INPUT, ROLE_ARN_OR_EMPTY } from "./shapes.js";
import { recommendedMinor, recommendedVersion, type TemplateRecord } from "./templates.js";

/** Account-wide settings: how service pipelines are provisioned. */
export interface AccountSettingsRecord {
  pipelineServiceRoleArn?: string | undefined;
  pipelineProvisioningRepository?: RepositoryBranch | undefined;
  pipelineCodebuildRoleArn?: string | undefined;
}

function render(settings: AccountSettingsRecord): AccountSettings {
  return { ...settings };
}

export const getAccountSettings = op<GetAccountSettingsInput, GetAccountSettingsOutput>({
  input: {},
  errors: ["ResourceNotFoundException"],
  run(ctx) {
    return { accountSettings: render(ctx.backend.accountSettings) };
  },
});

export const updateAccountSettings = op<UpdateAccountSettingsInput, UpdateAccountSettingsOutput>({
  input: { pipelineServiceRoleArn: ROLE_ARN_OR_EMPTY, pipelineProvisioningRepository: REPOSITORY_BRANCH_INPUT, pipelineCodebuildRoleArn: ROLE_ARN_OR_EMPTY },
  errors: ["ConflictException"],
  run(ctx, input) {
    if (input.deletePipelineProvisioningRepository === true && input.pipelineProvisioningRepository !== undefined) {
      throw ctx.invalid("Either set pipelineProvisioningRepository or remove it with deletePipelineProvisioningRepository, not both.");
    }
    let repository: RepositoryBranch | undefined;
    if (input.pipelineProvisioningRepository !== undefined) {
      const { provider, name, branch } = input.pipelineProvisioningRepository;
      const linked = linkedRepository(ctx, provider!, name!);
      repository = { arn: linked.arn, provider: linked.provider as RepositoryBranch["provider"], name: linked.name, branch: branch! };
    }
    const settings = ctx.backend.accountSettings;
    // An empty string removes a role (API reference); an absent member keeps it.
    if (input.pipelineServiceRoleArn !== undefined) settings.pipelineServiceRoleArn = input.pipelineServiceRoleArn || undefined;
    if (input.pipelineCodebuildRoleArn !== undefined) settings.pipelineCodebuildRoleArn = input.pipelineCodebuildRoleArn || undefined;
    if (repository) settings.pipelineProvisioningRepository = repository;
    if (input.deletePipelineProvisioningRepository === true) settings.pipelineProvisioningRepository = undefined;
    return { accountSettings: render(settings) };
  },
});

interface Versioned {
  templateName: string;
  templateMajorVersion: string;
  templateMinorVersion: string;
  deploymentStatus: string;
}

/** Staleness against the template's Recommended version: up to date, behind a major, or behind a minor. */
function staleness(template: TemplateRecord | undefined, resource: Versioned): "upToDate" | "behindMajor" | "behindMinor" {
  const recommended = template ? recommendedVersion(template) : undefined;
  if (!template || !recommended) return "upToDate";
  if (BigInt(resource.templateMajorVersion) < BigInt(recommended.major)) return "behindMajor";
  const minor = recommendedMinor(template, resource.templateMajorVersion);
  return minor !== undefined && BigInt(resource.templateMinorVersion) < BigInt(minor) ? "behindMinor" : "upToDate";
}

function counts(resources: readonly Versioned[], templateOf: (name: string) => TemplateRecord | undefined): ResourceCountsSummary {
  const summary = { total: resources.length, failed: 0, upToDate: 0, behindMajor: 0, behindMinor: 0 };
  for (const resource of resources) {
    if (resource.deploymentStatus === "FAILED") summary.failed++;
    summary[staleness(templateOf(resource.templateName), resource)]++;
  }
  return summary;
}

export const getResourcesSummary = op<GetResourcesSummaryInput, GetResourcesSummaryOutput>({
  input: {},
  errors: [],
  run(ctx: Ctx) {
    const backend = ctx.backend;
    const serviceTemplate = (name: string) => backend.serviceTemplates.get(name);
    const instances = backend.serviceInstances.values();
    const pipelines = backend.services.values().flatMap((s) => (s.pipeline ? [{ ...s.pipeline }] : []));
    const services = backend.services.values();
    // A service is as stale as the most behind of its instances and pipeline.
    const serviceCounts: ResourceCountsSummary = { total: services.length, failed: 0, upToDate: 0, behindMajor: 0, behindMinor: 0 };
    for (const service of services) {
      if (service.status.includes("FAILED")) serviceCounts.failed!++;
      const parts = [...instances.filter((i) => i.serviceName === service.name), ...(service.pipeline ? [service.pipeline] : [])];
      const states = parts.map((p) => staleness(serviceTemplate(p.templateName), p));
      const state = states.includes("behindMajor") ? "behindMajor" : states.includes("behindMinor") ? "behindMinor" : "upToDate";
      serviceCounts[state]!++;
    }
    const components = backend.components.values();
    return {
      counts: {
        components: { total: components.length, failed: components.filter((c) => c.deploymentStatus === "FAILED").length },
        // The API reference: "The environments object will only contain total members."
        environments: { total: backend.environments.size },
        environmentTemplates: { total: backend.environmentTemplates.size },
        serviceInstances: counts(instances, serviceTemplate),
        services: serviceCounts,
        serviceTemplates: { total: backend.serviceTemplates.size },
        pipelines: counts(pipelines, serviceTemplate),
      },
    };
  },
});
