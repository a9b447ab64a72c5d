import { NormalizedSchema } from "@smithy/core/schema";
import fc from "fast-check";

/**
 * Arbitraries of bad input, generated from a command's own SDK input schema: for each member,
 * values of the wrong type, null and undefined, empty, very long and adversarial strings,
 * control characters and lone surrogates, numbers out of range, NaN, ±Infinity and fractions,
 * invalid and extreme dates, huge arrays, deep, cyclic and prototype-named objects, and
 * members the schema does not have (some of them deep, cyclic or with a throwing getter).
 */
export type Schema = ReturnType<typeof NormalizedSchema.of>;
type Arb = fc.Arbitrary<unknown>;

/** How many members of a structure are required: the SDK schema lists them first and counts them. */
export function requiredCount(schema: Schema): number {
  const raw = schema.getSchema() as unknown;
  return Array.isArray(raw) && typeof raw[6] === "number" ? raw[6] : 0;
}

/** Whether a string has no lone surrogate (what encodeURIComponent can encode). */
function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Where a member travels on the wire: the body, or text in the URI, query string or a header. */
function boundToText(schema: Schema): boolean {
  const traits = schema.getMergedTraits() as { httpLabel?: unknown; httpQuery?: unknown; httpHeader?: unknown; httpQueryParams?: unknown; httpPrefixHeaders?: unknown };
  return [traits.httpLabel, traits.httpQuery, traits.httpHeader, traits.httpQueryParams, traits.httpPrefixHeaders].some((trait) => trait !== undefined);
}

// ---- values of any member ------------------------------------------------------------------

/** 20,000-character strings made to make a backtracking pattern match take forever. */
export const ADVERSARIAL: readonly string[] = ["a", "-", "0", " ", "a-", ".", "/", ":", "a1", "_", "A.", "x/", "%", "💥", "\u0000"].flatMap((unit) => {
  const body = unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000 - 1);
  return [`${body}!`, `${body}\u0000`];
});

const CONTROL = ["\u0000", "\u0001", "\u0008", "\u001b", "\u001f", "\u007f", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\u202e", "\t", "\n", "\r"];
const LONE_SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF"];

/** One character of a string: mostly printable, often a control character or a lone surrogate. */
const character = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROL) },
  { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom("💥", "é", "字", "\u0301", "🏳️‍🌈") },
);

/** Strings a service might special-case: names of Object.prototype members, paths, ARNs, placeholders. */
const SPECIAL_STRINGS = [
  "",
  " ",
  "  padded  ",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "true",
  "0",
  "-1",
  "1e400",
  "0x10",
  "*",
  "?",
  "%",
  "%2F",
  "%00",
  "../..",
  "/",
  "//",
  "a/b",
  ":",
  "::",
  "arn:",
  "arn:aws:",
  "arn:aws:iam::123456789012:role/x",
  "arn:aws:glue:us-east-1:123456789012:",
  "arn:aws:s3:::bucket/key",
  "s3://",
  "s3://bucket",
  "s3://bucket/key",
  "${x}",
  "{{x}}",
  "$.",
  "'",
  '"',
  "\\",
  "`",
  "a\u0000b",
  "a\uD800b",
  "\uDC00\uD800",
  "\r\n",
  "ö",
  "💥",
  "[",
  "{",
  "(",
  "1.2.3",
  "2024-01-01T00:00:00Z",
];

export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: character, maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: character, minLength: 200, maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.constantFrom(...ADVERSARIAL) },
);

export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer() },
  {
    weight: 3,
    arbitrary: fc.constantFrom(0, -0, -1, 1, 2, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e21, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 0.5, 1.5, -0.5, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  },
  { weight: 1, arbitrary: fc.double() },
);

