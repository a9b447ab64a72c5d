import type {
  CompatibleEnvironmentTemplate,
  CreateServiceTemplateInput,
  CreateServiceTemplateOutput,
  CreateServiceTemplateVersionInput,
  CreateServiceTemplateVersionOutput,
  DeleteServiceTemplateInput,
  DeleteServiceTemplateOutput,
  DeleteServiceTemplateVersionInput,
  DeleteServiceTemplateVersionOutput,
  GetServiceTemplateInput,
  GetServiceTemplateOutput,
  GetServiceTemplateVersionInput,
  GetServiceTemplateVersionOutput,
  ListServiceTemplatesInput,
  ListServiceTemplatesOutput,
  ListServiceTemplateVersionsInput,
  ListServiceTemplateVersionsOutput,
  ServiceTemplate,
  ServiceTemplateVersion,
  ServiceTemplateVersionSummary,
  UpdateServiceTemplateInput,
  UpdateServiceTemplateOutput,
  UpdateServiceTemplateVersionInput,
  UpdateServiceTemplateVersionOutput,
} from "@aws-sdk/client-proton";
import { oneOf } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import type { Ctx } from "./common.js";
import { deployingTo } from "./deployments.js";
import {
  ARN,
  CLIENT_TOKEN,
  COMPATIBLE_ENVIRONMENT_TEMPLATES,
  DESCRIPTION,
  DISPLAY_NAME,
  MAX_RESULTS,
  NEXT_TOKEN,
  RESOURCE_NAME,
  SUPPORTED_COMPONENT_SOURCES,
  TAGS,
  TEMPLATE_SOURCE,
  VERSION_PART,
} from "./shapes.js";
import {
  changeStatus,
  deleteTemplate,
  deleteVersion,
  findTemplate,
  findVersion,
  listTemplates,
  listVersions,
  newTemplate,
  newVersion,
  renderTemplateCommon,
  renderVersionCommon,
  templateOf,
  updateTemplate,
  versionStillExists,
  type TemplateRecord,
  type TemplateVersionRecord,
} from "./templates.js";

export function renderServiceTemplate(template: TemplateRecord): ServiceTemplate {
  return { ...renderTemplateCommon(template), encryptionKey: template.encryptionKey, pipelineProvisioning: template.provisioning as ServiceTemplate["pipelineProvisioning"] };
}

function renderVersion(template: TemplateRecord, version: TemplateVersionRecord): ServiceTemplateVersion {
  return {
    ...renderVersionCommon(template, version),
    compatibleEnvironmentTemplates: (version.compatibleEnvironmentTemplates ?? []).map((c) => ({ templateName: c.templateName, majorVersion: c.majorVersion })),
    supportedComponentSources: version.supportedComponentSources as ServiceTemplateVersion["supportedComponentSources"],
  };
}

export function renderServiceTemplateVersion(ctx: Ctx, version: TemplateVersionRecord): ServiceTemplateVersion {
  return renderVersion(templateOf(ctx, version), version);
}

function renderSummary(ctx: Ctx, version: TemplateVersionRecord): ServiceTemplateVersionSummary {
  return renderVersionCommon(templateOf(ctx, version), version);
}

/**
 * Compatible environment templates must name existing environment template major versions
 * (a service instance can only run in an environment of a compatible template).
 */
export function checkCompatibleTemplates(ctx: Ctx, compatible: readonly CompatibleEnvironmentTemplate[]): CompatibleEnvironmentTemplate[] {
  const seen = new Set<string>();
  for (const entry of compatible) {
    const template = ctx.backend.environmentTemplates.get(entry.templateName!);
    if (!template) throw ctx.invalid(`compatibleEnvironmentTemplates names environment template ${entry.templateName}, which does not exist.`);
    if (!template.majors.has(entry.majorVersion!)) {
      throw ctx.invalid(`compatibleEnvironmentTemplates names major version ${entry.majorVersion} of environment template ${entry.templateName}, which has no such major version.`);
    }
    const key = `${entry.templateName}:${entry.majorVersion}`;
    if (seen.has(key)) throw ctx.invalid(`compatibleEnvironmentTemplates lists ${entry.templateName} major version ${entry.majorVersion} more than once.`);
    seen.add(key);
  }
  return compatible.map((c) => ({ templateName: c.templateName!, majorVersion: c.majorVersion! }));
}

/** The service instance or pipeline deployed with a version (or being deployed with it), if any: the deletion rule. */
function deployedWith(ctx: Ctx, version: TemplateVersionRecord): string | undefined {
  const matches = (r: { templateName: string; templateMajorVersion: string; templateMinorVersion: string }) =>
    r.templateName === version.templateName && r.templateMajorVersion === version.majorVersion && r.templateMinorVersion === version.minorVersion;
  const instance = ctx.backend.serviceInstances.values().find(matches);
  if (instance) return `service instance ${instance.name} of service ${instance.serviceName}`;
  const service = ctx.backend.services.values().find((s) => s.pipeline && matches(s.pipeline));
  if (service) return `the pipeline of service ${service.name}`;
  const deploying = deployingTo(ctx.backend, version);
  if (deploying?.targetResourceType === "SERVICE_INSTANCE") return `service instance ${deploying.serviceInstanceName} of service ${deploying.serviceName} (whose deployment in progress is moving to it)`;
  if (deploying?.targetResourceType === "SERVICE_PIPELINE") return `the pipeline of service ${deploying.serviceName} (whose deployment in progress is moving to it)`;
  return undefined;
}

