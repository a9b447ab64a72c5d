/** The longest part of a library's message kept: protobufjs, for one, quotes a whole illegal token. */
const MAX_MESSAGE = 300;

/**
 * What a parser's exception says of a definition. A stack overflow (a definition nested deeper
 * than the library can recurse) is said in the registry's words, not the engine's
 * "Maximum call stack size exceeded"; a message quoting a long stretch of the definition is cut.
 */
export function parserMessage(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return "the definition is nested too deeply to be parsed.";
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}
