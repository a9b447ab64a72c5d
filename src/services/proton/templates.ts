import type { CompatibleEnvironmentTemplate, Tag } from "@aws-sdk/client-proton";
import type { LinearProcess } from "../../engine/lifecycle/process.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import type { ProtonBackend } from "./backend.js";
import { conflict, fingerprint, forget, MANAGED_TAG, newResourceTags, notFound, padVersion, page, storeTags, type Ctx, type PageRequest } from "./common.js";
import { KIND, RegistrationProcess } from "./processes.js";

/**
 * What environment templates and service templates share: the template record, its
 * major/minor versions, registration, the Recommended version, and the deletion rules.
 * The operation files (environment-templates.ts, service-templates.ts) add what differs.
 */
export type TemplateKind = "environment" | "service";

export type TemplateVersionStatus = "REGISTRATION_IN_PROGRESS" | "REGISTRATION_FAILED" | "DRAFT" | "PUBLISHED";

export interface TemplateVersionRecord {
  kind: TemplateKind;
  templateName: string;
  majorVersion: string;
  minorVersion: string;
  status: TemplateVersionStatus;
  statusMessage?: string | undefined;
  description?: string | undefined;
  arn: string;
  createdAt: Date;
  lastModifiedAt: Date;
  source: { s3?: { bucket?: string | undefined; key?: string | undefined } | undefined };
  /** Service template versions only. */
  compatibleEnvironmentTemplates?: CompatibleEnvironmentTemplate[] | undefined;
  supportedComponentSources?: string[] | undefined;
  registration: LinearProcess;
  /** The client token of the Create…TemplateVersion that made it (replays find it by this). */
  createToken?: string | undefined;
}

/**
 * One major version: listed by ListXTemplateVersions without majorVersion. It keeps its own
 * minors and its Recommended minor, so reads never walk every version of the template.
 */
export interface MajorRecord {
  major: string;
  /** Its minor versions, in numeric order. */
  minors: OrderedTable<TemplateVersionRecord>;
  /**
   * Its highest PUBLISHED minor. A minor is published once and never unpublished, and the
   * Recommended minor can only be deleted as the major's last one: it only ever grows.
   */
  recommended?: string | undefined;
}

export interface TemplateRecord {
  kind: TemplateKind;
  name: string;
  arn: string;
  displayName?: string | undefined;
  description?: string | undefined;
  encryptionKey?: string | undefined;
  /** `provisioning` of an environment template, `pipelineProvisioning` of a service template. */
  provisioning?: string | undefined;
  createdAt: Date;
  lastModifiedAt: Date;
  /** The create request, to tell an idempotent retry from a different request. */
  createFingerprint: string;
  /** Changed by an Update since it was created (a create retry is then a conflict). */
  modified: boolean;
  /** Versions by "M.m", in numeric (major, minor) order. */
  versions: OrderedTable<TemplateVersionRecord>;
  /** Majors by "M", in numeric order. */
  majors: OrderedTable<MajorRecord>;
}

const LABEL: Record<TemplateKind, string> = { environment: "Environment template", service: "Service template" };
const ARN_PREFIX: Record<TemplateKind, string> = { environment: "environment-template", service: "service-template" };

export function templateTable(backend: ProtonBackend, kind: TemplateKind): OrderedTable<TemplateRecord> {
  return kind === "environment" ? backend.environmentTemplates : backend.serviceTemplates;
}

export const templateArn = (ctx: Ctx, kind: TemplateKind, name: string): string => ctx.arn(`${ARN_PREFIX[kind]}/${name}`);
export const versionArn = (ctx: Ctx, kind: TemplateKind, name: string, major: string, minor: string): string =>
  ctx.arn(`${ARN_PREFIX[kind]}/${name}:${major}.${minor}`);
export const versionId = (major: string, minor: string): string => `${major}.${minor}`;
export const versionLabel = (kind: TemplateKind, name: string, major: string, minor: string): string => `${LABEL[kind]} ${name} version ${major}.${minor}`;

export function findTemplate(ctx: Ctx, kind: TemplateKind, name: string): TemplateRecord {
  const template = templateTable(ctx.backend, kind).get(name);
  if (!template) throw notFound(ctx, `${LABEL[kind]} ${name}`);
  return template;
}

export function findVersion(ctx: Ctx, template: TemplateRecord, major: string, minor: string): TemplateVersionRecord {
  const version = template.versions.get(versionId(major, minor));
  if (!version) throw notFound(ctx, versionLabel(template.kind, template.name, major, minor));
  return version;
}

