/**
 * The lexer of DQDL, AWS Glue's Data Quality Definition Language (Glue developer guide, "DQDL
 * reference"; the grammar AWS publishes with its open-source DQDL parser). Written here because
 * no JavaScript library parses DQDL.
 */

export type TokenKind = "ident" | "string" | "int" | "decimal" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** The token's text; for strings the unquoted, unescaped value. */
  text: string;
  line: number;
  column: number;
  /** Offsets in the source, to cut a rule's own text out of the ruleset. */
  start: number;
  end: number;
}

/** A ruleset that is not DQDL: the message says where and what. */
export class DqdlSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = "DqdlSyntaxError";
  }
}

/** Operators and punctuation, longest first so ">=" wins over ">". */
const PUNCTUATION = [">=", "<=", "!=", "=", ">", "<", ",", ":", "{", "}", "[", "]", "(", ")", "+", "-", "*", "/", "$", "!"];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (offset: number) => ({ line, column: offset - lineStart + 1 });
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    // Comments: "# …" (the DQDL reference's form) and "// …", "/* … */" (the grammar's).
    if (c === "#" || (c === "/" && source[i + 1] === "/")) {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && source[i + 1] === "*") {
      const close = source.indexOf("*/", i + 2);
      if (close < 0) throw new DqdlSyntaxError("Unterminated comment", at(i).line, at(i).column);
      for (let k = i; k < close; k++) {
        if (source[k] === "\n") {
          line++;
          lineStart = k + 1;
        }
      }
      i = close + 2;
      continue;
    }
    const start = i;
    const position = at(start);
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= source.length) throw new DqdlSyntaxError("Unterminated string", position.line, position.column);
        const ch = source[i]!;
        if (ch === "\\" && (source[i + 1] === '"' || source[i + 1] === "\\")) {
          value += source[i + 1];
          i += 2;
          continue;
        }
        if (ch === '"') {
          i++;
          break;
        }
        if (ch === "\n") {
          line++;
          lineStart = i + 1;
        }
        value += ch;
        i++;
      }
      tokens.push({ kind: "string", text: value, ...position, start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      let kind: TokenKind = "int";
      if (source[i] === "." && /[0-9]/.test(source[i + 1] ?? "")) {
        i++;
        while (i < source.length && /[0-9]/.test(source[i]!)) i++;
        kind = "decimal";
      }
      // "7days" is not DQDL, but an identifier glued to a number ("1e5") is no number either.
      if (/[A-Za-z_]/.test(source[i] ?? "")) {
        while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
        kind = "ident";
      }
      tokens.push({ kind, text: source.slice(start, i), ...position, start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      tokens.push({ kind: "ident", text: source.slice(start, i), ...position, start, end: i });
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new DqdlSyntaxError(`Unexpected character '${c}'`, position.line, position.column);
    i += punct.length;
    tokens.push({ kind: "punct", text: punct, ...position, start, end: i });
  }
  const end = at(i);
  tokens.push({ kind: "eof", text: "", ...end, start: i, end: i });
  return tokens;
}
