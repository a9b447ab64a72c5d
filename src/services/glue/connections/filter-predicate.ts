/**
 * GetEntityRecords' FilterPredicate: the SQL-style condition a connector pushes down to its
 * data source (`Amount > 100 AND (Stage = 'Won' OR Stage = 'Lost')`). A real parser and
 * evaluator over records:
 *
 *   condition  := or
 *   or         := and ('OR' and)*
 *   and        := not ('AND' not)*
 *   not        := 'NOT' not | '(' condition ')' | comparison
 *   comparison := field op value
 *               | field ['NOT'] 'BETWEEN' value 'AND' value
 *               | field ['NOT'] 'IN' '(' value (',' value)* ')'
 *               | field ['NOT'] 'LIKE' string
 *               | field 'IS' ['NOT'] 'NULL'
 *   op         := '=' | '!=' | '<>' | '<' | '<=' | '>' | '>='
 *   value      := 'string' ('' escapes a quote) | number | TRUE | FALSE | a bare date or timestamp (2024-01-31, 2024-01-31T10:00:00Z)
 *   field      := a name (letters, digits, _ . $) or a "quoted" or `quoted` name
 *
 * Keywords are case-insensitive. A comparison with a missing or null value is false.
 * AND and OR chains are kept flat (one node with all their operands), and parentheses and NOT
 * may nest at most MAX_NESTING deep, so no predicate the API accepts (up to 100,000
 * characters) can exhaust the stack while it is parsed, checked or evaluated.
 */

export type Literal = string | number | boolean;

export type Condition =
  | { kind: "and" | "or"; operands: Condition[] }
  | { kind: "not"; inner: Condition }
  | { kind: "compare"; field: string; op: "=" | "!=" | "<" | "<=" | ">" | ">="; value: Literal }
  | { kind: "between"; field: string; low: Literal; high: Literal; negated: boolean }
  | { kind: "in"; field: string; values: Literal[]; negated: boolean }
  | { kind: "like"; field: string; pattern: string; negated: boolean }
  | { kind: "null"; field: string; negated: boolean };

/** A predicate that does not parse: the message says where and what was expected. */
export class FilterSyntaxError extends Error {}

type Token =
  | { type: "word"; text: string; at: number }
  | { type: "field"; text: string; at: number }
  | { type: "string"; text: string; at: number }
  | { type: "number"; value: number; at: number }
  | { type: "date"; text: string; at: number }
  | { type: "op"; text: string; at: number }
  | { type: "punct"; text: "(" | ")" | ","; at: number }
  | { type: "end"; at: number };

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError(`unterminated string starting at position ${at + 1}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ type: "string", text: value, at });
      continue;
    }
    if (c === '"' || c === "`") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new FilterSyntaxError(`unterminated quoted field name starting at position ${at + 1}`);
      tokens.push({ type: "field", text: text.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    const date = DATE.exec(text.slice(i));
    if (date) {
      tokens.push({ type: "date", text: date[0], at });
      i += date[0].length;
      continue;
    }
    const number = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (number && (c !== "-" || tokens.length === 0 || tokens[tokens.length - 1]!.type === "op" || tokens[tokens.length - 1]!.type === "punct" || tokens[tokens.length - 1]!.type === "word")) {
      tokens.push({ type: "number", value: Number(number[0]), at });
      i += number[0].length;
      continue;
    }
    const op = /^(<=|>=|<>|!=|=|<|>)/.exec(text.slice(i));
    if (op) {
      tokens.push({ type: "op", text: op[0] === "<>" ? "!=" : op[0], at });
      i += op[0].length;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ type: "punct", text: c, at });
      i++;
      continue;
    }
    const word = /^[A-Za-z_$][\w$.]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ type: "word", text: word[0], at });
      i += word[0].length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${c}' at position ${at + 1}`);
  }
  tokens.push({ type: "end", at: text.length });
  return tokens;
}

/** How deep parentheses and NOT may nest. */
export const MAX_NESTING = 200;

