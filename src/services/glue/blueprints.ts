import type {
  BatchGetBlueprintsRequest,
  BatchGetBlueprintsResponse,
  Blueprint,
  CreateBlueprintRequest,
  CreateBlueprintResponse,
  DeleteBlueprintRequest,
  DeleteBlueprintResponse,
  GetBlueprintRequest,
  GetBlueprintResponse,
  ListBlueprintsRequest,
  ListBlueprintsResponse,
  UpdateBlueprintRequest,
  UpdateBlueprintResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../engine/context.js";
import { LinearProcess } from "../../engine/lifecycle/process.js";
import type { OrderedTable } from "../../engine/ordered-table.js";
import { list, str } from "../../engine/validation/rules.js";
import { newestFirst, op, type GlueBackend } from "./backend.js";
import type { BlueprintRun } from "./blueprint-runs.js";
import { blueprintLayouts } from "./layouts.js";
import { BLUEPRINT } from "./lifecycles.js";
import { BLUEPRINT_NAME, NAME, pageSize, TAGS } from "./shapes.js";

/** One registered definition of a blueprint (a CreateBlueprint or UpdateBlueprint). */
interface BlueprintDefinition {
  Description?: string | undefined;
  BlueprintLocation: string;
  BlueprintServiceLocation: string;
  LastModifiedOn: Date;
}

export interface BlueprintRecord {
  Name: string;
  CreatedOn: Date;
  current: BlueprintDefinition;
  /** The last definition whose registration succeeded (LastActiveDefinition). */
  lastActive?: BlueprintDefinition | undefined;
  /** The registration in progress or done: CREATING/UPDATING → ACTIVE (or FAILED). */
  registration: LinearProcess;
  ErrorMessage?: string | undefined;
  /** Runs, newest first. */
  readonly runs: OrderedTable<BlueprintRun>;
}

export const blueprintArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`blueprint/${name}`);

export function findBlueprint(ctx: RequestContext<GlueBackend>, name: string): BlueprintRecord {
  const blueprint = ctx.backend.blueprints.get(name);
  if (!blueprint) throw ctx.error("EntityNotFoundException", `Blueprint ${name} not found.`);
  return blueprint;
}

export function blueprintStatus(blueprint: BlueprintRecord): NonNullable<Blueprint["Status"]> {
  return blueprint.registration.state as NonNullable<Blueprint["Status"]>;
}

const LOCATION = str({ min: 1, max: 8192, pattern: "^s3://([^/]+)/([^/]+/)*([^/]+)$" });
const DESCRIPTION = str({ min: 1, max: 512 });

/**
 * Registering copies the blueprint archive to a service-owned S3 location; the fake names one
 * per account, region and blueprint (the real bucket name is not documented).
 */
function definitionOf(ctx: RequestContext<GlueBackend>, name: string, location: string, description: string | undefined): BlueprintDefinition {
  const file = location.slice(location.lastIndexOf("/") + 1);
  return {
    Description: description,
    BlueprintLocation: location,
    BlueprintServiceLocation: `s3://aws-glue-blueprints-${ctx.accountId}-${ctx.region}/${name}/${file}`,
    LastModifiedOn: ctx.now(),
  };
}

/**
 * A registration (CREATING or UPDATING → ACTIVE); a test may make it end FAILED. It updates the
 * blueprint it belongs to only while it is that blueprint's current registration.
 */
function registration(ctx: RequestContext<GlueBackend>, name: string, first: "CREATING" | "UPDATING"): LinearProcess {
  const backend = ctx.backend;
  const process = new LinearProcess({ kind: BLUEPRINT, path: [first, "ACTIVE"] }, { BlueprintName: name }, {
    onEnter(state, self) {
      const blueprint = backend.blueprints.get(name);
      if (!blueprint || blueprint.registration !== self) return;
      if (state === "ACTIVE") {
        blueprint.lastActive = blueprint.current;
        blueprint.ErrorMessage = undefined;
      } else if (state === "FAILED") {
        blueprint.ErrorMessage = self.failureMessage ?? `Blueprint ${name} could not be registered from ${blueprint.current.BlueprintLocation}.`;
      }
    },
  });
  return ctx.track(process);
}

