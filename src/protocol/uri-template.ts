/**
 * A restJson1 operation's URI template (its `@http` trait: "/run/{id}/task/{taskId}"), read
 * the other way round: does a request path fit it, and what do its labels say. Labels match
 * one percent-encoded path segment (the SDK encodes "/" inside a label as %2F); a greedy label
 * (`{key+}`) matches the rest of the path, slashes included. Literal query parts of a template
 * ("/x?type=y") must be present in the request's query.
 */
interface Segment {
  literal?: string;
  label?: string;
  greedy?: boolean;
}

export interface UriTemplate {
  readonly text: string;
  readonly segments: readonly Segment[];
  readonly staticQuery: ReadonlyArray<readonly [string, string]>;
  /** Sorting weight: more literal segments first, greedy labels last (Smithy's specificity). */
  readonly literalCount: number;
  readonly hasGreedy: boolean;
}

export function parseUriTemplate(text: string): UriTemplate {
  const [path = "/", query = ""] = text.split("?", 2);
  const segments: Segment[] = path
    .split("/")
    .slice(1)
    .map((part) => {
      const label = /^\{([^{}+]+)(\+)?\}$/.exec(part);
      if (label) return { label: label[1]!, greedy: label[2] === "+" };
      return { literal: part };
    });
  const staticQuery = query
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [key = "", value = ""] = pair.split("=", 2);
      return [decodeURIComponent(key), decodeURIComponent(value)] as const;
    });
  return {
    text,
    segments,
    staticQuery,
    literalCount: segments.filter((s) => s.literal !== undefined).length,
    hasGreedy: segments.some((s) => s.greedy === true),
  };
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // a malformed escape cannot match anything
  }
}

/**
 * The labels of `path` (its raw, still percent-encoded form) under `template`, or undefined
 * when the path does not fit. A trailing slash the template lacks is tolerated.
 */
export function matchUriTemplate(template: UriTemplate, path: string, query: URLSearchParams): Record<string, string> | undefined {
  for (const [key, value] of template.staticQuery) {
    if (!query.getAll(key).includes(value)) return undefined;
  }
  let parts = path.split("/").slice(1);
  if (parts.length > template.segments.length && parts[parts.length - 1] === "") parts = parts.slice(0, -1);
  const labels: Record<string, string> = {};
  for (let i = 0; i < template.segments.length; i++) {
    const segment = template.segments[i]!;
    if (segment.greedy) {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((p) => p === "")) return undefined;
      const decoded = rest.map(decode);
      if (decoded.some((d) => d === undefined)) return undefined;
      labels[segment.label!] = decoded.join("/");
      return i === template.segments.length - 1 ? labels : undefined;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.literal !== undefined) {
      if (decode(part) !== segment.literal) return undefined;
      continue;
    }
    const value = decode(part);
    if (value === undefined || value === "") return undefined;
    labels[segment.label!] = value;
  }
  return parts.length === template.segments.length ? labels : undefined;
}
