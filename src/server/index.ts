import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { holdFakeForServer, type AwsMock } from "../mock.js";
import { writeRequestError } from "../protocol/request-errors.js";
import { requestId as newRequestId } from "../engine/ids.js";
import { globalState } from "../state.js";
import { answerAwsRequest, protocolOfRequest, splitTarget } from "./aws-door.js";
import { CONTROL_PREFIX, ControlApi } from "./control.js";
import { renderDashboard } from "./dashboard/page.js";
import { DEFAULT_MAX_RECORDED_CALLS, resolveServerOptions, urlFor, type ServerOptions } from "./options.js";

export type { ServerOptions } from "./options.js";

/** A running server: its URL, the usual handle over its state, and close(). */
export interface AwsDoublesServer {
  /** The endpoint URL to give clients (AWS_ENDPOINT_URL, `endpoint`, `--endpoint-url`). */
  readonly url: string;
  /** The same AwsMock handle mockAws() returns, over the state the server serves; restore() closes the server. */
  readonly aws: AwsMock;
  /** The dashboard's URL. */
  readonly dashboardUrl: string;
  /** Stops listening, ends open connections, and releases the fake (the last holder forgets its state). */
  close(): Promise<void>;
}

/** How long a client has to send a whole request: a stalled one is dropped, never waited on. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Above SDK agents' idle times, so the server does not close a socket a client is about to reuse. */
const KEEP_ALIVE_MS = 65_000;
/** Bytes of an oversized body drained (so the client reads the 413) before the socket is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

function headersOf(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return headers;
}

function send(response: ServerResponse, statusCode: number, headers: Record<string, string>, body: Buffer): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(statusCode, { ...headers, "content-length": String(body.byteLength) });
  response.end(body);
}

/**
 * Starts the HTTP front door on the process's fake (docs/decisions/0005-server-mode.md): every
 * AWS SDK or tool pointed at `url` is answered by the same engine, services and writers as
 * in-process mode. Same options as mockAws() where they apply, plus port, host and limits.
 */
export async function startServer(options: ServerOptions = {}): Promise<AwsDoublesServer> {
  const resolved = resolveServerOptions(options);
  const { engine } = globalState();
  let server: Server | undefined;
  let closing: Promise<void> | undefined;
  let url = "";

  /** Gives the fake back; with its last holder gone, the next installer starts with an unbounded log. */
  const release = (): void => {
    held.release();
    if (!globalState().installation) engine.calls.limit = Number.POSITIVE_INFINITY;
  };
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      if (!server?.listening) {
        release();
        resolve();
        return;
      }
      server.close(() => {
        release();
        resolve();
      });
      server.closeAllConnections();
    });
    return closing;
  };

  const { accountId, region, transitions, idempotencyTtlMs } = options;
  const held = holdFakeForServer(
    { ...(accountId !== undefined ? { accountId } : {}), ...(region !== undefined ? { region } : {}), ...(transitions !== undefined ? { transitions } : {}), ...(idempotencyTtlMs !== undefined ? { idempotencyTtlMs } : {}) },
    () => void close(),
  );
  const installedHere = engine.calls.limit === Number.POSITIVE_INFINITY && globalState().installation?.holders === 1;
  if (resolved.maxRecordedCalls !== undefined) engine.calls.limit = resolved.maxRecordedCalls;
  else if (installedHere) engine.calls.limit = DEFAULT_MAX_RECORDED_CALLS;

  const control = new ControlApi(held.aws, () => url, renderDashboard);

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    control.requests++;
    const headers = headersOf(request);
    const method = (request.method ?? "GET").toUpperCase();
    const target = request.url ?? "/";
    const declared = Number(headers["content-length"] ?? "0");
    const tooLarge = (): void => {
      const message = `The request body exceeds the server's limit of ${resolved.maxBodyBytes} bytes (startServer({ maxBodyBytes }) / --max-body-bytes).`;
      const wire = writeRequestError(protocolOfRequest(headers), "RequestEntityTooLargeException", message, newRequestId());
      send(response, wire.statusCode, { ...wire.headers, connection: "close" }, wire.body);
    };
    if (Number.isFinite(declared) && declared > resolved.maxBodyBytes) {
      tooLarge();
      let drained = 0;
      request.on("data", (chunk: Buffer) => {
        drained += chunk.byteLength;
        if (drained > DRAIN_LIMIT) request.destroy();
      });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (overflow) {
        if (size > resolved.maxBodyBytes + DRAIN_LIMIT) request.destroy(); // a body without end
        return;
      }
      if (size > resolved.maxBodyBytes) {
        overflow = true;
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    request.on("error", () => response.destroy());
    request.on("end", () => {
      if (overflow) return;
      const body = Buffer.concat(chunks);
      try {
        const { path, query } = splitTarget(target);
        if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
          const answer = control.handle(method, path, query, body);
          send(response, answer.statusCode, answer.headers, answer.body);
          return;
        }
        const wire = answerAwsRequest(engine, held.aws.accountId, { method, url: target, headers, body });
        send(response, wire.statusCode, wire.headers, wire.body);
      } catch (error) {
        // answerAwsRequest never throws; this is the last net, so one bad request never stops the server.
        const wire = writeRequestError(protocolOfRequest(headers), "InternalFailure", `aws-doubles failed to answer: ${String(error)}`, newRequestId());
        send(response, wire.statusCode, wire.headers, wire.body);
      }
    });
  };

  server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: KEEP_ALIVE_MS }, handle);
  server.headersTimeout = REQUEST_TIMEOUT_MS;
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen({ port: resolved.port, host: resolved.host, backlog: 4096 }, () => {
        server!.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    release();
    throw error;
  }
  const address = server.address() as AddressInfo;
  url = urlFor(resolved.host, address.port);
  return { url, aws: held.aws, dashboardUrl: `${url}${CONTROL_PREFIX}/dashboard`, close };
}
