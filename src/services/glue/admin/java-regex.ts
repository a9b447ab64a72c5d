/**
 * A syntax checker for Java regular expressions (java.util.regex.Pattern), the dialect Glue
 * compiles a custom entity type's RegexString with. JavaScript's RegExp is a different dialect
 * (it lacks possessive quantifiers, atomic groups, \A \Z \z, \Q…\E, nested and intersected
 * classes, Java's property names), so the check walks the pattern the way Pattern.compile does
 * and reports the first error in Java's words ("Unclosed group near index 7").
 *
 * It checks syntax only: what a pattern matches is Glue's business when it scans data.
 */

export interface JavaRegexError {
  /** Java's description of the error, e.g. "Dangling meta character '*'". */
  description: string;
  /** The index in the pattern Java reports it near. */
  index: number;
}

/** Why `pattern` does not compile in Java, or undefined when it does. */
export function javaRegexError(pattern: string): JavaRegexError | undefined {
  try {
    new JavaRegexChecker(pattern).check();
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { description: error.description, index: error.index };
    throw error;
  }
}

/** The message Pattern.compile's exception carries (first line): "<description> near index <n>". */
export function describeJavaRegexError(error: JavaRegexError): string {
  return `${error.description} near index ${error.index}`;
}

class PatternSyntaxError extends Error {
  constructor(
    readonly description: string,
    readonly index: number,
  ) {
    super(`${description} near index ${index}`);
  }
}

/** Lengths a piece of pattern can match: for look-behinds, which need a bounded maximum. */
interface Width {
  min: number;
  /** Infinity when unbounded. */
  max: number;
}

const ONE: Width = { min: 1, max: 1 };
const ZERO: Width = { min: 0, max: 0 };

/** Single-letter escapes Java defines (anything else alphabetic after a backslash is an error). */
const CLASS_ESCAPES = new Set(["d", "D", "h", "H", "s", "S", "v", "V", "w", "W"]);
const CONTROL_ESCAPES = new Set(["t", "n", "r", "f", "a", "e"]);
const BOUNDARY_ESCAPES = new Set(["b", "B", "A", "G", "Z", "z"]);

/** POSIX and java.lang.Character classes \p{…} accepts by name. */
const NAMED_CLASSES = new Set([
  "Lower", "Upper", "ASCII", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print", "Blank", "Cntrl", "XDigit", "Space",
  "javaLowerCase", "javaUpperCase", "javaWhitespace", "javaMirrored", "javaLetter", "javaDigit", "javaLetterOrDigit",
  "javaAlphabetic", "javaIdeographic", "javaTitleCase", "javaIdentifierIgnorable", "javaISOControl", "javaJavaIdentifierStart",
  "javaJavaIdentifierPart", "javaUnicodeIdentifierStart", "javaUnicodeIdentifierPart", "javaSpaceChar", "javaDefined", "all",
]);

/** Binary properties accepted as \p{IsX}. */
const BINARY_PROPERTIES = new Set([
  "ALPHABETIC", "LETTER", "IDEOGRAPHIC", "UPPERCASE", "LOWERCASE", "TITLECASE", "WHITE_SPACE", "WHITESPACE", "CONTROL",
  "PUNCTUATION", "HEX_DIGIT", "HEXDIGIT", "DIGIT", "ASSIGNED", "NONCHARACTER_CODE_POINT", "JOIN_CONTROL", "ALNUM", "BLANK",
  "GRAPH", "PRINT", "WORD", "EMOJI", "EMOJI_PRESENTATION", "EMOJI_MODIFIER", "EMOJI_MODIFIER_BASE", "EMOJI_COMPONENT",
  "EXTENDED_PICTOGRAPHIC",
]);

function isGeneralCategory(name: string): boolean {
  if (!/^[A-Za-z]{1,2}$/.test(name) && !/^[A-Za-z_]+$/.test(name)) return false;
  try {
    new RegExp(`\\p{General_Category=${name}}`, "u");
    return true;
  } catch {
    return false;
  }
}

