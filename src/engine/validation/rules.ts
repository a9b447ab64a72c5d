import { wholeMatcher } from "./patterns.js";
import { RequestPath, type Violation } from "./violations.js";

/**
 * Declarative member constraints (length, pattern, range, enum, list and map sizes), written
 * next to each resource. The SDK's runtime schema carries no constraints, so each service
 * states the ones the real service enforces; the engine checks them before a handler runs.
 */
export interface RuleContext {
  /** Values of an enum shape of the service's SDK, by shape name (e.g. "TriggerType"). */
  enumValues(shapeName: string): readonly string[] | undefined;
}

export interface Rule {
  /** Checks a present (non-null) value; pushes violations. */
  check(value: unknown, path: RequestPath, ctx: RuleContext, out: Violation[]): void;
  /** The enum shape names this rule refers to (so tests can prove each one exists in the SDK). */
  readonly enumNames?: readonly string[];
  /** The member must be present (for members the SDK schema does not mark required). */
  readonly required?: boolean;
}

/** Constraints on the members of a structure, by member name. */
export type StructRules = Readonly<Record<string, Rule>>;

export interface StringRule {
  min?: number;
  max?: number;
  /** Java-style pattern as AWS documents it; matched against the whole value. */
  pattern?: string;
}

/** Length in Unicode code points, as AWS counts it. */
function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function str(spec: StringRule = {}): Rule {
  // Compiled at load time: a bad pattern fails there, not in a test.
  const matches = spec.pattern ? wholeMatcher(spec.pattern) : undefined;
  return {
    check(value, path, _ctx, out) {
      if (typeof value !== "string") return;
      const length = codePointLength(value);
      if (spec.min !== undefined && length < spec.min) {
        out.push({ path: path.toString(), value, constraint: `Member must have length greater than or equal to ${spec.min}` });
      }
      if (spec.max !== undefined && length > spec.max) {
        // Too long already: the pattern is not run on it (lengths are checked first).
        out.push({ path: path.toString(), value, constraint: `Member must have length less than or equal to ${spec.max}` });
        return;
      }
      if (matches && !matches(value)) {
        out.push({ path: path.toString(), value, constraint: `Member must satisfy regular expression pattern: ${spec.pattern}` });
      }
    },
  };
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** Whole numbers only (Smithy integer/long). */
  integer?: boolean;
}

export function num(spec: NumberRule = {}): Rule {
  return {
    check(value, path, _ctx, out) {
      if (typeof value !== "number") return;
      if ((spec.integer ?? false) && !Number.isInteger(value)) {
        out.push({ path: path.toString(), value, constraint: "Member must be a whole number" });
      }
      if (spec.min !== undefined && value < spec.min) {
        out.push({ path: path.toString(), value, constraint: `Member must have value greater than or equal to ${spec.min}` });
      }
      if (spec.max !== undefined && value > spec.max) {
        out.push({ path: path.toString(), value, constraint: `Member must have value less than or equal to ${spec.max}` });
      }
    },
  };
}

/** The range of a Smithy `integer` (a Java int), which bounds every integer member. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * A whole number (Smithy integer) in a range: its @range where given, else the 32-bit range,
 * so that 1e20 for a MaxRetries is refused as the real service refuses it.
 */
export function int(spec: Omit<NumberRule, "integer"> = {}): Rule {
  return num({ min: spec.min ?? INT_MIN, max: spec.max ?? INT_MAX, integer: true });
}

/**
 * One of the values of an enum shape. Given a shape name, the values come from the user's own
 * SDK (so they match what that SDK can send); given a list, from the list.
 */
export function oneOf(shape: string | readonly string[]): Rule {
  const named = typeof shape === "string" ? shape : undefined;
  return {
    enumNames: named ? [named] : [],
    check(value, path, ctx, out) {
      if (typeof value !== "string") return;
      const allowed = named ? ctx.enumValues(named) : (shape as readonly string[]);
      if (!allowed || allowed.includes(value)) return;
      out.push({ path: path.toString(), value, constraint: `Member must satisfy enum value set: [${allowed.join(", ")}]` });
    },
  };
}

