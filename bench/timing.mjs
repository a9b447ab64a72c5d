// What every bench script measures with: medians of interleaved rounds, and the cost of one call.

/** The median of a list of samples. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU µs (user + system, this process) per call of `fn` over `calls` sequential calls. */
export async function cpuPerCall(fn, calls) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

/** Wall-clock µs per call of `fn` over `calls` sequential calls (for what waits on I/O: a server). */
export async function wallPerCall(fn, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return ((performance.now() - start) * 1000) / calls;
}
