import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { AwsDoublesUsageError } from "../engine/errors.js";

interface RetryConfig {
  retryStrategy?: () => Promise<unknown>;
  maxAttempts?: () => Promise<number>;
}

interface ClientLike {
  config?: RetryConfig;
}

const originals = new WeakMap<object, RetryConfig["retryStrategy"]>();
const touched = new Set<WeakRef<ClientLike>>();

/**
 * Makes a client's retries wait 0 ms, keeping its number of attempts: a throttled call is
 * still retried (and `$metadata.attempts` still counts), it just does not sleep between
 * attempts. The SDK reads `config.retryStrategy` on every send, so this works on clients
 * built long before. `undoInstantRetries` (and restore()) put the original strategy back.
 */
export function instantRetries<C>(client: C): C {
  const config = (client as ClientLike | undefined)?.config;
  if (!config || typeof config.retryStrategy !== "function") {
    throw new AwsDoublesUsageError("instantRetries(client) needs an AWS SDK v3 client (an object with config.retryStrategy)");
  }
  if (originals.has(config)) return client;
  originals.set(config, config.retryStrategy);
  touched.add(new WeakRef(client as ClientLike));
  const maxAttempts = config.maxAttempts;
  // A fresh strategy per send: a shared one would drain its retry-token bucket across tests.
  config.retryStrategy = async () => new ConfiguredRetryStrategy(maxAttempts ? await maxAttempts() : 3, 0);
  return client;
}

export function undoInstantRetries(client: unknown): void {
  const config = (client as ClientLike | undefined)?.config;
  if (!config) return;
  const original = originals.get(config);
  if (!original) return;
  config.retryStrategy = original;
  originals.delete(config);
}

/** Puts back every client's original retry strategy. */
export function undoAllInstantRetries(): void {
  for (const ref of touched) {
    const client = ref.deref();
    if (client) undoInstantRetries(client);
  }
  touched.clear();
}