const VERSION_KEY = { templateName: RESOURCE_NAME, majorVersion: VERSION_PART, minorVersion: VERSION_PART };

export const createServiceTemplate = op<CreateServiceTemplateInput, CreateServiceTemplateOutput>({
  input: { name: RESOURCE_NAME, displayName: DISPLAY_NAME, description: DESCRIPTION, encryptionKey: ARN, pipelineProvisioning: oneOf("Provisioning"), tags: TAGS },
  errors: ["ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const { template } = newTemplate(ctx, "service", { ...input, name: input.name!, provisioning: input.pipelineProvisioning }, input);
    return { serviceTemplate: renderServiceTemplate(template) };
  },
});

export const getServiceTemplate = op<GetServiceTemplateInput, GetServiceTemplateOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { serviceTemplate: renderServiceTemplate(findTemplate(ctx, "service", input.name!)) };
  },
});

export const updateServiceTemplate = op<UpdateServiceTemplateInput, UpdateServiceTemplateOutput>({
  input: { name: RESOURCE_NAME, displayName: DISPLAY_NAME, description: DESCRIPTION },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    return { serviceTemplate: renderServiceTemplate(updateTemplate(ctx, "service", input)) };
  },
});

export const deleteServiceTemplate = op<DeleteServiceTemplateInput, DeleteServiceTemplateOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const template = deleteTemplate(ctx, "service", input.name!);
    return template ? { serviceTemplate: renderServiceTemplate(template) } : {};
  },
});

export const listServiceTemplates = op<ListServiceTemplatesInput, ListServiceTemplatesOutput>({
  input: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  errors: [],
  run(ctx, input) {
    const result = listTemplates(ctx, "service", { nextToken: input.nextToken, maxResults: input.maxResults });
    return { templates: result.items.map(renderServiceTemplate), nextToken: result.nextToken };
  },
});

export const createServiceTemplateVersion = op<CreateServiceTemplateVersionInput, CreateServiceTemplateVersionOutput>({
  input: {
    clientToken: CLIENT_TOKEN,
    templateName: RESOURCE_NAME,
    description: DESCRIPTION,
    majorVersion: VERSION_PART,
    source: TEMPLATE_SOURCE,
    compatibleEnvironmentTemplates: COMPATIBLE_ENVIRONMENT_TEMPLATES,
    tags: TAGS,
    supportedComponentSources: SUPPORTED_COMPONENT_SOURCES,
  },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    findTemplate(ctx, "service", input.templateName!);
    const compatibleEnvironmentTemplates = checkCompatibleTemplates(ctx, input.compatibleEnvironmentTemplates!);
    const version = newVersion(ctx, "service", {
      ...input,
      templateName: input.templateName!,
      source: input.source as TemplateVersionRecord["source"],
      compatibleEnvironmentTemplates,
      supportedComponentSources: input.supportedComponentSources,
    });
    return { serviceTemplateVersion: renderServiceTemplateVersion(ctx, version) };
  },
  replayable: (ctx, output, token) => versionStillExists(ctx, "service", output.serviceTemplateVersion, token),
});

export const getServiceTemplateVersion = op<GetServiceTemplateVersionInput, GetServiceTemplateVersionOutput>({
  input: VERSION_KEY,
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const version = findVersion(ctx, findTemplate(ctx, "service", input.templateName!), input.majorVersion!, input.minorVersion!);
    ctx.observe(version.registration);
    return { serviceTemplateVersion: renderServiceTemplateVersion(ctx, version) };
  },
});

export const updateServiceTemplateVersion = op<UpdateServiceTemplateVersionInput, UpdateServiceTemplateVersionOutput>({
  input: {
    ...VERSION_KEY,
    description: DESCRIPTION,
    status: oneOf("TemplateVersionStatus"),
    compatibleEnvironmentTemplates: COMPATIBLE_ENVIRONMENT_TEMPLATES,
    supportedComponentSources: SUPPORTED_COMPONENT_SOURCES,
  },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const version = findVersion(ctx, findTemplate(ctx, "service", input.templateName!), input.majorVersion!, input.minorVersion!);
    const compatible = input.compatibleEnvironmentTemplates !== undefined ? checkCompatibleTemplates(ctx, input.compatibleEnvironmentTemplates) : undefined;
    changeStatus(ctx, version, input.status);
    if (input.description !== undefined) version.description = input.description;
    if (compatible) version.compatibleEnvironmentTemplates = compatible;
    // Changing supported sources affects later attachments only (API reference).
    if (input.supportedComponentSources !== undefined) version.supportedComponentSources = input.supportedComponentSources;
    version.lastModifiedAt = ctx.now();
    return { serviceTemplateVersion: renderServiceTemplateVersion(ctx, version) };
  },
});

export const deleteServiceTemplateVersion = op<DeleteServiceTemplateVersionInput, DeleteServiceTemplateVersionOutput>({
  input: VERSION_KEY,
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const version = deleteVersion(ctx, "service", input.templateName!, input.majorVersion!, input.minorVersion!, (v) => deployedWith(ctx, v));
    return version ? { serviceTemplateVersion: renderVersion(findTemplate(ctx, "service", version.templateName), version) } : {};
  },
});

export const listServiceTemplateVersions = op<ListServiceTemplateVersionsInput, ListServiceTemplateVersionsOutput>({
  input: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS, templateName: RESOURCE_NAME, majorVersion: VERSION_PART },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const result = listVersions(ctx, "service", input);
    return { templateVersions: result.items.map((v) => renderSummary(ctx, v)), nextToken: result.nextToken };
  },
});
