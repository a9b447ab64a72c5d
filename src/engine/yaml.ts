import { parse } from "yaml";

/** A YAML text read: its value, or why it cannot be read (one line a person can act on). */
export type YamlReading = { value: unknown; problem?: undefined } | { value?: undefined; problem: string };

/**
 * Reads a YAML document a caller gave (an Image Builder component, a Proton spec or template
 * registration, a HealthOmics CWL file) with the `yaml` library, the one way every service
 * does. It never throws: a syntax error, or an alias bomb the library refuses, is a problem
 * to answer with the service's own error. An alias inside the node it names (`a: &a [*a]`)
 * parses into a value that contains itself; that is refused too, since any later walk of it
 * (JSON, a deep copy, a render) would never end. `uniqueKeys: false` keeps the last of a
 * repeated key, as CWL readers do.
 */
export function readYaml(text: string, options: { uniqueKeys?: boolean } = {}): YamlReading {
  try {
    // logLevel "error": the library would print its warnings (an unresolved tag…) to the caller's test output.
    const value: unknown = parse(text, { logLevel: "error", ...(options.uniqueKeys === false ? { uniqueKeys: false } : {}) });
    if (selfContaining(value)) return { problem: "an alias (*name) refers to a node that contains it, so the value never ends" };
    return { value };
  } catch (error) {
    return { problem: error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error) };
  }
}

/** Whether a parsed YAML value contains itself (each node is walked once: shared aliases stay cheap). */
function selfContaining(value: unknown, open = new Set<object>(), done = new Set<object>()): boolean {
  if (value === null || typeof value !== "object" || done.has(value)) return false;
  if (open.has(value)) return true;
  open.add(value);
  for (const child of Object.values(value)) if (selfContaining(child, open, done)) return true;
  open.delete(value);
  done.add(value);
  return false;
}

/**
 * A value read from a caller's YAML as a primitive, the way String() and Number() take it,
 * except that a mapping is its JSON and a list its items joined with commas. String() of a
 * parsed mapping with a `toString` or `valueOf` key (the author's text, not a function) throws
 * a TypeError, and "[object Object]" tells the author nothing; every service that compares or
 * quotes a document's values goes through this.
 */
export function yamlScalar(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === null || item === undefined ? "" : String(yamlScalar(item)))).join(",");
  return value !== null && typeof value === "object" && !(value instanceof Date) ? JSON.stringify(value) : value;
}

/** A value read from a caller's YAML as text, for a comparison or a message (see yamlScalar). */
export function yamlText(value: unknown): string {
  return String(yamlScalar(value));
}
