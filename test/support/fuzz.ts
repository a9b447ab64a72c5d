import { NormalizedSchema } from "@smithy/core/schema";

/**
 * The pieces the services' bad-input suites (test/services/<service>/bad-inputs.test.ts)
 * share: the operations and input schemas of an SDK client package, the member paths of an
 * input (two levels deep), a request with one member replaced, and the rule for telling a
 * crash from an answer.
 */

type Schema = ReturnType<typeof NormalizedSchema.of>;
type SdkModule = Record<string, unknown>;

/** Every operation an SDK client package exports a command for ("GetJob" for GetJobCommand). */
export function sdkOperations(sdk: object): string[] {
  return Object.keys(sdk)
    .filter((name) => /^[A-Z][A-Za-z0-9]+Command$/.test(name))
    .map((name) => name.slice(0, -"Command".length));
}

/** The command class of an operation. */
export function commandOf<C>(sdk: object, operation: string): new (input: unknown) => C {
  return (sdk as SdkModule)[`${operation}Command`] as new (input: unknown) => C;
}

/** The input schema of an operation, from the operation schema the SDK exports (`<Operation>$`). */
export function inputSchemaOf(sdk: object, operation: string): Schema {
  return NormalizedSchema.of(((sdk as SdkModule)[`${operation}$`] as unknown[])[4] as Parameters<typeof NormalizedSchema.of>[0]);
}

/** Member paths of an input schema, two levels deep (list items as index 0). */
export function memberPaths(schema: Schema, prefix: string[] = []): string[][] {
  if (prefix.length >= 2) return [];
  const out: string[][] = [];
  if (schema.isStructSchema()) {
    for (const [name, member] of schema.structIterator()) out.push([...prefix, name], ...memberPaths(member, [...prefix, name]));
  } else if (schema.isListSchema()) {
    out.push(...memberPaths(schema.getValueSchema(), [...prefix, "0"]));
  }
  return out;
}

/** A copy of `base` with `value` at `path` (made structures and lists on the way as needed). */
export function withValue(base: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let cursor = copy as Record<string, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    if (cursor[key] === null || typeof cursor[key] !== "object") cursor[key] = /^\d+$/.test(path[i + 1]!) ? [] : {};
    cursor = cursor[key] as Record<string, unknown>;
  });
  cursor[path[path.length - 1]!] = value;
  return copy;
}

/** The valid request, then one request per member path and bad value with that value in it. */
export function malformedInputs(sdk: object, operation: string, valid: Record<string, unknown>, bad: readonly unknown[]): Array<Record<string, unknown>> {
  return [valid, ...memberPaths(inputSchemaOf(sdk, operation)).flatMap((path) => bad.map((value) => withValue(valid, path, value)))];
}

/** The names of a client package's modelled errors (its exception classes). */
export function modelledErrors(sdk: object): Set<string> {
  return new Set(Object.keys(sdk).filter((name) => name.endsWith("Exception") || name.endsWith("Fault")));
}

/**
 * How a call failed: "refused" when the fake answered (a problem unless the error is a
 * modelled one), "local" when the SDK refused the value before sending it (a problem only if
 * the stack runs through aws-doubles' own code). `problem` describes what is wrong, if anything.
 */
export function classifyFailure(error: unknown, modelled: ReadonlySet<string>, operation: string, input: unknown): { answered: "refused" | "local"; problem?: string } {
  const { name, message } = error as Error;
  const fromFake = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined;
  const wrong = fromFake ? !modelled.has(name) : /dist[\\/](engine|services|intercept|protocol)/.test(String((error as Error).stack));
  return {
    answered: fromFake ? "refused" : "local",
    ...(wrong ? { problem: `${operation} ${JSON.stringify(input).slice(0, 200)}: ${name}: ${String(message).slice(0, 200)}` } : {}),
  };
}
