import type { Engine } from "./engine.js";
import { AwsDoublesUsageError } from "./errors.js";

/**
 * Stand-ins: what a test declares for work AWS does with code or data the fake cannot see — a
 * Glue blueprint's layout script, what a crawl finds, what a session statement prints, the
 * outcomes of a data-quality evaluation, the content of an imported genomics file. Every
 * service offers them in one shape (see docs/decisions/0004-stand-ins.md):
 *
 *   register<Thing>(key, standIn, options?)   // aws-doubles/<service>
 *   unregister<Thing>(key): boolean
 *
 * - `key` names what the stand-in answers for (a blueprint, a crawler, a ruleset…); "*" answers
 *   for every key without a registration of its own.
 * - `standIn` is the answer itself, or a function `(request, context) => answer` that the fake
 *   calls, synchronously, when AWS would run the work. What the function throws becomes the
 *   failure AWS would report for that work (a run FAILED, a statement ERROR, …), with its message.
 * - Registrations hold in every account and region until aws.reset() (the vitest and jest
 *   setups reset before each test); registering a key again replaces its stand-in.
 * - Without one, each service documents what the work produces.
 */

/** What a stand-in function learns about the work it stands in for. */
export interface StandInContext {
  /** The key the stand-in was found under (or the first key asked for, when "*" answered). */
  key: string;
  accountId: string;
  region: string;
  /** The virtual clock's time when the work runs. */
  now: Date;
}

/** `Context`: what else a family tells its stand-ins (a blueprint run's id, a crawler's targets…). */
export type StandInFunction<Request, Answer, Context = object> = (request: Request, context: StandInContext & Context) => Answer;

/** An answer, or a function producing one from the request. */
export type StandIn<Request, Answer, Context = object> = Answer | StandInFunction<Request, Answer, Context>;

interface Registration<Request, Answer, Extra, Context> {
  standIn: StandIn<Request, Answer, Context>;
  extra: Extra | undefined;
}

/** What asking for a stand-in gave: nothing registered, an answer, or the failure to report. */
export type StandInOutcome<Answer, Extra = undefined> =
  | { kind: "none" }
  | { kind: "answer"; answer: Answer; key: string; extra: Extra | undefined }
  | {
      kind: "failed";
      message: string;
      /** Whether the stand-in function threw (`message` is then its own), rather than its answer being refused. */
      threw: boolean;
      key: string;
      extra: Extra | undefined;
    };

/** The wildcard key: answers for every key that has no registration of its own. */
export const ANY_KEY = "*";

/**
 * One family of stand-ins (e.g. "glue.crawlFindings"), kept as engine test state so that
 * aws.reset() forgets it. `what` names the family in messages ("Glue crawl finding").
 */
export class StandInFamily<Request, Answer, Extra = undefined, Context extends object = object> {
  constructor(
    private readonly id: string,
    private readonly what: string,
    /** The answer's shape as a person would write it, for messages: "{ Workflow, Jobs?, … }". */
    private readonly answerShape: string,
    /** Whether a plain value (not a function) is a valid stand-in; default: any non-undefined value. */
    private readonly acceptsValue: (value: unknown) => boolean = (value) => value !== undefined,
  ) {}

  private table(engine: Engine): Map<string, Registration<Request, Answer, Extra, Context>> {
    return engine.extension(`standIns:${this.id}`, () => new Map<string, Registration<Request, Answer, Extra, Context>>());
  }

  register(engine: Engine, key: string, standIn: StandIn<Request, Answer, Context>, extra?: Extra): void {
    if (typeof key !== "string" || key === "") throw new AwsDoublesUsageError(`A ${this.what} needs a non-empty key (or "${ANY_KEY}" for every key); got ${JSON.stringify(key)}.`);
    if (typeof standIn !== "function" && !this.acceptsValue(standIn)) {
      throw new AwsDoublesUsageError(`A ${this.what} for ${key} must be ${this.answerShape}, or a function (request, context) => ${this.answerShape}; got ${describe(standIn)}.`);
    }
    this.table(engine).set(key, { standIn, extra });
  }

  unregister(engine: Engine, key: string): boolean {
    return this.table(engine).delete(key);
  }

  /** The registration for the first of `keys` that has one, else the wildcard's. */
  find(engine: Engine, keys: readonly string[]): { key: string; registration: Registration<Request, Answer, Extra, Context> } | undefined {
    const table = this.table(engine);
    for (const key of keys) {
      const registration = table.get(key);
      if (registration) return { key, registration };
    }
    const any = table.get(ANY_KEY);
    return any ? { key: keys[0] ?? ANY_KEY, registration: any } : undefined;
  }

  /** Extra registration data (e.g. a blueprint's parameter specification) for a key. */
  extraFor(engine: Engine, keys: readonly string[]): Extra | undefined {
    return this.find(engine, keys)?.registration.extra;
  }

  /**
   * Runs the stand-in for the first of `keys` that has one. A function's throw, or a Promise
   * (stand-ins run synchronously, inside the request), becomes `failed` with a message a
   * person can act on; `check` may refuse an answer's shape the same way (return a reason).
   */
  resolve(
    engine: Engine,
    keys: readonly string[],
    request: Request,
    where: { accountId: string; region: string } & Context,
    check?: (answer: unknown) => string | undefined,
  ): StandInOutcome<Answer, Extra> {
    const found = this.find(engine, keys);
    if (!found) return { kind: "none" };
    const { key, registration } = found;
    const context = { ...where, key, now: engine.clock.now() } as StandInContext & Context;
    let answer: unknown;
    try {
      answer = typeof registration.standIn === "function" ? (registration.standIn as StandInFunction<Request, Answer, Context>)(request, context) : registration.standIn;
    } catch (error) {
      return { kind: "failed", message: error instanceof Error ? error.message : String(error), threw: true, key, extra: registration.extra };
    }
    if (answer instanceof Promise) {
      // Swallow its outcome so an async stand-in that rejects is not an unhandled rejection.
      answer.catch(() => undefined);
      return { kind: "failed", message: `The ${this.what} for ${key} returned a Promise: register a synchronous function (not async) or a plain answer.`, threw: false, key, extra: registration.extra };
    }
    const problem = check?.(answer);
    if (problem !== undefined) return { kind: "failed", message: `The ${this.what} for ${key} ${problem}`, threw: false, key, extra: registration.extra };
    return { kind: "answer", answer: answer as Answer, key, extra: registration.extra };
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  return typeof value === "object" ? (Array.isArray(value) ? "an array" : "an object of the wrong shape") : `a ${typeof value}`;
}
