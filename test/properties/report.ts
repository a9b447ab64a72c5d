import { describe, expect, it } from "vitest";
import { sdkOperations } from "../support/fuzz.js";
import { checkCommands, Checker, type CommandCase, type PropertyFailure, type ServiceUnderTest } from "./harness.js";
import { describeRun, TIMEOUT } from "./settings.js";

/** Every command a client exports, by operation name, sorted. */
export function commandsOf(sdk: Record<string, unknown>): string[] {
  return sdkOperations(sdk).sort();
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

/**
 * Runs the properties over a service's commands (`label` names the run in the report) and
 * fails with the report of every failing property.
 */
export async function expectProperties(service: ServiceUnderTest, label: string, cases: () => Promise<CommandCase[]>, running: readonly string[]): Promise<void> {
  const checker = new Checker(service);
  const failures = await checkCommands(service, cases, checker, { running });
  report(label, checker, failures);
  expect(failures.map((failure) => failure.report)).toEqual([]);
}

export interface PropertySuite {
  service: ServiceUnderTest;
  /** How many commands the client exports. */
  commands: number;
  /** The commands the table of valid requests lists. */
  listed: () => Promise<string[]>;
  /** The world the valid requests are valid in, and a case for each command. */
  cases: () => Promise<CommandCase[]>;
  /** Commands whose valid requests start something that runs (CheckOptions.running). */
  running: readonly string[];
}

/** A service's property suite: its table covers every command, and every command keeps the properties. */
export function describeProperties({ service, commands, listed, cases, running }: PropertySuite): void {
  describe(`${service.name} properties`, () => {
    it(`has a valid request for each of the ${commands} commands`, async () => {
      expect(commandsOf(service.sdk)).toHaveLength(commands);
      expect((await listed()).sort()).toEqual(commandsOf(service.sdk));
    });

    it("answers random bad and near-valid input to every command with a modelled error or a success, and a refusal changes nothing", { timeout: TIMEOUT }, () =>
      expectProperties(service, service.name, cases, running));
  });
}
