import { NormalizedSchema } from "@smithy/core/schema";
import { aws } from "aws-doubles/vitest";
import fc from "fast-check";
import { currentEngine, firstDifference, recordedCallCount, storedState } from "../support/engine-state.js";
import { inputSchemaOf } from "../support/fuzz.js";
import { BadInputs } from "./arbitraries.js";
import { nearValid } from "./mutations.js";
import { ONLY, REBUILD_EVERY, RUNS, seedFor } from "./settings.js";

/**
 * The three properties, for each command of a client:
 * 1. random bad input (from the command's SDK input schema) is answered with a modelled error
 *    of the service (the client's own exception class, with the HTTP status its model gives
 *    that error) or a success; never an aws-doubles defect, a TypeError, a RangeError, or an
 *    answer the SDK's deserializer cannot read;
 * 2. the same for near-valid input: a valid request with one member changed;
 * 3. a call the fake refuses changes nothing it stores (test/support/engine-state.ts).
 * The SDK's own serializer may refuse a value before the fake sees it: such a call never
 * reaches the fake (nothing is recorded), and it is not held against the fake unless the
 * error was raised inside aws-doubles.
 */
export interface ServiceUnderTest {
  /** For messages: "Glue". */
  name: string;
  /** The client package's exports (`import * as sdk from "@aws-sdk/client-glue"`). */
  sdk: Record<string, unknown>;
  client: { send(command: never): Promise<unknown> };
  /** The client's base exception class (`GlueServiceException`): every modelled error extends it. */
  baseException: abstract new (...args: never[]) => Error;
}

export interface CommandCase {
  operation: string;
  /** A valid request in the world the test built. */
  valid: Record<string, unknown>;
  /** For creates: the member naming the new resource, given a fresh value when the input keeps the valid one. */
  freshName?: { member: string; make: (attempt: number) => string };
}

type Outcome = "ok" | "refused" | "local";

export interface Tally {
  calls: number;
  ok: number;
  refused: number;
  local: number;
}

/** A value as a failure report shows it: long strings by length, cycles and odd values by name. */
export function describeValue(value: unknown, limit = 600): string {
  const seen = new WeakSet<object>();
  let text: string;
  try {
    text = JSON.stringify(value, (_key, member: unknown) => {
      if (typeof member === "string" && member.length > 60) return `<string of ${member.length}: ${JSON.stringify(member.slice(0, 24))}…>`;
      if (typeof member === "bigint") return `<bigint ${member}>`;
      if (typeof member === "symbol") return `<${String(member)}>`;
      if (typeof member === "number" && !Number.isFinite(member)) return `<${member}>`;
      if (member === undefined) return "<undefined>";
      if (member instanceof Uint8Array) return `<${member.length} bytes>`;
      if (member instanceof Map) return `<Map of ${member.size}>`;
      if (Array.isArray(member) && member.length > 8) return [...member.slice(0, 3), `<… ${member.length} items>`];
      if (typeof member === "object" && member !== null) {
        if (seen.has(member)) return "<cycle or shared>";
        seen.add(member);
        for (const key of Object.keys(member)) {
          const descriptor = Object.getOwnPropertyDescriptor(member, key);
          if (descriptor && !("value" in descriptor)) return { ...Object.fromEntries(Object.keys(member).filter((k) => k !== key).map((k) => [k, "…"])), [key]: "<getter>" };
        }
      }
      return member;
    });
  } catch (error) {
    text = `<unprintable: ${(error as Error).message}>`;
  }
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/**
 * Warnings the process emitted (`process.emitWarning`): a library inside the fake that warns
 * about a caller's input prints to the user's test output, which AWS never does. Each call
 * waits a turn of the event loop before it resolves, so a warning its handling emitted is in
 * here by the time the call is judged.
 */
const warnings: string[] = [];
process.on("warning", (warning) => warnings.push(`${warning.name}: ${warning.message}`));

/** What a library inside the fake printed with console.* while a call was being answered (the same concern). */
let answering = false;
for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    if (answering) warnings.push(`console.${method}: ${args.map(String).join(" ").slice(0, 200)}`);
    else original(...args);
  };
}

/** Sends calls and judges each answer; keeps the stored state between calls to check refusals. */
export class Checker {
  readonly tally: Tally = { calls: 0, ok: 0, refused: 0, local: 0 };
  /** Commands whose valid request the fake refused (in the world the test built). */
  readonly validRefused: string[] = [];
  /** How many commands were checked. */
  commands = 0;
  private known: string | undefined;
  private readonly modelled: Set<string>;
  private readonly statusOf = new Map<string, number>();
  private attempt = 0;

  constructor(private readonly service: ServiceUnderTest) {
    this.modelled = new Set(
      Object.keys(service.sdk)
        .filter((key) => key.endsWith("$") && Array.isArray(service.sdk[key]) && (service.sdk[key] as unknown[])[0] === -3)
        .map((key) => key.slice(0, -1)),
    );
  }

