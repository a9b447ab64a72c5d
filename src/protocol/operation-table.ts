import type { ServiceDefinition } from "../engine/service.js";
import { loadSdk } from "../engine/sdk.js";
import { matchUriTemplate, parseUriTemplate, type UriTemplate } from "./uri-template.js";

/** An SDK operation schema: [9, namespace, name, traits, input, output]. */
export type OperationSchemaTuple = readonly [number, string, string, unknown, unknown, unknown];

interface OperationTraits {
  http?: readonly [string, string, number];
  endpoint?: readonly [string];
}

/** One operation of a service's API, as the installed SDK client describes it. */
export interface ApiOperation {
  name: string;
  schema: OperationSchemaTuple;
  /** restJson1: the HTTP method and URI template of its `@http` trait. */
  method?: string;
  template?: UriTemplate;
  /** Its endpoint host prefix ("workflows-"), when it has one. */
  hostPrefix?: string;
}

/** Every operation of one service's API, by name and (restJson1) by route. */
export interface ApiOperations {
  byName: ReadonlyMap<string, ApiOperation>;
  /** restJson1 routes, most specific first. */
  routes: readonly ApiOperation[];
}

const OPERATION_SCHEMA = 9;
const cache = new Map<string, ApiOperations | null>();

/**
 * The API of a modelled service, read from the operation schemas its installed SDK package
 * exports (`<Operation>$`): every operation of the API, modelled by aws-doubles or not, so
 * that an unmodelled one is told apart from a request that names no operation at all.
 * Undefined when the client package is not installed (or predates schema exports).
 */
export function apiOperations(service: ServiceDefinition<unknown>): ApiOperations | undefined {
  if (!cache.has(service.serviceId)) cache.set(service.serviceId, build(service) ?? null);
  return cache.get(service.serviceId) ?? undefined;
}

function build(service: ServiceDefinition<unknown>): ApiOperations | undefined {
  const sdk = loadSdk(service.sdkPackage);
  if (!sdk) return undefined;
  const byName = new Map<string, ApiOperation>();
  for (const [key, value] of Object.entries(sdk)) {
    if (!key.endsWith("$") || !Array.isArray(value) || value[0] !== OPERATION_SCHEMA || value[1] !== service.namespace) continue;
    const schema = value as unknown as OperationSchemaTuple;
    const traits = (typeof schema[3] === "object" && schema[3] !== null ? schema[3] : {}) as OperationTraits;
    const entry: ApiOperation = { name: schema[2], schema };
    if (traits.http) {
      entry.method = traits.http[0].toUpperCase();
      entry.template = parseUriTemplate(traits.http[1]);
    }
    if (traits.endpoint?.[0]) entry.hostPrefix = traits.endpoint[0];
    byName.set(entry.name, entry);
  }
  if (byName.size === 0) return undefined;
  const routes = [...byName.values()]
    .filter((op) => op.template !== undefined)
    .sort((a, b) => {
      const x = a.template!;
      const y = b.template!;
      if (x.hasGreedy !== y.hasGreedy) return x.hasGreedy ? 1 : -1;
      if (x.literalCount !== y.literalCount) return y.literalCount - x.literalCount;
      return y.staticQuery.length - x.staticQuery.length;
    });
  return { byName, routes };
}

export interface RouteMatch {
  operation: ApiOperation;
  labels: Record<string, string>;
}

/**
 * The restJson1 operation a request names by method and path. Two routes that differ only
 * by endpoint host prefix are told apart by the Host header (requests may come with or
 * without the prefix; see README.md, "Server mode").
 */
export function findRoute(api: ApiOperations, method: string, path: string, query: URLSearchParams, host: string): RouteMatch | undefined {
  let fallback: RouteMatch | undefined;
  for (const operation of api.routes) {
    if (operation.method !== method) continue;
    const labels = matchUriTemplate(operation.template!, path, query);
    if (!labels) continue;
    if (!operation.hostPrefix || host.startsWith(operation.hostPrefix)) return { operation, labels };
    fallback ??= { operation, labels };
  }
  return fallback;
}

/** Whether some operation has a route for this path under another method (for the error message). */
export function pathKnown(api: ApiOperations, path: string, query: URLSearchParams): boolean {
  return api.routes.some((operation) => matchUriTemplate(operation.template!, path, query) !== undefined);
}
