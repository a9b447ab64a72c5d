import type { Column } from "@aws-sdk/client-glue";

/**
 * GetPartitions' `Expression`: the predicate language of the Glue API reference ("SQL syntax
 * similar to the SQL WHERE filter clause", parsed by JSQLParser in AWS), evaluated over a
 * table's partition keys with their types. No library parses exactly this language (general
 * SQL parsers accept far more and still leave the typing to us), so this is a small
 * recursive-descent parser and a compiler to closures:
 *
 *   expr       := or
 *   or         := and (OR and)*
 *   and        := not (AND not)*
 *   not        := NOT not | primary
 *   primary    := '(' expr ')' | predicate
 *   predicate  := operand ( cmp operand
 *                         | [NOT] BETWEEN operand AND operand
 *                         | [NOT] IN '(' literal (',' literal)* ')'
 *                         | [NOT] LIKE string [ESCAPE string]
 *                         | IS [NOT] NULL )
 *   cmp        := '=' | '<>' | '!=' | '<' | '<=' | '>' | '>='
 *   operand    := column | literal        column := name | "name" | `name`
 *   literal    := 'text' ('' escapes a quote) | [+|-] digits [. digits]
 *
 * Keywords are case-insensitive; so are partition key names. Supported key types are the
 * documented ones: string (and char/varchar), int, bigint, long, tinyint, smallint, decimal,
 * date (yyyy-MM-dd) and timestamp (yyyy-MM-dd HH:mm:ss[.fffffffff]). Each comparison converts
 * its literals to the key's type, so `year > 9` compares numbers on an int key and strings on
 * a string key, exactly as a typed SQL predicate does. LIKE applies to string keys only
 * (`%` any run of characters, `_` one character). Partition values are never null, so
 * `IS NULL` holds for none and `IS NOT NULL` for all.
 */

type Kind = "string" | "integer" | "decimal" | "date" | "timestamp";

/** The expression is malformed or does not fit the table: Glue's InvalidInputException. */
export class ExpressionError extends Error {}

/** A stored partition value cannot be read as its key's type: the table is inconsistent. */
export class StoredValueError extends Error {}

// --- Lexer ---------------------------------------------------------------------------------

type Token =
  | { type: "word"; text: string; at: number }
  | { type: "quoted"; text: string; at: number }
  | { type: "string"; text: string; at: number }
  | { type: "number"; text: string; at: number }
  | { type: "symbol"; text: string; at: number }
  | { type: "end"; text: ""; at: number };

