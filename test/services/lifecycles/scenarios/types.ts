/**
 * One scenario per lifecycle kind of every service: the call that starts a resource of that
 * kind, the observing read a program polls it with, a read the service rejects, and the calls
 * that change it while it runs. The lifecycle tests drive every kind through these, so a rule
 * about reads is pinned for all kinds at once (and a kind without a scenario fails them).
 *
 * The scenarios only use calls that do not observe the resource between the call under test
 * and its reads: an id needed later is taken from the starting call's response.
 */

/** What a read shows once the resource is gone (a completed deletion). */
export const GONE = "(gone)";

/** A resource in progress, as a program polls it. */
export interface Tracked {
  /** An observing read (one request): the state it shows. */
  read(): Promise<string>;
  /**
   * An observing read the service rejects (a bad page token, an invalid member). Where the
   * service has one, a read that observes the resource before it rejects the request.
   */
  rejectedRead(): Promise<unknown>;
}

/** A call that changes a running resource, and what the reads after it show. */
export interface Change {
  call: string;
  /** The resource the call changes. */
  tracked: Tracked;
  /** What the reads made before the call show (they bring it to the state the call acts on). */
  before: readonly string[];
  act(): Promise<void>;
  /** What the first read after the call shows: the state the call left. */
  leaves: string;
  /** What the read after that shows: the first read moved it on. */
  next: string;
}

export interface Started {
  tracked: Tracked;
  /** Changes, each acting on a resource of its own (a test runs one per fresh start). */
  changes?: ReadonlyArray<() => Promise<Change>>;
}

export interface KindScenario {
  kind: string;
  /**
   * What successive reads show on the success path: the first is the state the starting call
   * left, the last the end. Of a composite run, the whole; its parts move on each read too.
   */
  path: readonly string[];
  /** The observing read the path is read with. */
  readWith: string;
  /** A run made of parts (see docs/lifecycles.md): reads grow with the depth of its graph. */
  composite?: boolean;
  /** The calls that change it, in the order start() returns them. */
  changes?: readonly string[];
  /** Creates what the kind needs (in poll mode; everything is settled before start()). */
  prepare(): Promise<void>;
  /**
   * The call that starts it. `mode` is the transitions mode in force: a kind another process
   * starts (a run's tasks) moves that process on as the mode does (reads, or aws.step()).
   */
  start(mode: "poll" | "manual"): Promise<Started>;
}

/** A well-formed page token no list ever issued. */
export const garbage = "bm90LWEtdG9rZW4";

export async function stateOf<T>(read: () => Promise<T>, pick: (value: T) => string | undefined): Promise<string> {
  try {
    return pick(await read()) ?? "(none)";
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException") return GONE;
    throw error;
  }
}