/** Numeric comparison of version parts (they may exceed Number's exact range). */
function comparePart(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The minor versions of a major, in numeric order (a copy of that major's own table). */
export function versionsOfMajor(template: TemplateRecord, major: string): TemplateVersionRecord[] {
  return template.majors.get(major)?.minors.values() ?? [];
}

/** The Recommended minor of a major: its highest PUBLISHED minor, if any. */
export function recommendedMinor(template: TemplateRecord, major: string): string | undefined {
  return template.majors.get(major)?.recommended;
}

/**
 * The template's Recommended version: its highest PUBLISHED major and minor ("M.m"). Majors
 * are walked from the highest down, stopping at the first with a published minor.
 */
export function recommendedVersion(template: TemplateRecord): { major: string; minor: string } | undefined {
  for (const { value } of template.majors.descendingBefore()) {
    if (value.recommended !== undefined) return { major: value.major, minor: value.recommended };
  }
  return undefined;
}

/**
 * The version a resource deploys when the request names a major and maybe a minor: the
 * given minor (which must be PUBLISHED), or the Recommended minor of that major.
 */
export function publishedVersion(ctx: Ctx, template: TemplateRecord, major: string, minor: string | undefined): TemplateVersionRecord {
  if (minor === undefined) {
    if (!template.majors.has(major)) throw notFound(ctx, `${LABEL[template.kind]} ${template.name} major version ${major}`);
    const recommended = recommendedMinor(template, major);
    if (recommended === undefined) {
      throw ctx.invalid(`${LABEL[template.kind]} ${template.name} has no published minor version in major version ${major}. Publish one (Update${template.kind === "environment" ? "Environment" : "Service"}TemplateVersion with status PUBLISHED) first.`);
    }
    return findVersion(ctx, template, major, recommended);
  }
  const version = findVersion(ctx, template, major, minor);
  if (version.status !== "PUBLISHED") {
    throw ctx.invalid(`${versionLabel(template.kind, template.name, major, minor)} is ${version.status}; only PUBLISHED template versions can be deployed.`);
  }
  return version;
}

export function newTemplate(
  ctx: Ctx,
  kind: TemplateKind,
  input: { name: string; displayName?: string | undefined; description?: string | undefined; encryptionKey?: string | undefined; provisioning?: string | undefined; tags?: Tag[] | undefined },
  request: object,
): { template: TemplateRecord; created: boolean } {
  const table = templateTable(ctx.backend, kind);
  const existing = table.get(input.name);
  if (existing) {
    // Proton's "idempotent create" rule for name-keyed creates (API reference, "Ensuring idempotency").
    if (existing.createFingerprint !== fingerprint(request)) {
      throw ctx.invalid(`IdempotentParameterMismatch: ${LABEL[kind].toLowerCase()} ${input.name} already exists and was created with different parameters.`);
    }
    if (existing.modified) throw conflict(ctx, `${LABEL[kind]} ${input.name} already exists and has been modified since it was created.`);
    return { template: existing, created: false };
  }
  const now = ctx.now();
  const arn = templateArn(ctx, kind, input.name);
  const tags = newResourceTags(ctx, arn, input.tags, { managed: { [MANAGED_TAG.template]: arn }, parents: [] });
  const template: TemplateRecord = {
    kind,
    name: input.name,
    arn,
    displayName: input.displayName,
    description: input.description,
    encryptionKey: input.encryptionKey,
    provisioning: input.provisioning,
    createdAt: now,
    lastModifiedAt: now,
    createFingerprint: fingerprint(request),
    modified: false,
    versions: new OrderedTable<TemplateVersionRecord>((v) => `${padVersion(v.majorVersion)}.${padVersion(v.minorVersion)}`),
    majors: new OrderedTable<MajorRecord>((m) => padVersion(m.major)),
  };
  table.set(input.name, template);
  ctx.backend.deleted.delete(arn);
  storeTags(ctx, arn, tags);
  return { template, created: true };
}

export function updateTemplate(ctx: Ctx, kind: TemplateKind, input: { name?: string | undefined; displayName?: string | undefined; description?: string | undefined }): TemplateRecord {
  const template = findTemplate(ctx, kind, input.name!);
  if (input.displayName !== undefined) template.displayName = input.displayName;
  if (input.description !== undefined) template.description = input.description;
  template.lastModifiedAt = ctx.now();
  template.modified = true;
  return template;
}

/**
 * DeleteXTemplate: only a template without versions can go. A retry after the template was
 * deleted succeeds with an empty response (Proton's idempotent delete); a name that never
 * existed is ResourceNotFoundException.
 */
export function deleteTemplate(ctx: Ctx, kind: TemplateKind, name: string): TemplateRecord | undefined {
  const table = templateTable(ctx.backend, kind);
  const template = table.get(name);
  if (!template) {
    if (ctx.backend.deleted.has(templateArn(ctx, kind, name))) return undefined;
    throw notFound(ctx, `${LABEL[kind]} ${name}`);
  }
  if (template.versions.size > 0) {
    const versions = template.versions.values().map((v) => versionId(v.majorVersion, v.minorVersion));
    throw conflict(ctx, `${LABEL[kind]} ${name} still has versions (${versions.join(", ")}); delete them before deleting the template.`);
  }
  table.delete(name);
  forget(ctx.backend, template.arn);
  return template;
}

export function listTemplates(ctx: Ctx, kind: TemplateKind, request: PageRequest<TemplateRecord>): { items: TemplateRecord[]; nextToken?: string | undefined } {
  return page(ctx, templateTable(ctx.backend, kind), request);
}

export interface NewVersionInput {
  templateName: string;
  majorVersion?: string | undefined;
  description?: string | undefined;
  source: TemplateVersionRecord["source"];
  tags?: Tag[] | undefined;
  compatibleEnvironmentTemplates?: CompatibleEnvironmentTemplate[] | undefined;
  supportedComponentSources?: string[] | undefined;
  clientToken?: string | undefined;
  /**
   * A new major of this number instead of the next one (template sync: a bundle directory
   * `vN` registers as major N, which it creates when missing). Not for an existing major.
   */
  newMajor?: string | undefined;
}

/**
 * Create…TemplateVersion: without majorVersion, the next major ("N+1.0"); with it, the next
 * minor of that (existing) major. Registration starts REGISTRATION_IN_PROGRESS.
 */
export function newVersion(ctx: Ctx, kind: TemplateKind, input: NewVersionInput): TemplateVersionRecord {
  const template = findTemplate(ctx, kind, input.templateName);
  let major: string;
  let minor: string;
  if (input.majorVersion === undefined) {
    const highest = template.majors.last()?.major;
    major = input.newMajor ?? (highest === undefined ? "1" : (BigInt(highest) + 1n).toString());
    minor = "0";
  } else {
    major = input.majorVersion;
    if (!template.majors.has(major)) {
      throw notFound(ctx, `${LABEL[kind]} ${template.name} major version ${major} (omit majorVersion to create a new major version)`);
    }
    // The major's minors are in numeric order: the next minor follows its last.
    const last = template.majors.get(major)!.minors.last()?.minorVersion;
    minor = last === undefined ? "0" : (BigInt(last) + 1n).toString();
  }
  const now = ctx.now();
  const arn = versionArn(ctx, kind, template.name, major, minor);
  // A version is a child of its template: it carries the template's ARN and inherits its tags.
  const tags = newResourceTags(ctx, arn, input.tags, { managed: { [MANAGED_TAG.template]: template.arn }, parents: [template.arn] });
  const attributes = { templateName: template.name, majorVersion: major, minorVersion: minor };
  const version: TemplateVersionRecord = {
    kind,
    templateName: template.name,
    majorVersion: major,
    minorVersion: minor,
    status: "REGISTRATION_IN_PROGRESS",
    description: input.description,
    arn,
    createdAt: now,
    lastModifiedAt: now,
    source: input.source,
    compatibleEnvironmentTemplates: input.compatibleEnvironmentTemplates,
    supportedComponentSources: input.supportedComponentSources,
    registration: undefined as unknown as LinearProcess,
    createToken: input.clientToken,
  };
  const clock = ctx.engine.clock;
  version.registration = new RegistrationProcess(kind === "environment" ? KIND.environmentTemplateVersion : KIND.serviceTemplateVersion, attributes, (state, process) => {
    version.status = state as TemplateVersionStatus;
    version.lastModifiedAt = clock.now();
    if (state === "REGISTRATION_FAILED") {
      version.statusMessage = process.failureMessage ?? "The template bundle could not be registered: it is invalid or incompatible with the earlier minor versions of its major version.";
    }
  });
  template.versions.set(versionId(major, minor), version);
  let majorRecord = template.majors.get(major);
  if (!majorRecord) {
    majorRecord = { major, minors: new OrderedTable<TemplateVersionRecord>((v) => padVersion(v.minorVersion)) };
    template.majors.set(major, majorRecord);
  }
  majorRecord.minors.set(minor, version);
  ctx.backend.deleted.delete(arn);
  storeTags(ctx, arn, tags);
  ctx.track(version.registration);
  return version;
}

/**
 * A Create…TemplateVersion replay is valid while the version it created still exists. A
 * version deleted and created again under the same number has the same ARN but is another
 * resource (a retry then creates a new version, as the API reference says): the token that
 * created it tells them apart.
 */
export function versionStillExists(ctx: Ctx, kind: TemplateKind, recorded: { arn?: string | undefined } | undefined, token: string): boolean {
  const match = recorded?.arn ? /:[a-z-]+-template\/([^:]+):(\d+)\.(\d+)$/.exec(recorded.arn) : null;
  if (!match) return false;
  const current = templateTable(ctx.backend, kind).get(match[1]!)?.versions.get(versionId(match[2]!, match[3]!));
  return current !== undefined && current.createToken === token;
}

/** Update…TemplateVersion's status change: only DRAFT → PUBLISHED. */
export function changeStatus(ctx: Ctx, version: TemplateVersionRecord, status: string | undefined): void {
  if (status === undefined || status === version.status) return;
  const label = versionLabel(version.kind, version.templateName, version.majorVersion, version.minorVersion);
  if (version.status === "REGISTRATION_IN_PROGRESS") {
    throw conflict(ctx, `${label} is still registering (REGISTRATION_IN_PROGRESS); wait until it is DRAFT before publishing it.`);
  }
  if (version.status !== "DRAFT" || status !== "PUBLISHED") {
    throw ctx.invalid(`${label} is ${version.status}: you can only change the status of a template version from DRAFT to PUBLISHED.`);
  }
  version.status = "PUBLISHED";
  version.statusMessage = undefined;
  const major = templateTable(ctx.backend, version.kind).get(version.templateName)?.majors.get(version.majorVersion);
  if (major && (major.recommended === undefined || comparePart(version.minorVersion, major.recommended) > 0)) major.recommended = version.minorVersion;
}

/**
 * Delete…TemplateVersion, with Proton's rules: nothing may be deployed to it; the
 * Recommended minor of a major goes only when it is that major's last minor; the template's
 * Recommended version goes only when it is the template's last version. A retry after the
 * version was deleted succeeds with an empty response.
 */
export function deleteVersion(ctx: Ctx, kind: TemplateKind, name: string, major: string, minor: string, usedBy: (v: TemplateVersionRecord) => string | undefined): TemplateVersionRecord | undefined {
  const template = templateTable(ctx.backend, kind).get(name);
  const version = template?.versions.get(versionId(major, minor));
  if (!template || !version) {
    if (ctx.backend.deleted.has(versionArn(ctx, kind, name, major, minor))) return undefined;
    if (!template) throw notFound(ctx, `${LABEL[kind]} ${name}`);
    throw notFound(ctx, versionLabel(kind, name, major, minor));
  }
  const label = versionLabel(kind, name, major, minor);
  if (version.status === "REGISTRATION_IN_PROGRESS") throw conflict(ctx, `${label} is still registering; wait until registration ends before deleting it.`);
  const user = usedBy(version);
  if (user) throw conflict(ctx, `${label} can't be deleted: ${user} is deployed with it.`);
  const recommended = recommendedVersion(template);
  if (recommended && recommended.major === major && recommended.minor === minor && template.versions.size > 1) {
    throw conflict(ctx, `${label} is the Recommended version of the template; it can be deleted only when no other major or minor versions of the template exist.`);
  }
  if (recommendedMinor(template, major) === minor && (template.majors.get(major)?.minors.size ?? 0) > 1) {
    throw conflict(ctx, `${label} is the Recommended minor version of major version ${major}; it can be deleted only when no other minor versions of that major exist.`);
  }
  template.versions.delete(versionId(major, minor));
  const majorRecord = template.majors.get(major)!;
  majorRecord.minors.delete(minor);
  if (majorRecord.minors.size === 0) template.majors.delete(major);
  forget(ctx.backend, version.arn);
  return version;
}

/**
 * ListXTemplateVersions: with majorVersion, that major's minor versions; without it, one row
 * per major version (its Recommended minor, or its highest minor while none is published).
 */
export function listVersions(
  ctx: Ctx,
  kind: TemplateKind,
  input: { templateName?: string | undefined; majorVersion?: string | undefined; nextToken?: string | undefined; maxResults?: number | undefined },
): { items: TemplateVersionRecord[]; nextToken?: string | undefined } {
  const template = findTemplate(ctx, kind, input.templateName!);
  const query = { templateName: template.name, majorVersion: input.majorVersion ?? null };
  if (input.majorVersion !== undefined) {
    const major = input.majorVersion;
    const result = page(ctx, template.versions, { nextToken: input.nextToken, maxResults: input.maxResults, query, filter: (v) => v.majorVersion === major });
    for (const version of result.items) ctx.observe(version.registration);
    return result;
  }
  const majors = page(ctx, template.majors, { nextToken: input.nextToken, maxResults: input.maxResults, query });
  const items = majors.items.map(({ major }) => {
    const minors = versionsOfMajor(template, major);
    for (const version of minors) ctx.observe(version.registration);
    const recommended = recommendedMinor(template, major);
    return minors.find((v) => v.minorVersion === recommended) ?? minors[minors.length - 1]!;
  });
  return { items, nextToken: majors.nextToken };
}

/** The fields both kinds of template version render identically. */
export function renderVersionCommon(template: TemplateRecord, version: TemplateVersionRecord) {
  return {
    templateName: version.templateName,
    majorVersion: version.majorVersion,
    minorVersion: version.minorVersion,
    recommendedMinorVersion: recommendedMinor(template, version.majorVersion),
    status: version.status,
    statusMessage: version.statusMessage,
    description: version.description,
    arn: version.arn,
    createdAt: version.createdAt,
    lastModifiedAt: version.lastModifiedAt,
  };
}

export function renderTemplateCommon(template: TemplateRecord) {
  const recommended = recommendedVersion(template);
  return {
    name: template.name,
    arn: template.arn,
    createdAt: template.createdAt,
    lastModifiedAt: template.lastModifiedAt,
    displayName: template.displayName,
    description: template.description,
    recommendedVersion: recommended ? versionId(recommended.major, recommended.minor) : undefined,
  };
}

/** The template record of a version (versions keep only their template's name). */
export function templateOf(ctx: Ctx, version: TemplateVersionRecord): TemplateRecord {
  return findTemplate(ctx, version.kind, version.templateName);
}

/**
 * The template version an Update (environment, service instance, service pipeline) deploys,
 * by deploymentType: NONE and CURRENT_VERSION keep the current version (and take no version
 * parameters); MINOR_VERSION moves within the current major (default: its Recommended
 * minor); MAJOR_VERSION moves to a higher major (default: the Recommended version).
 */
export function versionForUpdate(
  ctx: Ctx,
  template: TemplateRecord,
  current: { major: string; minor: string },
  deploymentType: string,
  requested: { major?: string | undefined; minor?: string | undefined },
): { major: string; minor: string } {
  const givesVersion = requested.major !== undefined || requested.minor !== undefined;
  switch (deploymentType) {
    case "NONE":
    case "CURRENT_VERSION":
      if (givesVersion) {
        throw ctx.invalid(`deploymentType ${deploymentType} keeps the current template version: don't include templateMajorVersion or templateMinorVersion (use MINOR_VERSION or MAJOR_VERSION to change versions).`);
      }
      return current;
    case "MINOR_VERSION": {
      if (requested.major !== undefined && requested.major !== current.major) {
        throw ctx.invalid(`deploymentType MINOR_VERSION stays in the major version in use (${current.major}); to move to major version ${requested.major}, use MAJOR_VERSION.`);
      }
      const version = publishedVersion(ctx, template, current.major, requested.minor);
      return { major: version.majorVersion, minor: version.minorVersion };
    }
    default: {
      // MAJOR_VERSION
      let major = requested.major;
      if (major === undefined) {
        const recommended = recommendedVersion(template);
        if (!recommended) throw ctx.invalid(`${LABEL[template.kind]} ${template.name} has no published version to update to.`);
        major = recommended.major;
      }
      if (comparePart(major, current.major) <= 0) {
        throw ctx.invalid(`deploymentType MAJOR_VERSION needs a major version higher than the one in use (${current.major}); got ${major}. Use MINOR_VERSION or CURRENT_VERSION to stay in major version ${current.major}.`);
      }
      const version = publishedVersion(ctx, template, major, requested.minor);
      return { major: version.majorVersion, minor: version.minorVersion };
    }
  }
}