const SYMBOLS = ["<>", "!=", "<=", ">=", "=", "<", ">", "(", ")", ","] as const;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'") {
      let text = "";
      i++;
      for (;;) {
        if (i >= source.length) throw new ExpressionError(`unterminated string starting at position ${at + 1}`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += source[i];
        i++;
      }
      tokens.push({ type: "string", text, at });
      continue;
    }
    if (c === '"' || c === "`") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new ExpressionError(`unterminated quoted name starting at position ${at + 1}`);
      tokens.push({ type: "quoted", text: source.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    const number = /^\d+(?:\.\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ type: "number", text: number[0], at });
      i += number[0].length;
      if (/[A-Za-z_]/.test(source[i] ?? "")) throw new ExpressionError(`unexpected '${source[i]}' after the number ${number[0]} at position ${i + 1}`);
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(source.slice(i));
    if (word) {
      tokens.push({ type: "word", text: word[0], at });
      i += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (symbol) {
      tokens.push({ type: "symbol", text: symbol, at });
      i += symbol.length;
      continue;
    }
    if (c === "-" || c === "+") {
      tokens.push({ type: "symbol", text: c, at });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character '${c}' at position ${at + 1}`);
  }
  tokens.push({ type: "end", text: "", at: source.length });
  return tokens;
}

// --- Parser ----------------------------------------------------------------------------------

export type Operand = { kind: "column"; name: string; at: number } | { kind: "string"; text: string; at: number } | { kind: "number"; text: string; at: number };

export type CompareOp = "=" | "<>" | "<" | "<=" | ">" | ">=";

export type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; operand: Expr }
  | { kind: "compare"; op: CompareOp; left: Operand; right: Operand }
  | { kind: "between"; negated: boolean; value: Operand; low: Operand; high: Operand }
  | { kind: "in"; negated: boolean; value: Operand; values: Operand[] }
  | { kind: "like"; negated: boolean; value: Operand; pattern: string; escape: string | undefined }
  | { kind: "isNull"; negated: boolean; value: Operand };

const KEYWORDS = new Set(["AND", "OR", "NOT", "BETWEEN", "IN", "LIKE", "IS", "NULL", "ESCAPE"]);

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.or();
    const rest = this.peek();
    if (rest.type !== "end") throw this.unexpected(rest, "the end of the expression");
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === "word" && token.text.toUpperCase() === keyword;
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.isKeyword(this.peek(), keyword)) return false;
    this.index++;
    return true;
  }

  private expectKeyword(keyword: string): void {
    if (!this.acceptKeyword(keyword)) throw this.unexpected(this.peek(), keyword);
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.type !== "symbol" || token.text !== symbol) return false;
    this.index++;
    return true;
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol)) throw this.unexpected(this.peek(), `'${symbol}'`);
  }

  private unexpected(token: Token, wanted: string): ExpressionError {
    const found = token.type === "end" ? "the end of the expression" : token.type === "string" ? `'${token.text}'` : `'${token.text}'`;
    return new ExpressionError(`expected ${wanted} but found ${found}${token.type === "end" ? "" : ` at position ${token.at + 1}`}`);
  }

  private or(): Expr {
    let left = this.and();
    while (this.acceptKeyword("OR")) left = { kind: "or", left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.acceptKeyword("AND")) left = { kind: "and", left, right: this.not() };
    return left;
  }

  private not(): Expr {
    if (this.acceptKeyword("NOT")) return { kind: "not", operand: this.not() };
    return this.primary();
  }

  private primary(): Expr {
    if (this.acceptSymbol("(")) {
      const inner = this.or();
      this.expectSymbol(")");
      return inner;
    }
    return this.predicate();
  }

  private operand(): Operand {
    const token = this.next();
    if (token.type === "quoted") return { kind: "column", name: token.text, at: token.at };
    if (token.type === "word" && !KEYWORDS.has(token.text.toUpperCase())) return { kind: "column", name: token.text, at: token.at };
    if (token.type === "string") return { kind: "string", text: token.text, at: token.at };
    if (token.type === "number") return { kind: "number", text: token.text, at: token.at };
    if (token.type === "symbol" && (token.text === "-" || token.text === "+")) {
      const number = this.next();
      if (number.type !== "number") throw this.unexpected(number, "a number");
      return { kind: "number", text: token.text === "-" ? `-${number.text}` : number.text, at: token.at };
    }
    this.index--;
    throw this.unexpected(token, "a partition key or a value");
  }

  private literal(): Operand {
    const operand = this.operand();
    if (operand.kind === "column") throw new ExpressionError(`expected a value but found the name ${operand.name} at position ${operand.at + 1}`);
    return operand;
  }

  private predicate(): Expr {
    const value = this.operand();
    const token = this.peek();
    if (token.type === "symbol" && ["=", "<>", "!=", "<", "<=", ">", ">="].includes(token.text)) {
      this.index++;
      const op = (token.text === "!=" ? "<>" : token.text) as CompareOp;
      return { kind: "compare", op, left: value, right: this.operand() };
    }
    if (this.acceptKeyword("IS")) {
      const negated = this.acceptKeyword("NOT");
      this.expectKeyword("NULL");
      return { kind: "isNull", negated, value };
    }
    const negated = this.acceptKeyword("NOT");
    if (this.acceptKeyword("BETWEEN")) {
      const low = this.operand();
      this.expectKeyword("AND");
      return { kind: "between", negated, value, low, high: this.operand() };
    }
    if (this.acceptKeyword("IN")) {
      this.expectSymbol("(");
      const values = [this.literal()];
      while (this.acceptSymbol(",")) values.push(this.literal());
      this.expectSymbol(")");
      return { kind: "in", negated, value, values };
    }
    if (this.acceptKeyword("LIKE")) {
      const pattern = this.next();
      if (pattern.type !== "string") throw this.unexpected(pattern, "a quoted LIKE pattern");
      let escape: string | undefined;
      if (this.acceptKeyword("ESCAPE")) {
        const escapeToken = this.next();
        if (escapeToken.type !== "string" || [...escapeToken.text].length !== 1) throw this.unexpected(escapeToken, "a one-character ESCAPE string");
        escape = escapeToken.text;
      }
      return { kind: "like", negated, value, pattern: pattern.text, escape };
    }
    throw this.unexpected(this.peek(), negated ? "BETWEEN, IN or LIKE after NOT" : "a comparison (=, <>, <, <=, >, >=, BETWEEN, IN, LIKE or IS NULL)");
  }
}

/** Parses an expression (syntax only); throws ExpressionError. */
export function parseExpression(source: string): Expr {
  if (source.trim() === "") throw new ExpressionError("the expression is empty");
  return new Parser(tokenize(source)).parse();
}

// --- Types and values ------------------------------------------------------------------------

/** A typed value: numbers and bigints for integers, comparable keys for the others. */
type Value = string | number | bigint;

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

interface KeyType {
  kind: Kind;
  /** The declared type, lower-cased (for messages and integer ranges). */
  name: string;
}

/** The kind of a partition key type, or undefined when the expression language does not support it. */
function keyType(type: string | undefined): KeyType | undefined {
  const name = (type ?? "string").trim().toLowerCase();
  const base = name.replace(/\s*\(.*\)$/, "");
  if (base === "string" || base === "char" || base === "varchar") return { kind: "string", name: base };
  // Own entries only: a key typed "constructor" or "__proto__" is not an integer type.
  if (Object.hasOwn(INTEGER_RANGES, base)) return { kind: "integer", name: base };
  if (base === "decimal") return { kind: "decimal", name: base };
  if (base === "date") return { kind: "date", name: base };
  if (base === "timestamp") return { kind: "timestamp", name: base };
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Decimal text as a key that sorts like the number (fixed-width digits): sign, integer, fraction. */
function decimalKey(text: string): string | undefined {
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  const integer = match[2]!.replace(/^0+/, "");
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  const negative = match[1] === "-" && (integer !== "" || fraction !== "");
  if (integer.length > 38 || fraction.length > 38) return undefined;
  // Positive: "1" + 38-digit integer + fraction; negative: "0" + nines' complement (so larger magnitudes sort first).
  const digits = integer.padStart(38, "0") + fraction.padEnd(38, "0");
  if (!negative) return `1${digits}`;
  return `0${[...digits].map((d) => String(9 - Number(d))).join("")}`;
}

/** A value as its key's type, or undefined when it is not one. */
function convert(type: KeyType, text: string): Value | undefined {
  switch (type.kind) {
    case "string":
      return text;
    case "integer": {
      const trimmed = text.trim();
      if (!/^[+-]?\d+$/.test(trimmed)) return undefined;
      const value = BigInt(trimmed);
      const [min, max] = INTEGER_RANGES[type.name]!;
      if (value < min || value > max) return undefined;
      return Number.isSafeInteger(Number(value)) ? Number(value) : value;
    }
    case "decimal":
      return decimalKey(text);
    case "date": {
      const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
      if (!match) return undefined;
      const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      return validDate(y, m, d) ? y * 10000 + m * 100 + d : undefined;
    }
    case "timestamp": {
      const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text.trim());
      if (!match) return undefined;
      const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const [h, mi, s] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
      if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
      const pad = (n: number, width = 2) => String(n).padStart(width, "0");
      return `${pad(y, 4)}${pad(mo)}${pad(d)}${pad(h)}${pad(mi)}${pad(s)}.${(match[7] ?? "").padEnd(9, "0")}`;
    }
  }
}

/**
 * Whether a stored partition value can be read as its key's type: what an expression reads it
 * as, and what a partition index's backfill checks (so an index is ACTIVE exactly when every
 * partition reads cleanly). A type expressions do not support reads as anything.
 */
export function valueFitsKeyType(type: string | undefined, value: string): boolean {
  const kind = keyType(type);
  return kind === undefined || convert(kind, value) !== undefined;
}

const FORMAT: Readonly<Record<Kind, string>> = {
  string: "a string",
  integer: "an integer",
  decimal: "a decimal number",
  date: "a date (yyyy-MM-dd)",
  timestamp: "a timestamp (yyyy-MM-dd HH:mm:ss[.fffffffff])",
};

function compare(a: Value, b: Value): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- Compiler --------------------------------------------------------------------------------

/** A compiled predicate over a partition's values, in partition-key order. */
export type PartitionPredicate = (values: readonly string[]) => boolean;

interface ColumnRef {
  index: number;
  name: string;
  type: KeyType;
}

function columnOf(keys: readonly Column[], operand: Operand & { kind: "column" }): ColumnRef {
  const wanted = operand.name.toLowerCase();
  const index = keys.findIndex((key) => (key.Name ?? "").toLowerCase() === wanted);
  if (index < 0) {
    const names = keys.map((key) => key.Name).join(", ");
    throw new ExpressionError(`Unknown column '${operand.name}': the table's partition keys are ${names || "none (the table is not partitioned)"}`);
  }
  const key = keys[index]!;
  const type = keyType(key.Type);
  if (!type) throw new ExpressionError(`partition key ${key.Name} has type ${key.Type}, which expressions do not support (string, int, bigint, long, smallint, tinyint, decimal, date, timestamp)`);
  return { index, name: key.Name!, type };
}

/** Reads a stored value of a column; a value that is not of the key's type makes the table inconsistent. */
function reader(column: ColumnRef): (values: readonly string[]) => Value {
  return (values) => {
    const text = values[column.index] ?? "";
    const value = convert(column.type, text);
    if (value === undefined) throw new StoredValueError(`Partition value '${text}' of partition key ${column.name} is not ${FORMAT[column.type.kind]} (the key's type is ${column.type.name}).`);
    return value;
  };
}

function literalAs(column: ColumnRef, operand: Operand): Value {
  if (operand.kind === "column") throw new ExpressionError(`expected a value to compare ${column.name} with, found the name ${operand.name}`);
  const value = convert(column.type, operand.text);
  if (value === undefined) throw new ExpressionError(`${operand.kind === "string" ? `'${operand.text}'` : operand.text} is not ${FORMAT[column.type.kind]}, the type of partition key ${column.name} (${column.type.name})`);
  return value;
}

const TESTS: Readonly<Record<CompareOp, (order: number) => boolean>> = {
  "=": (o) => o === 0,
  "<>": (o) => o !== 0,
  "<": (o) => o < 0,
  "<=": (o) => o <= 0,
  ">": (o) => o > 0,
  ">=": (o) => o >= 0,
};

const FLIPPED: Readonly<Record<CompareOp, CompareOp>> = { "=": "=", "<>": "<>", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

function requireColumn(keys: readonly Column[], operand: Operand, what: string): ColumnRef {
  if (operand.kind !== "column") throw new ExpressionError(`${what} must name a partition key, not the value ${operand.kind === "string" ? `'${operand.text}'` : operand.text}`);
  return columnOf(keys, operand);
}

function likeRegex(pattern: string, escape: string | undefined): RegExp {
  let source = "";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== undefined && c === escape) {
      const next = chars[++i];
      if (next === undefined) throw new ExpressionError(`the LIKE pattern '${pattern}' ends with its escape character`);
      source += next.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    } else if (c === "%") source += "[\\s\\S]*";
    else if (c === "_") source += "[\\s\\S]";
    else source += c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "u");
}

