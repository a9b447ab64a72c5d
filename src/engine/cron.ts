/**
 * AWS's six-field cron expressions, `cron(Minutes Hours Day-of-month Month Day-of-week Year)`,
 * as Glue triggers and crawlers, EventBridge rules and Image Builder pipelines take them
 * (EventBridge user guide, "Cron expressions"). Unlike Unix cron there is a Year field, and
 * one of Day-of-month / Day-of-week must be `?`.
 */

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Upper-case names standing for numbers (JAN = 1, SUN = 1). */
  names?: readonly string[];
  /** `?` allowed (day-of-month and day-of-week only). */
  question?: boolean;
  /** Day-of-month extras: `L`, `L-n`, `nW`, `LW`. */
  dayOfMonth?: boolean;
  /** Day-of-week extras: `nL`, `L`, `n#k`. */
  dayOfWeek?: boolean;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

const FIELDS: readonly FieldSpec[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, question: true, dayOfMonth: true },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, question: true, dayOfWeek: true },
  { name: "year", min: 1970, max: 2199 },
];

function valueOf(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + spec.min : undefined;
}

/** Why one comma-separated part of a field is invalid, or undefined when it is valid. */
function partProblem(part: string, spec: FieldSpec): string | undefined {
  const bad = `'${part}' is not a valid ${spec.name} value (${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ""})`;
  if (part === "*") return undefined;
  if (spec.dayOfMonth && (part === "L" || part === "LW" || /^L-\d+$/.test(part))) {
    return part.startsWith("L-") && Number(part.slice(2)) > 30 ? bad : undefined;
  }
  if (spec.dayOfMonth && /^\d+W$/.test(part)) return valueOf(part.slice(0, -1), spec) === undefined ? bad : undefined;
  if (spec.dayOfWeek && part === "L") return undefined;
  if (spec.dayOfWeek && /^[^#]+L$/.test(part)) return valueOf(part.slice(0, -1), spec) === undefined ? bad : undefined;
  if (spec.dayOfWeek && part.includes("#")) {
    const [day, nth] = part.split("#");
    return valueOf(day ?? "", spec) === undefined || !/^[1-5]$/.test(nth ?? "") ? bad : undefined;
  }
  const [range, step, extra] = part.split("/");
  if (extra !== undefined) return bad;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) return `'${part}' has an invalid increment in ${spec.name}`;
  if (range === "*") return step !== undefined ? undefined : bad;
  const [from, to, more] = (range ?? "").split("-");
  if (more !== undefined || from === undefined || valueOf(from, spec) === undefined) return bad;
  if (to !== undefined && valueOf(to, spec) === undefined) return bad;
  return undefined;
}

/**
 * Why `expression` is not a valid AWS cron expression, or undefined when it is. The text names
 * the field at fault, so a caller can put it in the service's validation error.
 */
export function cronExpressionProblem(expression: string): string | undefined {
  const match = /^cron\((.*)\)$/s.exec(expression.trim());
  if (!match) return "a schedule must be written cron(Minutes Hours Day-of-month Month Day-of-week Year)";
  const fields = match[1]!.trim().split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 6) return `a cron expression has 6 fields (Minutes Hours Day-of-month Month Day-of-week Year); got ${fields.length}`;
  for (let i = 0; i < FIELDS.length; i++) {
    const spec = FIELDS[i]!;
    const field = fields[i]!;
    if (field === "?") {
      if (!spec.question) return `'?' is only allowed in day-of-month and day-of-week, not in ${spec.name}`;
      continue;
    }
    for (const part of field.split(",")) {
      const problem = part === "" ? `${spec.name} has an empty list item` : partProblem(part, spec);
      if (problem) return problem;
    }
  }
  const dayOfMonth = fields[2]!;
  const dayOfWeek = fields[4]!;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return "exactly one of day-of-month and day-of-week must be '?' (a value or '*' in one needs '?' in the other)";
  }
  return undefined;
}
