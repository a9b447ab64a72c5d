import type { RecordedCall } from "./engine/calls.js";
import type { Clock } from "./engine/clock.js";
import { AwsDoublesUsageError } from "./engine/errors.js";
import type { Engine } from "./engine/engine.js";
import type { Fault } from "./engine/faults.js";
import { DEFAULT_TOKEN_TTL_MS } from "./engine/idempotency.js";
import type { LifecycleRule, RuleWhere, TransitionMode } from "./engine/lifecycle/engine.js";
import { credentialsFor, type FakeCredentials } from "./intercept/accounts.js";
import { applyFakeEnv } from "./intercept/env.js";
import { installNetworkGuard } from "./intercept/network-guard.js";
import { HANDLE_BRAND } from "./runners/matchers.js";
import { installInterceptor, type Interceptor } from "./intercept/patch.js";
import { undoAllInstantRetries } from "./intercept/retries.js";
import { checkedMessage, checkedOptions, checkedTimes, clientsOf, KNOWN_OPTIONS, resolveOptions, type MockAwsOptions, type OnUnhandled, type ResolvedOptions } from "./options.js";
import { sdkErrorNames } from "./engine/sdk.js";
import { validationErrorOf } from "./engine/service.js";
import type { LifecycleKind } from "./engine/service.js";
import type { LifecycleKindAttributes, LifecycleKindFailures, LifecycleKindName, LifecycleKindStates } from "./generated/lifecycle-kinds.js";
import { findServiceByName, hasOperation, lifecycleKinds, resolveServiceId, serviceIds, type ServiceId } from "./services/registry.js";
import { globalState, type Installation } from "./state.js";

/**
 * Controls for one kind of asynchronous resource; see aws.lifecycle(). The states each method
 * takes are the kind's own (string-literal types generated from the service definitions).
 */
export interface LifecycleControl<K extends LifecycleKindName = LifecycleKindName> {
  /**
   * Matching runs end in `state` (one of the kind's failure states) instead of succeeding,
   * after walking the success path up to `after` (default: the state before success). A run
   * never passes through its success state first (`after` naming it means the state before),
   * and a run whose success path does not pass `after` ends at once.
   */
  endsIn(state: LifecycleKindFailures[K], options?: { message?: string; after?: LifecycleKindStates[K]; times?: number }): LifecycleRule;
  /** Matching runs stop moving when they reach `state`, until release() or settle(). */
  staysIn(state: LifecycleKindStates[K], options?: { times?: number }): LifecycleRule;
  /** Matching runs need `readsPerStep` observing reads per step instead of one. */
  slow(readsPerStep: number, options?: { times?: number }): LifecycleRule;
}

/** Which processes of kind K a rule applies to: attribute values to match, or a predicate. */
export type LifecycleWhere<K extends LifecycleKindName> =
  | Readonly<Partial<Record<LifecycleKindAttributes[K], unknown>>>
  | ((attributes: Readonly<Partial<Record<LifecycleKindAttributes[K], unknown>>>) => boolean);

/** A live process, as aws.running() reports it. */
export interface RunningProcess<K extends LifecycleKindName = LifecycleKindName> {
  kind: K;
  state: LifecycleKindStates[K];
  attributes: Readonly<Record<string, unknown>>;
}

/**
 * A service as failNext() and the matchers take it: the SDK's service id, or another spelling
 * a user sees (any letter case and spacing is accepted at run time).
 */
export type ServiceName =
  | ServiceId
  | "glue"
  | "AWS Glue"
  | "ImageBuilder"
  | "Imagebuilder"
  | "EC2 Image Builder"
  | "omics"
  | "HealthOmics"
  | "AWS HealthOmics"
  | "proton"
  | "AWS Proton";

/** Options that can change while the mock is installed (see AwsMock.configure). */
export type RuntimeOptions = Pick<MockAwsOptions, "accountId" | "onUnhandled" | "transitions" | "idempotencyTtlMs">;
const RUNTIME_OPTIONS: ReadonlySet<string> = new Set(["accountId", "onUnhandled", "transitions", "idempotencyTtlMs"]);

