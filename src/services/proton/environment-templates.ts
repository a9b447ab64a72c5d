import type {
  CreateEnvironmentTemplateInput,
  CreateEnvironmentTemplateOutput,
  CreateEnvironmentTemplateVersionInput,
  CreateEnvironmentTemplateVersionOutput,
  DeleteEnvironmentTemplateInput,
  DeleteEnvironmentTemplateOutput,
  DeleteEnvironmentTemplateVersionInput,
  DeleteEnvironmentTemplateVersionOutput,
  EnvironmentTemplate,
  EnvironmentTemplateVersion,
  GetEnvironmentTemplateInput,
  GetEnvironmentTemplateOutput,
  GetEnvironmentTemplateVersionInput,
  GetEnvironmentTemplateVersionOutput,
  ListEnvironmentTemplatesInput,
  ListEnvironmentTemplatesOutput,
  ListEnvironmentTemplateVersionsInput,
  ListEnvironmentTemplateVersionsOutput,
  UpdateEnvironmentTemplateInput,
  UpdateEnvironmentTemplateOutput,
  UpdateEnvironmentTemplateVersionInput,
  UpdateEnvironmentTemplateVersionOutput,
} from "@aws-sdk/client-proton";
import { oneOf } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import type { Ctx } from "./common.js";
import { deployingTo } from "./deployments.js";
import { ARN, CLIENT_TOKEN, DESCRIPTION, DISPLAY_NAME, MAX_RESULTS, NEXT_TOKEN, RESOURCE_NAME, TAGS, TEMPLATE_SOURCE, VERSION_PART } from "./shapes.js";
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

export function renderEnvironmentTemplate(template: TemplateRecord): EnvironmentTemplate {
  return { ...renderTemplateCommon(template), encryptionKey: template.encryptionKey, provisioning: template.provisioning as EnvironmentTemplate["provisioning"] };
}

export function renderEnvironmentTemplateVersion(ctx: Ctx, version: TemplateVersionRecord): EnvironmentTemplateVersion {
  return renderVersionCommon(templateOf(ctx, version), version);
}

/** The environment deployed with a version (or being deployed with it), if any: the deletion rule. */
function environmentUsing(ctx: Ctx, version: TemplateVersionRecord): string | undefined {
  const user = ctx.backend.environments
    .values()
    .find((e) => e.templateName === version.templateName && e.templateMajorVersion === version.majorVersion && e.templateMinorVersion === version.minorVersion);
  if (user) return `environment ${user.name}`;
  const deploying = deployingTo(ctx.backend, version);
  return deploying?.targetResourceType === "ENVIRONMENT" ? `environment ${deploying.environmentName} (whose deployment in progress is moving to it)` : undefined;
}

const VERSION_KEY = { templateName: RESOURCE_NAME, majorVersion: VERSION_PART, minorVersion: VERSION_PART };

export const createEnvironmentTemplate = op<CreateEnvironmentTemplateInput, CreateEnvironmentTemplateOutput>({
  input: { name: RESOURCE_NAME, displayName: DISPLAY_NAME, description: DESCRIPTION, encryptionKey: ARN, provisioning: oneOf("Provisioning"), tags: TAGS },
  errors: ["ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const { template } = newTemplate(ctx, "environment", { ...input, name: input.name! }, input);
    return { environmentTemplate: renderEnvironmentTemplate(template) };
  },
});

export const getEnvironmentTemplate = op<GetEnvironmentTemplateInput, GetEnvironmentTemplateOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { environmentTemplate: renderEnvironmentTemplate(findTemplate(ctx, "environment", input.name!)) };
  },
});

export const updateEnvironmentTemplate = op<UpdateEnvironmentTemplateInput, UpdateEnvironmentTemplateOutput>({
  input: { name: RESOURCE_NAME, displayName: DISPLAY_NAME, description: DESCRIPTION },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    return { environmentTemplate: renderEnvironmentTemplate(updateTemplate(ctx, "environment", input)) };
  },
});

export const deleteEnvironmentTemplate = op<DeleteEnvironmentTemplateInput, DeleteEnvironmentTemplateOutput>({
  input: { name: RESOURCE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const template = deleteTemplate(ctx, "environment", input.name!);
    return template ? { environmentTemplate: renderEnvironmentTemplate(template) } : {};
  },
});

export const listEnvironmentTemplates = op<ListEnvironmentTemplatesInput, ListEnvironmentTemplatesOutput>({
  input: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  errors: [],
  run(ctx, input) {
    const result = listTemplates(ctx, "environment", { nextToken: input.nextToken, maxResults: input.maxResults });
    return { templates: result.items.map(renderEnvironmentTemplate), nextToken: result.nextToken };
  },
});

export const createEnvironmentTemplateVersion = op<CreateEnvironmentTemplateVersionInput, CreateEnvironmentTemplateVersionOutput>({
  input: { clientToken: CLIENT_TOKEN, templateName: RESOURCE_NAME, description: DESCRIPTION, majorVersion: VERSION_PART, source: TEMPLATE_SOURCE, tags: TAGS },
  errors: ["ResourceNotFoundException", "ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const version = newVersion(ctx, "environment", { ...input, templateName: input.templateName!, source: input.source as TemplateVersionRecord["source"] });
    return { environmentTemplateVersion: renderEnvironmentTemplateVersion(ctx, version) };
  },
  replayable: (ctx, output, token) => versionStillExists(ctx, "environment", output.environmentTemplateVersion, token),
});

export const getEnvironmentTemplateVersion = op<GetEnvironmentTemplateVersionInput, GetEnvironmentTemplateVersionOutput>({
  input: VERSION_KEY,
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const version = findVersion(ctx, findTemplate(ctx, "environment", input.templateName!), input.majorVersion!, input.minorVersion!);
    ctx.observe(version.registration);
    return { environmentTemplateVersion: renderEnvironmentTemplateVersion(ctx, version) };
  },
});

export const updateEnvironmentTemplateVersion = op<UpdateEnvironmentTemplateVersionInput, UpdateEnvironmentTemplateVersionOutput>({
  input: { ...VERSION_KEY, description: DESCRIPTION, status: oneOf("TemplateVersionStatus") },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const version = findVersion(ctx, findTemplate(ctx, "environment", input.templateName!), input.majorVersion!, input.minorVersion!);
    changeStatus(ctx, version, input.status);
    if (input.description !== undefined) version.description = input.description;
    version.lastModifiedAt = ctx.now();
    return { environmentTemplateVersion: renderEnvironmentTemplateVersion(ctx, version) };
  },
});

export const deleteEnvironmentTemplateVersion = op<DeleteEnvironmentTemplateVersionInput, DeleteEnvironmentTemplateVersionOutput>({
  input: VERSION_KEY,
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const version = deleteVersion(ctx, "environment", input.templateName!, input.majorVersion!, input.minorVersion!, (v) => environmentUsing(ctx, v));
    // The deleted version is rendered against what is left of its template.
    return version ? { environmentTemplateVersion: renderVersionCommon(findTemplate(ctx, "environment", version.templateName), version) } : {};
  },
});

export const listEnvironmentTemplateVersions = op<ListEnvironmentTemplateVersionsInput, ListEnvironmentTemplateVersionsOutput>({
  input: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS, templateName: RESOURCE_NAME, majorVersion: VERSION_PART },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const result = listVersions(ctx, "environment", input);
    return { templateVersions: result.items.map((v) => renderEnvironmentTemplateVersion(ctx, v)), nextToken: result.nextToken };
  },
});
