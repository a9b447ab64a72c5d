import { describeJavaRegexError, javaRegexError } from "./java-regex.js";

/**
 * The languages a custom classifier is written in: grok patterns (regular expressions with
 * %{PATTERN:field:type} references), the JsonPath subset Glue supports, XML row tags and CSV
 * symbols. Each check returns why the text is not valid, or undefined.
 */

/** The types a grok field can be cast to ("byte, boolean, double, short, int, long, or float"; string by default). */
export const GROK_FIELD_TYPES = ["byte", "boolean", "double", "short", "int", "long", "float", "string"] as const;

const REFERENCE = /%\{([^}]*)\}/g;

/** A grok expression: its %{…} references well formed, and the regular expression around them valid Java. */
function grokExpressionProblem(text: string, what: string): string | undefined {
  const open = text.indexOf("%{");
  if (open >= 0 && text.indexOf("}", open) < 0) return `${what} has an unclosed %{ at index ${open}.`;
  for (const match of text.matchAll(REFERENCE)) {
    const [name, field, type, extra] = match[1]!.split(":");
    if (!name || !/^[A-Za-z0-9_]+$/.test(name)) return `${what}: '${match[0]}' does not name a pattern (%{PATTERN}, %{PATTERN:field} or %{PATTERN:field:type}).`;
    if (field !== undefined && !/^[A-Za-z0-9_.@\[\]-]+$/.test(field)) return `${what}: '${match[0]}' has an invalid field name '${field}'.`;
    if (type !== undefined && !(GROK_FIELD_TYPES as readonly string[]).includes(type)) {
      return `${what}: '${match[0]}' casts to '${type}'; a grok field can be cast to ${GROK_FIELD_TYPES.join(", ")}.`;
    }
    if (extra !== undefined) return `${what}: '${match[0]}' has more than three parts.`;
  }
  // A reference stands for a group of its own in the regular expression the pattern becomes.
  const regex = text.replace(REFERENCE, "(?:x)");
  const error = javaRegexError(regex);
  return error ? `${what} is not a valid grok pattern: ${describeJavaRegexError(error)}.` : undefined;
}

export function grokPatternProblem(pattern: string): string | undefined {
  return grokExpressionProblem(pattern, "GrokPattern");
}

/** CustomPatterns: one `NAME regex` definition a line (blank lines and # comments allowed). */
export function customPatternsProblem(patterns: string): string | undefined {
  for (const [i, raw] of patterns.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Za-z0-9_]+)\s+(.+)$/.exec(line);
    if (!match) return `CustomPatterns line ${i + 1} ('${line}') is not a pattern definition: write NAME, a space, then its regular expression.`;
    const problem = grokExpressionProblem(match[2]!, `CustomPatterns line ${i + 1} (${match[1]})`);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The JsonPath subset Glue's JSON classifiers take: `$` followed by dot-notated children
 * (`.name`, `.*`) and bracket-notated children (`['name']`, `[*]`, `[0]`).
 */
export function jsonPathProblem(path: string): string | undefined {
  if (!path.startsWith("$")) return `JsonPath '${path}' must start at the root element $.`;
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    const step = /^\.(\*|[A-Za-z_$][\w$-]*)/.exec(rest) ?? /^\[(\*|\d+|'(?:[^'\\]|\\.)+')\]/.exec(rest);
    if (!step) return `JsonPath '${path}' is not valid at index ${i}: Glue supports $, .name, .*, ['name'], [*] and [index].`;
    i += step[0].length;
  }
  return undefined;
}

/** An XML row tag: an element name (without angle brackets), which can't be self-closing. */
export function rowTagProblem(tag: string): string | undefined {
  if (!/^[A-Za-z_:][A-Za-z0-9_.:-]*$/.test(tag)) return `RowTag '${tag}' is not an XML element name: give the tag name alone, without < and >.`;
  return undefined;
}

/** The custom datatypes a CSV classifier can map columns to. */
export const CSV_CUSTOM_DATATYPES = ["BINARY", "BOOLEAN", "DATE", "DECIMAL", "DOUBLE", "FLOAT", "INT", "LONG", "SHORT", "STRING", "TIMESTAMP"] as const;
