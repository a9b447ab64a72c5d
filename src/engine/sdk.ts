import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * Access to a service's SDK package (for its enum values and operation schemas) from the
 * copy a user's code would load: resolved from aws-doubles itself, then from the working
 * directory. The clients are optional peer dependencies, so a missing one is not an error.
 */
type SdkModule = Record<string, unknown>;

const cache = new Map<string, SdkModule | null>();

function tryRequire(from: string, pkg: string): SdkModule | null {
  try {
    return createRequire(from)(pkg) as SdkModule;
  } catch {
    return null;
  }
}

export function loadSdk(pkg: string): SdkModule | undefined {
  if (!cache.has(pkg)) {
    cache.set(pkg, tryRequire(__filename, pkg) ?? tryRequire(join(process.cwd(), "noop.js"), pkg));
  }
  return cache.get(pkg) ?? undefined;
}

/** The values of an enum shape exported by the SDK (`TriggerType` → ["CONDITIONAL", …]). */
export function sdkEnumValues(pkg: string, shapeName: string): readonly string[] | undefined {
  const value = loadSdk(pkg)?.[shapeName];
  if (!value || typeof value !== "object") return undefined;
  const values = Object.values(value as Record<string, unknown>);
  return values.length > 0 && values.every((v) => typeof v === "string") ? (values as string[]) : undefined;
}

/** The operation schema the SDK exports as `<Operation>$`, for clients that do not carry one. */
export function sdkOperationSchema(pkg: string, operation: string): unknown {
  return loadSdk(pkg)?.[`${operation}$`];
}

/** Smithy's schema kind for error structures, first in an exported error schema tuple. */
const ERROR_SCHEMA = -3;

const errorNames = new Map<string, readonly string[]>();

/** Every error shape the service's SDK defines (what the service models), by name. */
export function sdkErrorNames(pkg: string): readonly string[] {
  let names = errorNames.get(pkg);
  if (!names) {
    const sdk = loadSdk(pkg) ?? {};
    names = Object.keys(sdk)
      .filter((key) => key.endsWith("$") && Array.isArray(sdk[key]) && (sdk[key] as unknown[])[0] === ERROR_SCHEMA)
      .map((key) => key.slice(0, -1))
      .sort();
    errorNames.set(pkg, names);
  }
  return names;
}