export function renderBlueprint(ctx: RequestContext<GlueBackend>, blueprint: BlueprintRecord, includeBlueprint: boolean, includeParameterSpec: boolean): Blueprint {
  const spec = blueprintLayouts.extraFor(ctx.engine, [blueprint.Name])?.parameterSpec;
  const parameterSpec = includeParameterSpec && spec ? JSON.stringify(spec) : undefined;
  const active = blueprint.lastActive;
  return {
    Name: blueprint.Name,
    Description: blueprint.current.Description,
    CreatedOn: blueprint.CreatedOn,
    LastModifiedOn: blueprint.current.LastModifiedOn,
    ParameterSpec: parameterSpec,
    BlueprintLocation: blueprint.current.BlueprintLocation,
    BlueprintServiceLocation: includeBlueprint ? blueprint.current.BlueprintServiceLocation : undefined,
    Status: blueprintStatus(blueprint),
    ErrorMessage: blueprint.ErrorMessage,
    LastActiveDefinition: active
      ? {
          Description: active.Description,
          LastModifiedOn: active.LastModifiedOn,
          ParameterSpec: parameterSpec,
          BlueprintLocation: active.BlueprintLocation,
          BlueprintServiceLocation: includeBlueprint ? active.BlueprintServiceLocation : undefined,
        }
      : undefined,
  };
}

export const createBlueprint = op<CreateBlueprintRequest, CreateBlueprintResponse>({
  input: { Name: BLUEPRINT_NAME, Description: DESCRIPTION, BlueprintLocation: LOCATION, Tags: TAGS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.blueprints.has(name)) throw ctx.error("AlreadyExistsException", `Blueprint ${name} already exists.`);
    ctx.backend.blueprints.set(name, {
      Name: name,
      CreatedOn: ctx.now(),
      current: definitionOf(ctx, name, input.BlueprintLocation!, input.Description),
      registration: registration(ctx, name, "CREATING"),
      runs: newestFirst(),
    });
    ctx.backend.tags.add(blueprintArn(ctx, name), input.Tags);
    return { Name: name };
  },
});

export const updateBlueprint = op<UpdateBlueprintRequest, UpdateBlueprintResponse>({
  input: { Name: BLUEPRINT_NAME, Description: DESCRIPTION, BlueprintLocation: LOCATION },
  errors: ["EntityNotFoundException", "IllegalBlueprintStateException"],
  run(ctx, input) {
    const blueprint = findBlueprint(ctx, input.Name!);
    const status = blueprintStatus(blueprint);
    if (status === "CREATING" || status === "UPDATING") {
      throw ctx.error("IllegalBlueprintStateException", `Blueprint ${blueprint.Name} is ${status}; wait until its registration ends before updating it.`);
    }
    blueprint.current = definitionOf(ctx, blueprint.Name, input.BlueprintLocation!, input.Description);
    blueprint.registration = registration(ctx, blueprint.Name, "UPDATING");
    return { Name: blueprint.Name };
  },
});

export const deleteBlueprint = op<DeleteBlueprintRequest, DeleteBlueprintResponse>({
  input: { Name: NAME },
  errors: [],
  run(ctx, input) {
    // DeleteBlueprint models no EntityNotFoundException: deleting a missing blueprint succeeds.
    const name = input.Name!;
    if (ctx.backend.blueprints.delete(name)) ctx.backend.tags.drop(blueprintArn(ctx, name));
    return { Name: name };
  },
});

export const getBlueprint = op<GetBlueprintRequest, GetBlueprintResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const blueprint = findBlueprint(ctx, input.Name!);
    ctx.observe(blueprint.registration);
    return { Blueprint: renderBlueprint(ctx, blueprint, input.IncludeBlueprint ?? false, input.IncludeParameterSpec ?? false) };
  },
});

export const listBlueprints = op<ListBlueprintsRequest, ListBlueprintsResponse>({
  input: { MaxResults: pageSize(25), Tags: TAGS },
  errors: [],
  run(ctx, input) {
    const tags = input.Tags;
    const page = ctx.paginate(ctx.backend.blueprints, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 25,
      filter: (blueprint) => ctx.backend.tags.matches(blueprintArn(ctx, blueprint.Name), tags),
      query: tags,
    });
    return { Blueprints: page.items.map((blueprint) => blueprint.Name), NextToken: page.nextToken };
  },
});

export const batchGetBlueprints = op<BatchGetBlueprintsRequest, BatchGetBlueprintsResponse>({
  input: { Names: list(BLUEPRINT_NAME, { min: 1, max: 25 }) },
  errors: [],
  run(ctx, input) {
    const found: Blueprint[] = [];
    const missing: string[] = [];
    for (const name of input.Names!) {
      const blueprint = ctx.backend.blueprints.get(name);
      if (!blueprint) {
        missing.push(name);
        continue;
      }
      ctx.observe(blueprint.registration);
      found.push(renderBlueprint(ctx, blueprint, input.IncludeBlueprint ?? false, input.IncludeParameterSpec ?? false));
    }
    return { Blueprints: found, MissingBlueprints: missing };
  },
});