export interface FailNextOptions {
  /** A modelled error of the service; default: its throttling error. */
  error?: string;
  message?: string;
  /** How many calls fail (each SDK retry attempt is one call); default 1. */
  times?: number;
}

/** The handle mockAws() returns. */
export interface AwsMock {
  readonly accountId: string;
  readonly region: string;
  readonly clock: Clock;
  /** Forgets every resource, run, token, recorded call, fault and lifecycle rule; interception stays. */
  reset(): void;
  /** Uninstalls (when the last holder restores) and puts the environment back. */
  restore(): void;
  [Symbol.dispose](): void;
  /** The recorded calls, oldest first. */
  calls(): RecordedCall[];
  /** Runs every asynchronous resource still in progress to its end, synchronously. */
  settle(): void;
  /** Moves every asynchronous resource in progress one step (for transitions: "manual"). */
  step(): void;
  /** Test controls for a kind of asynchronous resource, e.g. aws.lifecycle("Glue.JobRun", { JobName: "etl" }). */
  lifecycle<K extends LifecycleKindName>(kind: K, where?: LifecycleWhere<K>): LifecycleControl<K>;
  /** The processes still in progress (diagnostics). */
  running<K extends LifecycleKindName>(kind?: K): RunningProcess<K>[];
  /** Makes the next call(s) of an operation fail ("*" for every operation of the service). */
  failNext(service: ServiceName, operation: string, options?: FailNextOptions): Fault;
  /** Credentials that make a client act in another account. */
  credentialsFor(accountId: string): FakeCredentials;
  /** Intercepts a client class or instance discovery cannot see (bundled or jest-reset SDK copies). */
  attach(clientOrClass: unknown): void;
  /** Changes options while installed; reset() goes back to the options given to mockAws(). */
  configure(options: RuntimeOptions): void;
}

/** In-process interception: installed while at least one mockAws() handle is open. */
interface Interception {
  interceptor: Interceptor;
  /** Open mockAws() handles: the last restore() removes interception. */
  holders: number;
  remove(): void;
}

/**
 * The fake while any front door is open (docs/decisions/0005-server-mode.md): `holders`
 * counts every open handle, mockAws() handles and servers alike; interception is present
 * only while a mockAws() handle is open. One engine serves both doors.
 */
interface ActiveInstallation extends Installation {
  interception: Interception | undefined;
  /** The options the fake was installed with; configure() changes `options`, reset() restores these. */
  initial: ResolvedOptions;
}

function currentInstallation(): ActiveInstallation {
  const installation = globalState().installation as ActiveInstallation | undefined;
  if (!installation) throw new AwsDoublesUsageError("aws-doubles is not installed: this mock was restored. Call mockAws() again.");
  return installation;
}

/** A lifecycle kind as a user may write it: "Glue.JobRun", "imagebuilder.image", "ImageBuilder.Image". */
function findLifecycleKind(kind: unknown): LifecycleKind {
  const known = lifecycleKinds();
  const exact = known.find((k) => k.kind === kind);
  if (exact) return exact;
  if (typeof kind === "string" && kind.includes(".")) {
    const [service, resource] = [kind.slice(0, kind.indexOf(".")), kind.slice(kind.indexOf(".") + 1).toLowerCase()];
    const serviceId = resolveServiceId(service);
    const match = known.find((k) => resolveServiceId(k.kind.slice(0, k.kind.indexOf("."))) === serviceId && k.kind.slice(k.kind.indexOf(".") + 1).toLowerCase() === resource);
    if (match) return match;
  }
  throw new AwsDoublesUsageError(`Unknown lifecycle kind ${JSON.stringify(kind)}. Known kinds: ${known.map((k) => k.kind).join(", ")}`);
}

function applyRuntime(engine: Engine, options: ResolvedOptions): void {
  engine.lifecycles.mode = options.transitions;
  engine.ledger.ttlMs = options.idempotencyTtlMs;
}

/** What a handle's restore() does besides releasing its hold (a server handle closes its server). */
export type HandleRelease = () => void;

class AwsMockHandle implements AwsMock {
  private restored = false;
  /** How matchers tell an aws-doubles handle from another library's stub. */
  readonly [HANDLE_BRAND] = true;

