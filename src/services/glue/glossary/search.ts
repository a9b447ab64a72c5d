import type { SearchAssetsInput, SearchAssetsOutput, SearchFilterClause } from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { int, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import type { AssetOrder, AssetRecord } from "./records.js";

/**
 * SearchAssets, lexically: every word of SearchText must appear (case-insensitively) in the
 * asset's name, description or identifier. Filter attributes: name, description, id,
 * assetTypeId, glossaryTerms, createdAt and updatedAt (LongValue: epoch milliseconds). A
 * MapFilter's Attribute names a form (or attachment) of the asset and Key a member of its JSON
 * content. Sort attributes: name, createdAt, updatedAt (default: name, ascending).
 */

const SORTS: Record<string, AssetOrder> = { name: "name", createdAt: "createdAt", updatedAt: "updatedAt" };
const ATTRIBUTES = new Set(["name", "description", "id", "assetTypeId", "glossaryTerms", "createdAt", "updatedAt"]);
const MAX_DEPTH = 5;

function attributeValues(asset: AssetRecord, attribute: string): Array<string | number> {
  switch (attribute) {
    case "name":
      return [asset.Name];
    case "description":
      return asset.Description === undefined ? [] : [asset.Description];
    case "id":
      return [asset.Id];
    case "assetTypeId":
      return [asset.AssetTypeId];
    case "glossaryTerms":
      return [...asset.extras.GlossaryTerms];
    case "createdAt":
      return [asset.CreatedAt.getTime()];
    default:
      return [asset.UpdatedAt.getTime()];
  }
}

function compare(actual: string | number, operator: string, expected: string | number): boolean {
  const order = typeof actual === "number" && typeof expected === "number" ? actual - expected : String(actual) < String(expected) ? -1 : String(actual) > String(expected) ? 1 : 0;
  switch (operator) {
    case "equals":
      return order === 0;
    case "greaterThan":
      return order > 0;
    case "greaterThanOrEquals":
      return order >= 0;
    case "lessThan":
      return order < 0;
    default:
      return order <= 0;
  }
}

type Predicate = (asset: AssetRecord) => boolean;

/** Compiles a filter clause, refusing what cannot be evaluated. */
function compile(ctx: RequestContext<GlueBackend>, clause: SearchFilterClause, depth: number): Predicate {
  if (depth > MAX_DEPTH) throw ctx.invalid(`FilterClause nests more than ${MAX_DEPTH} levels.`);
  if (clause.AndAllFilters) {
    const parts = clause.AndAllFilters.map((c) => compile(ctx, c, depth + 1));
    return (asset) => parts.every((p) => p(asset));
  }
  if (clause.OrAnyFilters) {
    const parts = clause.OrAnyFilters.map((c) => compile(ctx, c, depth + 1));
    return (asset) => parts.some((p) => p(asset));
  }
  if (clause.AttributeFilter) {
    const { Attribute, Operator, Value } = clause.AttributeFilter;
    if (!ATTRIBUTES.has(Attribute!)) throw ctx.invalid(`Attribute ${Attribute} cannot be filtered on: use ${[...ATTRIBUTES].join(", ")}.`);
    if (Operator === "notExists") return (asset) => attributeValues(asset, Attribute!).length === 0;
    const expected = Value?.StringValue ?? Value?.LongValue;
    if (expected === undefined) throw ctx.invalid(`The ${Operator} filter on ${Attribute} needs a Value.`);
    return (asset) => attributeValues(asset, Attribute!).some((actual) => compare(actual, Operator!, expected));
  }
  if (clause.MapFilter) {
    const { Attribute, Key, Value } = clause.MapFilter;
    const expected = Value?.StringValue;
    if (expected === undefined) throw ctx.invalid(`The map filter on ${Attribute} needs a StringValue.`);
    return (asset) => {
      const form = asset.Forms[Attribute!] ?? asset.extras.Attachments[Attribute!];
      if (!form) return false;
      try {
        const content = JSON.parse(form.Content) as Record<string, unknown>;
        return content !== null && typeof content === "object" && Object.hasOwn(content, Key!) && String(content[Key!]) === expected;
      } catch {
        return false;
      }
    };
  }
  throw ctx.invalid("A FilterClause sets one of AndAllFilters, OrAnyFilters, AttributeFilter or MapFilter.");
}

export const searchAssets = op<SearchAssetsInput, SearchAssetsOutput>({
  input: { SearchText: str({ max: 4096 }), MaxResults: int({ min: 1, max: 50 }), Sort: struct({ Order: oneOf("SearchSortOrder") }) },
  errors: [],
  run(ctx, input) {
    const sortAttribute = input.Sort?.Attribute ?? "name";
    const order = SORTS[sortAttribute];
    if (!order) throw ctx.invalid(`Sort.Attribute ${sortAttribute} is not sortable: use name, createdAt or updatedAt.`);
    const words = (input.SearchText ?? "").toLowerCase().split(/\s+/).filter((w) => w !== "");
    const matches = input.FilterClause ? compile(ctx, input.FilterClause, 1) : () => true;
    const page = ctx.paginate(ctx.backend.glossary.assets.view(order), {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 50,
      descending: input.Sort?.Order === "DESCENDING",
      query: { text: input.SearchText, filter: input.FilterClause, sort: input.Sort },
      filter: (asset) => {
        const haystack = `${asset.Name}\n${asset.Description ?? ""}\n${asset.Id}`.toLowerCase();
        return words.every((w) => haystack.includes(w)) && matches(asset);
      },
    });
    return {
      Items: page.items.map((a) => ({ Id: a.Id, AssetName: a.Name, AssetDescription: a.Description, UpdatedAt: a.UpdatedAt, AssetTypeId: a.AssetTypeId })),
      NextToken: page.nextToken,
    };
  },
});
