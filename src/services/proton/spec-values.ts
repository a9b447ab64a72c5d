import { stringify } from "yaml";
import { readYaml } from "../../engine/yaml.js";

/**
 * `${Proton::CURRENT_VAL}`: in an edited service spec, "keep the value the current spec has"
 * (Proton user guide, "Edit a service" and "Update a service instance").
 */
export const CURRENT_VAL = "${Proton::CURRENT_VAL}";

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The entry of `current` an item of a list stands for: the same `name` (spec instances), else the same position. */
function counterpart(item: unknown, index: number, current: unknown): unknown {
  if (!Array.isArray(current)) return undefined;
  const name = isMapping(item) ? item["name"] : undefined;
  if (typeof name === "string") return current.find((entry) => isMapping(entry) && entry["name"] === name);
  return current[index];
}

/** A spec value with every `${Proton::CURRENT_VAL}` replaced by the current value (dropped where there is none). */
export function withCurrentValues(next: unknown, current: unknown): unknown {
  if (next === CURRENT_VAL) return current;
  if (Array.isArray(next)) return next.map((item, i) => withCurrentValues(item, counterpart(item, i, current))).filter((item) => item !== undefined);
  if (!isMapping(next)) return next;
  // fromEntries defines own properties, so a `__proto__` key in the YAML stays a plain key.
  return Object.fromEntries(
    Object.entries(next)
      .map(([key, value]) => [key, withCurrentValues(value, isMapping(current) ? current[key] : undefined)] as const)
      .filter(([, value]) => value !== undefined),
  );
}

/**
 * A spec's text as Proton keeps it: unchanged, or (when it says `${Proton::CURRENT_VAL}`)
 * rewritten with the current values. Both texts have been parsed successfully before.
 */
export function resolveCurrentValues(spec: string, current: string | undefined): string {
  if (!spec.includes(CURRENT_VAL)) return spec;
  return stringify(withCurrentValues(valueOf(spec), current === undefined ? undefined : valueOf(current)));
}

/** The value of a spec read (by the engine's one reader) before it was taken or stored. */
function valueOf(text: string): unknown {
  const read = readYaml(text);
  if (read.problem !== undefined) throw new Error(`A spec that was read before no longer reads: ${read.problem}`);
  return read.value;
}