function compile(expr: Expr, keys: readonly Column[]): PartitionPredicate {
  switch (expr.kind) {
    case "and": {
      const [left, right] = [compile(expr.left, keys), compile(expr.right, keys)];
      return (values) => left(values) && right(values);
    }
    case "or": {
      const [left, right] = [compile(expr.left, keys), compile(expr.right, keys)];
      return (values) => left(values) || right(values);
    }
    case "not": {
      const operand = compile(expr.operand, keys);
      return (values) => !operand(values);
    }
    case "compare": {
      let { left, right, op } = expr;
      if (left.kind !== "column" && right.kind === "column") [left, right, op] = [right, left, FLIPPED[op]];
      const column = requireColumn(keys, left, "a comparison");
      const read = reader(column);
      const test = TESTS[op];
      if (right.kind === "column") {
        const other = columnOf(keys, right);
        if (other.type.kind !== column.type.kind) throw new ExpressionError(`cannot compare ${column.name} (${column.type.name}) with ${other.name} (${other.type.name})`);
        const readOther = reader(other);
        return (values) => test(compare(read(values), readOther(values)));
      }
      const literal = literalAs(column, right);
      return (values) => test(compare(read(values), literal));
    }
    case "between": {
      const column = requireColumn(keys, expr.value, "BETWEEN");
      const [low, high] = [literalAs(column, expr.low), literalAs(column, expr.high)];
      const read = reader(column);
      const negated = expr.negated;
      return (values) => {
        const value = read(values);
        return (compare(value, low) >= 0 && compare(value, high) <= 0) !== negated;
      };
    }
    case "in": {
      const column = requireColumn(keys, expr.value, "IN");
      const set = new Set(expr.values.map((value) => literalAs(column, value)));
      const read = reader(column);
      const negated = expr.negated;
      return (values) => set.has(read(values)) !== negated;
    }
    case "like": {
      const column = requireColumn(keys, expr.value, "LIKE");
      if (column.type.kind !== "string") throw new ExpressionError(`LIKE applies to string partition keys; ${column.name} is ${column.type.name}`);
      const regex = likeRegex(expr.pattern, expr.escape);
      const negated = expr.negated;
      return (values) => regex.test(values[column.index] ?? "") !== negated;
    }
    case "isNull": {
      requireColumn(keys, expr.value, "IS NULL");
      const result = expr.negated;
      return () => result;
    }
  }
}

const cache = new Map<string, Expr | ExpressionError>();

/**
 * The predicate an expression describes over a table's partition keys. Throws
 * ExpressionError (malformed, unknown key, unsupported type, a literal not of the key's
 * type); the predicate throws StoredValueError for a stored value not of its key's type.
 */
export function partitionPredicate(source: string, keys: readonly Column[]): PartitionPredicate {
  let parsed = cache.get(source);
  if (parsed === undefined) {
    try {
      parsed = parseExpression(source);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      parsed = error;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(source, parsed);
  }
  if (parsed instanceof ExpressionError) throw parsed;
  return compile(parsed, keys);
}