function isScript(name: string): boolean {
  if (!/^[A-Za-z_]+$/.test(name)) return false;
  try {
    new RegExp(`\\p{Script=${name}}`, "u");
    return true;
  } catch {
    // Java also takes a script's name in upper case (IsLATIN), as Character.UnicodeScript.forName does.
    const titled = name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
    if (titled === name) return false;
    try {
      new RegExp(`\\p{Script=${titled}}`, "u");
      return true;
    } catch {
      return false;
    }
  }
}

/** Whether Java knows the character property `name` (the text between \p{ and }). */
function knownProperty(name: string): boolean {
  if (NAMED_CLASSES.has(name)) return true;
  const assignment = /^(script|sc|block|blk|general_category|gc)=(.+)$/i.exec(name);
  if (assignment) {
    const key = assignment[1]!.toLowerCase();
    const value = assignment[2]!;
    if (key === "script" || key === "sc") return isScript(value);
    if (key === "general_category" || key === "gc") return isGeneralCategory(value);
    return /^[A-Za-z0-9_ -]+$/.test(value); // Unicode block names: accepted by form, not checked one by one
  }
  if (name.startsWith("In")) return /^In[A-Za-z0-9_ -]+$/.test(name);
  if (name.startsWith("Is")) {
    const rest = name.slice(2);
    return BINARY_PROPERTIES.has(rest.toUpperCase()) || isGeneralCategory(rest) || isScript(rest) || NAMED_CLASSES.has(rest);
  }
  return isGeneralCategory(name);
}

/**
 * How deep groups and character classes may nest. Java's own Pattern recurses too and fails with
 * a StackOverflowError somewhere past this; the checker refuses earlier, with an error of the
 * usual kind, rather than exhaust its own stack on a 16,000-character CustomPatterns line.
 */
export const MAX_NESTING = 500;

class JavaRegexChecker {
  private pos = 0;
  private classDepth = 0;
  private readonly names = new Set<string>();
  private readonly groupNamesUsed: Array<{ name: string; index: number }> = [];

  constructor(private readonly pattern: string) {}

  check(): void {
    this.alternation(0);
    if (this.pos < this.pattern.length) {
      // Only an unmatched ')' stops the top-level alternation before the end.
      throw this.error("Unmatched closing ')'", this.pos - 1 < 0 ? 0 : this.pos - 1);
    }
    for (const use of this.groupNamesUsed) {
      if (!this.names.has(use.name)) throw this.error(`named capturing group <${use.name}> does not exist`, use.index);
    }
  }

  private error(description: string, index = this.pos): PatternSyntaxError {
    return new PatternSyntaxError(description, index);
  }

  private peek(offset = 0): string | undefined {
    return this.pattern[this.pos + offset];
  }

  private atEnd(): boolean {
    return this.pos >= this.pattern.length;
  }

  /** alternation := sequence ('|' sequence)* ; ends at ')' or the end. */
  private alternation(depth: number): Width {
    let width = this.sequence(depth);
    while (this.peek() === "|") {
      this.pos++;
      const next = this.sequence(depth);
      width = { min: Math.min(width.min, next.min), max: Math.max(width.max, next.max) };
    }
    if (this.peek() === ")" && depth === 0) {
      this.pos++;
      throw this.error("Unmatched closing ')'", this.pos - 1);
    }
    return width;
  }

  private sequence(depth: number): Width {
    let total: Width = { ...ZERO };
    while (!this.atEnd()) {
      const c = this.peek()!;
      if (c === "|" || c === ")") break;
      if (c === "*" || c === "+" || c === "?") throw this.error(`Dangling meta character '${c}'`);
      const atom = this.atom(depth);
      const width = this.quantifier(atom);
      total = { min: total.min + width.min, max: total.max + width.max };
    }
    return total;
  }

