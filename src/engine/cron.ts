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

/** A parsed field: the values it allows, or a rule needing the month (day specials). */
type DayRule = (year: number, month: number, day: number) => boolean;

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as AWS cron counts. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

/** The values of a plain field part: `*`, `n`, `a-b` (wrapping), with `/step`. */
function rangeValues(part: string, spec: FieldSpec): number[] {
  const [range, stepText] = part.split("/");
  const step = stepText ? Number(stepText) : 1;
  let from: number;
  let to: number;
  if (range === "*") {
    from = spec.min;
    to = spec.max;
  } else {
    const [a, b] = range!.split("-");
    from = valueOf(a!, spec)!;
    to = b !== undefined ? valueOf(b, spec)! : stepText ? spec.max : from;
  }
  const values: number[] = [];
  const span = to >= from ? to - from : spec.max - from + (to - spec.min) + 1;
  for (let offset = 0; offset <= span; offset += step) {
    const v = from + offset;
    values.push(v > spec.max ? v - (spec.max - spec.min + 1) : v);
  }
  return values;
}

function fieldSet(field: string, spec: FieldSpec): Set<number> {
  return new Set(field.split(",").flatMap((part) => rangeValues(part, spec)));
}

/** Nearest weekday (Mon–Fri) to `day` within the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  const dow = weekday(year, month, target);
  if (dow === 7) return target === 1 ? 3 : target - 1; // Saturday: Friday, or Monday the 3rd
  if (dow === 1) return target === last ? target - 2 : target + 1; // Sunday: Monday, or Friday
  return target;
}

function dayOfMonthRule(field: string): DayRule {
  const spec = FIELDS[2]!;
  const rules: DayRule[] = field.split(",").map((part) => {
    if (part === "L") return (y, m, d) => d === daysInMonth(y, m);
    if (part === "LW") {
      return (y, m, d) => {
        let last = daysInMonth(y, m);
        while (weekday(y, m, last) === 1 || weekday(y, m, last) === 7) last--;
        return d === last;
      };
    }
    if (part.startsWith("L-")) return (y, m, d) => d === daysInMonth(y, m) - Number(part.slice(2));
    if (part.endsWith("W")) return (y, m, d) => d === nearestWeekday(y, m, Number(part.slice(0, -1)));
    const values = new Set(rangeValues(part, spec));
    return (_y, _m, d) => values.has(d);
  });
  return (y, m, d) => rules.some((rule) => rule(y, m, d));
}

function dayOfWeekRule(field: string): DayRule {
  const spec = FIELDS[4]!;
  const rules: DayRule[] = field.split(",").map((part) => {
    if (part === "L") return (y, m, d) => weekday(y, m, d) === 7;
    if (/^[^#]+L$/.test(part)) {
      const dow = valueOf(part.slice(0, -1), spec)!;
      return (y, m, d) => weekday(y, m, d) === dow && d + 7 > daysInMonth(y, m);
    }
    if (part.includes("#")) {
      const [day, nth] = part.split("#");
      const dow = valueOf(day!, spec)!;
      return (y, m, d) => weekday(y, m, d) === dow && Math.ceil(d / 7) === Number(nth);
    }
    const values = new Set(rangeValues(part, spec));
    return (y, m, d) => values.has(weekday(y, m, d));
  });
  return (y, m, d) => rules.some((rule) => rule(y, m, d));
}

/** How far ahead nextCronTime looks before concluding a schedule never fires again. */
const SEARCH_DAYS = 366 * 5;

/**
 * The first time (epoch milliseconds, UTC, on a whole minute) strictly after `afterMs` at which
 * a valid AWS cron expression fires, or undefined when it does not fire within five years (a
 * Year field in the past, a 30th of February). AWS evaluates these schedules in UTC.
 */
export function nextCronTime(expression: string, afterMs: number): number | undefined {
  if (cronExpressionProblem(expression) !== undefined) return undefined;
  const fields = /^cron\((.*)\)$/s.exec(expression.trim())![1]!.trim().split(/\s+/);
  const [minuteField, hourField, domField, monthField, dowField, yearField] = fields as [string, string, string, string, string, string];
  const minutes = [...fieldSet(minuteField, FIELDS[0]!)].sort((a, b) => a - b);
  const hours = [...fieldSet(hourField, FIELDS[1]!)].sort((a, b) => a - b);
  const months = fieldSet(monthField, FIELDS[3]!);
  const years = fieldSet(yearField, FIELDS[5]!);
  const dayMatches: DayRule = domField === "?" ? dayOfWeekRule(dowField) : dayOfMonthRule(domField);

  const start = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const firstDay = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const day = new Date(firstDay + i * DAY_MS);
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (!years.has(y) || !months.has(m) || !dayMatches(y, m, d)) continue;
    const earliest = i === 0 ? start.getUTCHours() * 60 + start.getUTCMinutes() : 0;
    for (const hour of hours) {
      for (const minute of minutes) {
        if (hour * 60 + minute >= earliest) return firstDay + i * DAY_MS + (hour * 60 + minute) * 60_000;
      }
    }
  }
  return undefined;
}

/**
 * The shortest time between two firings of a valid expression, in minutes: between consecutive
 * minutes of one hour, and from an hour's last minute into the next hour's first when both
 * hours fire (23 h into 0 h counts, as the next day usually fires too). Infinity when no two
 * firings fall within an hour of each other; undefined for an invalid expression. Services
 * that bound how often a schedule may run check it (Glue: "Cron expressions that lead to
 * rates faster than 5 minutes are not supported").
 */
export function shortestIntervalMinutes(expression: string): number | undefined {
  if (cronExpressionProblem(expression) !== undefined) return undefined;
  const [minuteField, hourField] = /^cron\((.*)\)$/s.exec(expression.trim())![1]!.trim().split(/\s+/) as [string, string];
  const minutes = [...fieldSet(minuteField, FIELDS[0]!)].sort((a, b) => a - b);
  const hours = fieldSet(hourField, FIELDS[1]!);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < minutes.length; i++) shortest = Math.min(shortest, minutes[i]! - minutes[i - 1]!);
  if ([...hours].some((hour) => hours.has((hour + 1) % 24))) shortest = Math.min(shortest, 60 - minutes[minutes.length - 1]! + minutes[0]!);
  return shortest;
}
