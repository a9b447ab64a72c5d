import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical.js";
import type { OrderedTable, SortKey } from "./ordered-table.js";

export interface PageOptions<V> {
  /** The request's page token (NextToken / nextToken / startingToken), if any. */
  token?: string | undefined;
  /** The request's page size, already range-checked by validation. */
  maxResults?: number | undefined;
  /** Page size when the request gives none. */
  defaultSize: number;
  /** Keeps only matching items (filters are part of the query, not of the page size). */
  filter?: (value: V) => boolean;
  /**
   * Anything that makes two queries different (a parent id, filter values): a token from
   * one query is refused by another, as AWS refuses a token from a different request.
   */
  query?: unknown;
  /**
   * Serve the table from its last entry to its first (a `sortOrder: DESCENDING` request),
   * with the same page cost. Part of the query: a token from one direction is refused by the other.
   */
  descending?: boolean;
}

export interface Page<V> {
  items: V[];
  /** Absent on the last page, so SDK paginators stop. */
  nextToken?: string;
}

/** Thrown by the pager for a token it did not issue; the dispatcher maps it to the service's error. */
export class InvalidPageTokenError extends Error {
  constructor(readonly token: string) {
    super(`The pagination token '${token.length > 40 ? `${token.slice(0, 40)}…` : token}' is invalid or belongs to a different request. Pass the token from the previous page of the same request.`);
    this.name = "InvalidPageTokenError";
  }
}

interface TokenBody {
  v: 1;
  s: string;
  k: SortKey;
  i: string;
}

function scopeHash(scope: string): string {
  return createHash("sha256").update(scope).digest("base64url").slice(0, 16);
}

function encodeToken(body: TokenBody): string {
  return Buffer.from(JSON.stringify(body)).toString("base64url");
}

function decodeToken(token: string, scope: string): TokenBody {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new InvalidPageTokenError(token);
  }
  const candidate = body as Partial<TokenBody> | null;
  if (
    !candidate ||
    candidate.v !== 1 ||
    candidate.s !== scopeHash(scope) ||
    (typeof candidate.k !== "string" && typeof candidate.k !== "number") ||
    typeof candidate.i !== "string"
  ) {
    throw new InvalidPageTokenError(token);
  }
  return candidate as TokenBody;
}

/**
 * One page of an ordered table. The token encodes the sort position of the last item served,
 * so a page costs a binary search plus the page (plus whatever the filter skips), and items
 * deleted or added between pages neither repeat nor break the walk.
 */
export function paginate<V>(table: OrderedTable<V>, scope: string, options: PageOptions<V>): Page<V> {
  const descending = options.descending === true;
  const query = options.query === undefined ? "" : `|${canonicalJson(options.query)}`;
  const fullScope = `${scope}${descending ? "|desc" : ""}${query}`;
  const size = options.maxResults ?? options.defaultSize;
  let cursor: { key: SortKey; id: string } | undefined;
  if (options.token !== undefined && options.token !== "") {
    const body = decodeToken(options.token, fullScope);
    cursor = { key: body.k, id: body.i };
  }
  const walk = descending ? table.descendingBefore(cursor) : table.ascendingAfter(cursor);
  const items: V[] = [];
  let last: { key: SortKey; id: string } | undefined;
  // Only promise another page when one exists: look past the page for one more match.
  let more = false;
  for (const entry of walk) {
    if (options.filter && !options.filter(entry.value)) continue;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(entry.value);
    last = entry;
  }
  if (!more || !last) return { items };
  return { items, nextToken: encodeToken({ v: 1, s: scopeHash(fullScope), k: last.key, i: last.id }) };
}
