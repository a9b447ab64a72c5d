import type {
  CreateIntegrationRequest,
  CreateIntegrationResponse,
  DeleteIntegrationRequest,
  DeleteIntegrationResponse,
  DescribeInboundIntegrationsRequest,
  DescribeInboundIntegrationsResponse,
  DescribeIntegrationsRequest,
  DescribeIntegrationsResponse,
  Integration,
  ModifyIntegrationRequest,
  Tag,
  ModifyIntegrationResponse,
} from "@aws-sdk/client-glue";
import { parseArn } from "../../../engine/arn.js";
import type { RequestContext } from "../../../engine/context.js";
import { uuid } from "../../../engine/ids.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import type { TagStore } from "../../../engine/tags.js";
import { int, list, map, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { INTEGRATION } from "./lifecycles.js";
import type { IntegrationRecord } from "./records.js";

export const STRING128 = str({ min: 1, max: 128 });
const STRING2048 = str({ min: 1, max: 2048 });
const DESCRIPTION = str({ max: 1000 });
/** IntegrationTagsList: Tags of CreateIntegration and CreateIntegrationResourceProperty. */
export const TAG_LIST = list(struct({ key: str({ min: 1, max: 128 }), value: str({ max: 256 }) }), { max: 50 });
const CONFIG = struct({ RefreshInterval: str({ min: 1, max: 128 }), SourceProperties: map({ key: str({ min: 1, max: 128 }), value: str({ max: 2048 }) }), TargetNamespace: str({ min: 1, max: 128 }) });
const MAX_RECORDS = int({ min: 1 });

/** Whether an integration may be modified or deleted now (it is not mid-change). */
const SETTLED = new Set(["ACTIVE", "FAILED", "NEEDS_ATTENTION", "SYNCING"]);

/** An ARN of any service (sources are DynamoDB tables, Glue connections…; targets Glue catalogs, databases, Redshift namespaces). */
export function requireArn(ctx: RequestContext<GlueBackend>, value: string, member: string): void {
  if (!parseArn(value)) throw ctx.invalid(`${member} ${value} is not an ARN.`);
}

/** A name CreateIntegration and ModifyIntegration accept: a letter, then letters, digits and single hyphens, not ending with one. */
function checkIntegrationName(ctx: RequestContext<GlueBackend>, name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name) || name.includes("--") || name.endsWith("-")) {
    throw ctx.invalid(`IntegrationName ${name} must start with a letter and hold only letters, digits and single hyphens, not ending with one.`);
  }
}

export function findIntegration(ctx: RequestContext<GlueBackend>, identifier: string): IntegrationRecord {
  const state = ctx.backend.integrations;
  // Stored by the id that ends its ARN (short page markers: Marker is at most 128 characters).
  const byArn = state.integrations.get(identifier.slice(identifier.lastIndexOf(":") + 1));
  const integration = byArn?.IntegrationArn === identifier ? byArn : state.integrations.get(state.byName.get(identifier) ?? "");
  if (!integration) throw ctx.error("IntegrationNotFoundFault", `Integration ${identifier} not found.`);
  return integration;
}

/** The integration's status; DELETED (gone) reads as DELETING until the record is removed. */
function status(integration: IntegrationRecord): NonNullable<Integration["Status"]> {
  const state = integration.process.state;
  return (state === "DELETED" ? "DELETING" : state) as NonNullable<Integration["Status"]>;
}

/** A request's Tag list as the tag store keeps tags (a key given twice keeps its last value). */
export function tagMapOf(tags: readonly Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.key!, t.value ?? ""]));
}

/** Integration tags live in the backend's tag store (TagResource reaches them), as Glue's Tag list. */
function tagList(tags: TagStore, arn: string): Tag[] {
  return Object.entries(tags.get(arn)).map(([key, value]) => ({ key, value }));
}

export function renderIntegration(tags: TagStore, i: IntegrationRecord): Integration {
  return {
    SourceArn: i.SourceArn,
    TargetArn: i.TargetArn,
    Description: i.Description,
    IntegrationName: i.IntegrationName,
    IntegrationArn: i.IntegrationArn,
    KmsKeyId: i.KmsKeyId,
    AdditionalEncryptionContext: i.AdditionalEncryptionContext,
    Tags: tagList(tags, i.IntegrationArn),
    Status: status(i),
    CreateTime: i.CreateTime,
    IntegrationConfig: i.IntegrationConfig,
    Errors: i.Errors.length > 0 ? i.Errors.map((e) => ({ ...e })) : undefined,
    DataFilter: i.DataFilter,
  };
}