  /** The HTTP status the model gives an error: its @httpError, else 400 for a client fault and 500 for a server fault. */
  private modelStatus(name: string): number {
    let status = this.statusOf.get(name);
    if (status === undefined) {
      const traits = NormalizedSchema.of(this.service.sdk[`${name}$`] as Parameters<typeof NormalizedSchema.of>[0]).getMergedTraits() as { error?: string; httpError?: number };
      status = traits.httpError ?? (traits.error === "server" ? 500 : 400);
      this.statusOf.set(name, status);
    }
    return status;
  }

  private noWarnings(operation: string): void {
    if (warnings.length === 0) return;
    const emitted = warnings.splice(0).join("; ");
    throw new Error(`${operation} printed to the caller's test output (a process warning or console output): ${emitted.slice(0, 300)}`);
  }

  /** Forget what is known of the stored state (the test changed it outside a call). */
  invalidate(): void {
    this.known = undefined;
  }

  /** A fresh resource name for creates that keep the valid one, so each attempt can succeed. */
  prepare(command: CommandCase, input: Record<string, unknown>): Record<string, unknown> {
    const fresh = command.freshName;
    if (!fresh || input[fresh.member] !== command.valid[fresh.member]) return input;
    return { ...input, [fresh.member]: fresh.make(++this.attempt) };
  }

  /** Sends one call; returns what came of it, or throws an Error describing how the fake misbehaved. */
  async send(operation: string, input: Record<string, unknown>): Promise<Outcome> {
    const Command = this.service.sdk[`${operation}Command`] as new (input: unknown) => never;
    this.known ??= storedState();
    warnings.length = 0;
    const recordedBefore = recordedCallCount();
    this.tally.calls++;
    answering = true;
    try {
      await this.service.client.send(new Command(input));
    } catch (error) {
      answering = false;
      const reached = recordedCallCount() > recordedBefore;
      const e = error as Error & { $metadata?: { httpStatusCode?: number } };
      const name = typeof e?.name === "string" ? e.name : String(error);
      const message = typeof e?.message === "string" ? e.message.slice(0, 300) : "";
      if (!reached) {
        // Never reached the fake's answer: the SDK refused the value (fine), unless aws-doubles raised it.
        if (/^AwsDoubles/.test(name) || /[\\/]dist[\\/](engine|services|intercept|protocol|runners)[\\/]/.test(String(e?.stack))) {
          this.known = undefined; // whatever the fake did before it failed is unknown
          throw new Error(`${operation} failed inside aws-doubles with ${name}: ${message}`);
        }
        this.tally.local++;
        return "local";
      }
      // What the fake stores now: the state the next call starts from, whatever is wrong with this answer.
      const before = this.known;
      const after = storedState();
      this.known = after;
      const status = e.$metadata?.httpStatusCode;
      if (!(error instanceof this.service.baseException) || !this.modelled.has(name)) {
        throw new Error(`${operation} was answered with ${name} (HTTP ${String(status)}), not a modelled ${this.service.name} error: ${message}`);
      }
      if (status !== this.modelStatus(name)) {
        throw new Error(`${operation} was answered with ${name} with HTTP ${String(status)}; the model gives ${name} HTTP ${this.modelStatus(name)}: ${message}`);
      }
      this.noWarnings(operation);
      if (after !== before) {
        throw new Error(`${operation} refused the call with ${name} ("${message.slice(0, 160)}") but changed the stored state ${firstDifference(before, after)}`);
      }
      this.tally.refused++;
      return "refused";
    }
    answering = false;
    this.tally.ok++;
    this.known = undefined;
    this.noWarnings(operation);
    // Keep the live set small: successful starts would otherwise pile up runs for every later snapshot.
    if (currentEngine().lifecycles.running().length > 40) aws.settle();
    return "ok";
  }
}

export interface CheckOptions {
  /**
   * Commands whose valid requests start something that runs, sent after each world is built
   * (except when the command itself is checked: its world is built without its run).
   */
  running?: readonly string[];
}

/** One generated case: the input, the member a near-valid input changed, and whether a create gets a fresh name. */
interface Case {
  input: Record<string, unknown>;
  change?: string;
  freshName: boolean;
}

export interface PropertyFailure {
  operation: string;
  property: "bad input" | "near-valid input";
  report: string;
}

/**
 * Runs properties 1 and 2 (and 3 on every refusal) for each command; returns what failed, per
 * command. `setup` builds the world the commands' valid requests are valid in (after a reset);
 * it is built again every few commands (before every command in the full run), so that what
 * the calls of one command accepted (deleted a resource, filled a table) does not shape the
 * cases of many later ones, and the state a snapshot walks stays small.
 */
