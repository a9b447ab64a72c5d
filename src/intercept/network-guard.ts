import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import https from "node:https";
import { AwsDoublesUsageError } from "../engine/errors.js";

/**
 * The last line of the promise that nothing reaches AWS while the fake is installed: an AWS
 * request that interception did not catch fails here, locally, before a socket opens. That
 * happens when a client comes from an SDK copy the patch could not see — one loaded after
 * `jest.resetModules()` or inside `jest.isolateModules()`, or bundled into the code under test —
 * whose calls would otherwise go to the real endpoint. SDK clients send through Node's
 * `http.request`/`https.request` (looked up on the module at each request), so those two are
 * wrapped while installed and put back by restore().
 *
 * What counts as an AWS request: SigV4-signed (an `authorization` header starting `AWS4-`) or
 * sent by an AWS SDK (its user agent). Calls the fake lets through on purpose (`onUnhandled:
 * "bypass"`) run inside `allowNetwork()`; other services' requests also pass under "bypass".
 */
const allowed = new AsyncLocalStorage<boolean>();

/** Runs `send` with AWS requests allowed (the "bypass" path of the fake middleware). */
export function allowNetwork<T>(send: () => T): T {
  return allowed.run(true, send);
}

/** Signing names of the services aws-doubles models: never let through un-faked. */
const MODELLED_SIGNING_NAMES = new Set(["glue", "imagebuilder", "omics", "proton"]);

interface GuardOptions {
  /** Whether requests to services aws-doubles does not model may go out (onUnhandled "bypass"). */
  bypassUnmodelled(): boolean;
}

type RequestFunction = typeof http.request;

function headerOf(options: unknown, name: string): string | undefined {
  const headers = (options as { headers?: Record<string, unknown> } | undefined)?.headers;
  if (!headers || typeof headers !== "object") return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(",") : String(value);
  }
  return undefined;
}

/** The SigV4 signing name (service) of a request, if it is an AWS request at all. */
function awsRequestService(options: unknown): string | undefined | null {
  const authorization = headerOf(options, "authorization");
  const agent = headerOf(options, "user-agent") ?? headerOf(options, "x-amz-user-agent") ?? "";
  if (!authorization?.startsWith("AWS4-") && !/aws-sdk-/.test(agent)) return null;
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  return scope?.[1];
}

function describeTarget(options: unknown): string {
  const o = options as { host?: string; hostname?: string; path?: string } | undefined;
  return `${o?.hostname ?? o?.host ?? "?"}${o?.path ?? ""}`;
}

export interface NetworkGuard {
  release(): void;
}

export function installNetworkGuard(options: GuardOptions): NetworkGuard {
  const originals: Array<[typeof http, "request" | "get", RequestFunction, RequestFunction]> = [];
  let active = true;
  for (const module of [http, https] as Array<typeof http>) {
    for (const name of ["request", "get"] as const) {
      const original = module[name] as RequestFunction;
      const guarded = function (this: unknown, ...args: Parameters<RequestFunction>) {
        if (active && !allowed.getStore()) {
          const requestOptions = typeof args[0] === "object" && !(args[0] instanceof URL) ? args[0] : args[1];
          const service = awsRequestService(requestOptions);
          if (service !== null && (MODELLED_SIGNING_NAMES.has(service ?? "") || !options.bypassUnmodelled())) {
            throw new AwsDoublesUsageError(
              `aws-doubles is installed but did not intercept this AWS request (${describeTarget(requestOptions)}), so it was stopped before leaving the process. ` +
                "Its client comes from an SDK copy interception cannot see (one loaded after jest.resetModules() or in jest.isolateModules(), or bundled): " +
                "pass the client or its class to aws.attach(client) (or mockAws({ clients: [...] })) so the fake answers it.",
            );
          }
        }
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as RequestFunction;
      originals.push([module, name, original, guarded]);
      (module as unknown as Record<string, unknown>)[name] = guarded;
    }
  }
  return {
    release() {
      // If another tool wrapped these after us, ours stays in its chain, disarmed.
      active = false;
      for (const [module, name, original, guarded] of originals) {
        if (module[name] === guarded) (module as unknown as Record<string, unknown>)[name] = original;
      }
    },
  };
}
