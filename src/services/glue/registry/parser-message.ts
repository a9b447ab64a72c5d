/**
 * What a parser's exception says of a definition. A stack overflow (a definition nested deeper
 * than the library can recurse) is said in the registry's words, not the engine's
 * "Maximum call stack size exceeded".
 */
export function parserMessage(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return "the definition is nested too deeply to be parsed.";
  return error instanceof Error ? error.message : String(error);
}
