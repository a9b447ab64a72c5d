import fc from "fast-check";
import { ADVERSARIAL, objectFrom, requiredCount, type BadInputs, type Schema } from "./arbitraries.js";

/**
 * Near-valid inputs: a valid request with exactly one member changed. The member is any node
 * of the request (a top-level member, a structure member, a list item, a map value or key at
 * any depth) or a modelled member the request leaves out; the change is removing it, a value
 * from the schema's bad-input arbitraries, or a small edit of the valid value (a string one
 * character longer or shorter, another Region or partition in an ARN, a number one off, a
 * list with an item repeated or removed, a map with an odd key).
 */
export type Path = ReadonlyArray<string | number>;

interface Site {
  path: Path;
  /** The member's schema, when the schema reaches that far (documents end it). */
  schema: Schema | undefined;
  /** The valid value there (undefined for a member the request leaves out). */
  value: unknown;
  /** A map key (the change renames it) rather than a value. */
  mapKey?: string;
  /** Bound to the URI, query string or a header (top-level members of REST APIs). */
  textBound: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !ArrayBuffer.isView(value);
}

function boundToText(schema: Schema): boolean {
  const traits = schema.getMergedTraits() as Record<string, unknown>;
  return ["httpLabel", "httpQuery", "httpHeader", "httpQueryParams", "httpPrefixHeaders"].some((trait) => traits[trait] !== undefined);
}

/** Every place of a valid request one change can hit. */
export function sitesOf(schema: Schema, request: Record<string, unknown>): Site[] {
  const sites: Site[] = [];
  const visit = (value: unknown, memberSchema: Schema | undefined, path: Path, textBound: boolean): void => {
    if (path.length > 0) sites.push({ path, schema: memberSchema, value, textBound });
    if (!memberSchema || memberSchema.isDocumentSchema()) return;
    if (memberSchema.isStructSchema() && (isPlainObject(value) || value === undefined)) {
      if (value === undefined) return;
      for (const [name, member] of memberSchema.structIterator()) {
        const bound = path.length === 0 && boundToText(member);
        if (Object.hasOwn(value, name)) visit(value[name], member, [...path, name], bound);
        else sites.push({ path: [...path, name], schema: member, value: undefined, textBound: bound });
      }
    } else if (memberSchema.isListSchema() && Array.isArray(value)) {
      value.forEach((item, i) => visit(item, memberSchema.getValueSchema(), [...path, i], false));
    } else if (memberSchema.isMapSchema() && isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        sites.push({ path: [...path, key], schema: memberSchema.getKeySchema(), value: key, mapKey: key, textBound: false });
        visit(item, memberSchema.getValueSchema(), [...path, key], false);
      }
    }
  };
  visit(request, schema, [], false);
  return sites;
}

