/**
 * The process warnings (`process.emitWarning`) emitted while `body` ran: a fake must not
 * print to the caller's test output, whatever input it is given.
 */
export async function warningsDuring(body: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
  process.on("warning", listener);
  try {
    await body();
    // A warning is delivered on a later tick than the one that emitted it.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", listener);
  }
  return seen;
}