/** A phase of an integration's life: CREATING/MODIFYING → ACTIVE, or DELETING → DELETED (removed). */
function phase(ctx: RequestContext<GlueBackend>, integration: Pick<IntegrationRecord, "IntegrationArn" | "IntegrationName" | "SourceArn" | "TargetArn">, path: string[]): LinearProcess {
  const state = ctx.backend.integrations;
  const tags = ctx.backend.tags;
  const arn = integration.IntegrationArn;
  const id = arn.slice(arn.lastIndexOf(":") + 1);
  const process: LinearProcess = new LinearProcess(
    { kind: INTEGRATION, path },
    { IntegrationName: integration.IntegrationName, IntegrationArn: arn, SourceArn: integration.SourceArn, TargetArn: integration.TargetArn },
    {
      onEnter(entered, self) {
        const record = state.integrations.get(id);
        if (!record || record.process !== self) return;
        if (entered === "DELETED") {
          state.integrations.delete(id);
          if (state.byName.get(record.IntegrationName) === id) state.byName.delete(record.IntegrationName);
          state.byPair.delete(`${record.SourceArn}|${record.TargetArn}`);
          tags.drop(arn);
        } else if (entered === "FAILED" || entered === "NEEDS_ATTENTION") {
          record.Errors = [{ ErrorCode: entered === "FAILED" ? "IntegrationFailed" : "NeedsAttention", ErrorMessage: self.failureMessage ?? `The integration ${entered === "FAILED" ? "failed" : "needs attention"}.` }];
        } else if (entered === "ACTIVE") {
          record.Errors = [];
        }
      },
    },
  );
  return ctx.track(process);
}

export const createIntegration = op<CreateIntegrationRequest, CreateIntegrationResponse>({
  input: {
    IntegrationName: STRING128,
    SourceArn: STRING128,
    TargetArn: STRING128,
    Description: DESCRIPTION,
    DataFilter: STRING2048,
    KmsKeyId: STRING2048,
    AdditionalEncryptionContext: map({ key: str({ min: 1, max: 128 }), value: str({ min: 1, max: 128 }) }),
    Tags: TAG_LIST,
    IntegrationConfig: CONFIG,
  },
  errors: ["ConflictException"],
  run(ctx, input) {
    const state = ctx.backend.integrations;
    const name = input.IntegrationName!;
    checkIntegrationName(ctx, name);
    requireArn(ctx, input.SourceArn!, "SourceArn");
    requireArn(ctx, input.TargetArn!, "TargetArn");
    if (input.AdditionalEncryptionContext && input.KmsKeyId === undefined) throw ctx.invalid("AdditionalEncryptionContext needs a KmsKeyId.");
    if (state.byName.has(name)) throw ctx.error("ConflictException", `An integration named ${name} already exists.`);
    const pair = `${input.SourceArn}|${input.TargetArn}`;
    const existing = state.integrations.get(state.byPair.get(pair) ?? "");
    if (existing) throw ctx.error("ConflictException", `Integration ${existing.IntegrationName} already replicates ${input.SourceArn} into ${input.TargetArn}.`);
    const id = uuid();
    const arn = ctx.arn(`integration:${id}`);
    const identity = { IntegrationArn: arn, IntegrationName: name, SourceArn: input.SourceArn!, TargetArn: input.TargetArn! };
    const record: IntegrationRecord = {
      sequence: state.next(),
      ...identity,
      Description: input.Description,
      DataFilter: input.DataFilter,
      KmsKeyId: input.KmsKeyId,
      AdditionalEncryptionContext: input.AdditionalEncryptionContext,
      IntegrationConfig: input.IntegrationConfig,
      CreateTime: ctx.now(),
      Errors: [],
      process: phase(ctx, identity, ["CREATING", "ACTIVE"]),
    };
    state.integrations.set(id, record);
    state.byName.set(name, id);
    state.byPair.set(pair, id);
    ctx.backend.tags.add(arn, tagMapOf(input.Tags));
    return { ...renderIntegration(ctx.backend.tags, record), Status: "CREATING" } as CreateIntegrationResponse;
  },
});

export const modifyIntegration = op<ModifyIntegrationRequest, ModifyIntegrationResponse>({
  input: { IntegrationIdentifier: STRING128, Description: DESCRIPTION, DataFilter: STRING2048, IntegrationName: STRING128, IntegrationConfig: CONFIG },
  errors: ["IntegrationNotFoundFault", "InvalidIntegrationStateFault", "ConflictException"],
  run(ctx, input) {
    const state = ctx.backend.integrations;
    const integration = findIntegration(ctx, input.IntegrationIdentifier!);
    if (!SETTLED.has(status(integration))) {
      throw ctx.error("InvalidIntegrationStateFault", `Integration ${integration.IntegrationName} is ${status(integration)}; it can be modified once it is ACTIVE, FAILED or NEEDS_ATTENTION.`);
    }
    const newName = input.IntegrationName;
    if (newName !== undefined) checkIntegrationName(ctx, newName);
    if (newName !== undefined && newName !== integration.IntegrationName && state.byName.has(newName)) throw ctx.error("ConflictException", `An integration named ${newName} already exists.`);
    if (newName !== undefined && newName !== integration.IntegrationName) {
      state.byName.set(newName, state.byName.get(integration.IntegrationName)!);
      state.byName.delete(integration.IntegrationName);
      integration.IntegrationName = newName;
    }
    if (input.Description !== undefined) integration.Description = input.Description;
    if (input.DataFilter !== undefined) integration.DataFilter = input.DataFilter;
    if (input.IntegrationConfig !== undefined) integration.IntegrationConfig = { ...integration.IntegrationConfig, ...input.IntegrationConfig };
    integration.process = phase(ctx, integration, ["MODIFYING", "ACTIVE"]);
    return renderIntegration(ctx.backend.tags, integration) as ModifyIntegrationResponse;
  },
});