  /** `door`: which front door this handle holds open; servers pass how to close themselves. */
  constructor(private readonly door: "interception" | { close: HandleRelease } = "interception") {}

  get accountId(): string {
    return currentInstallation().options.accountId;
  }

  get region(): string {
    return currentInstallation().options.region;
  }

  get clock(): Clock {
    const clock = globalState().engine.clock;
    return { now: () => clock.now(), advance: (ms: number) => clock.advance(ms) };
  }

  reset(): void {
    const installation = currentInstallation();
    const engine = globalState().engine;
    engine.reset();
    installation.options = { ...installation.initial };
    applyRuntime(engine, installation.options);
  }

  restore(): void {
    if (this.restored) return;
    this.restored = true;
    if (this.door !== "interception") {
      this.door.close(); // the server releases its hold when it closes
      return;
    }
    const installation = globalState().installation as ActiveInstallation | undefined;
    if (!installation) return;
    const interception = installation.interception;
    if (interception && --interception.holders === 0) {
      interception.remove();
      installation.interception = undefined;
    }
    releaseHold();
  }

  [Symbol.dispose](): void {
    this.restore();
  }

  calls(): RecordedCall[] {
    return globalState().engine.calls.all();
  }

  settle(): void {
    currentInstallation();
    globalState().engine.lifecycles.settle();
  }

  step(): void {
    currentInstallation();
    globalState().engine.lifecycles.step();
  }

  lifecycle<K extends LifecycleKindName>(kindName: K, whereGiven?: LifecycleWhere<K>): LifecycleControl<K> {
    const kind: string = kindName;
    const where = whereGiven as RuleWhere | undefined;
    currentInstallation();
    const spec = findLifecycleKind(kind);
    if (where !== undefined && typeof where !== "function" && (where === null || typeof where !== "object" || Array.isArray(where))) {
      throw new AwsDoublesUsageError(`lifecycle(kind, where): where must be an object of attributes or a predicate function; got ${JSON.stringify(where)}`);
    }
    if (where && typeof where === "object") {
      const unknown = Object.keys(where).filter((key) => !spec.attributes.includes(key));
      if (unknown.length > 0) {
        throw new AwsDoublesUsageError(`${spec.kind} rules can match on ${spec.attributes.join(", ")}; not on ${unknown.join(", ")}`);
      }
    }
    const lifecycles = globalState().engine.lifecycles;
    const checkState = (state: string, allowed: readonly string[], what: string): void => {
      if (!allowed.includes(state)) throw new AwsDoublesUsageError(`${spec.kind} cannot ${what} ${JSON.stringify(state)}; choose one of: ${allowed.join(", ")}`);
    };
    return {
      endsIn(state, options = {}) {
        if (spec.failures.length === 0) {
          throw new AwsDoublesUsageError(`${spec.kind} has no failure outcome of its own, so endsIn() cannot apply; make one of its parts fail instead, or hold it with staysIn().`);
        }
        checkedOptions(options, ["message", "after", "times"], `${spec.kind} endsIn(state, options)`);
        checkState(state, spec.failures, "end in");
        checkedMessage(options.message, `${spec.kind} endsIn()`);
        if (options.after !== undefined) {
          // `after` is a state on the way to success: a failure outcome is never passed through.
          checkState(options.after, spec.states.filter((s) => !spec.failures.includes(s)), "fail after");
        }
        checkedTimes(options.times, `${spec.kind} endsIn()`);
        return lifecycles.addRule(spec.kind, where, { type: "end", state, message: options.message, after: options.after }, options.times);
      },
      staysIn(state, options = {}) {
        checkedOptions(options, ["times"], `${spec.kind} staysIn(state, options)`);
        checkState(state, spec.states, "stay in");
        checkedTimes(options.times, `${spec.kind} staysIn()`);
        return lifecycles.addRule(spec.kind, where, { type: "hold", state }, options.times);
      },
      slow(readsPerStep, options = {}) {
        checkedOptions(options, ["times"], `${spec.kind} slow(readsPerStep, options)`);
        if (!Number.isInteger(readsPerStep) || readsPerStep < 1) throw new AwsDoublesUsageError(`slow(readsPerStep) needs a whole number ≥ 1; got ${String(readsPerStep)}`);
        checkedTimes(options.times, `${spec.kind} slow()`);
        return lifecycles.addRule(spec.kind, where, { type: "slow", readsPerStep }, options.times);
      },
    };
  }

