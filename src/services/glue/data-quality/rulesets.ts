import type {
  CreateDataQualityRulesetRequest,
  CreateDataQualityRulesetResponse,
  DeleteDataQualityRulesetRequest,
  DeleteDataQualityRulesetResponse,
  GetDataQualityRulesetRequest,
  GetDataQualityRulesetResponse,
  ListDataQualityRulesetsRequest,
  ListDataQualityRulesetsResponse,
  UpdateDataQualityRulesetRequest,
  UpdateDataQualityRulesetResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { DESCRIPTION, NAME, TAGS } from "../shapes.js";
import { DqdlSyntaxError, parseDqdl, ruleCount, type DqdlRuleset } from "./dqdl.js";
import type { RulesetRecord } from "./records.js";
import { catalogTable, DQ_PAGE, HASH, RULESET_TEXT, TARGET_TABLE } from "./shapes.js";

export const rulesetArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`dataQualityRuleset/${name}`);

export function findRuleset(ctx: RequestContext<GlueBackend>, name: string): RulesetRecord {
  const ruleset = ctx.backend.dataQuality.rulesets.get(name);
  if (!ruleset) throw ctx.error("EntityNotFoundException", `Cannot find Data Quality Ruleset ${name} in account ${ctx.accountId}.`);
  return ruleset;
}

/** Parses DQDL; a ruleset that is not valid DQDL is InvalidInputException, as Glue answers. */
export function parseRuleset(ctx: RequestContext<GlueBackend>, text: string): DqdlRuleset {
  try {
    const parsed = parseDqdl(text);
    if (parsed.rules.length === 0 && parsed.analyzers.length === 0) throw ctx.invalid("The ruleset is not valid DQDL: it has no rules and no analyzers.");
    return parsed;
  } catch (error) {
    if (error instanceof DqdlSyntaxError) throw ctx.invalid(`The ruleset is not valid DQDL: ${error.message}.`);
    throw error;
  }
}

export const createDataQualityRuleset = op<CreateDataQualityRulesetRequest, CreateDataQualityRulesetResponse>({
  input: { Name: NAME, Description: DESCRIPTION, Ruleset: RULESET_TEXT, Tags: TAGS, TargetTable: TARGET_TABLE, DataQualitySecurityConfiguration: NAME, ClientToken: HASH },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    const parsed = parseRuleset(ctx, input.Ruleset!);
    const state = ctx.backend.dataQuality;
    if (state.rulesets.has(name)) throw ctx.error("AlreadyExistsException", `A Data Quality Ruleset with name ${name} already exists.`);
    // A target table must be a table of the Data Catalog (the model lists no EntityNotFoundException
    // for CreateDataQualityRuleset: a missing one is InvalidInputException).
    if (input.TargetTable) catalogTable(ctx, { CatalogId: input.TargetTable.CatalogId, DatabaseName: input.TargetTable.DatabaseName!, TableName: input.TargetTable.TableName! });
    const now = ctx.now();
    state.rulesets.set(name, {
      Name: name,
      Description: input.Description,
      Ruleset: input.Ruleset!,
      parsed,
      TargetTable: input.TargetTable,
      CreatedOn: now,
      LastModifiedOn: now,
      DataQualitySecurityConfiguration: input.DataQualitySecurityConfiguration,
    });
    ctx.backend.tags.add(rulesetArn(ctx, name), input.Tags);
    return { Name: name };
  },
});

export const getDataQualityRuleset = op<GetDataQualityRulesetRequest, GetDataQualityRulesetResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const r = findRuleset(ctx, input.Name!);
    return {
      Name: r.Name,
      Description: r.Description,
      Ruleset: r.Ruleset,
      TargetTable: r.TargetTable,
      CreatedOn: r.CreatedOn,
      LastModifiedOn: r.LastModifiedOn,
      RecommendationRunId: r.RecommendationRunId,
      DataQualitySecurityConfiguration: r.DataQualitySecurityConfiguration,
    };
  },
});

export const updateDataQualityRuleset = op<UpdateDataQualityRulesetRequest, UpdateDataQualityRulesetResponse>({
  input: { Name: NAME, Description: DESCRIPTION, Ruleset: RULESET_TEXT },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const ruleset = findRuleset(ctx, input.Name!);
    const parsed = input.Ruleset !== undefined ? parseRuleset(ctx, input.Ruleset) : undefined;
    if (parsed) {
      ruleset.Ruleset = input.Ruleset!;
      ruleset.parsed = parsed;
    }
    if (input.Description !== undefined) ruleset.Description = input.Description;
    ruleset.LastModifiedOn = ctx.now();
    return { Name: ruleset.Name, Description: ruleset.Description, Ruleset: ruleset.Ruleset };
  },
});

export const deleteDataQualityRuleset = op<DeleteDataQualityRulesetRequest, DeleteDataQualityRulesetResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const ruleset = findRuleset(ctx, input.Name!);
    ctx.backend.dataQuality.rulesets.delete(ruleset.Name);
    ctx.backend.tags.drop(rulesetArn(ctx, ruleset.Name));
    return {};
  },
});

const RULESET_FILTER = struct({ Name: NAME, Description: DESCRIPTION, TargetTable: TARGET_TABLE });

export const listDataQualityRulesets = op<ListDataQualityRulesetsRequest, ListDataQualityRulesetsResponse>({
  input: { MaxResults: DQ_PAGE, Filter: RULESET_FILTER, Tags: TAGS },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const filter = input.Filter ?? {};
    const tags = input.Tags;
    const within = (value: Date, after: Date | undefined, before: Date | undefined) => (!after || value > after) && (!before || value < before);
    const page = ctx.paginate(ctx.backend.dataQuality.rulesets, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      query: { filter, tags },
      filter: (r) =>
        (filter.Name === undefined || r.Name.includes(filter.Name)) &&
        (filter.Description === undefined || (r.Description ?? "").includes(filter.Description)) &&
        within(r.CreatedOn, filter.CreatedAfter, filter.CreatedBefore) &&
        within(r.LastModifiedOn, filter.LastModifiedAfter, filter.LastModifiedBefore) &&
        (filter.TargetTable === undefined ||
          (r.TargetTable?.DatabaseName === filter.TargetTable.DatabaseName &&
            r.TargetTable?.TableName === filter.TargetTable.TableName &&
            (filter.TargetTable.CatalogId === undefined || (r.TargetTable?.CatalogId ?? ctx.accountId) === filter.TargetTable.CatalogId))) &&
        ctx.backend.tags.matches(rulesetArn(ctx, r.Name), tags),
    });
    return {
      Rulesets: page.items.map((r) => ({
        Name: r.Name,
        Description: r.Description,
        CreatedOn: r.CreatedOn,
        LastModifiedOn: r.LastModifiedOn,
        TargetTable: r.TargetTable,
        RecommendationRunId: r.RecommendationRunId,
        RuleCount: ruleCount(r.parsed),
      })),
      NextToken: page.nextToken,
    };
  },
});
