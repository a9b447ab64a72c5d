import type AjvClass from "ajv";
import type { FormatSupport } from "./format.js";
import { parserMessage } from "./parser-message.js";

/**
 * JSON definitions: JSON Schema drafts 04, 06 and 07, as Glue accepts them. Whether a
 * definition is a valid schema is decided by `ajv` (the meta-schema of its draft, and every
 * `$ref` must resolve); unknown `format` values are accepted, as Glue's Everit validator
 * accepts them. A definition without `$schema` is accepted when it is valid under draft-07
 * or draft-04 (Everit's default).
 *
 * No library decides whether two JSON schemas are compatible, so that part is written here
 * (see `jsonReaderProblems`).
 */

type Ajv = InstanceType<typeof AjvClass>;
const validators = new Map<string, Ajv>();

const DRAFT_04 = "http://json-schema.org/draft-04/schema";
const DRAFT_06 = "http://json-schema.org/draft-06/schema";
const DRAFT_07 = "http://json-schema.org/draft-07/schema";

/** One validator per draft, loaded on first use. */
function validator(draft: string): Ajv {
  let ajv = validators.get(draft);
  if (!ajv) {
    const options = { strict: false, validateFormats: false, allErrors: false };
    if (draft === DRAFT_04) {
      const Ajv04 = (require("ajv-draft-04") as { default: new (o: object) => Ajv }).default;
      ajv = new Ajv04(options);
    } else {
      const Ajv07 = (require("ajv") as { default: new (o: object) => Ajv }).default;
      ajv = new Ajv07(options);
      if (draft === DRAFT_06) ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json") as object);
    }
    validators.set(draft, ajv);
  }
  return ajv;
}

function draftOf(schema: unknown): string | undefined | "unsupported" {
  if (typeof schema !== "object" || schema === null) return undefined;
  const declared = (schema as Record<string, unknown>)["$schema"];
  if (declared === undefined) return undefined;
  if (typeof declared !== "string") return "unsupported";
  const bare = declared.replace(/^https:/, "http:").replace(/#$/, "");
  return [DRAFT_04, DRAFT_06, DRAFT_07].includes(bare) ? bare : "unsupported";
}

/** Why `schema` is not a valid schema of `draft`, or undefined. */
function problemUnder(draft: string, schema: unknown): string | undefined {
  const ajv = validator(draft);
  try {
    ajv.compile(schema as object);
    return undefined;
  } catch (error) {
    return parserMessage(error);
  } finally {
    // Compiling caches the schema (and registers its $id): forget it, so registering the
    // same $id twice works and the cache does not grow with every definition checked.
    try {
      ajv.removeSchema(schema as object);
    } catch {
      /* nothing was cached */
    }
  }
}

interface JsonModel {
  root: unknown;
}

function parse(definition: string): { model: JsonModel; canonical: unknown } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(definition);
  } catch (error) {
    return { error: parserMessage(error) };
  }
  if (typeof json !== "boolean" && (typeof json !== "object" || json === null || Array.isArray(json))) {
    return { error: "a JSON schema must be a JSON object (or true/false)." };
  }
  const draft = draftOf(json);
  if (draft === "unsupported") return { error: `$schema ${JSON.stringify((json as Record<string, unknown>)["$schema"])} is not one of the supported drafts (draft-04, draft-06, draft-07).` };
  const problem = draft ? problemUnder(draft, json) : (problemUnder(DRAFT_07, json) && problemUnder(DRAFT_04, json));
  if (problem) return { error: problem };
  return { model: { root: json }, canonical: json };
}

export const JSON_SCHEMA: FormatSupport<JsonModel> = {
  parse,
  readerProblems: (reader, writer) => jsonReaderProblems(reader.root, writer.root),
};

// ---------------------------------------------------------------------------------------------
// Compatibility: can a consumer validating with `reader` accept every document a producer
// validating with `writer` may send? The rules follow the changes Glue's documentation
// describes per mode ("delete fields or add optional fields" for BACKWARD, "add fields or
// delete optional fields" for FORWARD), on an open content model: a property a schema does not
// describe is taken as unused (so adding an optional property is a compatible change), unless
// `additionalProperties` says otherwise. Every constraint the reader adds must be implied by
// the writer's; a constraint this checker cannot compare (`if`, `not`, `dependencies`,
// `patternProperties` …) must be identical on both sides, or the change is reported.
// ---------------------------------------------------------------------------------------------