  running<K extends LifecycleKindName>(kind?: K): RunningProcess<K>[] {
    return globalState()
      .engine.lifecycles.running(kind === undefined ? undefined : findLifecycleKind(kind).kind)
      .map((p) => ({ kind: p.kind as K, state: p.state as LifecycleKindStates[K], attributes: p.attributes }));
  }

  failNext(service: ServiceName, operation: string, options: FailNextOptions = {}): Fault {
    currentInstallation();
    const definition = findServiceByName(service);
    if (!definition) throw new AwsDoublesUsageError(`Unknown service ${JSON.stringify(service)}. Modelled services: ${serviceIds().join(", ")} (any letter case; "ImageBuilder" works too).`);
    if (operation !== "*" && !hasOperation(definition, operation)) {
      throw new AwsDoublesUsageError(`${definition.serviceId} has no modelled operation ${JSON.stringify(operation)}: pass "*" for every operation, or one of its operation names (docs/coverage.md lists them), e.g. ${Object.keys(definition.operations).slice(0, 3).join(", ")}.`);
    }
    checkedOptions(options, ["error", "message", "times"], "failNext(service, operation, options)");
    checkedTimes(options.times, "failNext");
    checkedMessage(options.message, "failNext");
    const times = options.times ?? 1;
    if (options.error !== undefined) {
      const modelled = sdkErrorNames(definition.sdkPackage);
      const declared = operation === "*" ? [] : [...definition.operations[operation]!.errors, validationErrorOf(definition, definition.operations[operation])];
      const allowed = [...new Set([...declared, ...modelled, definition.errors.throttling, definition.errors.validation])].sort();
      if (typeof options.error !== "string" || !allowed.includes(options.error)) {
        throw new AwsDoublesUsageError(`failNext error must be an error ${definition.serviceId} models; got ${JSON.stringify(options.error)}. Choose one of: ${allowed.join(", ")}`);
      }
    }
    return globalState().engine.faults.add({
      service: definition.serviceId,
      operation,
      times,
      ...(options.error !== undefined ? { error: options.error } : {}),
      ...(options.message !== undefined ? { message: options.message } : {}),
    });
  }

  credentialsFor(accountId: string): FakeCredentials {
    return credentialsFor(accountId);
  }

  attach(clientOrClass: unknown): void {
    const interception = currentInstallation().interception;
    if (!interception) {
      throw new AwsDoublesUsageError("In-process interception is not installed (this fake is only served over HTTP by startServer()): call mockAws() to intercept clients in this process.");
    }
    interception.interceptor.attach(clientOrClass);
  }

  configure(options: RuntimeOptions): void {
    const installation = currentInstallation();
    checkedOptions(options, RUNTIME_OPTIONS, "configure(options) (region and instantRetries are fixed when mockAws() installs)");
    const merged = resolveOptions(
      {
        accountId: options.accountId ?? installation.options.accountId,
        region: installation.options.region,
        onUnhandled: (options.onUnhandled ?? installation.options.onUnhandled) as OnUnhandled,
        transitions: (options.transitions ?? installation.options.transitions) as TransitionMode,
        idempotencyTtlMs: options.idempotencyTtlMs ?? installation.options.idempotencyTtlMs,
        instantRetries: installation.options.instantRetries,
      },
      { ttlMs: DEFAULT_TOKEN_TTL_MS },
    );
    installation.options = { ...merged, regionExplicit: installation.options.regionExplicit };
    applyRuntime(globalState().engine, installation.options);
  }
}

/**
 * Installs the fake for every AWS SDK v3 client in the process (see the README). Calling it
 * again while installed returns another handle on the same fake; options given to a nested
 * call apply like configure() does. The last handle to restore() uninstalls.
 */
