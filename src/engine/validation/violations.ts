/** One broken rule, located by its path in the request. */
export interface Violation {
  /** Coral-style path: `name`, `predicate.conditions.1.member.logicalOperator`. */
  path: string;
  /** The offending value (undefined when the member is missing). */
  value: unknown;
  /** What the member must do, e.g. "Member must not be null". */
  constraint: string;
}

/**
 * A request path as AWS reports it: first letter lower-cased, list items 1-based with `.member`.
 * A linked list, so descending into a member costs one small object; the text is built only
 * when a violation is reported.
 */
export class RequestPath {
  private constructor(
    private readonly parent: RequestPath | undefined,
    private readonly part: string,
  ) {}

  private static readonly ROOT = new RequestPath(undefined, "");

  static root(): RequestPath {
    return RequestPath.ROOT;
  }

  member(name: string): RequestPath {
    return new RequestPath(this, name.charAt(0).toLowerCase() + name.slice(1));
  }

  item(index: number): RequestPath {
    return new RequestPath(new RequestPath(this, String(index + 1)), "member");
  }

  entry(key: string): RequestPath {
    return new RequestPath(this, key);
  }

  toString(): string {
    const parts: string[] = [];
    for (let node: RequestPath | undefined = this; node && node !== RequestPath.ROOT; node = node.parent) parts.push(node.part);
    return parts.reverse().join(".");
  }
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Any value a caller can pass, as AWS quotes it; never throws (invalid Dates, BigInts, cycles). */
function renderValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return `'${clip(value)}'`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "'Invalid Date'" : `'${value.toISOString()}'`;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === "object") {
    let text: string;
    try {
      text = JSON.stringify(value, (_key, member: unknown) => (typeof member === "bigint" ? member.toString() : member)) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
    return `'${clip(text)}'`;
  }
  return `'${clip(String(value))}'`;
}

/**
 * The message AWS's request validation writes:
 * "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; …"
 */
export function formatViolations(violations: readonly Violation[]): string {
  const shown = violations.slice(0, 10).map((v) => `Value ${renderValue(v.value)} at '${v.path}' failed to satisfy constraint: ${v.constraint}`);
  const count = violations.length;
  const more = count > shown.length ? `; and ${count - shown.length} more` : "";
  return `${count} validation error${count === 1 ? "" : "s"} detected: ${shown.join("; ")}${more}`;
}