type Schema = boolean | Record<string, unknown>;

const ORDER = ["null", "boolean", "object", "array", "number", "string", "integer"];
/** Keywords compared as "must be identical", since no subset rule is written for them. */
const OPAQUE = ["not", "if", "then", "else", "dependencies", "dependentSchemas", "dependentRequired", "patternProperties", "propertyNames", "contains", "uniqueItems", "additionalItems"];

/** Resolves a local `$ref` ("#", "#/definitions/x", "#/$defs/x"…) inside its own document. */
function resolve(root: unknown, schema: Schema, seen = 0): Schema {
  if (typeof schema !== "object" || typeof schema["$ref"] !== "string" || seen > 32) return schema;
  const ref = schema["$ref"] as string;
  if (!ref.startsWith("#")) return true; // a remote reference: nothing to compare against
  let target: unknown = root;
  for (const part of ref.slice(1).split("/").filter((p) => p !== "")) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    target = typeof target === "object" && target !== null ? (target as Record<string, unknown>)[key] : undefined;
  }
  if (typeof target !== "boolean" && (typeof target !== "object" || target === null)) return true;
  return resolve(root, target as Schema, seen + 1);
}

function typesOf(schema: Record<string, unknown>): string[] | undefined {
  const type = schema["type"];
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  return undefined;
}

function typeAccepts(readerTypes: string[], writerType: string): boolean {
  return readerTypes.includes(writerType) || (writerType === "integer" && readerTypes.includes("number"));
}

const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

