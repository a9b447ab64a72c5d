/**
 * GetSchemaVersionsDiff's SYNTAX_DIFF: a line diff of two definitions in unified-diff form
 * ("--- version 1" / "+++ version 2", then each line prefixed with " ", "-" or "+"). JSON
 * definitions (AVRO, JSON) are compared pretty-printed, so a change in whitespace alone shows
 * no difference; Protobuf definitions line by line as written.
 */

function linesOf(text: string, json: boolean): string[] {
  if (json) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2).split("\n");
    } catch {
      /* stored definitions always parse; fall through defensively */
    }
  }
  return text.replace(/\r\n/g, "\n").split("\n");
}

/**
 * The most cells of the longest-common-subsequence table computed (16 MB): two definitions of
 * up to 170,000 characters may each have tens of thousands of differing lines, and their full
 * table (lines × lines) would take gigabytes and minutes. Past it, the differing middle is
 * shown as removed then added: still a correct diff, not a minimal one.
 */
export const MAX_DIFF_CELLS = 4_000_000;

/** Longest-common-subsequence line diff (definitions are at most 170,000 characters). */
function diffLines(a: string[], b: string[]): string[] {
  // Trim the common head and tail first: versions usually differ in a few lines.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const out = a.slice(0, head).map((line) => ` ${line}`);
  if (x.length * y.length > MAX_DIFF_CELLS) {
    for (const line of x) out.push(`-${line}`);
    for (const line of y) out.push(`+${line}`);
    for (const line of a.slice(a.length - tail)) out.push(` ${line}`);
    return out;
  }
  const width = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * width + j] = x[i] === y[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      out.push(` ${x[i++]}`);
      j++;
    } else if (j < y.length && (i === x.length || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) out.push(`+${y[j++]}`);
    else out.push(`-${x[i++]}`);
  }
  for (const line of a.slice(a.length - tail)) out.push(` ${line}`);
  return out;
}

export function syntaxDiff(first: { number: number; text: string }, second: { number: number; text: string }, json: boolean): string {
  const lines = diffLines(linesOf(first.text, json), linesOf(second.text, json));
  return [`--- version ${first.number}`, `+++ version ${second.number}`, ...lines].join("\n");
}
