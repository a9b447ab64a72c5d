/** One broken rule, located by its path in the request. */
export interface Violation {
  /** Coral-style path: `name`, `predicate.conditions.1.member.logicalOperator`. */
  path: string;
  /** The offending value (undefined when the member is missing). */
  value: unknown;
  /** What the member must do, e.g. "Member must not be null". */
  constraint: string;
}

/** A request path as AWS reports it: first letter lower-cased, list items 1-based with `.member`. */
export class RequestPath {
  private constructor(private readonly parts: readonly string[]) {}

  static root(): RequestPath {
    return new RequestPath([]);
  }

  member(name: string): RequestPath {
    return new RequestPath([...this.parts, name.charAt(0).toLowerCase() + name.slice(1)]);
  }

  item(index: number): RequestPath {
    return new RequestPath([...this.parts, String(index + 1), "member"]);
  }

  entry(key: string): RequestPath {
    return new RequestPath([...this.parts, key]);
  }

  toString(): string {
    return this.parts.join(".");
  }
}

function renderValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "string") return `'${value.length > 200 ? `${value.slice(0, 200)}…` : value}'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === "object") {
    const text = JSON.stringify(value) ?? String(value);
    return `'${text.length > 200 ? `${text.slice(0, 200)}…` : text}'`;
  }
  return `'${String(value)}'`;
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
