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
    matcher = remembering(compile(pattern));
    cache.set(pattern, matcher);
  }
  return matcher;
}

/** Values remembered per pattern; tests send the same names and ARNs over and over. */
const REMEMBERED_VALUES = 256;
/** Longer values are matched each time (remembering them would cost more memory than it saves). */
const REMEMBERED_LENGTH = 512;

/**
 * The matcher with a small memory of recent answers: RE2 is linear but slower per character
 * than V8, and an ARN or name checked on one call is usually checked again on the next.
 */
function remembering(matches: Matcher): Matcher {
  let answers = new Map<string, boolean>();
  return (value) => {
    if (value.length > REMEMBERED_LENGTH) return matches(value);
    let answer = answers.get(value);
    if (answer === undefined) {
      answer = matches(value);
      if (answers.size >= REMEMBERED_VALUES) answers = new Map();
      answers.set(value, answer);
    }
    return answer;
  };
}

/** `[class]`, an escape, or one literal character, then one quantifier. */
const SINGLE_QUANTIFIED_ATOM = /^(?:\[(?:\\.|[^\]\\])+\]|\\[^u]|\\u[0-9A-Fa-f]{4}|[^\\[\](){}*+?|.^$])(?:[*+?]|\{\d+(?:,\d*)?\})$/s;

function compile(pattern: string): Matcher {
  // A top-level alternation of anchored alternatives (`^a$|^b$`): each is matched on its own.
  const alternatives = splitTopLevel(pattern);
  if (alternatives.length > 1) {
    const matchers = alternatives.map((alternative) => compileAlternative(pattern, alternative));
    return (value) => matchers.some((matches) => matches(value));
  }
  return compileAlternative(pattern, pattern);
}

function compileAlternative(pattern: string, alternative: string): Matcher {
  let body = alternative.replace(/^\^/, "").replace(/(?<!\\)\$$/, "");
  let excluded: Matcher | undefined;
  const lookahead = leadingNegativeLookahead(body);
  if (lookahead !== undefined) {
    // `(?!X)rest`: the value must not start with a match of X, and must match rest whole.
    excluded = prefixMatcher(pattern, lookahead.inner);
    body = body.slice(lookahead.length);
  }
  const rest = SINGLE_QUANTIFIED_ATOM.test(body) ? v8Matcher(body) : (re2Matcher(body) ?? fallback(pattern, body));
  if (!excluded) return rest;
  const startsExcluded = excluded;
  return (value) => !startsExcluded(value) && rest(value);
}

/** `(?!X)` at the start of a pattern body: X and the length of the whole group. */
function leadingNegativeLookahead(body: string): { inner: string; length: number } | undefined {
  if (!body.startsWith("(?!")) return undefined;
  const end = closingParenthesis(body, 0);
  return end === -1 ? undefined : { inner: body.slice(3, end), length: end + 1 };
}

/** Whether a value starts with a match of `inner` (linear on RE2, which finds the longest-or-first prefix). */
function prefixMatcher(pattern: string, inner: string): Matcher {
  try {
    const regex = RE2JS.compile(toRe2Syntax(inner), RE2JS.DOTALL);
    return (value) => regex.matcher(value).lookingAt();
  } catch {
    nonLinearPatterns.push(pattern);
    const regex = new RegExp(`^(?:${inner})`, "su");
    return (value) => regex.test(value);
  }
}

/**
 * Walks a pattern's syntax from `from`, skipping escapes and the insides of character classes,
 * calling `visit(character, index, depth)` for each `(`, `)` and `|` with the group depth after
 * it; a visit that returns true stops the walk.
 */
function walkSyntax(text: string, from: number, visit: (c: string, index: number, depth: number) => boolean | void): void {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(" || c === ")" || c === "|") {
      if (c === "(") depth++;
      else if (c === ")") depth--;
      if (visit(c, i, depth)) return;
    }
  }
}

/** Index of the parenthesis closing the one at `open`; -1 if none. */
function closingParenthesis(text: string, open: number): number {
  let closing = -1;
  walkSyntax(text, open, (c, index, depth) => {
    if (c === ")" && depth === 0) {
      closing = index;
      return true;
    }
    return false;
  });
  return closing;
}

/** The alternatives of a pattern's top level (`|` outside groups and classes). */
function splitTopLevel(pattern: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walkSyntax(pattern, 0, (c, index, depth) => {
    if (c === "|" && depth === 0) {
      parts.push(pattern.slice(start, index));
      start = index + 1;
    }
  });
  parts.push(pattern.slice(start));
  return parts;
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
