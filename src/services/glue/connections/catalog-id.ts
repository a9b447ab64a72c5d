import type { RequestContext } from "../../../engine/context.js";
import type { GlueBackend } from "../backend.js";

/**
 * The backend of the Data Catalog a request names with `CatalogId`: the caller's own when it
 * is left out ("If none is provided, the AWS account ID is used by default"), another account's
 * when it names one (as AWS reaches it through that catalog's resource policy; the fake models
 * no permissions). Connections and catalog settings live in an account's default catalog, whose
 * id is the 12-digit account ID.
 */
export function catalogBackend(ctx: RequestContext<GlueBackend>, catalogId: string | undefined): GlueBackend {
  if (catalogId === undefined || catalogId === ctx.accountId) return ctx.backend;
  if (!/^\d{12}$/.test(catalogId)) {
    throw ctx.invalid(`CatalogId '${catalogId}' is not an AWS account ID: connections and catalog settings live in an account's default catalog, whose ID is the 12-digit account ID.`);
  }
  return ctx.backendFor(catalogId, ctx.region);
}