/** The request with the node at `path` replaced (`undefined`: removed), or its map key renamed. */
export function applyChange(request: Record<string, unknown>, site: Site, replacement: unknown): Record<string, unknown> {
  const copy = structuredClone(request);
  let parent: Record<string | number, unknown> = copy;
  for (const part of site.path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
  const last = site.path[site.path.length - 1]!;
  if (site.mapKey !== undefined) {
    // Rename the key, keeping the entry's place among the others.
    const entries = Object.entries(parent).map(([key, value]) => [key === site.mapKey ? String(replacement) : key, value] as const);
    const renamed = objectFrom(entries);
    const grand = site.path.slice(0, -2).reduce<Record<string | number, unknown>>((node, part) => node[part] as Record<string | number, unknown>, copy);
    const parentKey = site.path[site.path.length - 2];
    if (parentKey === undefined) return renamed;
    grand[parentKey] = renamed;
    return copy;
  }
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else if (last === "__proto__") Object.defineProperty(parent, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  else parent[last] = replacement;
  return copy;
}

const REGIONS = ["us-west-2", "eu-west-1", "cn-north-1", "us-gov-west-1", "mars-east-1", ""];

/** Small edits of a valid string: the kind a person makes by mistake. */
function stringEdits(value: string): fc.Arbitrary<string> {
  const edits: string[] = [
    "",
    `${value}x`,
    value.slice(0, -1),
    value.slice(1),
    value.toUpperCase(),
    value.toLowerCase(),
    ` ${value}`,
    `${value} `,
    `${value}\u0000`,
    `${value}\uD800`,
    `${value}/`,
    `${value}-absent`,
    `${value}/..`,
    value.repeat(Math.max(2, Math.ceil(20_000 / Math.max(1, value.length)))).slice(0, 20_000),
    value.replace(/\d/g, "9"),
    value.replace(/[a-z]/, "!"),
  ];
  if (value.startsWith("arn:")) {
    const parts = value.split(":");
    for (const region of REGIONS) edits.push([...parts.slice(0, 3), region, ...parts.slice(4)].join(":"));
    edits.push(value.replace(/^arn:aws:/, "arn:aws-cn:"), value.replace(/^arn:aws:/, "arn:aws-us-gov:"), value.replace(/:\d{12}:/, ":210987654321:"), value.replace(/:\d{12}:/, "::"), parts.slice(0, -1).join(":"), `${value}:extra`);
  }
  if (value.startsWith("s3://")) edits.push("s3://", "s3:///key", value.replace("s3://", "S3://"), value.replace("s3://", "https://"), `${value}${"/".repeat(3)}`);
  if (/^\d+$/.test(value)) edits.push("0".repeat(value.length), `${value}0`, String(Number(value) + 1), `-${value}`);
  return fc.oneof(fc.constantFrom(...edits), fc.string({ maxLength: 8 }).map((suffix) => value + suffix));
}

function numberEdits(value: number): fc.Arbitrary<number> {
  return fc.constantFrom(value + 1, value - 1, 0, -value, -1, value * 1000, value + 0.5, 2 ** 31, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY);
}

function listEdits(value: unknown[]): fc.Arbitrary<unknown[]> {
  const edits: unknown[][] = [[], value.slice(1), [...value, ...value], [value[0], value[0]], [...value, null], [...value, undefined], Array.from({ length: 101 }, () => value[0])];
  return fc.constantFrom(...edits.map((edit) => structuredClone(edit)));
}

function objectEdits(value: Record<string, unknown>, schema: Schema | undefined): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(value);
  const edits: Array<Record<string, unknown>> = [
    {},
    objectFrom([...entries, ["__proto__", entries[0]?.[1] ?? "x"]]),
    objectFrom([...entries, ["constructor", entries[0]?.[1] ?? "x"]]),
    objectFrom([...entries, ["", entries[0]?.[1] ?? "x"]]),
    objectFrom([...entries, ["NotAMember", "x"]]),
  ];
  if (schema?.isMapSchema()) edits.push(objectFrom([...entries, ...Array.from({ length: 60 }, (_, i) => [`extra-${i}`, entries[0]?.[1] ?? "v"] as const)]));
  if (schema?.isStructSchema() && !schema.isUnionSchema()) {
    // The same structure with only its required members.
    const required = [...schema.structIterator()].slice(0, requiredCount(schema)).map(([name]) => name);
    edits.push(objectFrom(entries.filter(([key]) => required.includes(key))));
  }
  if (schema?.isUnionSchema()) {
    // A union with a second member set, or none.
    const other = [...schema.structIterator()].find(([name]) => !Object.hasOwn(value, name));
    if (other) edits.push(objectFrom([...entries, [other[0], entries[0]?.[1] ?? "x"]]));
  }
  return fc.constantFrom(...edits.map((edit) => structuredClone(edit)));
}

/** A change to one site: remove it, a small edit of its valid value, or any bad value for its schema. */
function changeAt(site: Site, bad: BadInputs): fc.Arbitrary<unknown> {
  const options: Array<fc.WeightedArbitrary<unknown>> = [];
  const value = site.value;
  if (site.mapKey !== undefined) return fc.oneof(stringEdits(site.mapKey), fc.constantFrom("__proto__", "constructor", "", ADVERSARIAL[0]!));
  if (value !== undefined) options.push({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) });
  if (typeof value === "string") options.push({ weight: 5, arbitrary: stringEdits(value) });
  else if (typeof value === "number") options.push({ weight: 4, arbitrary: numberEdits(value) });
  else if (typeof value === "boolean") options.push({ weight: 1, arbitrary: fc.constant(!value) });
  else if (Array.isArray(value)) options.push({ weight: 3, arbitrary: listEdits(value) });
  else if (isPlainObject(value)) options.push({ weight: 3, arbitrary: objectEdits(value, site.schema) });
  if (site.schema) options.push({ weight: 4, arbitrary: bad.value(site.schema, site.path.length, site.textBound) });
  return fc.oneof(...options);
}

/**
 * Near-valid inputs for one command: its valid request with one site changed. Returns the
 * changed request and a description of the change (for failure reports).
 */
export function nearValid(schema: Schema, request: Record<string, unknown>, bad: BadInputs): fc.Arbitrary<{ input: Record<string, unknown>; change: string }> {
  const sites = sitesOf(schema, request);
  if (sites.length === 0) return fc.constant({ input: structuredClone(request), change: "none (no members)" });
  return fc
    .constantFrom(...sites)
    .chain((site) => changeAt(site, bad).map((replacement) => ({ site, replacement })))
    .map(({ site, replacement }) => ({
      input: applyChange(request, site, replacement),
      change: `${site.mapKey !== undefined ? "key of " : ""}${site.path.join(".")}`,
    }));
}
