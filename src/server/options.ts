import { AwsDoublesUsageError } from "../engine/errors.js";
import { checkedOptions, type MockAwsOptions } from "../options.js";

/** Options of startServer() and `aws-doubles serve`. */
export interface ServerOptions extends Pick<MockAwsOptions, "accountId" | "region" | "transitions" | "idempotencyTtlMs"> {
  /** TCP port; 0 (default for startServer) picks a free one. The CLI's default is 4577. */
  port?: number;
  /**
   * Address to listen on (default "127.0.0.1": loopback only). Anything else exposes an
   * unauthenticated fake to the network: give it explicitly, and only on machines you trust.
   */
  host?: string;
  /** Largest request body read, in bytes (default 10 MiB, API Gateway's limit); larger ones get HTTP 413. */
  maxBodyBytes?: number;
  /**
   * How many recorded calls the fake keeps (default 10,000; the oldest are forgotten), so a
   * long-running server's memory stays flat. Applies when the server installs the fake; a
   * server joining an installed mockAws() keeps that log as it is unless this is given.
   */
  maxRecordedCalls?: number;
}

export interface ResolvedServerOptions {
  port: number;
  host: string;
  maxBodyBytes: number;
  maxRecordedCalls: number | undefined;
}

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_CLI_PORT = 4577;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_RECORDED_CALLS = 10_000;

const KNOWN_SERVER_OPTIONS: ReadonlySet<string> = new Set(["accountId", "region", "transitions", "idempotencyTtlMs", "port", "host", "maxBodyBytes", "maxRecordedCalls"]);

/**
 * startServer()'s options checked as mockAws() checks its own: a wrong value or an unknown name
 * (a typo such as `maxBodySize`, which would otherwise quietly give the default) is an
 * AwsDoublesUsageError saying what to give instead.
 */
export function resolveServerOptions(options: ServerOptions): ResolvedServerOptions {
  checkedOptions(options, KNOWN_SERVER_OPTIONS, "startServer(options)");
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AwsDoublesUsageError(`startServer({ port }) must be a whole number from 0 to 65535; got ${String(options.port)}`);
  const host = options.host ?? DEFAULT_HOST;
  if (typeof host !== "string" || host.trim() === "") throw new AwsDoublesUsageError(`startServer({ host }) must be a host name or address; got ${JSON.stringify(options.host)}`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new AwsDoublesUsageError(`startServer({ maxBodyBytes }) must be a positive whole number; got ${String(options.maxBodyBytes)}`);
  const maxRecordedCalls = options.maxRecordedCalls;
  if (maxRecordedCalls !== undefined && (!Number.isInteger(maxRecordedCalls) || maxRecordedCalls < 1)) {
    throw new AwsDoublesUsageError(`startServer({ maxRecordedCalls }) must be a positive whole number; got ${String(maxRecordedCalls)}`);
  }
  return { port, host, maxBodyBytes, maxRecordedCalls };
}

/** The URL clients use: a wildcard address is reached on loopback; IPv6 literals get brackets. */
export function urlFor(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}