/** The bounds a schema puts on numbers, draft-04 boolean exclusives included. */
function numberBounds(schema: Record<string, unknown>): { min?: number; minExclusive: boolean; max?: number; maxExclusive: boolean } {
  let min = num(schema["minimum"]);
  let max = num(schema["maximum"]);
  let minExclusive = schema["exclusiveMinimum"] === true;
  let maxExclusive = schema["exclusiveMaximum"] === true;
  const exMin = num(schema["exclusiveMinimum"]);
  const exMax = num(schema["exclusiveMaximum"]);
  if (exMin !== undefined && (min === undefined || exMin >= min)) [min, minExclusive] = [exMin, true];
  if (exMax !== undefined && (max === undefined || exMax <= max)) [max, maxExclusive] = [exMax, true];
  return { ...(min !== undefined ? { min } : {}), minExclusive, ...(max !== undefined ? { max } : {}), maxExclusive };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A pair of (resolved) reader and writer schema objects being compared. */
interface Activation {
  /** Its comparison has ended … */
  done: boolean;
  /** … with problems. */
  failed: boolean;
  /** When (`Walk.clock`) a comparison inside it last met it again (a `$ref` cycle) and took it as compatible. */
  metAgain: number;
  /** Once done: the pairs around it it took as compatible (see `Finding.assumes`). */
  assumes: Activation[];
}

/** What a finished pair found. */
interface Finding {
  /** Its problems, their paths relative to the pair's (at most `REUSED_PROBLEMS`). */
  problems: string[];
  /**
   * The pairs, in progress around it, that its comparison met again and took as compatible
   * (that is how a `$ref` cycle ends). Without problems, the finding stands while each of them
   * is still in progress or has ended without problems (and what that one took as compatible
   * stands in turn); once one has ended with problems, the finding may lack the problems the
   * assumption hid, and the pair is compared again. Taking a pair as compatible only ever
   * removes problems: a finding with problems stands whatever became of its assumptions.
   */
  assumes: Activation[];
}

/**
 * State shared by a comparison and its trials (`readable`): the findings for each pair already
 * compared, and the pairs in progress (innermost last). A pair is compared once: a definition
 * whose `$ref`s reach one definition along many paths (each level referring twice to the next)
 * would otherwise be walked once per path, 2^depth times. A trial sees the pairs in progress
 * around it, so that a cycle through an `anyOf` ends as any other cycle does.
 */
interface Walk {
  compared: WeakMap<object, WeakMap<object, Finding>>;
  active: Map<string, Activation>;
  stack: Activation[];
  clock: number;
}

/**
 * How many of a pair's problems a later meeting of the pair reports, under the path it is met
 * at. Without a bound, a pair met along 2^depth paths would report 2^depth problems.
 */
const REUSED_PROBLEMS = 3;

/**
 * The pairs still in progress that `assumes` (a finding without problems) rests on, once the
 * ended ones are replaced by what they assumed in turn; undefined when one ended with problems.
 */
function standing(assumes: readonly Activation[]): Activation[] | undefined {
  const found = new Set<Activation>();
  const seen = new Set<Activation>();
  const pending = [...assumes];
  for (let pair = pending.pop(); pair; pair = pending.pop()) {
    if (seen.has(pair)) continue;
    seen.add(pair);
    if (!pair.done) found.add(pair);
    else if (pair.failed) return undefined;
    else pending.push(...pair.assumes);
  }
  return [...found];
}

class JsonComparison {
  readonly problems: string[] = [];

  constructor(
    private readonly readerRoot: unknown,
    private readonly writerRoot: unknown,
    private readonly walk: Walk = { compared: new WeakMap(), active: new Map(), stack: [], clock: 0 },
  ) {}

  /** Records why documents of `writer` at `path` may be refused by `reader`. */
  compare(readerSchema: Schema, writerSchema: Schema, path: string): void {
    const reader = resolve(this.readerRoot, readerSchema);
    const writer = resolve(this.writerRoot, writerSchema);
    if (reader === true || writer === false) return;
    if (reader === false) return void this.problems.push(`${path}: the reader accepts nothing here.`);
    if (writer === true) {
      if (Object.keys(reader).some((k) => !["$schema", "$id", "id", "title", "description", "default", "examples", "$comment", "definitions", "$defs"].includes(k))) {
        this.problems.push(`${path}: the writer allows any value here, the reader constrains it.`);
      }
      return;
    }
    const walk = this.walk;
    const known = walk.compared.get(reader)?.get(writer);
    if (known && known.problems.length > 0) return void this.problems.push(...known.problems.map((p) => path + p));
    const stands = known && standing(known.assumes);
    if (stands) {
      known.assumes = stands;
      // Reusing the finding takes the same pairs as compatible again.
      for (const pair of stands) pair.metAgain = ++walk.clock;
      return;
    }
    const key = `${JSON.stringify(reader)}|${JSON.stringify(writer)}|${path.split("/").length > 64}`;
    const inProgress = walk.active.get(key);
    if (inProgress) return void (inProgress.metAgain = ++walk.clock);
    const started = ++walk.clock;
    const activation: Activation = { done: false, failed: false, metAgain: 0, assumes: [] };
    walk.active.set(key, activation);
    walk.stack.push(activation);
    const before = this.problems.length;
    try {
      this.compareCombinators(reader, writer, path);
    } finally {
      walk.stack.pop();
      walk.active.delete(key);
      activation.done = true;
    }
    // The pairs around this one (the stack, now) met again since it started were met inside it.
    activation.assumes = walk.stack.filter((pair) => pair.metAgain > started);
    activation.failed = this.problems.length > before;
    const problems = new Set<string>();
    for (let i = before; i < this.problems.length && problems.size < REUSED_PROBLEMS; i++) {
      const problem = this.problems[i]!;
      problems.add(problem.startsWith(path) ? problem.slice(path.length) : problem);
    }
    let row = walk.compared.get(reader);
    if (!row) walk.compared.set(reader, (row = new WeakMap()));
    row.set(writer, { problems: [...problems], assumes: activation.assumes });
  }

  /** anyOf/oneOf/allOf first: a writer alternative must each be readable; a reader alternative must read the writer. */
  private compareCombinators(reader: Record<string, unknown>, writer: Record<string, unknown>, path: string): void {
    for (const keyword of ["anyOf", "oneOf"] as const) {
      const branches = writer[keyword];
      if (Array.isArray(branches)) {
        const { [keyword]: _, ...rest } = writer;
        branches.forEach((branch, i) => this.compare(reader, mergeInto(rest, branch as Schema), `${path}/${keyword}/${i}`));
        return;
      }
    }
    for (const keyword of ["anyOf", "oneOf"] as const) {
      const branches = reader[keyword];
      if (Array.isArray(branches)) {
        const { [keyword]: _, ...rest } = reader;
        const fits = branches.some((branch) => this.readable(mergeInto(rest, branch as Schema), writer, path));
        if (!fits) this.problems.push(`${path}: no alternative of the reader's ${keyword} accepts what the writer sends.`);
        return;
      }
    }
    const readerAll = reader["allOf"];
    if (Array.isArray(readerAll)) {
      const { allOf: _, ...rest } = reader;
      this.compare(rest, writer, path);
      readerAll.forEach((part, i) => this.compare(part as Schema, writer, `${path}/allOf/${i}`));
      return;
    }
    const writerAll = writer["allOf"];
    if (Array.isArray(writerAll)) {
      // The writer's documents satisfy every part: one part (merged with the rest) the reader accepts is enough.
      const { allOf: _, ...rest } = writer;
      const candidates = [rest, ...writerAll.map((part) => mergeInto(rest, part as Schema))];
      if (!candidates.some((candidate) => this.readable(reader, candidate, path))) this.compare(reader, rest, path);
      return;
    }
    this.compareShapes(reader, writer, path);
  }

  /** Whether the reader accepts the writer, without recording problems. */
  private readable(reader: Schema, writer: Schema, path: string): boolean {
    const trial = new JsonComparison(this.readerRoot, this.writerRoot, this.walk);
    trial.compare(reader, writer, path);
    return trial.problems.length === 0;
  }

  private compareShapes(reader: Record<string, unknown>, writer: Record<string, unknown>, path: string): void {
    const problems = this.problems;
    const readerTypes = typesOf(reader);
    const writerTypes = typesOf(writer) ?? inferTypes(writer);
    if (readerTypes) {
      if (!writerTypes) problems.push(`${path}: the writer allows any type, the reader only ${readerTypes.join(", ")}.`);
      else for (const type of writerTypes) if (!typeAccepts(readerTypes, type)) problems.push(`${path}: type ${type} written, the reader accepts ${readerTypes.join(", ")}.`);
    }
    if ("enum" in reader || "const" in reader) {
      const allowed = "const" in reader ? [reader["const"]] : (reader["enum"] as unknown[]);
      const written = "const" in writer ? [writer["const"]] : Array.isArray(writer["enum"]) ? (writer["enum"] as unknown[]) : undefined;
      if (!written) problems.push(`${path}: the reader allows only ${JSON.stringify(allowed)}, the writer is not limited to those values.`);
      else for (const value of written) if (!allowed.some((a) => same(a, value))) problems.push(`${path}: value ${JSON.stringify(value)} written, the reader does not allow it.`);
    }
    this.compareNumbers(reader, writer, path);
    this.compareLimits(reader, writer, path, "minLength", "maxLength");
    this.compareLimits(reader, writer, path, "minItems", "maxItems");
    this.compareLimits(reader, writer, path, "minProperties", "maxProperties");
    for (const keyword of ["pattern", "format", "multipleOf", ...OPAQUE]) {
      if (keyword in reader && !same(reader[keyword], writer[keyword])) {
        if (keyword === "multipleOf" && typeof writer[keyword] === "number" && typeof reader[keyword] === "number" && Number.isInteger((writer[keyword] as number) / (reader[keyword] as number))) continue;
        problems.push(`${path}: the reader's ${keyword} ${JSON.stringify(reader[keyword])} differs from the writer's ${JSON.stringify(writer[keyword])}.`);
      }
    }
    this.compareObjects(reader, writer, path);
    this.compareArrays(reader, writer, path);
  }

  private compareNumbers(reader: Record<string, unknown>, writer: Record<string, unknown>, path: string): void {
    const r = numberBounds(reader);
    const w = numberBounds(writer);
    if (r.min !== undefined && (w.min === undefined || w.min < r.min || (w.min === r.min && r.minExclusive && !w.minExclusive))) {
      this.problems.push(`${path}: the reader's minimum ${r.min} is above what the writer allows.`);
    }
    if (r.max !== undefined && (w.max === undefined || w.max > r.max || (w.max === r.max && r.maxExclusive && !w.maxExclusive))) {
      this.problems.push(`${path}: the reader's maximum ${r.max} is below what the writer allows.`);
    }
  }

  private compareLimits(reader: Record<string, unknown>, writer: Record<string, unknown>, path: string, low: string, high: string): void {
    const rLow = num(reader[low]);
    const wLow = num(writer[low]);
    if (rLow !== undefined && rLow > 0 && (wLow === undefined || wLow < rLow)) this.problems.push(`${path}: the reader's ${low} ${rLow} is above the writer's ${wLow ?? 0}.`);
    const rHigh = num(reader[high]);
    const wHigh = num(writer[high]);
    if (rHigh !== undefined && (wHigh === undefined || wHigh > rHigh)) this.problems.push(`${path}: the reader's ${high} ${rHigh} is below the writer's ${wHigh ?? "(none)"}.`);
  }

  private compareObjects(reader: Record<string, unknown>, writer: Record<string, unknown>, path: string): void {
    const rProps = (reader["properties"] ?? {}) as Record<string, Schema>;
    const wProps = (writer["properties"] ?? {}) as Record<string, Schema>;
    const rRequired = new Set(Array.isArray(reader["required"]) ? (reader["required"] as string[]) : []);
    const wRequired = new Set(Array.isArray(writer["required"]) ? (writer["required"] as string[]) : []);
    const rAdditional = reader["additionalProperties"] as Schema | undefined;
    const wAdditional = writer["additionalProperties"] as Schema | undefined;
    for (const name of rRequired) {
      if (!wRequired.has(name)) problems(this, `${path}: property ${name} is required by the reader, but the writer may leave it out.`);
    }
    for (const [name, schema] of Object.entries(wProps)) {
      const at = `${path}/properties/${name}`;
      if (Object.hasOwn(rProps, name)) this.compare(rProps[name]!, schema, at);
      else if (rAdditional === false) this.problems.push(`${at}: the writer sends property ${name}, the reader allows no additional properties.`);
      else if (rAdditional !== undefined && rAdditional !== true) this.compare(rAdditional, schema, at);
    }
    for (const [name, schema] of Object.entries(rProps)) {
      if (Object.hasOwn(wProps, name)) continue;
      // Written only as an additional property of the writer, if the writer allows those.
      if (wAdditional !== undefined && wAdditional !== true && wAdditional !== false) this.compare(schema, wAdditional, `${path}/properties/${name}`);
    }
    if (rAdditional !== undefined && rAdditional !== true && wAdditional !== false) {
      if (wAdditional === undefined || wAdditional === true) {
        if (rAdditional === false) this.problems.push(`${path}: the reader allows no additional properties, the writer does.`);
        else this.compare(rAdditional, true, `${path}/additionalProperties`);
      } else this.compare(rAdditional, wAdditional, `${path}/additionalProperties`);
    }
  }

  private compareArrays(reader: Record<string, unknown>, writer: Record<string, unknown>, path: string): void {
    const rItems = reader["items"];
    const wItems = writer["items"];
    if (rItems === undefined) return;
    if (Array.isArray(rItems) || Array.isArray(wItems)) {
      if (!same(rItems, wItems)) this.problems.push(`${path}: tuple items differ between reader and writer.`);
      return;
    }
    this.compare(rItems as Schema, (wItems ?? true) as Schema, `${path}/items`);
  }
}

function problems(comparison: JsonComparison, message: string): void {
  comparison.problems.push(message);
}

/** Types implied by the keywords of a schema without `type` (a `const` or `enum` of one kind). */
function inferTypes(schema: Record<string, unknown>): string[] | undefined {
  const values = "const" in schema ? [schema["const"]] : Array.isArray(schema["enum"]) ? (schema["enum"] as unknown[]) : undefined;
  if (!values) return undefined;
  return [...new Set(values.map((v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v)))].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}

/** A combinator branch read together with the keywords beside the combinator. */
function mergeInto(rest: Record<string, unknown>, branch: Schema): Schema {
  if (typeof branch === "boolean") return branch ? rest : false;
  return { ...rest, ...branch };
}

/** Why a consumer validating with `reader` may refuse a document valid under `writer` (empty: none). */
export function jsonReaderProblems(reader: unknown, writer: unknown): string[] {
  const comparison = new JsonComparison(reader, writer);
  comparison.compare(reader as Schema, writer as Schema, "#");
  return [...new Set(comparison.problems)];
}