export async function checkCommands(service: ServiceUnderTest, setup: () => Promise<CommandCase[]>, checker = new Checker(service), options: CheckOptions = {}): Promise<PropertyFailure[]> {
  const bad = new BadInputs();
  const failures: PropertyFailure[] = [];
  const running = options.running ?? [];
  const fresh = async (without?: string): Promise<CommandCase[]> => {
    aws.reset();
    const cases = await setup();
    // Reads move runs (the world builders may leave transitions manual): a refused read must move nothing.
    aws.configure({ transitions: "poll" });
    // Something running, for the reads to observe (the worlds are settled).
    for (const operation of running.filter((name) => name !== without)) {
      const Command = service.sdk[`${operation}Command`] as new (input: unknown) => never;
      await service.client.send(new Command(cases.find((command) => command.operation === operation)!.valid));
    }
    checker.invalidate();
    acceptedAtBuild = checker.tally.ok;
    return cases;
  };
  /** How many calls had been accepted when the world was last built: more since, and the world is not as built. */
  let acceptedAtBuild = 0;
  let commands = await fresh();
  const operations = commands.map((command) => command.operation).filter((operation) => ONLY === undefined || ONLY.has(operation));
  for (const [index, operation] of operations.entries()) {
    // A command that starts one of the runs the world is built with would find its own run in
    // progress (a second run refused, an update of a resource still deploying): its world is
    // built again without that run, so that its valid request can be accepted.
    if (running.includes(operation)) commands = await fresh(operation);
    else if (index > 0 && index % REBUILD_EVERY === 0) commands = await fresh();
    let command = commands.find((candidate) => candidate.operation === operation)!;
    checker.commands++;
    const schema = inputSchemaOf(service.sdk, command.operation);
    const seed = seedFor(command.operation);
    // A near-valid input of a create keeps the valid request's name half of the time (so it
    // meets the resource the valid request made: a conflict, an idempotent replay, a mismatch),
    // and gets a fresh name otherwise (so the create can succeed with the change).
    // Where the command takes an idempotency token, the valid request carries a fixed one, and
    // so does half of the near-valid inputs (unless the change is to the token): a changed
    // request with the token of another is the service's mismatch error (and must store
    // nothing); an unchanged one replays. The other half get a token of the SDK's own.
    const tokenMember = [...schema.structIterator()].find(([, member]) => member.isIdempotencyToken())?.[0];
    const token = `property-token-${command.operation}`;
    const withToken = (input: Record<string, unknown>, fixed: boolean): Record<string, unknown> =>
      fixed && tokenMember !== undefined && !Object.hasOwn(input, tokenMember) ? { ...input, [tokenMember]: token } : input;
    // The valid request itself first: answered as the properties require, and noted when the
    // fake refuses it (a near-valid input then starts from a refusal: still checked, less deep).
    // Earlier commands of the same world may have changed what it is valid in (deleted, added
    // an odd partition): a refusal there is sent again in a world built afresh.
    try {
      let outcome = await checker.send(command.operation, withToken(command.valid, true));
      if (outcome !== "ok" && checker.tally.ok > acceptedAtBuild) {
        commands = await fresh(running.includes(operation) ? operation : undefined);
        command = commands.find((candidate) => candidate.operation === operation)!;
        outcome = await checker.send(command.operation, withToken(command.valid, true));
      }
      if (outcome !== "ok") checker.validRefused.push(command.operation);
    } catch (error) {
      failures.push({ operation: command.operation, property: "near-valid input", report: `${service.name}.${command.operation} (its valid request): ${(error as Error).message}\n    input: ${describeValue(command.valid)}` });
    }
    const runs: Array<[PropertyFailure["property"], fc.Arbitrary<Case>, number]> = [
      ["bad input", bad.input(schema).map((input) => ({ input, freshName: false })), RUNS.bad],
      [
        "near-valid input",
        fc.tuple(nearValid(schema, command.valid, bad), fc.boolean(), fc.boolean()).map(([near, freshName, fixedToken]) => ({
          ...near,
          input: withToken(near.input, fixedToken),
          freshName: freshName && command.freshName !== undefined,
        })),
        RUNS.nearValid,
      ],
    ];
    for (const [property, arbitrary, numRuns] of runs) {
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async ({ input, freshName }) => {
          await checker.send(command.operation, freshName ? checker.prepare(command, input) : input);
        }),
        { numRuns, seed },
      );
      if (details.failed) {
        const [example] = (details.counterexample ?? []) as Case[];
        const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        failures.push({
          operation: command.operation,
          property,
          report: `${service.name}.${command.operation} (${property}${example?.change ? `, changed ${example.change}` : ""}${example?.freshName ? ", with a fresh name" : ""}): ${cause}\n    input: ${describeValue(example?.input)}\n    replay: seed ${details.seed}, path "${details.counterexamplePath ?? ""}"`,
        });
      }
    }
  }
  return failures;
}