export function mockAws(options: MockAwsOptions = {}): AwsMock {
  const state = globalState();
  const existing = state.installation as ActiveInstallation | undefined;
  if (existing) {
    checkedOptions(options, KNOWN_OPTIONS, "mockAws(options)");
    const clients = clientsOf(options);
    const { clients: _clients, region, instantRetries, ...runtime } = options;
    // These are fixed at installation: a nested call cannot change them, so it must not seem to.
    if (region !== undefined && region !== existing.options.region) {
      throw new AwsDoublesUsageError(`aws-doubles is already installed with region ${existing.options.region}; a nested mockAws() cannot change it to ${region}. Give clients their own region, or restore() first.`);
    }
    if (instantRetries !== undefined && instantRetries !== existing.options.instantRetries) {
      throw new AwsDoublesUsageError(`aws-doubles is already installed with instantRetries: ${existing.options.instantRetries}; a nested mockAws() cannot change it. Use instantRetries(client) for one client, or restore() first.`);
    }
    const handle = new AwsMockHandle();
    if (Object.keys(runtime).length > 0) handle.configure(runtime);
    if (existing.interception) {
      existing.interception.holders++;
    } else {
      // Served by a server until now: interception starts, over the same engine and options.
      existing.interception = startInterception(existing.options.region, existing.options.regionExplicit, existing.options.instantRetries, []);
    }
    existing.holders++;
    for (const client of clients) existing.interception.interceptor.attach(client);
    return handle;
  }

  const resolved = resolveOptions(options, { ttlMs: DEFAULT_TOKEN_TTL_MS });
  const interception = startInterception(resolved.region, resolved.regionExplicit, resolved.instantRetries, clientsOf(options));
  installFake(resolved, interception);
  return new AwsMockHandle();
}

/** Fake environment and patched clients; undone by remove(). */
function startInterception(region: string, regionExplicit: boolean, instant: boolean, clients: readonly unknown[]): Interception {
  const env = applyFakeEnv(region, regionExplicit);
  const interceptor = installInterceptor({ instantRetries: instant });
  const guard = installNetworkGuard({ bypassUnmodelled: () => globalState().installation?.options.onUnhandled === "bypass" });
  try {
    for (const client of clients) interceptor.attach(client);
  } catch (error) {
    interceptor.detach();
    guard.release();
    env.restore();
    throw error;
  }
  return {
    interceptor,
    holders: 1,
    remove() {
      interceptor.detach();
      guard.release();
      undoAllInstantRetries();
      env.restore();
    },
  };
}

/** Installs the fake with a fresh engine state; the first holder is the caller. */
function installFake(resolved: ResolvedOptions, interception: Interception | undefined): ActiveInstallation {
  const state = globalState();
  state.engine.reset();
  state.engine.calls.limit = Number.POSITIVE_INFINITY; // a server that installs the fake bounds it
  applyRuntime(state.engine, resolved);
  const installation: ActiveInstallation = {
    holders: 1,
    options: resolved,
    initial: resolved,
    interception,
    uninstall() {
      installation.interception?.remove();
      installation.interception = undefined;
    },
  };
  state.installation = installation;
  return installation;
}

/** Releases one hold on the fake; the last one uninstalls it and forgets its state. */
function releaseHold(): void {
  const state = globalState();
  const installation = state.installation;
  if (!installation) return;
  installation.holders--;
  if (installation.holders > 0) return;
  installation.uninstall();
  state.installation = undefined;
  state.engine.reset();
}

/**
 * For the HTTP server (src/server): holds the process's fake open, installing it without
 * interception when no mockAws() handle has (a server does not patch clients or change the
 * environment), and returns a handle whose restore() closes the server. `release` gives the
 * hold back; call it once, when the server has closed.
 */
export function holdFakeForServer(options: MockAwsOptions, close: HandleRelease): { aws: AwsMock; release(): void } {
  const state = globalState();
  const existing = state.installation as ActiveInstallation | undefined;
  if (existing) {
    existing.holders++;
    const { clients: _clients, region: _region, instantRetries: _instant, ...runtime } = options;
    const handle = new AwsMockHandle({ close });
    if (Object.keys(runtime).length > 0) handle.configure(runtime);
    return { aws: handle, release: once(releaseHold) };
  }
  installFake(resolveOptions(options, { ttlMs: DEFAULT_TOKEN_TTL_MS }), undefined);
  return { aws: new AwsMockHandle({ close }), release: once(releaseHold) };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