export const deleteIntegration = op<DeleteIntegrationRequest, DeleteIntegrationResponse>({
  input: { IntegrationIdentifier: STRING128 },
  errors: ["IntegrationNotFoundFault", "InvalidIntegrationStateFault"],
  run(ctx, input) {
    const integration = findIntegration(ctx, input.IntegrationIdentifier!);
    const current = status(integration);
    if (current === "DELETING") throw ctx.error("InvalidIntegrationStateFault", `Integration ${integration.IntegrationName} is already being deleted.`);
    integration.process = phase(ctx, integration, ["DELETING", "DELETED"]);
    return renderIntegration(ctx.backend.tags, integration) as DeleteIntegrationResponse;
  },
});

const FILTER_NAMES = new Set(["Status", "IntegrationName", "SourceArn"]);
const FILTERS = list(struct({ Name: STRING128, Values: list(STRING128) }));

export const describeIntegrations = op<DescribeIntegrationsRequest, DescribeIntegrationsResponse>({
  input: { IntegrationIdentifier: STRING128, Marker: STRING128, MaxRecords: MAX_RECORDS, Filters: FILTERS },
  errors: ["IntegrationNotFoundFault"],
  run(ctx, input) {
    const filters = new Map<string, string[]>();
    for (const filter of input.Filters ?? []) {
      if (!filter.Name || !FILTER_NAMES.has(filter.Name)) throw ctx.invalid(`Filter ${filter.Name ?? "(no name)"} is not supported: use Status, IntegrationName or SourceArn.`);
      const values = filter.Values ?? [];
      if (values.length === 0) throw ctx.invalid(`Filter ${filter.Name} needs at least one value.`);
      if (filter.Name === "IntegrationName" && values.length > 1) throw ctx.invalid("The IntegrationName filter takes one value.");
      filters.set(filter.Name, values);
    }
    const only = input.IntegrationIdentifier !== undefined ? findIntegration(ctx, input.IntegrationIdentifier) : undefined;
    const page = ctx.paginate(ctx.backend.integrations.integrations, {
      token: input.Marker,
      maxResults: input.MaxRecords,
      defaultSize: 100,
      query: { id: only?.IntegrationArn, filters: [...filters] },
      filter: (i) =>
        (!only || i === only) &&
        (!filters.has("Status") || filters.get("Status")!.includes(status(i))) &&
        (!filters.has("IntegrationName") || filters.get("IntegrationName")!.includes(i.IntegrationName)) &&
        (!filters.has("SourceArn") || filters.get("SourceArn")!.includes(i.SourceArn)),
    });
    for (const integration of page.items) ctx.observe(integration.process);
    return { Integrations: page.items.map((i) => renderIntegration(ctx.backend.tags, i)), Marker: page.nextToken };
  },
});

export const describeInboundIntegrations = op<DescribeInboundIntegrationsRequest, DescribeInboundIntegrationsResponse>({
  input: { IntegrationArn: STRING128, Marker: STRING128, MaxRecords: MAX_RECORDS, TargetArn: STRING128 },
  errors: ["IntegrationNotFoundFault"],
  run(ctx, input) {
    if (input.TargetArn !== undefined) requireArn(ctx, input.TargetArn, "TargetArn");
    const only = input.IntegrationArn !== undefined ? findIntegration(ctx, input.IntegrationArn) : undefined;
    const page = ctx.paginate(ctx.backend.integrations.integrations, {
      token: input.Marker,
      maxResults: input.MaxRecords,
      defaultSize: 100,
      query: { id: only?.IntegrationArn, target: input.TargetArn },
      filter: (i) => (!only || i === only) && (input.TargetArn === undefined || i.TargetArn === input.TargetArn),
    });
    for (const integration of page.items) ctx.observe(integration.process);
    return {
      InboundIntegrations: page.items.map((i) => {
        const rendered = renderIntegration(ctx.backend.tags, i);
        return { SourceArn: rendered.SourceArn, TargetArn: rendered.TargetArn, IntegrationArn: rendered.IntegrationArn, Status: rendered.Status, CreateTime: rendered.CreateTime, IntegrationConfig: rendered.IntegrationConfig, Errors: rendered.Errors };
      }),
      Marker: page.nextToken,
    };
  },
});
