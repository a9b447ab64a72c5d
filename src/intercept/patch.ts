import Module, { createRequire } from "node:module";
import { join } from "node:path";
import { AwsDoublesUsageError } from "../engine/errors.js";
import { CredentialSwap } from "./credentials.js";
import { instantRetries } from "./retries.js";
import { fakeMiddleware, MIDDLEWARE_NAME, type SdkClientLike, type SendTicket } from "./middleware.js";

/**
 * How every SDK v3 client in the process is reached: through the `send` of the base Client
 * class that all of them inherit. There can be several copies of that class (CJS and ESM
 * builds, a second SDK version nested in node_modules), so each copy that can be found is
 * patched: the ones resolvable from here and from the working directory, the ones already in
 * require.cache, and, through a Module._load hook, the ones loaded later.
 */

interface Command {
  middlewareStack?: {
    add(middleware: unknown, options: Record<string, unknown>): void;
  };
}

type Send = (this: SdkClientLike, command: Command, optionsOrCb?: unknown, cb?: unknown) => unknown;

interface PatchedClass {
  proto: { send: Send };
  original: Send;
  hadOwnSend: boolean;
}

const PATCHED = Symbol.for("aws-doubles.patchedSend");

/** Request strings under which the SDK loads its base Client class. */
const CLIENT_MODULES = /^@smithy\/(smithy-client|core\/client)$/;
/** require.cache paths of those modules. */
const CLIENT_MODULE_FILES = /[\\/]@smithy[\\/](smithy-client[\\/]dist-cjs[\\/]index\.js|core[\\/]dist-cjs[\\/]submodules[\\/]client[\\/]index\.js)$/;

export interface Interceptor {
  /** Patches a client class or instance explicitly (for copies discovery cannot see). */
  attach(target: unknown): void;
  /** Undoes every patch, the load hook, and cached handlers that include the fake. */
  detach(): void;
}

export function installInterceptor(options: { instantRetries: boolean }): Interceptor {
  const patched: PatchedClass[] = [];
  const cachedHandlerClients = new Set<WeakRef<SdkClientLike & { handlers?: unknown }>>();
  const seenClients = new WeakSet<object>();
  const credentials = new CredentialSwap();

  /** Readies a send for the fake; returns its ticket (settled when the send ends), if faked. */
  function onSend(client: SdkClientLike & { handlers?: unknown }, command: Command): SendTicket | undefined {
    if (!command?.middlewareStack?.add) return undefined;
    const ticket: SendTicket = { settled: false };
    command.middlewareStack.add(fakeMiddleware(client, ticket), { step: "deserialize", priority: "low", name: MIDDLEWARE_NAME, override: true });
    credentials.apply(client as Parameters<CredentialSwap["apply"]>[0]);
    if (!seenClients.has(client)) {
      seenClients.add(client);
      // With cacheMiddleware, handlers resolved before mockAws() lack the fake: drop them.
      if ((client.config as { cacheMiddleware?: boolean } | undefined)?.cacheMiddleware) {
        delete client.handlers;
        cachedHandlerClients.add(new WeakRef(client));
      }
      if (options.instantRetries) {
        try {
          instantRetries(client);
        } catch {
          // not a standard client config: leave its retries alone
        }
      }
    }
    return ticket;
  }

  function patchProto(proto: { send?: unknown } | null | undefined): void {
    if (!proto || typeof proto.send !== "function") return;
    const current = proto.send as Send & { [PATCHED]?: boolean };
    if (current[PATCHED]) return;
    const original = current;
    const hadOwnSend = Object.prototype.hasOwnProperty.call(proto, "send");
    const send: Send & { [PATCHED]?: boolean } = function (this: SdkClientLike, command, optionsOrCb, cb) {
      const ticket = onSend(this, command);
      if (!ticket) return original.call(this, command, optionsOrCb, cb);
      // The ticket tells the fake whether this send is still in flight (see fakeMiddleware).
      const settle = () => {
        ticket.settled = true;
      };
      const callback = typeof optionsOrCb === "function" ? optionsOrCb : typeof cb === "function" ? cb : undefined;
      if (callback) {
        const wrapped = (...results: unknown[]) => {
          settle();
          return (callback as (...r: unknown[]) => unknown)(...results);
        };
        return typeof optionsOrCb === "function" ? original.call(this, command, wrapped) : original.call(this, command, optionsOrCb, wrapped);
      }
      const result = original.call(this, command, optionsOrCb, cb) as Promise<unknown> | undefined;
      result?.then?.(settle, settle);
      return result;
    };
    send[PATCHED] = true;
    (proto as { send: Send }).send = send;
    patched.push({ proto: proto as { send: Send }, original, hadOwnSend });
  }

  /** Patches the prototype that owns `send` in the chain of a class or an instance. */
  function attach(target: unknown): void {
    let proto: unknown = typeof target === "function" ? (target as { prototype?: unknown }).prototype : target;
    while (proto && typeof proto === "object") {
      if (Object.prototype.hasOwnProperty.call(proto, "send")) {
        patchProto(proto as { send: unknown });
        return;
      }
      proto = Object.getPrototypeOf(proto);
    }
    throw new AwsDoublesUsageError("aws-doubles cannot intercept this value: pass an AWS SDK v3 client class or client instance");
  }

  function patchModuleExports(exports: unknown): void {
    const Client = (exports as { Client?: unknown } | null | undefined)?.Client;
    if (typeof Client === "function") patchProto((Client as { prototype?: { send?: unknown } }).prototype);
  }

  // 1. Copies resolvable from aws-doubles and from the project.
  for (const base of [__filename, join(process.cwd(), "noop.js")]) {
    const req = createRequire(base);
    for (const id of ["@smithy/core/client", "@smithy/smithy-client"]) {
      try {
        patchModuleExports(req(id));
      } catch {
        // not installed there
      }
    }
  }
  // 2. Copies already loaded (a second SDK version nested under another package).
  for (const [file, cached] of Object.entries(require.cache)) {
    if (CLIENT_MODULE_FILES.test(file)) patchModuleExports(cached?.exports);
  }
  // 3. Copies loaded from now on.
  const moduleInternals = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const originalLoad = moduleInternals._load;
  let hookActive = true;
  const hook = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    const exports = originalLoad.call(this, request, parent, isMain);
    if (hookActive && typeof request === "string" && (CLIENT_MODULES.test(request) || CLIENT_MODULE_FILES.test(request))) patchModuleExports(exports);
    return exports;
  };
  moduleInternals._load = hook;

  return {
    attach,
    detach() {
      for (const { proto, original, hadOwnSend } of patched.reverse()) {
        if (hadOwnSend) proto.send = original;
        else delete (proto as { send?: Send }).send;
      }
      patched.length = 0;
      // If another tool wrapped Module._load after us, ours must stay in its chain: disarm it.
      hookActive = false;
      if (moduleInternals._load === hook) moduleInternals._load = originalLoad;
      for (const ref of cachedHandlerClients) delete ref.deref()?.handlers;
      cachedHandlerClients.clear();
      credentials.undo();
    },
  };
}