const KEYWORDS = new Set(["AND", "OR", "NOT", "BETWEEN", "IN", "LIKE", "IS", "NULL", "TRUE", "FALSE"]);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Condition {
    const condition = this.or();
    const next = this.peek();
    if (next.type !== "end") throw this.unexpected(next, "AND, OR or the end of the predicate");
    return condition;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === "word" && token.text.toUpperCase() === keyword;
  }

  private accept(keyword: string): boolean {
    if (!this.isKeyword(this.peek(), keyword)) return false;
    this.i++;
    return true;
  }

  private unexpected(token: Token, expected: string): FilterSyntaxError {
    const found = token.type === "end" ? "the end of the predicate" : `'${"text" in token ? token.text : token.value}'`;
    return new FilterSyntaxError(`expected ${expected} at position ${token.at + 1}, found ${found}`);
  }

  private or(): Condition {
    const operands = [this.and()];
    while (this.accept("OR")) operands.push(this.and());
    return operands.length === 1 ? operands[0]! : { kind: "or", operands };
  }

  private and(): Condition {
    const operands = [this.not()];
    while (this.accept("AND")) operands.push(this.not());
    return operands.length === 1 ? operands[0]! : { kind: "and", operands };
  }

  private not(): Condition {
    const token = this.peek();
    const nests = this.isKeyword(token, "NOT") || (token.type === "punct" && token.text === "(");
    if (!nests) return this.comparison();
    if (++this.depth > MAX_NESTING) throw new FilterSyntaxError(`parentheses and NOT nest more than ${MAX_NESTING} deep at position ${token.at + 1}`);
    this.i++;
    let inner: Condition;
    if (token.type === "word") {
      inner = { kind: "not", inner: this.not() };
    } else {
      inner = this.or();
      const close = this.next();
      if (close.type !== "punct" || close.text !== ")") throw this.unexpected(close, "')'");
    }
    this.depth--;
    return inner;
  }

  private field(): string {
    const token = this.next();
    if (token.type === "field") return token.text;
    if (token.type === "word" && !KEYWORDS.has(token.text.toUpperCase())) return token.text;
    throw this.unexpected(token, "a field name");
  }

  private value(): Literal {
    const token = this.next();
    if (token.type === "string" || token.type === "date") return token.text;
    if (token.type === "number") return token.value;
    if (this.isKeyword(token, "TRUE")) return true;
    if (this.isKeyword(token, "FALSE")) return false;
    throw this.unexpected(token, "a value (a 'string', a number, TRUE, FALSE or a date)");
  }

  private comparison(): Condition {
    const field = this.field();
    const token = this.peek();
    if (token.type === "op") {
      this.i++;
      return { kind: "compare", field, op: token.text as "=" | "!=" | "<" | "<=" | ">" | ">=", value: this.value() };
    }
    if (this.accept("IS")) {
      const negated = this.accept("NOT");
      if (!this.accept("NULL")) throw this.unexpected(this.peek(), "NULL");
      return { kind: "null", field, negated };
    }
    const negated = this.accept("NOT");
    if (this.accept("BETWEEN")) {
      const low = this.value();
      if (!this.accept("AND")) throw this.unexpected(this.peek(), "AND (BETWEEN low AND high)");
      return { kind: "between", field, low, high: this.value(), negated };
    }
    if (this.accept("IN")) {
      const open = this.next();
      if (open.type !== "punct" || open.text !== "(") throw this.unexpected(open, "'(' after IN");
      const values = [this.value()];
      for (;;) {
        const t = this.next();
        if (t.type === "punct" && t.text === ")") break;
        if (t.type !== "punct" || t.text !== ",") throw this.unexpected(t, "',' or ')'");
        values.push(this.value());
      }
      return { kind: "in", field, values, negated };
    }
    if (this.accept("LIKE")) {
      const pattern = this.next();
      if (pattern.type !== "string") throw this.unexpected(pattern, "a 'pattern' string after LIKE");
      return { kind: "like", field, pattern: pattern.text, negated };
    }
    throw this.unexpected(this.peek(), negated ? "BETWEEN, IN or LIKE after NOT" : "a comparison operator (=, !=, <>, <, <=, >, >=), BETWEEN, IN, LIKE or IS");
  }
}

/** Parses a predicate; throws FilterSyntaxError with a message a person can act on. */
export function parseFilterPredicate(text: string): Condition {
  if (text.trim() === "") throw new FilterSyntaxError("the predicate is empty");
  return new Parser(tokenize(text)).parse();
}

