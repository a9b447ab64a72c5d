import type { Checker, CommandCase, PropertyFailure } from "./harness.js";
import { describeRun } from "./settings.js";

/** Every command a client exports, by operation name, sorted. */
export function commandsOf(sdk: Record<string, unknown>): string[] {
  return Object.keys(sdk)
    .filter((name) => /^[A-Z][A-Za-z0-9]+Command$/.test(name))
    .map((name) => name.slice(0, -"Command".length))
    .sort();
}

/** Prints the run's seed and what its calls came to (how many the fake answered, refused, or the SDK refused). */
export function report(service: string, checker: Checker, failures: readonly PropertyFailure[]): void {
  const { calls, ok, refused, local } = checker.tally;
  console.log(`${describeRun(service, checker.commands)}\n[properties] ${service}: ${calls} calls: ${ok} succeeded, ${refused} refused by the fake, ${local} refused by the SDK before sending; ${failures.length} failing properties; valid requests refused: ${checker.validRefused.length ? checker.validRefused.join(", ") : "none"}`);
}

/** Command cases from a table of valid requests; creates (operation → name member) get a fresh name per attempt. */
export function casesFrom(requests: Readonly<Record<string, Record<string, unknown>>>, creates: Readonly<Record<string, string>> = {}): CommandCase[] {
  return Object.entries(requests).map(([operation, valid]) => {
    const member = creates[operation];
    return { operation, valid, ...(member ? { freshName: { member, make: (n: number) => `${String(valid[member])}-p${n}` } } : {}) };
  });
}
