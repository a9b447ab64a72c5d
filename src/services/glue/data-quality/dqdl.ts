import { setOwn } from "../../../engine/canonical.js";
import { DqdlSyntaxError, tokenize, type Token } from "./dqdl-lexer.js";
import { ANALYZER_ONLY, RULE_TYPES, type ConditionKind } from "./dqdl-rule-types.js";

/**
 * A parser for DQDL rulesets, after the grammar AWS publishes (document := Metadata? DataSources?
 * variable declarations? then Rules and/or Analyzers). It checks what Glue checks when a ruleset
 * is created: the syntax, that each rule type exists, its parameter count, and that its
 * condition is one the type takes. Rules are kept with their own source text, which is what
 * Glue reports as a rule result's EvaluatedRule.
 */

export { DqdlSyntaxError } from "./dqdl-lexer.js";

export interface DqdlCondition {
  kind: ConditionKind;
  /** "between", ">", ">=", "<", "<=", "=", "!=", "in", "matches", each possibly negated. */
  operator: string;
  negated: boolean;
  /** The operand(s) as written. */
  operands: string[];
}

export interface DqdlLeafRule {
  type: "rule";
  ruleType: string;
  parameters: string[];
  condition?: DqdlCondition | undefined;
  where?: string | undefined;
  /** `with threshold > 0.9` and similar tags. */
  tags: Array<{ name: string; condition: DqdlCondition }>;
  text: string;
}

export interface DqdlComposite {
  type: "and" | "or";
  rules: DqdlRuleNode[];
  text: string;
}

export type DqdlRuleNode = DqdlLeafRule | DqdlComposite;

export interface DqdlAnalyzer {
  analyzerType: string;
  parameters: string[];
  text: string;
}

export interface DqdlRuleset {
  rules: DqdlRuleNode[];
  analyzers: DqdlAnalyzer[];
  metadata: Record<string, string | string[]>;
  dataSources: Record<string, string | string[]>;
  variables: Record<string, string | string[]>;
}

const COMPARATORS = new Set([">", ">=", "<", "<=", "=", "!="]);
const DURATION_UNITS = new Set(["days", "hours", "minutes"]);
const SIZE_UNITS = new Set(["B", "KB", "MB", "GB", "TB"]);
const STRING_KEYWORDS = new Set(["NULL", "EMPTY", "WHITESPACES_ONLY"]);
const SECTIONS = ["Metadata", "DataSources", "Rules", "Analyzers"];
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/**
 * How deep parentheses may nest (composite rules, number expressions). The parser recurses
 * once per level, so without a bound a ruleset of nested parentheses (65,536 characters are
 * allowed) would overflow the stack instead of being refused as a ruleset Glue cannot parse.
 */