export const anyDate: fc.Arbitrary<Date> = fc.oneof(
  { weight: 3, arbitrary: fc.date({ noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.constantFrom(new Date(Number.NaN), new Date(8.64e15), new Date(-8.64e15), new Date(0), new Date(-1)) },
);

/** {a:{a:{…}}} `depth` levels down. */
export function deepObject(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: "x" };
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** [[[…]]] `depth` levels down. */
export function deepArray(depth: number): unknown[] {
  let value: unknown[] = ["x"];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function cyclicObject(): Record<string, unknown> {
  const value: Record<string, unknown> = { name: "cycle" };
  value.self = value;
  return value;
}

/** An object with own members named like Object.prototype's (made with JSON.parse, so `__proto__` is an own key). */
function prototypeNamed(): Record<string, unknown> {
  return JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"toString":"x","hasOwnProperty":1}') as Record<string, unknown>;
}

function throwingGetter(): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  Object.defineProperty(value, "boom", { enumerable: true, get: () => { throw new Error("getter of the caller's input"); } });
  return value;
}

/** Values of the wrong kind for any member (what a caller without types can send). */
const wrongKind: Arb = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, 1.5, Number.NaN, "", "text", 10n),
  fc.constant(null).map(() => [] as unknown[]),
  fc.constant(null).map(() => [null] as unknown[]),
  fc.constant(null).map(() => ({})),
  fc.constant(null).map(prototypeNamed),
  fc.constant(null).map(() => new Date(Number.NaN)),
  fc.constant(null).map(() => new Uint8Array([0, 255, 1])),
  fc.constant(null).map(() => new Map([["k", "v"]])),
  fc.constant(null).map(() => Symbol("member")),
);

/** Huge or pathological structures, for any member. */
const monstrous = (textBound: boolean): Arb =>
  fc.oneof(
    fc.constantFrom(1_000, 5_000).map(deepObject),
    fc.constantFrom(1_000, 5_000).map(deepArray),
    // Query-string and header values become one parameter per item: the SDK's signer sorts
    // them in time that grows faster than their count, so those lists stay in the hundreds.
    fc.constantFrom(...(textBound ? [300] : [300, 10_000])).map((n) => Array.from({ length: n }, (_, i) => `item-${i}`)),
    fc.constantFrom(...(textBound ? [300] : [300, 5_000])).map((n) => Array.from({ length: n }, () => ({}))),
    fc.constant(null).map(cyclicObject),
    fc.constant(null).map(throwingGetter),
  );

// ---- values by schema ----------------------------------------------------------------------

export interface ArbitraryOptions {
  /** Structures nest at most this deep before only scalars and wrong kinds are generated. */
  maxDepth?: number;
}

/** Members the SDK does not model, added beside the modelled ones. */
const extraMembers: fc.Arbitrary<Array<[string, unknown]>> = fc.array(
  fc.tuple(
    fc.constantFrom("__proto__", "constructor", "toString", "Extra", "extra", "$metadata", "", "💥"),
    fc.oneof(anyString, fc.constant(null).map(cyclicObject), fc.constant(null).map(() => deepObject(5_000)), fc.constant(null).map(throwingGetter), fc.constant(null).map(prototypeNamed)),
  ),
  { maxLength: 2 },
);