export interface ListRule {
  min?: number;
  max?: number;
}

export function list(item?: Rule, spec: ListRule = {}): Rule {
  return {
    enumNames: item?.enumNames ?? [],
    check(value, path, ctx, out) {
      if (!Array.isArray(value)) return;
      if (spec.min !== undefined && value.length < spec.min) {
        out.push({ path: path.toString(), value, constraint: `Member must have length greater than or equal to ${spec.min}` });
      }
      if (spec.max !== undefined && value.length > spec.max) {
        out.push({ path: path.toString(), value, constraint: `Member must have length less than or equal to ${spec.max}` });
      }
      if (item) value.forEach((entry, i) => entry != null && item.check(entry, path.item(i), ctx, out));
    },
  };
}

export interface MapRule {
  key?: Rule;
  value?: Rule;
  min?: number;
  max?: number;
}

export function map(spec: MapRule): Rule {
  return {
    enumNames: [...(spec.key?.enumNames ?? []), ...(spec.value?.enumNames ?? [])],
    check(value, path, ctx, out) {
      if (!value || typeof value !== "object" || Array.isArray(value)) return;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      if (spec.min !== undefined && entries.length < spec.min) {
        out.push({ path: path.toString(), value, constraint: `Member must have length greater than or equal to ${spec.min}` });
      }
      if (spec.max !== undefined && entries.length > spec.max) {
        out.push({ path: path.toString(), value, constraint: `Member must have length less than or equal to ${spec.max}` });
      }
      for (const [key, entry] of entries) {
        if (spec.key) {
          const keyViolations: Violation[] = [];
          spec.key.check(key, path, ctx, keyViolations);
          for (const v of keyViolations) out.push({ ...v, value: key, constraint: `Map keys must satisfy constraint: [${v.constraint}]` });
        }
        if (spec.value && entry !== null) spec.value.check(entry, path.entry(key), ctx, out);
      }
    },
  };
}

export function struct(members: StructRules): Rule {
  return {
    enumNames: Object.values(members).flatMap((rule) => rule.enumNames ?? []),
    check(value, path, ctx, out) {
      if (!value || typeof value !== "object" || Array.isArray(value)) return;
      checkStruct(members, value as Record<string, unknown>, path, ctx, out);
    },
  };
}

/** Every rule must hold. */
export function all(...rules: Rule[]): Rule {
  return {
    enumNames: rules.flatMap((rule) => rule.enumNames ?? []),
    check(value, path, ctx, out) {
      for (const rule of rules) rule.check(value, path, ctx, out);
    },
  };
}

/**
 * A member the service requires although the SDK's schema does not mark it (e.g. a token the
 * SDK would fill in, or a member required only in this service's newer model).
 */
export const required: Rule = { required: true, check() {} };

/** Checks the members of a structure; `required` rules are enforced here, where absence is visible. */
export function checkStruct(members: StructRules, input: Record<string, unknown>, path: RequestPath, ctx: RuleContext, out: Violation[]): void {
  for (const [name, rule] of Object.entries(members)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (rule.required) {
        out.push({ path: path.member(name).toString(), value: undefined, constraint: "Member must not be null" });
      }
      continue;
    }
    rule.check(value, path.member(name), ctx, out);
  }
}

/** Marks a rule as also requiring the member to be present. */
export function requiredAnd(rule: Rule): Rule {
  return { ...rule, required: true };
}

/** Checks a whole request against its rules. */
export function checkRequest(members: StructRules, input: Record<string, unknown>, ctx: RuleContext): Violation[] {
  const out: Violation[] = [];
  checkStruct(members, input, RequestPath.root(), ctx, out);
  return out;
}