export const MAX_NESTING = 100;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly source: string, private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.index]!;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private fail(message: string, token: Token = this.token): never {
    throw new DqdlSyntaxError(message, token.line, token.column);
  }

  private describe(token: Token): string {
    if (token.kind === "eof") return "the end of the ruleset";
    return token.kind === "string" ? `"${token.text}"` : `'${token.text}'`;
  }

  private isPunct(text: string, token = this.token): boolean {
    return token.kind === "punct" && token.text === text;
  }

  private isWord(...words: string[]): boolean {
    return this.token.kind === "ident" && words.includes(this.token.text);
  }

  private expectPunct(text: string, what = `'${text}'`): Token {
    if (!this.isPunct(text)) this.fail(`Expected ${what} but found ${this.describe(this.token)}`);
    return this.tokens[this.index++]!;
  }

  private next(): Token {
    return this.tokens[this.index++]!;
  }

  /** Parses what an opening parenthesis (the current token) encloses, refusing nesting beyond MAX_NESTING. */
  private nested<T>(inner: () => T): T {
    if (this.depth >= MAX_NESTING) this.fail(`Parentheses are nested more than ${MAX_NESTING} deep`);
    this.depth++;
    try {
      return inner();
    } finally {
      this.depth--;
    }
  }

  parseDocument(): DqdlRuleset {
    const result: DqdlRuleset = { rules: [], analyzers: [], metadata: {}, dataSources: {}, variables: {} };
    let sawRules = false;
    let sawAnalyzers = false;
    while (this.token.kind !== "eof") {
      const head = this.token;
      if (head.kind !== "ident") this.fail(`Expected a section such as 'Rules = [ … ]' but found ${this.describe(head)}`);
      if (!this.isPunct("=", this.peek())) this.fail(`Expected a section such as 'Rules = [ … ]' but found ${this.describe(head)}`);
      const section = SECTIONS.find((name) => name.toLowerCase() === head.text.toLowerCase());
      if (section && section !== head.text) this.fail(`'${head.text}' is not a section: section names are case sensitive (write '${section}')`, head);
      switch (head.text) {
        case "Metadata":
        case "DataSources": {
          if (sawRules || sawAnalyzers) this.fail(`'${head.text}' must come before the Rules and Analyzers sections`, head);
          this.index += 2;
          const target = head.text === "Metadata" ? result.metadata : result.dataSources;
          for (const [key, value] of Object.entries(this.parseDictionary())) setOwn(target, key, value);
          break;
        }
        case "Rules": {
          if (sawRules) this.fail("The ruleset has more than one Rules section", head);
          if (sawAnalyzers) this.fail("The Rules section must come before the Analyzers section", head);
          sawRules = true;
          this.index += 2;
          result.rules = this.parseList(() => this.parseTopLevelRule());
          break;
        }
        case "Analyzers": {
          if (sawAnalyzers) this.fail("The ruleset has more than one Analyzers section", head);
          sawAnalyzers = true;
          this.index += 2;
          result.analyzers = this.parseList(() => this.parseAnalyzer());
          break;
        }
        default: {
          if (sawRules || sawAnalyzers) this.fail(`Unexpected ${this.describe(head)} after the Rules section`, head);
          this.index += 2;
          setOwn(result.variables, head.text, this.parseVariableValue());
        }
      }
    }
    if (!sawRules && !sawAnalyzers) this.fail("A ruleset needs a Rules section ('Rules = [ … ]') or an Analyzers section");
    return result;
  }

  private parseList<T>(item: () => T): T[] {
    this.expectPunct("[", "'['");
    const items: T[] = [];
    if (this.isPunct("]")) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(item());
      if (this.isPunct(",")) {
        this.next();
        continue;
      }
      this.expectPunct("]", "',' or ']'");
      return items;
    }
  }

  private parseDictionary(): Record<string, string | string[]> {
    this.expectPunct("{", "'{'");
    const out: Record<string, string | string[]> = {};
    for (;;) {
      const key = this.next();
      if (key.kind !== "string") this.fail(`Expected a quoted key but found ${this.describe(key)}`, key);
      this.expectPunct(":");
      // Keys are the user's: "__proto__" is stored as a key, not taken as the object's prototype.
      setOwn(out, key.text, this.isPunct("[") ? this.parseList(() => this.quoted()) : this.quoted());
      if (this.isPunct(",")) {
        this.next();
        continue;
      }
      this.expectPunct("}", "',' or '}'");
      return out;
    }
  }

  private quoted(): string {
    const token = this.next();
    if (token.kind !== "string") this.fail(`Expected a quoted string but found ${this.describe(token)}`, token);
    return token.text;
  }

  private parseVariableValue(): string | string[] {
    if (this.isPunct("[")) return this.parseList(() => this.stringValue());
    return this.stringValue();
  }

  private stringValue(): string {
    const token = this.token;
    if (token.kind === "string") return this.next().text;
    if (token.kind === "ident" && STRING_KEYWORDS.has(token.text)) return this.next().text;
    if (this.isPunct("$") && this.peek().kind === "ident") {
      this.next();
      return `$${this.next().text}`;
    }
    return this.fail(`Expected a quoted string, NULL, EMPTY, WHITESPACES_ONLY or a $variable but found ${this.describe(token)}`);
  }

  // topLevelRule: and binds tighter than or; parentheses group.
  private parseTopLevelRule(): DqdlRuleNode {
    const start = this.token.start;
    const first = this.parseAnd();
    if (!this.isWord("or", "OR")) return first;
    const rules = [first];
    while (this.isWord("or", "OR")) {
      this.next();
      rules.push(this.parseAnd());
    }
    return { type: "or", rules, text: this.textFrom(start) };
  }

  private parseAnd(): DqdlRuleNode {
    const start = this.token.start;
    const first = this.parsePrimary();
    if (!this.isWord("and", "AND")) return first;
    const rules = [first];
    while (this.isWord("and", "AND")) {
      this.next();
      rules.push(this.parsePrimary());
    }
    return { type: "and", rules, text: this.textFrom(start) };
  }

  private parsePrimary(): DqdlRuleNode {
    if (this.isPunct("(")) {
      return this.nested(() => {
        this.next();
        const inner = this.parseTopLevelRule();
        this.expectPunct(")", "')'");
        return inner;
      });
    }
    return this.parseRule();
  }

  private textFrom(start: number): string {
    return this.source.slice(start, this.tokens[this.index - 1]!.end).trim();
  }

  private parseParameters(): string[] {
    const parameters: string[] = [];
    for (;;) {
      const token = this.token;
      // "of"/"and" may join parameters (ColumnCorrelation "a" and "b"), but "and" before a
      // rule type or a parenthesis starts a composite rule.
      if ((this.isWord("of", "OF") || this.isWord("and", "AND")) && this.peek().kind === "string") {
        this.next();
        continue;
      }
      if (token.kind === "string") {
        parameters.push(this.next().text);
        continue;
      }
      return parameters;
    }
  }

  private parseRule(): DqdlLeafRule {
    const start = this.token.start;
    const typeToken = this.next();
    if (typeToken.kind !== "ident") this.fail(`Expected a rule type but found ${this.describe(typeToken)}`, typeToken);
    const spec = RULE_TYPES[typeToken.text];
    if (!spec) {
      const hint = ANALYZER_ONLY.has(typeToken.text) ? " (it can only be used in the Analyzers section)" : "";
      this.fail(`Rule type '${typeToken.text}' is not a DQDL rule type${hint}`, typeToken);
    }
    const parameters = this.parseParameters();
    if (parameters.length < spec.params.min || parameters.length > spec.params.max) {
      const expected = spec.params.max === Infinity ? `at least ${spec.params.min}` : spec.params.min === spec.params.max ? `${spec.params.min}` : `${spec.params.min} to ${spec.params.max}`;
      this.fail(`Rule type '${typeToken.text}' takes ${expected} quoted parameter(s); got ${parameters.length}`, typeToken);
    }
    let condition: DqdlCondition | undefined;
    if (this.startsCondition()) {
      condition = this.parseCondition();
      if (spec.conditions.length === 0) this.fail(`Rule type '${typeToken.text}' takes no condition`, typeToken);
      if (!spec.conditions.includes(condition.kind)) {
        this.fail(`Rule type '${typeToken.text}' takes a ${spec.conditions.join(" or ")} condition, not a ${condition.kind} condition`, typeToken);
      }
    } else if (!spec.conditionOptional) {
      this.fail(`Rule type '${typeToken.text}' needs a condition (for example '> 0.9' or 'between 1 and 10'); found ${this.describe(this.token)}`);
    }
    let where: string | undefined;
    if (this.isWord("where")) {
      this.next();
      where = this.quoted();
    }
    const tags: DqdlLeafRule["tags"] = [];
    while (this.isWord("with")) {
      this.next();
      const name = this.next();
      if (name.kind !== "ident") this.fail(`Expected a tag name after 'with' (for example 'threshold') but found ${this.describe(name)}`, name);
      if (!this.startsCondition()) this.fail(`Expected a condition after 'with ${name.text}'`);
      const tagCondition = this.parseCondition();
      if (name.text === "threshold" && tagCondition.kind !== "number") this.fail("'with threshold' takes a number condition", name);
      tags.push({ name: name.text, condition: tagCondition });
    }
    return { type: "rule", ruleType: typeToken.text, parameters, condition, where, tags, text: this.textFrom(start) };
  }

  private parseAnalyzer(): DqdlAnalyzer {
    const start = this.token.start;
    const typeToken = this.next();
    if (typeToken.kind !== "ident") this.fail(`Expected an analyzer type but found ${this.describe(typeToken)}`, typeToken);
    const spec = RULE_TYPES[typeToken.text];
    if (!ANALYZER_ONLY.has(typeToken.text) && !spec?.analyzer) this.fail(`'${typeToken.text}' is not a DQDL analyzer type`, typeToken);
    const parameters = this.parseParameters();
    const params = spec?.params ?? { min: 1, max: 1 };
    if (parameters.length < params.min || parameters.length > params.max) {
      this.fail(`Analyzer '${typeToken.text}' takes ${params.min === params.max ? params.min : `${params.min} to ${params.max}`} quoted parameter(s); got ${parameters.length}`, typeToken);
    }
    return { analyzerType: typeToken.text, parameters, text: this.textFrom(start) };
  }

  private startsCondition(): boolean {
    const token = this.token;
    if (token.kind === "punct") return COMPARATORS.has(token.text) || (token.text === "!" && this.isPunct("=", this.peek()));
    return this.isWord("between", "BETWEEN", "in", "matches", "not", "NOT");
  }

  private parseCondition(): DqdlCondition {
    let negated = false;
    if (this.isWord("not", "NOT")) {
      this.next();
      negated = true;
      if (!this.isWord("between", "BETWEEN", "in", "matches")) this.fail(`Expected 'between', 'in' or 'matches' after 'not' but found ${this.describe(this.token)}`);
    }
    if (this.isPunct("!")) {
      this.next();
      this.expectPunct("=");
      return this.withOperand("=", true);
    }
    const op = this.next();
    const operator = op.kind === "punct" ? op.text : op.text.toLowerCase();
    if (operator === "!=") return this.withOperand("=", true);
    if (operator === "matches") return { kind: "string", operator, negated, operands: [this.quoted()] };
    if (operator === "in") {
      if (this.isPunct("$")) return { kind: "string", operator, negated, operands: [this.stringValue()] };
      if (!this.isPunct("[")) this.fail(`Expected '[' after 'in' but found ${this.describe(this.token)}`);
      const values = this.parseList(() => this.operand());
      // NULL fits any kind of list.
      const kinds = new Set(values.filter((v) => v.text !== "NULL").map((v) => v.kind));
      if (kinds.size > 1 && !(kinds.size === 2 && kinds.has("string") && kinds.has("date"))) this.fail("The values of an 'in' list must all be of one kind");
      const kind: ConditionKind = kinds.has("string") ? "string" : ([...kinds][0] ?? "string");
      return { kind, operator, negated, operands: values.map((v) => v.text) };
    }
    if (operator === "between") {
      const low = this.operand();
      if (!this.isWord("and", "AND")) this.fail(`Expected 'and' in 'between … and …' but found ${this.describe(this.token)}`);
      this.next();
      const high = this.operand();
      if (low.kind !== high.kind) this.fail(`Both bounds of 'between' must be of one kind (${low.kind} and ${high.kind} given)`);
      if (low.kind === "string") this.fail("'between' takes numbers, dates, durations or sizes, not strings");
      return { kind: low.kind, operator, negated, operands: [low.text, high.text] };
    }
    return this.withOperand(operator, negated);
  }

  private withOperand(operator: string, negated: boolean): DqdlCondition {
    const value = this.operand();
    if (value.kind === "string" && operator !== "=") this.fail(`'${operator}' compares numbers, dates, durations or sizes, not the string ${value.text}`);
    return { kind: value.kind, operator, negated, operands: [value.text] };
  }

  /** One operand: a number expression, a string, a date, a duration or a size. */
  private operand(): { kind: ConditionKind; text: string } {
    const token = this.token;
    if (token.kind === "string") {
      this.next();
      return { kind: DATE_PATTERN.test(token.text) ? "date" : "string", text: `"${token.text}"` };
    }
    if (token.kind === "ident" && STRING_KEYWORDS.has(token.text)) {
      this.next();
      return { kind: token.text === "NULL" ? "number" : "string", text: token.text };
    }
    if (this.isPunct("$")) return { kind: "string", text: this.stringValue() };
    if (this.isNow()) return { kind: "date", text: this.dateExpression() };
    if (this.isPunct("(") && this.isNowAt(1)) return { kind: "date", text: this.dateExpression() };
    const start = token.start;
    this.numberExpression();
    const text = this.source.slice(start, this.tokens[this.index - 1]!.end);
    if (this.token.kind === "ident" && DURATION_UNITS.has(this.token.text)) return { kind: "duration", text: `${text} ${this.next().text}` };
    if (this.token.kind === "ident" && SIZE_UNITS.has(this.token.text)) return { kind: "size", text: `${text} ${this.next().text}` };
    return { kind: "number", text };
  }

  private isNow(): boolean {
    return this.isNowAt(0);
  }

  private isNowAt(offset: number): boolean {
    const t = this.peek(offset);
    return t.kind === "ident" && t.text === "now" && this.isPunct("(", this.peek(offset + 1)) && this.isPunct(")", this.peek(offset + 2));
  }

  private dateExpression(): string {
    const start = this.token.start;
    if (this.isNow()) {
      this.index += 3;
      return "now()";
    }
    this.expectPunct("(");
    this.index += 3; // now()
    if (!this.isPunct("-") && !this.isPunct("+")) this.fail(`Expected '-' or '+' after now() but found ${this.describe(this.token)}`);
    this.next();
    const amount = this.next();
    if (amount.kind !== "int") this.fail(`Expected a whole number of days, hours or minutes but found ${this.describe(amount)}`, amount);
    if (!(this.token.kind === "ident" && DURATION_UNITS.has(this.token.text))) this.fail(`Expected days, hours or minutes but found ${this.describe(this.token)}`);
    this.next();
    this.expectPunct(")", "')'");
    return this.source.slice(start, this.tokens[this.index - 1]!.end);
  }

  // number := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*
  private numberExpression(): void {
    this.numberTerm();
    while (this.isPunct("+") || (this.isPunct("-") && this.peek().kind !== "eof")) {
      this.next();
      this.numberTerm();
    }
  }

  private numberTerm(): void {
    this.numberFactor();
    while (this.isPunct("*") || this.isPunct("/")) {
      this.next();
      this.numberFactor();
    }
  }

  private numberFactor(): void {
    const token = this.token;
    if (this.isPunct("-")) {
      this.next();
      const value = this.next();
      if (value.kind !== "int" && value.kind !== "decimal") this.fail(`Expected a number after '-' but found ${this.describe(value)}`, value);
      return;
    }
    if (token.kind === "int" || token.kind === "decimal") {
      this.next();
      return;
    }
    if (this.isPunct("(")) {
      this.nested(() => {
        this.next();
        this.numberExpression();
        this.expectPunct(")", "')'");
      });
      return;
    }
    // Dynamic rules: avg(last(10)), min(last(3)) * 0.9 …
    if (token.kind === "ident" && this.isPunct("(", this.peek())) {
      this.index++;
      this.nested(() => {
        this.next();
        if (!this.isPunct(")")) {
          this.numberExpression();
          while (this.isPunct(",")) {
            this.next();
            this.numberExpression();
          }
        }
        this.expectPunct(")", "')'");
      });
      return;
    }
    this.fail(`Expected a number, a date, a duration or a quoted string but found ${this.describe(token)}`);
  }
}

/** Parses a DQDL ruleset; throws DqdlSyntaxError naming the line and column of the problem. */
export function parseDqdl(source: string): DqdlRuleset {
  return new Parser(source, tokenize(source)).parseDocument();
}

/** The leaf rules of a rule, composites flattened (for metrics and column lists). */
export function leafRules(node: DqdlRuleNode): DqdlLeafRule[] {
  return node.type === "rule" ? [node] : node.rules.flatMap(leafRules);
}

/** How many rules a ruleset has, as ListDataQualityRulesets' RuleCount counts them (top-level rules). */
export function ruleCount(ruleset: DqdlRuleset): number {
  return ruleset.rules.length;
}
