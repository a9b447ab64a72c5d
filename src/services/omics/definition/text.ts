/**
 * Small, tolerant scanners for the brace-structured definition languages (WDL, Nextflow).
 * They are not parsers: they find named blocks and declarations well enough to derive a
 * parameter template and a task list, and never throw on text they do not understand.
 */

/** Removes `#` (WDL) or `//` and block (Nextflow/Groovy) comments outside string literals, line by line. */
export function stripComments(text: string, style: "hash" | "slash"): string {
  const withoutBlocks = style === "slash" ? text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")) : text;
  return withoutBlocks
    .split("\n")
    .map((line) => {
      let quote: string | undefined;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quote) {
          if (ch === "\\") i++;
          else if (ch === quote) quote = undefined;
          continue;
        }
        if (ch === '"' || ch === "'") quote = ch;
        else if (style === "hash" && ch === "#") return line.slice(0, i);
        else if (style === "slash" && ch === "/" && line[i + 1] === "/") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

/** Index of the `}` closing the `{` at `open`, skipping string literals; the text's end if unbalanced. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote || ch === "\n") quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  return text.length;
}

export interface NamedBlock {
  name: string;
  /** Text between the braces. */
  body: string;
  /** Where the block's keyword starts in the scanned text. */
  start: number;
}

/** Every `<keyword> <name> {…}` block (e.g. `task align {`, `process ALIGN {`). */
export function namedBlocks(text: string, keyword: string): NamedBlock[] {
  const found: NamedBlock[] = [];
  const pattern = new RegExp(`\\b${keyword}\\s+([A-Za-z_][\\w]*)\\s*\\{`, "g");
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = closingBrace(text, open);
    found.push({ name: match[1]!, body: text.slice(open + 1, close), start: match.index });
    pattern.lastIndex = close;
  }
  return found;
}

/** The body of the first `<keyword> {…}` block at any depth (e.g. `input {`, `runtime {`). */
export function keywordBlock(text: string, keyword: string): string | undefined {
  const match = new RegExp(`\\b${keyword}\\s*\\{`).exec(text);
  if (!match) return undefined;
  const open = match.index + match[0].length - 1;
  return text.slice(open + 1, closingBrace(text, open));
}

/** The text of `body` with every nested `{…}` block removed (what sits at depth 0). */
export function topLevelText(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "{") {
      i = closingBrace(body, i);
      out += "\n";
      continue;
    }
    out += body[i];
  }
  return out;
}

/** A string literal's content ('x' or "x"), or the text itself trimmed. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  const match = /^(["'])(.*)\1$/s.exec(trimmed);
  return match ? match[2]! : trimmed;
}
