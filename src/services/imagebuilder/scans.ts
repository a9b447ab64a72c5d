import type {
  ImageScanFindingAggregation,
  ListImageScanFindingAggregationsRequest,
  ListImageScanFindingAggregationsResponse,
  ListImageScanFindingsRequest,
  ListImageScanFindingsResponse,
} from "@aws-sdk/client-imagebuilder";
import { OrderedTable } from "../../engine/ordered-table.js";
import { list, struct } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { type Ctx } from "./common.js";
import { DEFAULT_PAGE_SIZE, FILTER, FILTER_NAME, FILTER_VALUE, MAX_RESULTS, NEXT_TOKEN } from "./shapes.js";
import { parseImagebuilderArn } from "./versions.js";

/**
 * Image scan findings come from Amazon Inspector scanning the build instance. No instance runs
 * here and nothing is scanned, so there are no findings: the lists are empty and aggregations
 * count zero, as AWS answers for images that were never scanned. Filters are still checked.
 */

const FINDING_FILTER_NAMES = ["imageBuildVersionArn", "imagePipelineArn", "vulnerabilityId", "severity"];
const AGGREGATION_FILTER_NAMES = ["accountId", "imageBuildVersionArn", "imagePipelineArn", "vulnerabilityId"];

const FINDINGS_FILTERS = list(struct({ name: FILTER_NAME, values: list(FILTER_VALUE, { min: 1, max: 1 }) }), { min: 1, max: 1 });

function checkFilterName(ctx: Ctx, name: string | undefined, allowed: readonly string[]): string {
  if (!name || !allowed.includes(name)) throw ctx.invalid(`The filter name '${name ?? ""}' is not supported by ${ctx.operation}; use one of: ${allowed.join(", ")}.`);
  return name;
}

export const listImageScanFindings = op<ListImageScanFindingsRequest, ListImageScanFindingsResponse>({
  input: { filters: FINDINGS_FILTERS, maxResults: MAX_RESULTS, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    for (const filter of input.filters ?? []) checkFilterName(ctx, filter.name, FINDING_FILTER_NAMES);
    const page = ctx.paginate(new OrderedTable<never>(), { token: input.nextToken, maxResults: input.maxResults, defaultSize: DEFAULT_PAGE_SIZE, query: input.filters });
    return { requestId: ctx.requestId, findings: page.items, nextToken: page.nextToken };
  },
});

const ZERO = { all: 0, critical: 0, high: 0, medium: 0 };

export const listImageScanFindingAggregations = op<ListImageScanFindingAggregationsRequest, ListImageScanFindingAggregationsResponse>({
  input: { filter: FILTER, nextToken: NEXT_TOKEN },
  errors: ["InvalidPaginationTokenException"],
  run(ctx, input) {
    const name = input.filter ? checkFilterName(ctx, input.filter.name, AGGREGATION_FILTER_NAMES) : "accountId";
    const values = input.filter?.values ?? [ctx.accountId];
    const responses = new OrderedTable<ImageScanFindingAggregation>();
    for (const value of values) {
      if (name === "accountId" && value === ctx.accountId) responses.set(value, { accountAggregation: { accountId: value, severityCounts: { ...ZERO } } });
      if (name === "imagePipelineArn" && ctx.backend.pipelines.has(value)) responses.set(value, { imagePipelineAggregation: { imagePipelineArn: value, severityCounts: { ...ZERO } } });
      if (name === "imageBuildVersionArn" && parseImagebuilderArn(value) && ctx.backend.images.get(value)) {
        responses.set(value, { imageAggregation: { imageBuildVersionArn: value, severityCounts: { ...ZERO } } });
      }
      // vulnerabilityId: no finding names any vulnerability, so there is nothing to aggregate.
    }
    const page = ctx.paginate(responses, { token: input.nextToken, defaultSize: DEFAULT_PAGE_SIZE, query: input.filter });
    return { requestId: ctx.requestId, aggregationType: name, responses: page.items, nextToken: page.nextToken };
  },
});
