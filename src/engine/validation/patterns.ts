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

/** Java `\uD83D\uDE00` pairs and `\uHHHH` escapes as RE2's `\x{…}` code points. */
function toRe2Syntax(body: string): string {
  return body
    .replace(/\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})/gi, (_m, high: string, low: string) => {
      const codePoint = (parseInt(high, 16) - 0xd800) * 0x400 + (parseInt(low, 16) - 0xdc00) + 0x10000;
      return `\\x{${codePoint.toString(16)}}`;
    })
    .replace(/\\u([0-9a-f]{4})/gi, (_m, hex: string) => `\\x{${hex}}`);
}
