import type {
  ConfigurationObject,
  CreateUsageProfileRequest,
  CreateUsageProfileResponse,
  DeleteUsageProfileRequest,
  DeleteUsageProfileResponse,
  GetUsageProfileRequest,
  GetUsageProfileResponse,
  ListUsageProfilesRequest,
  ListUsageProfilesResponse,
  ProfileConfiguration,
  UpdateUsageProfileRequest,
  UpdateUsageProfileResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import type { Engine } from "../../../engine/engine.js";
import { sdkEnumValues } from "../../../engine/sdk.js";
import { int, list, map, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { DESCRIPTION, NAME, TAGS } from "../shapes.js";

/**
 * Usage profiles: an admin's defaults and limits for the jobs and interactive sessions of the
 * users the profile is assigned to. In AWS a profile is assigned to an IAM user or role with the
 * `glue:UsageProfile` tag; the fake has no IAM, so tests assign one to an account's caller with
 * setCallerUsageProfile() (aws-doubles/glue).
 *
 * What AWS applies (developer guide, "Usage profiles and jobs"): when a job is created or
 * updated, the caller's profile fills in the parameters left out with its defaults, refuses
 * values outside its limits, and is saved as the job's ProfileName. When a run starts, the
 * limits of the caller's profile apply (StartJobRun), or of the job's profile when no caller
 * starts it (a trigger or a workflow); a run outside them fails.
 */

export interface UsageProfileRecord {
  Name: string;
  Description?: string | undefined;
  Configuration: ProfileConfiguration;
  CreatedOn: Date;
  LastModifiedOn: Date;
}

export const usageProfileArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`usageProfile/${name}`);

/** The parameters a profile can govern, and which of jobs and sessions they apply to. */
type Parameter = "numberOfWorkers" | "workerType" | "timeout" | "idleTimeout";

interface ParameterSpec {
  kind: "integer" | "workerType";
  sessionsOnly?: boolean;
}

const PARAMETERS: Readonly<Record<Parameter, ParameterSpec>> = {
  numberOfWorkers: { kind: "integer" },
  workerType: { kind: "workerType" },
  timeout: { kind: "integer" },
  idleTimeout: { kind: "integer", sessionsOnly: true },
};

/** The values a job or session is checked with, by profile parameter name. */
export interface ProfiledValues {
  numberOfWorkers?: number | undefined;
  workerType?: string | undefined;
  timeout?: number | undefined;
  idleTimeout?: number | undefined;
}

/** JobConfiguration or SessionConfiguration. */
export type ProfileSection = "JobConfiguration" | "SessionConfiguration";

const CONFIG_VALUE = str({ min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+" });
const CONFIGURATION_OBJECT = struct({ DefaultValue: CONFIG_VALUE, AllowedValues: list(CONFIG_VALUE), MinValue: CONFIG_VALUE, MaxValue: CONFIG_VALUE });
const CONFIGURATION = struct({
  SessionConfiguration: map({ key: NAME, value: CONFIGURATION_OBJECT }),
  JobConfiguration: map({ key: NAME, value: CONFIGURATION_OBJECT }),
});

function isWholeNumber(value: string): boolean {
  return /^\d+$/.test(value) && Number(value) <= 2147483647;
}

/** Why one parameter's ConfigurationObject is not valid, or undefined. */
function configurationObjectProblem(section: ProfileSection, name: string, object: ConfigurationObject, workerTypes: readonly string[]): string | undefined {
  const where = `${section}.${name}`;
  const hasRange = object.MinValue !== undefined || object.MaxValue !== undefined;
  const hasAllowed = object.AllowedValues !== undefined;
  // A parameter has a default, or limits: a set of allowed values or a range (not both).
  if (object.DefaultValue === undefined && !hasAllowed && !hasRange) return `${where} sets nothing: give a DefaultValue, AllowedValues, or MinValue and MaxValue.`;
  if (hasAllowed && hasRange) return `${where}: give AllowedValues or MinValue/MaxValue, not both.`;
  if (hasRange && (object.MinValue === undefined || object.MaxValue === undefined)) return `${where}: a range needs both MinValue and MaxValue.`;
  if (hasAllowed && object.AllowedValues!.length === 0) return `${where}: AllowedValues is empty.`;
  const spec = PARAMETERS[name as Parameter];
  if (!spec) return undefined; // a parameter the fake does not know is kept as given, not enforced
  if (spec.sessionsOnly && section === "JobConfiguration") return `${where}: ${name} applies to interactive sessions only (SessionConfiguration).`;
  const values = [object.DefaultValue, object.MinValue, object.MaxValue, ...(object.AllowedValues ?? [])].filter((v): v is string => v !== undefined);
  if (spec.kind === "integer") {
    const bad = values.find((v) => !isWholeNumber(v) || Number(v) < 1);
    if (bad !== undefined) return `${where}: '${bad}' is not a whole number of at least 1.`;
    if (hasRange && Number(object.MinValue) > Number(object.MaxValue)) return `${where}: MinValue ${object.MinValue} is greater than MaxValue ${object.MaxValue}.`;
  } else {
    if (hasRange) return `${where}: a worker type takes AllowedValues, not a range.`;
    const bad = values.find((v) => !workerTypes.includes(v));
    if (bad !== undefined) return `${where}: '${bad}' is not a worker type (${workerTypes.join(", ")}).`;
  }
  if (object.DefaultValue !== undefined) {
    const problem = limitProblem(spec, object, object.DefaultValue);
    if (problem) return `${where}: DefaultValue ${problem}`;
  }
  return undefined;
}

/** Why `value` is outside a parameter's limits, or undefined. */
function limitProblem(spec: ParameterSpec, object: ConfigurationObject, value: string): string | undefined {
  if (object.AllowedValues && !object.AllowedValues.includes(value)) return `'${value}' is not one of the allowed values (${object.AllowedValues.join(", ")}).`;
  if (spec.kind === "integer" && object.MinValue !== undefined && object.MaxValue !== undefined) {
    const n = Number(value);
    if (n < Number(object.MinValue) || n > Number(object.MaxValue)) return `${value} is outside the allowed range ${object.MinValue}–${object.MaxValue}.`;
  }
  return undefined;
}

function configurationProblem(configuration: ProfileConfiguration, workerTypes: readonly string[]): string | undefined {
  const sections: ProfileSection[] = ["JobConfiguration", "SessionConfiguration"];
  const configured = sections.filter((section) => Object.keys(configuration[section] ?? {}).length > 0);
  if (configured.length === 0) return "A usage profile must configure at least one parameter for jobs (JobConfiguration) or interactive sessions (SessionConfiguration).";
  for (const section of configured) {
    for (const [name, object] of Object.entries(configuration[section]!)) {
      const problem = configurationObjectProblem(section, name, object, workerTypes);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Why `values` break the limits `profile` sets for jobs or sessions, or undefined. Exported for
 * every family that applies usage profiles: jobs and job runs here, interactive sessions.
 */
export function usageProfileProblem(profile: UsageProfileRecord, section: ProfileSection, values: ProfiledValues): string | undefined {
  for (const [name, object] of Object.entries(profile.Configuration[section] ?? {})) {
    const spec = PARAMETERS[name as Parameter];
    const value = spec ? values[name as Parameter] : undefined;
    if (!spec || value === undefined) continue;
    const problem = limitProblem(spec, object, String(value));
    if (problem) return `Usage profile ${profile.Name} does not allow ${name} ${problem}`;
  }
  return undefined;
}

/** The defaults `profile` gives the parameters left out of `values` (exported with usageProfileProblem). */
export function usageProfileDefaults(profile: UsageProfileRecord, section: ProfileSection, values: ProfiledValues): ProfiledValues {
  const out: ProfiledValues = {};
  for (const [name, object] of Object.entries(profile.Configuration[section] ?? {})) {
    const spec = PARAMETERS[name as Parameter];
    if (!spec || object.DefaultValue === undefined || values[name as Parameter] !== undefined) continue;
    if (spec.kind === "integer") (out as Record<string, number>)[name] = Number(object.DefaultValue);
    else out.workerType = object.DefaultValue;
  }
  return out;
}

/** Which usage profile each account's caller has (the glue:UsageProfile tag of its IAM identity): test state. */
function callerProfiles(engine: Engine): Map<string, string> {
  return engine.extension("glue.callerUsageProfiles", () => new Map<string, string>());
}

export function setCallerProfile(engine: Engine, accountId: string, profileName: string | undefined): void {
  if (profileName === undefined) callerProfiles(engine).delete(accountId);
  else callerProfiles(engine).set(accountId, profileName);
}

/**
 * The usage profile of the caller of this request, or undefined when none is assigned. A
 * profile assigned but missing in this Region is the caller's error (InvalidInputException).
 */
export function callerUsageProfile(ctx: RequestContext<GlueBackend>): UsageProfileRecord | undefined {
  const name = callerProfiles(ctx.engine).get(ctx.accountId);
  if (name === undefined) return undefined;
  const profile = ctx.backend.admin.usageProfiles.get(name);
  if (!profile) throw ctx.invalid(`The caller's usage profile ${name} does not exist in ${ctx.region}.`);
  return profile;
}

/** The usage profile `name` of this backend, or undefined. */
export function findUsageProfile(backend: GlueBackend, name: string): UsageProfileRecord | undefined {
  return backend.admin.usageProfiles.get(name);
}

function find(ctx: RequestContext<GlueBackend>, name: string): UsageProfileRecord {
  const profile = ctx.backend.admin.usageProfiles.get(name);
  if (!profile) throw ctx.error("EntityNotFoundException", `Usage profile ${name} not found.`);
  return profile;
}

function workerTypes(ctx: RequestContext<GlueBackend>): readonly string[] {
  return sdkEnumValues(ctx.service.sdkPackage, "WorkerType") ?? [];
}

export const createUsageProfile = op<CreateUsageProfileRequest, CreateUsageProfileResponse>({
  input: { Name: NAME, Description: DESCRIPTION, Configuration: CONFIGURATION, Tags: TAGS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.admin.usageProfiles.has(name)) throw ctx.error("AlreadyExistsException", `Usage profile ${name} already exists.`);
    const problem = configurationProblem(input.Configuration!, workerTypes(ctx));
    if (problem) throw ctx.invalid(problem);
    const now = ctx.now();
    ctx.backend.admin.usageProfiles.set(name, { Name: name, Description: input.Description, Configuration: input.Configuration!, CreatedOn: now, LastModifiedOn: now });
    ctx.backend.tags.add(usageProfileArn(ctx, name), input.Tags);
    return { Name: name };
  },
});

export const getUsageProfile = op<GetUsageProfileRequest, GetUsageProfileResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const profile = find(ctx, input.Name!);
    return { Name: profile.Name, Description: profile.Description, Configuration: deepCopy(profile.Configuration), CreatedOn: profile.CreatedOn, LastModifiedOn: profile.LastModifiedOn };
  },
});

export const updateUsageProfile = op<UpdateUsageProfileRequest, UpdateUsageProfileResponse>({
  input: { Name: NAME, Description: DESCRIPTION, Configuration: CONFIGURATION },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const profile = find(ctx, input.Name!);
    const problem = configurationProblem(input.Configuration!, workerTypes(ctx));
    if (problem) throw ctx.invalid(problem);
    // The configuration given replaces the profile's; the description too, when given.
    profile.Configuration = input.Configuration!;
    if (input.Description !== undefined) profile.Description = input.Description;
    profile.LastModifiedOn = ctx.now();
    return { Name: profile.Name };
  },
});

export const deleteUsageProfile = op<DeleteUsageProfileRequest, DeleteUsageProfileResponse>({
  input: { Name: NAME },
  errors: [],
  run(ctx, input) {
    // The model declares no EntityNotFoundException: deleting a missing profile succeeds.
    const name = input.Name!;
    if (ctx.backend.admin.usageProfiles.delete(name)) ctx.backend.tags.drop(usageProfileArn(ctx, name));
    return {};
  },
});

export const listUsageProfiles = op<ListUsageProfilesRequest, ListUsageProfilesResponse>({
  input: { MaxResults: int({ min: 1, max: 200 }), NextToken: str({ max: 400000 }) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.admin.usageProfiles, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return {
      Profiles: page.items.map((profile) => ({ Name: profile.Name, Description: profile.Description, CreatedOn: profile.CreatedOn, LastModifiedOn: profile.LastModifiedOn })),
      NextToken: page.nextToken,
    };
  },
});

/** What a job definition carries that a usage profile governs. */
interface ProfiledJob {
  WorkerType?: string | undefined;
  NumberOfWorkers?: number | undefined;
  Timeout?: number | undefined;
}

/**
 * A job definition as the caller's profile makes it at CreateJob/UpdateJob: the parameters left
 * out take the profile's defaults, and the values must be within its limits (else the reason).
 */
export function applyJobUsageProfile<T extends ProfiledJob>(profile: UsageProfileRecord, definition: T): T | string {
  const values: ProfiledValues = { workerType: definition.WorkerType, numberOfWorkers: definition.NumberOfWorkers, timeout: definition.Timeout };
  const defaults = usageProfileDefaults(profile, "JobConfiguration", values);
  const out = { ...definition };
  if (defaults.workerType !== undefined) out.WorkerType = defaults.workerType;
  if (defaults.numberOfWorkers !== undefined) out.NumberOfWorkers = defaults.numberOfWorkers;
  if (defaults.timeout !== undefined) out.Timeout = defaults.timeout;
  return usageProfileProblem(profile, "JobConfiguration", { workerType: out.WorkerType, numberOfWorkers: out.NumberOfWorkers, timeout: out.Timeout }) ?? out;
}
