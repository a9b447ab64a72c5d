/**
 * The name patterns of GetTables `Expression` and GetUserDefinedFunctions `Pattern`. AWS
 * documents them as regular expressions; callers (Athena, Hive and Spark catalogs) also send
 * Hive-style patterns where `*` stands for any characters and `|` separates alternatives.
 * Both work here, as they do in Glue: a `*` not preceded by `.` is read as `.*` (so `sales*`
 * lists every name starting with "sales"), the pattern must match the whole name, and case is
 * ignored, as names are stored in lower case.
 */
const cache = new Map<string, RegExp | string>();

/** The pattern as a RegExp, or the reason it is not a valid pattern. */
export function namePattern(pattern: string): RegExp | string {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled;
}

/**
 * The pattern with each Hive-style `*` read as `.*`: a `*` after `.` is already a regex
 * repetition, and an escaped `\*` or a `*` inside a character class (`[*]`) is a literal
 * star, so those stay as written.
 */
function hiveStars(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
      out += c;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else out += c === "*" && pattern[i - 1] !== "." ? ".*" : c;
  }
  return out;
}

function compile(pattern: string): RegExp | string {
  const source = hiveStars(pattern);
  try {
    return new RegExp(`^(?:${source})$`, "iu");
  } catch (error) {
    return `Invalid pattern '${pattern}': ${(error as Error).message.replace(/^Invalid regular expression: /, "")}.`;
  }
}
