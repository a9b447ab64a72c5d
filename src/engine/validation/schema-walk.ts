import { NormalizedSchema } from "@smithy/core/schema";
import { deepCopy, setOwn } from "../canonical.js";
import { RequestPath, type Violation } from "./violations.js";

/**
 * Checks a request against the SDK's own operation input schema (what the user's SDK would
 * send): required members, member types and unions with exactly one member. It returns a
 * clean copy holding only modelled members, as the service would see it after the SDK's
 * serializer has dropped everything else; handlers only ever read that copy. Nothing in it is
 * shared with the caller's objects (documents and bytes included), so a caller changing its
 * input after the call cannot change what the fake stored.
 */
export interface SchemaWalkResult {
  value: Record<string, unknown>;
  violations: Violation[];
}

type Schema = ReturnType<typeof NormalizedSchema.of>;

export interface WalkOptions {
  /**
   * The protocol binds members to the URI path, query string and headers (restJson1): those
   * reach the service as text, so they are validated as the service receives them —
   * `maxResults: "1"` and `id: 1234567` send the same bytes as `1` and `"1234567"`.
   */
  httpBindings?: boolean;
}

export function walkInput(inputSchema: unknown, input: unknown, options: WalkOptions = {}): SchemaWalkResult {
  const violations: Violation[] = [];
  const schema = normalized(inputSchema);
  const source = input && typeof input === "object" ? input : {};
  const value = walkStruct(schema, source as Record<string, unknown>, RequestPath.root(), violations, options.httpBindings === true);
  return { value, violations };
}

const normalizedSchemas = new WeakMap<object, Schema>();

/** The SDK's NormalizedSchema of an input schema, made once per schema. */
function normalized(inputSchema: unknown): Schema {
  const key = inputSchema as object;
  let schema = normalizedSchemas.get(key);
  if (!schema) {
    schema = NormalizedSchema.of(inputSchema as Parameters<typeof NormalizedSchema.of>[0]);
    normalizedSchemas.set(key, schema);
  }
  return schema;
}

/** Whether a top-level member travels as text (a URI label, a query parameter, a header). */
function boundToText(member: Schema): boolean {
  const traits = member.getMergedTraits() as { httpLabel?: unknown; httpQuery?: unknown; httpHeader?: unknown };
  return traits.httpLabel !== undefined || traits.httpQuery !== undefined || traits.httpHeader !== undefined;
}

/**
 * A scalar as the service parses it from text: what the SDK would write for `value` is
 * `String(value)`, so a numeric string is a number, a number is a string, "true" a boolean.
 */
function fromWireText(schema: Schema, value: unknown): unknown {
  if (typeof value === "string") {
    if (schema.isBooleanSchema() && (value === "true" || value === "false")) return value === "true";
    if (schema.isNumericSchema() && !schema.isBigIntegerSchema() && !schema.isBigDecimalSchema() && /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value.trim())) return Number(value);
    return value;
  }
  if (schema.isStringSchema() && (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")) {
    return Number.isNaN(value) ? value : String(value);
  }
  return value;
}

function requiredCount(schema: Schema): number {
  const raw = schema.getSchema() as unknown;
  return Array.isArray(raw) && typeof raw[6] === "number" ? raw[6] : 0;
}

/** What the walk needs of a structure, worked out once per schema (SDK schemas are static). */
interface StructPlan {
  members: ReadonlyArray<{ name: string; schema: Schema; textBound: boolean }>;
  required: number;
  union: boolean;
}

const plans = new WeakMap<object, StructPlan>();

function planOf(schema: Schema): StructPlan {
  const raw = schema.getSchema() as unknown;
  const key = typeof raw === "object" && raw !== null ? raw : undefined;
  let plan = key ? plans.get(key) : undefined;
  if (!plan) {
    plan = {
      members: [...schema.structIterator()].map(([name, member]) => ({ name, schema: member, textBound: boundToText(member) })),
      required: requiredCount(schema),
      union: schema.isUnionSchema(),
    };
    if (key) plans.set(key, plan);
  }
  return plan;
}