/** Own, enumerable members from entries, `__proto__` included as a plain key. */
export function objectFrom(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Builds (and caches) arbitraries for the shapes of one service's input schemas. */
export class BadInputs {
  private readonly cache = new Map<string, Arb>();
  private readonly maxDepth: number;

  constructor(options: ArbitraryOptions = {}) {
    this.maxDepth = options.maxDepth ?? 4;
  }

  /** A whole input for the operation: any subset of its members, each any value, and extra members. */
  input(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
    return this.struct(schema, 0, true) as fc.Arbitrary<Record<string, unknown>>;
  }

  /**
   * Any value for a member of this shape: mostly of the right kind with edge values, often of
   * the wrong kind, sometimes monstrous. `textBound`: the member travels in the URI, query or a header.
   */
  value(schema: Schema, depth = 0, textBound = false): Arb {
    const key = `${this.shapeKey(schema)}|${depth}|${textBound}`;
    let arb = this.cache.get(key);
    if (!arb) {
      arb = fc.oneof(
        { weight: 6, arbitrary: fc.constant(null).chain(() => this.rightKind(schema, depth)) },
        { weight: 3, arbitrary: wrongKind },
        { weight: 1, arbitrary: monstrous(textBound) },
      );
      this.cache.set(key, arb);
    }
    return arb;
  }

  private shapeKey(schema: Schema): string {
    const raw = schema.getSchema() as unknown;
    const name = Array.isArray(raw) ? `${String(raw[1])}#${String(raw[2])}` : String(raw);
    return `${name}|${schema.isStreaming() ? "stream" : ""}`;
  }

  private rightKind(schema: Schema, depth: number): Arb {
    if (schema.isDocumentSchema()) return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null).map(() => deepObject(5_000)), fc.constant(null).map(prototypeNamed));
    if (schema.isStructSchema()) return depth >= this.maxDepth ? fc.constant({}) : this.struct(schema, depth + 1, false);
    if (schema.isListSchema()) {
      if (depth >= this.maxDepth) return fc.constant([]);
      const item = this.value(schema.getValueSchema(), depth + 1);
      return fc.oneof({ weight: 4, arbitrary: fc.array(item, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(item, { minLength: 50, maxLength: 120 }) });
    }
    if (schema.isMapSchema()) {
      if (depth >= this.maxDepth) return fc.constant({});
      const value = this.value(schema.getValueSchema(), depth + 1);
      const keys = fc.oneof(anyString, fc.constantFrom("__proto__", "constructor", "", "k"));
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(fc.tuple(keys, value), { maxLength: 4 }).map(objectFrom) },
        { weight: 1, arbitrary: fc.integer({ min: 51, max: 300 }).map((n) => objectFrom(Array.from({ length: n }, (_, i) => [`key-${i}`, "v"]))) },
      );
    }
    if (schema.isTimestampSchema()) return fc.oneof(anyDate, anyNumber, fc.constantFrom("2024-01-01T00:00:00Z", "not a date", "", "1e400"));
    if (schema.isBlobSchema()) {
      return fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(null).map(() => new Uint8Array(300_000)), anyString);
    }
    if (schema.isBooleanSchema()) return fc.oneof(fc.boolean(), fc.constantFrom("true", "false", "yes", 1, 0));
    if (schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) return fc.oneof(anyNumber, fc.bigInt(), fc.constantFrom("1", "1e400", "NaN"));
    if (schema.isNumericSchema()) return fc.oneof({ weight: 4, arbitrary: anyNumber }, { weight: 1, arbitrary: fc.constantFrom("7", "1e400", "-1", "NaN", "") });
    if (schema.isStringSchema()) return anyString;
    return fc.oneof(anyString, anyNumber, wrongKind);
  }

  /**
   * A value for a member bound to the URI path: the SDK itself refuses a missing or empty one
   * and one that cannot be URI-encoded (a lone surrogate) before sending, so these are always
   * present and mostly strings it can send, for the cases to reach the fake.
   */
  private labelValue(): Arb {
    return fc.oneof(
      { weight: 8, arbitrary: anyString.filter((value) => value !== "" && isWellFormed(value)) },
      { weight: 1, arbitrary: anyNumber },
      { weight: 1, arbitrary: wrongKind },
    );
  }

  /** A structure (or union): required members often, a few optional ones, sometimes extra members. */
  private struct(schema: Schema, depth: number, topLevel: boolean): Arb {
    const all = [...schema.structIterator()];
    const isLabel = (member: Schema) => topLevel && (member.getMergedTraits() as { httpLabel?: unknown }).httpLabel !== undefined;
    const labels = all.filter(([, member]) => isLabel(member));
    const members = all.filter(([, member]) => !isLabel(member));
    const required = requiredCount(schema) - labels.length;
    const isUnion = schema.isUnionSchema();
    const pick = isUnion
      ? fc.oneof({ weight: 5, arbitrary: fc.subarray(members, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.subarray(members, { maxLength: Math.min(2, members.length) }) })
      : fc.tuple(
          fc.subarray(members.slice(0, required), { minLength: Math.max(0, required - 1) }),
          fc.subarray(members.slice(required), { maxLength: Math.min(members.length - required, topLevel ? 6 : 3) }),
        ).map(([a, b]) => [...a, ...b]);
    return fc
      .tuple(pick, topLevel ? extraMembers : fc.constant([] as Array<[string, unknown]>), fc.tuple(...labels.map(() => this.labelValue())))
      .chain(([chosen, extra, labelValues]) =>
        fc.tuple(...chosen.map(([, member]) => this.value(member, depth, topLevel && boundToText(member)))).map((values) =>
          objectFrom([...labels.map(([name], i) => [name, labelValues[i]] as const), ...chosen.map(([name], i) => [name, values[i]] as const), ...extra]),
        ),
      );
  }
}