/** Every (field, operator) pair a condition uses, for checking against an entity's fields. */
export function fieldUses(condition: Condition): Array<{ field: string; operator: string }> {
  switch (condition.kind) {
    case "and":
    case "or":
      return condition.operands.flatMap(fieldUses);
    case "not":
      return fieldUses(condition.inner);
    case "compare": {
      const names: Record<string, string> = { "=": "EQUAL_TO", "!=": "NOT_EQUAL_TO", "<": "LESS_THAN", "<=": "LESS_THAN_OR_EQUAL_TO", ">": "GREATER_THAN", ">=": "GREATER_THAN_OR_EQUAL_TO" };
      return [{ field: condition.field, operator: names[condition.op]! }];
    }
    case "between":
      return [{ field: condition.field, operator: "BETWEEN" }];
    case "in":
      return [{ field: condition.field, operator: "EQUAL_TO" }];
    case "like":
      return [{ field: condition.field, operator: "CONTAINS" }];
    case "null":
      return [{ field: condition.field, operator: condition.negated ? "NOT_EQUAL_TO" : "EQUAL_TO" }];
  }
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== "string" || !DATE.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Orders a record's value against a literal: numbers as numbers, dates as instants, else text. Undefined when they do not compare. */
function compare(actual: unknown, literal: Literal): number | undefined {
  if (actual === null || actual === undefined) return undefined;
  if (typeof literal === "boolean" || typeof actual === "boolean") return actual === literal ? 0 : typeof actual === typeof literal ? (actual ? 1 : -1) : undefined;
  if (typeof literal === "number") {
    const n = typeof actual === "number" ? actual : typeof actual === "string" && actual.trim() !== "" ? Number(actual) : Number.NaN;
    return Number.isNaN(n) ? undefined : n - literal;
  }
  const a = timeOf(actual);
  const b = timeOf(literal);
  if (a !== undefined && b !== undefined) return a - b;
  const text = typeof actual === "string" ? actual : typeof actual === "number" ? String(actual) : undefined;
  if (text === undefined) return undefined;
  return text < literal ? -1 : text > literal ? 1 : 0;
}

/**
 * Whether `text` matches a LIKE pattern (% any run of characters, _ any one character). Matched
 * directly rather than through a RegExp: a pattern of thousands of %s would make a RegExp too
 * large to compile, or backtrack for ages.
 */
export function likeMatches(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  let pi = 0;
  let ti = 0;
  // Where the last % was, and where in the text it is being tried up to: a % only ever needs
  // to swallow one more character than it did, so the walk is at most |p|·|t| steps.
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === "_" || (p[pi] !== "%" && p[pi] === t[ti]))) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === "%") {
      star = pi++;
      resume = ti;
    } else if (star >= 0) {
      pi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "%") pi++;
  return pi === p.length;
}

/** A field's value in a record; a dotted name reaches into nested objects when no flat key matches. */
export function fieldValue(record: Readonly<Record<string, unknown>>, field: string): unknown {
  if (Object.hasOwn(record, field)) return record[field];
  let value: unknown = record;
  for (const part of field.split(".")) {
    if (!value || typeof value !== "object" || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function evaluate(condition: Condition, record: Readonly<Record<string, unknown>>): boolean {
  switch (condition.kind) {
    case "and":
      return condition.operands.every((operand) => evaluate(operand, record));
    case "or":
      return condition.operands.some((operand) => evaluate(operand, record));
    case "not":
      return !evaluate(condition.inner, record);
    case "compare": {
      const order = compare(fieldValue(record, condition.field), condition.value);
      if (order === undefined) return false;
      switch (condition.op) {
        case "=":
          return order === 0;
        case "!=":
          return order !== 0;
        case "<":
          return order < 0;
        case "<=":
          return order <= 0;
        case ">":
          return order > 0;
        default:
          return order >= 0;
      }
    }
    case "between": {
      const value = fieldValue(record, condition.field);
      const low = compare(value, condition.low);
      const high = compare(value, condition.high);
      if (low === undefined || high === undefined) return false;
      return (low >= 0 && high <= 0) !== condition.negated;
    }
    case "in": {
      const value = fieldValue(record, condition.field);
      if (value === null || value === undefined) return false;
      return condition.values.some((literal) => compare(value, literal) === 0) !== condition.negated;
    }
    case "like": {
      const value = fieldValue(record, condition.field);
      if (value === null || value === undefined) return false;
      return likeMatches(condition.pattern, String(value)) !== condition.negated;
    }
    case "null": {
      const value = fieldValue(record, condition.field);
      return (value === null || value === undefined) !== condition.negated;
    }
  }
}