function walkStruct(schema: Schema, input: Record<string, unknown>, path: RequestPath, out: Violation[], httpBindings = false): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const plan = planOf(schema);
  const required = plan.required;
  let index = 0;
  let setMembers = 0;
  for (const { name, schema: member, textBound } of plan.members) {
    let raw = readMember(input, name, path, out);
    if (httpBindings && raw !== undefined && raw !== null && textBound) {
      raw = member.isListSchema() && Array.isArray(raw) ? raw.map((item) => fromWireText(member.getValueSchema(), item)) : fromWireText(member, raw);
    }
    if (raw === undefined || raw === null) {
      if (index < required) out.push({ path: path.member(name).toString(), value: undefined, constraint: "Member must not be null" });
    } else {
      setMembers++;
      const cleaned = walkValue(member, raw, path.member(name), out);
      if (cleaned !== undefined) result[name] = cleaned;
    }
    index++;
  }
  if (plan.union && setMembers !== 1 && path !== RequestPath.root()) {
    out.push({ path: path.toString(), value: input, constraint: `Union must have exactly one member set; got ${setMembers}` });
  }
  return result;
}

/** A member's value; a getter that throws is a violation, not a crash (the SDK read it already). */
function readMember(input: Record<string, unknown>, name: string, path: RequestPath, out: Violation[]): unknown {
  try {
    return input[name];
  } catch (error) {
    out.push({ path: path.member(name).toString(), value: undefined, constraint: `Member could not be read: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

function typeViolation(path: RequestPath, value: unknown, expected: string, out: Violation[]): undefined {
  out.push({ path: path.toString(), value, constraint: `Member must be ${expected}` });
  return undefined;
}

function walkValue(schema: Schema, value: unknown, path: RequestPath, out: Violation[]): unknown {
  if (schema.isDocumentSchema()) return deepCopy(value);
  if (schema.isStructSchema()) {
    if (typeof value !== "object" || Array.isArray(value) || value instanceof Date || value instanceof Uint8Array) {
      return typeViolation(path, value, "a structure (an object)", out);
    }
    return walkStruct(schema, value as Record<string, unknown>, path, out);
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value) && !(value instanceof Set)) return typeViolation(path, value, "a list (an array)", out);
    const items = Array.from(value as Iterable<unknown>);
    const itemSchema = schema.getValueSchema();
    const result: unknown[] = [];
    items.forEach((item, i) => {
      if (item === undefined || item === null) {
        out.push({ path: path.item(i).toString(), value: item, constraint: "Member must not be null" });
        return;
      }
      const cleaned = walkValue(itemSchema, item, path.item(i), out);
      if (cleaned !== undefined) result.push(cleaned);
    });
    return result;
  }
  if (schema.isMapSchema()) {
    if (typeof value !== "object" || Array.isArray(value) || value instanceof Date) return typeViolation(path, value, "a map (an object)", out);
    const valueSchema = schema.getValueSchema();
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      if (entry === undefined) continue;
      if (entry === null) {
        out.push({ path: path.entry(key).toString(), value: entry, constraint: "Map value must not be null" });
        continue;
      }
      const cleaned = walkValue(valueSchema, entry, path.entry(key), out);
      if (cleaned !== undefined) setOwn(result, key, cleaned);
    }
    return result;
  }
  if (schema.isTimestampSchema()) return walkTimestamp(value, path, out);
  if (schema.isBlobSchema()) {
    if (value instanceof Uint8Array) return new Uint8Array(value);
    if (typeof value === "string") return new TextEncoder().encode(value);
    return typeViolation(path, value, "binary data (a Uint8Array)", out);
  }
  if (schema.isBooleanSchema()) return typeof value === "boolean" ? value : typeViolation(path, value, "a boolean", out);
  if (schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    return typeof value === "bigint" || typeof value === "number" || typeof value === "string" ? value : typeViolation(path, value, "a number", out);
  }
  if (schema.isNumericSchema()) {
    return typeof value === "number" && !Number.isNaN(value) ? value : typeViolation(path, value, "a number", out);
  }
  if (schema.isStringSchema()) return typeof value === "string" ? value : typeViolation(path, value, "a string", out);
  return value;
}

function walkTimestamp(value: unknown, path: RequestPath, out: Violation[]): Date | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? typeViolation(path, value, "a valid date", out) : value;
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    // Epoch seconds beyond a Date's range (±8.64e12 s) make an Invalid Date, which no response can render.
    const date = new Date(value * 1000);
    return Number.isNaN(date.getTime()) ? typeViolation(path, value, "a valid date", out) : date;
  }
  if (typeof value === "string") {
    const parsed = new Date(value);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return typeViolation(path, value, "a timestamp (a Date)", out);
}