  private atom(depth: number): Width {
    const c = this.peek()!;
    switch (c) {
      case "(":
        return this.group(depth);
      case "[":
        this.pos++;
        this.characterClass();
        return ONE;
      case "\\":
        return this.escape();
      case "^":
      case "$":
        this.pos++;
        return ZERO;
      case "{":
        // Java reads '{' as the start of a repetition, even where nothing precedes it.
        throw this.error("Illegal repetition");
      default:
        this.pos += c.codePointAt(0)! > 0xffff ? 2 : 1;
        return ONE;
    }
  }

  /** An optional quantifier after an atom, with its lazy '?' or possessive '+'. */
  private quantifier(atom: Width): Width {
    const c = this.peek();
    let width: Width;
    if (c === "*") {
      this.pos++;
      width = { min: 0, max: atom.max === 0 ? 0 : Infinity };
    } else if (c === "+") {
      this.pos++;
      width = { min: atom.min, max: atom.max === 0 ? 0 : Infinity };
    } else if (c === "?") {
      this.pos++;
      width = { min: 0, max: atom.max };
    } else if (c === "{") {
      const start = this.pos;
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.pos));
      if (!match) throw this.error("Illegal repetition", start);
      const low = Number(match[1]);
      const high = match[2] === undefined ? low : match[3] === "" ? Infinity : Number(match[3]);
      if (!Number.isSafeInteger(low) || low > 2147483647 || (high !== Infinity && high > 2147483647)) throw this.error("Illegal repetition", start);
      if (high < low) throw this.error("Illegal repetition range", start + match[0].length - 1);
      this.pos += match[0].length;
      width = { min: atom.min * low, max: atom.max * high };
    } else {
      return atom;
    }
    if (this.peek() === "?" || this.peek() === "+") this.pos++;
    if (Number.isNaN(width.max)) width.max = 0; // 0 × Infinity: an empty atom repeated
    return width;
  }

  private group(depth: number): Width {
    const open = this.pos;
    if (depth >= MAX_NESTING) throw this.error(`Groups nest more than ${MAX_NESTING} deep`, open);
    this.pos++; // '('
    let lookbehind = false;
    let zeroWidth = false;
    if (this.peek() === "?") {
      this.pos++;
      const kind = this.peek();
      if (kind === ":" || kind === "=" || kind === "!" || kind === ">") {
        this.pos++;
        zeroWidth = kind === "=" || kind === "!";
      } else if (kind === "<") {
        this.pos++;
        const next = this.peek();
        if (next === "=" || next === "!") {
          this.pos++;
          lookbehind = true;
          zeroWidth = true;
        } else {
          this.groupName();
        }
      } else if (kind !== undefined && /[idmsuxU-]/.test(kind)) {
        // Inline flags: (?i) alone, or (?i:…) for a group.
        const flags = /^[idmsuxU]*(-[idmsuxU]*)?/.exec(this.pattern.slice(this.pos))![0];
        this.pos += flags.length;
        const end = this.peek();
        if (end === ")") {
          this.pos++;
          return ZERO;
        }
        if (end !== ":") throw this.error("Unknown inline modifier");
        this.pos++;
      } else {
        throw this.error("Unknown inline modifier");
      }
    }
    const inner = this.alternation(depth + 1);
    if (this.peek() !== ")") throw this.error("Unclosed group", this.pattern.length);
    this.pos++;
    if (lookbehind && inner.max === Infinity) throw this.error("Look-behind group does not have an obvious maximum length", this.pos - 1);
    void open;
    return zeroWidth ? ZERO : inner;
  }

  /** The name of (?<name>…): a letter, then letters and digits; unique in the pattern. */
  private groupName(): void {
    const start = this.pos;
    const match = /^([A-Za-z][A-Za-z0-9]*)>/.exec(this.pattern.slice(this.pos));
    if (!match) {
      const c = this.peek();
      if (c === undefined || !/[A-Za-z]/.test(c)) throw this.error("capturing group name does not start with a Latin letter", start);
      throw this.error("named capturing group is missing trailing '>'", this.pos + (/^[A-Za-z0-9]*/.exec(this.pattern.slice(this.pos))![0].length));
    }
    const name = match[1]!;
    if (this.names.has(name)) throw this.error(`Named capturing group <${name}> is already defined`, start + name.length);
    this.names.add(name);
    this.pos += match[0].length;
  }

  /** After a backslash outside a class. */
  private escape(): Width {
    const start = this.pos;
    this.pos++; // '\'
    const c = this.peek();
    if (c === undefined) throw this.error("Unexpected internal error", this.pattern.length);
    if (c === "Q") {
      const end = this.pattern.indexOf("\\E", this.pos + 1);
      this.pos = end < 0 ? this.pattern.length : end + 2;
      const quoted = (end < 0 ? this.pattern.length : end) - (start + 2);
      return { min: quoted, max: quoted };
    }
    if (c === "E") {
      this.pos++;
      return ZERO; // a stray \E is ignored
    }
    if (BOUNDARY_ESCAPES.has(c)) {
      this.pos++;
      if (c === "b" && this.peek() === "{") {
        if (!this.pattern.startsWith("{g}", this.pos)) throw this.error("Unknown boundary type", this.pos);
        this.pos += 3;
      }
      return ZERO;
    }
    if (c === "k") {
      this.pos++;
      const match = /^<([A-Za-z][A-Za-z0-9]*)>/.exec(this.pattern.slice(this.pos));
      if (!match) throw this.error("\\k is not followed by '<' for named capturing group", this.pos);
      this.groupNamesUsed.push({ name: match[1]!, index: this.pos + match[0].length - 1 });
      this.pos += match[0].length;
      return { min: 0, max: Infinity };
    }
    if (c === "R" || c === "X") {
      this.pos++;
      return { min: 1, max: c === "R" ? 2 : Infinity };
    }
    if (/[1-9]/.test(c)) {
      this.pos++;
      while (this.peek() !== undefined && /[0-9]/.test(this.peek()!)) this.pos++;
      return { min: 0, max: Infinity };
    }
    this.characterEscape(false);
    return ONE;
  }

  /**
   * An escape that stands for one character or a class: control characters, octal, hex,
   * Unicode, \cX, class shorthands, \p{…}, or a non-alphabetic character taken literally.
   */
  private characterEscape(inClass: boolean): void {
    const c = this.peek()!;
    const at = this.pos;
    this.pos++;
    if (CLASS_ESCAPES.has(c) || CONTROL_ESCAPES.has(c)) return;
    if (c === "0") {
      const octal = /^[0-7]{1,3}/.exec(this.pattern.slice(this.pos));
      if (!octal) throw this.error("Illegal octal escape sequence", this.pos);
      // \0mnn takes three digits only while the value stays within 0377.
      const digits = octal[0].length === 3 && Number(octal[0][0]) > 3 ? 2 : octal[0].length;
      this.pos += digits;
      return;
    }
    if (c === "x") {
      if (this.peek() === "{") {
        const match = /^\{([0-9a-fA-F]+)\}/.exec(this.pattern.slice(this.pos));
        if (!match || Number.parseInt(match[1]!, 16) > 0x10ffff) throw this.error("Illegal hexadecimal escape sequence", this.pos);
        this.pos += match[0].length;
        return;
      }
      if (!/^[0-9a-fA-F]{2}/.test(this.pattern.slice(this.pos))) throw this.error("Illegal hexadecimal escape sequence", this.pos);
      this.pos += 2;
      return;
    }
    if (c === "u") {
      if (!/^[0-9a-fA-F]{4}/.test(this.pattern.slice(this.pos))) throw this.error("Illegal Unicode escape sequence", this.pos);
      this.pos += 4;
      return;
    }
    if (c === "c") {
      if (this.atEnd()) throw this.error("Illegal control escape sequence", this.pos);
      this.pos++;
      return;
    }
    if (c === "p" || c === "P") {
      this.property();
      return;
    }
    if (/[A-Za-z]/.test(c)) {
      // Java reserves every alphabetic escape it does not define.
      throw this.error("Illegal/unsupported escape sequence", at);
    }
    if (/[0-9]/.test(c) && inClass) return; // \1 in a class: Java reads it as an octal-less literal digit
    // Any other character after a backslash is itself.
    if (c.codePointAt(0)! > 0xffff) this.pos++;
  }

  private property(): void {
    const start = this.pos;
    let name: string;
    if (this.peek() === "{") {
      const end = this.pattern.indexOf("}", this.pos);
      if (end < 0) throw this.error("Unclosed character family", this.pattern.length);
      name = this.pattern.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      if (this.atEnd()) throw this.error("Illegal character family", start);
      name = this.peek()!;
      this.pos++;
    }
    if (name === "") throw this.error("Empty character family", this.pos);
    if (!knownProperty(name)) throw this.error(`Unknown character property name {${name}}`, this.pos);
  }

  /**
   * A character class after its '[': negation, ranges (in order), escapes, nested classes and
   * '&&' intersections, up to the matching ']'. A ']' first in a class is a literal.
   */
  private characterClass(): void {
    const open = this.pos - 1;
    if (++this.classDepth > MAX_NESTING) throw this.error(`Character classes nest more than ${MAX_NESTING} deep`, open);
    if (this.peek() === "^") this.pos++;
    let first = true;
    /** The last single character read, for a range 'a-z' (undefined after a class or a range). */
    let previous: number | undefined;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw this.error("Unclosed character class", this.pattern.length - 1);
      if (c === "]" && !first) {
        this.pos++;
        this.classDepth--;
        return;
      }
      first = false;
      if (c === "[") {
        this.pos++;
        this.characterClass();
        previous = undefined;
        continue;
      }
      if (c === "&" && this.peek(1) === "&") {
        this.pos += 2;
        previous = undefined;
        continue;
      }
      let value: number | undefined;
      if (c === "\\") {
        this.pos++;
        if (this.atEnd()) throw this.error("Unclosed character class", this.pattern.length - 1);
        const e = this.peek()!;
        if (e === "Q") {
          const end = this.pattern.indexOf("\\E", this.pos + 1);
          this.pos = end < 0 ? this.pattern.length : end + 2;
          previous = undefined;
          continue;
        }
        const before = this.pos;
        this.characterEscape(true);
        value = CLASS_ESCAPES.has(e) || e === "p" || e === "P" ? undefined : this.escapedValue(before);
      } else {
        value = this.pattern.codePointAt(this.pos)!;
        this.pos += value > 0xffff ? 2 : 1;
      }
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined && this.peek(1) !== "[" && value !== undefined) {
        const dash = this.pos;
        this.pos++;
        let high: number | undefined;
        if (this.peek() === "\\") {
          this.pos++;
          const e = this.peek()!;
          const before = this.pos;
          this.characterEscape(true);
          high = CLASS_ESCAPES.has(e) || e === "p" || e === "P" ? undefined : this.escapedValue(before);
          if (high === undefined) throw this.error("Illegal character range", dash + 1);
        } else if (this.peek() === "&" && this.peek(1) === "&") {
          this.pos = dash + 1; // 'a-&&…': the dash is a literal
          previous = undefined;
          continue;
        } else {
          high = this.pattern.codePointAt(this.pos)!;
          this.pos += high > 0xffff ? 2 : 1;
        }
        if (high < value) throw this.error("Illegal character range", this.pos - 1);
        previous = undefined;
        continue;
      }
      previous = value;
    }
    void open;
    void previous;
  }

  /** The code point an escape read from `start` (just after its backslash) stands for. */
  private escapedValue(start: number): number | undefined {
    const text = this.pattern.slice(start, this.pos);
    const c = text[0]!;
    const controls: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27 };
    if (c in controls) return controls[c];
    if (c === "0") return Number.parseInt(text.slice(1), 8);
    if (c === "x") return Number.parseInt(text.startsWith("x{") ? text.slice(2, -1) : text.slice(1), 16);
    if (c === "u") return Number.parseInt(text.slice(1), 16);
    if (c === "c") return text.charCodeAt(1) ^ 64;
    return text.codePointAt(0);
  }
}
