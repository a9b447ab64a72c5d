import { RE2JS } from "re2js";

/**
 * Whole-value matching of the Java-style patterns AWS documents, in time linear in the value.
 *
 * A backtracking engine can take seconds (cubic, in one measured case) to reject a long value
 * against a pattern with adjacent or nested quantifiers, and a caller controls the value. So:
 * - a pattern that is one quantified atom (`[class]*`, `[class]{1,255}`), the common case,
 *   runs on V8's engine: such a match is linear there, and fastest;
 * - every other pattern runs on RE2 (re2js), whose automaton matches in linear time;
 * - a leading negative lookahead on a literal prefix (`^(?!aws:)...`), which RE2 does not
 *   support, becomes a prefix check beside the linear match of the rest.
 *
 * Java's `\uHHHH` escapes (surrogate pairs included) are rewritten as RE2's `\x{H…}`.
 */
export type Matcher = (value: string) => boolean;

/** Patterns RE2 could not compile, matched by V8 instead (a test keeps this list empty). */
export const nonLinearPatterns: string[] = [];

const cache = new Map<string, Matcher>();

/** Every pattern compiled so far (for the test that runs adversarial values against each). */
export function compiledPatterns(): string[] {
  return [...cache.keys()];
}

/** A matcher for the whole value; throws at load time on a pattern neither engine accepts. */
export function wholeMatcher(pattern: string): Matcher {
  let matcher = cache.get(pattern);
  if (!matcher) {
    matcher = compile(pattern);
    cache.set(pattern, matcher);
  }
  return matcher;
}

/** `[class]`, an escape, or one literal character, then one quantifier. */
const SINGLE_QUANTIFIED_ATOM = /^(?:\[(?:\\.|[^\]\\])+\]|\\[^u]|\\u[0-9A-Fa-f]{4}|[^\\[\](){}*+?|.^$])(?:[*+?]|\{\d+(?:,\d*)?\})$/s;

/** A leading `(?!literal)`: no RE2 support, so it is checked on its own. */
const LEADING_NEGATIVE_LOOKAHEAD = /^\(\?!((?:\\.|[^()\\|*+?{}[\]])+)\)/s;

function compile(pattern: string): Matcher {
  let body = pattern.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
  let excludedPrefix: RegExp | undefined;
  const lookahead = LEADING_NEGATIVE_LOOKAHEAD.exec(body);
  if (lookahead) {
    excludedPrefix = new RegExp(`^(?:${lookahead[1]})`, "su");
    body = body.slice(lookahead[0].length);
  }
  const rest = SINGLE_QUANTIFIED_ATOM.test(body) ? v8Matcher(body) : (re2Matcher(body) ?? fallback(pattern, body));
  if (!excludedPrefix) return rest;
  const prefix = excludedPrefix;
  return (value) => !prefix.test(value) && rest(value);
}

function v8Matcher(body: string): Matcher {
  const regex = new RegExp(`^(?:${body})$`, "su");
  return (value) => regex.test(value);
}

function re2Matcher(body: string): Matcher | undefined {
  try {
    const regex = RE2JS.compile(toRe2Syntax(body), RE2JS.DOTALL);
    return (value) => regex.matches(value);
  } catch {
    return undefined;
  }
}

function fallback(pattern: string, body: string): Matcher {
  nonLinearPatterns.push(pattern);
  return v8Matcher(body);
}

/** Java `\uD83D\uDE00` pairs and `\uHHHH` escapes as RE2's `\x{…}` code points; long counted repeats split. */
function toRe2Syntax(body: string): string {
  return splitLongRepeats(body)
    .replace(/\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})/gi, (_m, high: string, low: string) => {
      const codePoint = (parseInt(high, 16) - 0xd800) * 0x400 + (parseInt(low, 16) - 0xdc00) + 0x10000;
      return `\\x{${codePoint.toString(16)}}`;
    })
    .replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => `\\x{${hex}}`);
}

/** RE2 caps a counted repeat at 1000; AWS patterns say `.{0,1024}`. */
const RE2_MAX_REPEAT = 1000;

/**
 * `atom{m,n}` with n over RE2's cap, as consecutive repeats of the same atom that together
 * accept exactly m to n of it: `.{1,1024}` → `(?:.){1,1000}(?:.){0,24}`.
 */
function splitLongRepeats(body: string): string {
  const repeat = /\{(\d+),(\d+)\}/g;
  let out = "";
  let last = 0;
  for (let match = repeat.exec(body); match; match = repeat.exec(body)) {
    let min = Number(match[1]);
    let max = Number(match[2]);
    if (max <= RE2_MAX_REPEAT) continue;
    const start = atomStart(body, match.index);
    if (start < last) continue;
    const atom = body.slice(start, match.index);
    const pieces: string[] = [];
    while (max > 0) {
      const chunk = Math.min(max, RE2_MAX_REPEAT);
      const chunkMin = Math.min(min, chunk);
      pieces.push(`(?:${atom}){${chunkMin},${chunk}}`);
      min -= chunkMin;
      max -= chunk;
    }
    out += body.slice(last, start) + pieces.join("");
    last = match.index + match[0].length;
  }
  return out + body.slice(last);
}

/** Where the atom a quantifier at `end` applies to begins: a group, a class, an escape or a character. */
function atomStart(body: string, end: number): number {
  const before = body[end - 1];
  if (before === ")" || before === "]") {
    const open = before === ")" ? "(" : "[";
    let depth = 0;
    for (let i = end - 1; i >= 0; i--) {
      if (body[i - 1] === "\\") continue;
      if (body[i] === before) depth++;
      else if (body[i] === open && --depth === 0) return i;
    }
    return end - 1;
  }
  return body[end - 2] === "\\" ? end - 2 : end - 1;
}
