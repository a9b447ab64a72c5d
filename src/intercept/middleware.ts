import { HttpResponse } from "@smithy/core/protocols";
import { Readable } from "node:stream";
import { setImmediate as realSetImmediate } from "node:timers";
import { AwsDoublesUsageError } from "../engine/errors.js";
import { idempotencyTokenMember } from "../engine/dispatch.js";
import { requestId as newRequestId } from "../engine/ids.js";
import { sdkOperationSchema } from "../engine/sdk.js";
import type { WireProtocol } from "../engine/service.js";
import { recordUnmodelled, respond, type FrontDoorCall } from "../protocol/respond.js";
import { writeNotImplemented, type WireResponse } from "../protocol/writers.js";
import { findService } from "../services/registry.js";
import { globalState } from "../state.js";
import { accountFromAccessKey } from "./accounts.js";
import { allowNetwork } from "./network-guard.js";
import { withStreamsRead } from "./streaming-input.js";
import { readBodyMember, type WireRequestLike } from "./wire-request.js";

/** The middleware's name on a command's stack (one per command, replaced on each send). */
export const MIDDLEWARE_NAME = "awsDoublesFake";

/** The slice of an SDK client the fake reads; structural, so any SDK copy fits. */
export interface SdkClientLike {
  config?: {
    serviceId?: string;
    region?: string | (() => Promise<string> | string);
    protocol?: { getShapeId?: () => string; getPayloadCodec?: () => never; options?: never };
  } & Record<string, unknown>;
}

interface SmithyContext {
  operation?: string;
  operationSchema?: unknown;
  selectedHttpAuthScheme?: { identity?: { accessKeyId?: unknown } };
}

interface HandlerContext {
  commandName?: string;
  clientName?: string;
  __smithy_context?: SmithyContext;
}

interface HandlerArgs {
  input?: Record<string, unknown>;
  request?: WireRequestLike;
}

type Next = (args: HandlerArgs) => Promise<unknown>;

async function resolveRegion(client: SdkClientLike, fallback: string): Promise<string> {
  const region = client.config?.region;
  if (typeof region === "function") return (await region()) ?? fallback;
  return region ?? fallback;
}

function protocolOf(client: SdkClientLike): WireProtocol | undefined {
  const id = client.config?.protocol?.getShapeId?.();
  if (id === "aws.protocols#awsJson1_0") return "awsJson1_0";
  if (id === "aws.protocols#awsJson1_1") return "awsJson1_1";
  if (id === "aws.protocols#restJson1") return "restJson1";
  return undefined;
}

/** One send under the mock: `settled` once the SDK's send has finished (answered or failed). */
export interface SendTicket {
  settled: boolean;
}

/** A NotImplemented error for clients whose wire protocol the fake does not write. */
class NotImplementedError extends Error {
  readonly $fault = "server";
  readonly $metadata: { httpStatusCode: number; requestId: string; attempts: number; totalRetryDelay: number };
  constructor(message: string, requestId: string) {
    super(message);
    this.name = "NotImplemented";
    this.$metadata = { httpStatusCode: 501, requestId, attempts: 1, totalRetryDelay: 0 };
  }
}

/**
 * The fake itself: a deserialize-step, priority-low middleware, i.e. the innermost one,
 * just before the HTTP handler. Everything outside it still runs for real: credentials,
 * endpoint, serializer (which fills idempotency tokens), retries, signing, and the SDK's own
 * deserializer, which turns the response written here into typed output or the client's
 * exception class. The answer itself comes from `respond()`, shared with the HTTP server.
 */
export function fakeMiddleware(client: SdkClientLike, ticket: SendTicket) {
  return (next: Next, context: HandlerContext) =>
    async (args: HandlerArgs): Promise<unknown> => {
      const state = globalState();
      const installation = state.installation;
      // Installed for an HTTP server alone, the fake does not intercept (decision 0005).
      if (!installation || !(installation as { interception?: unknown }).interception) {
        // A command sent again after restore() still carries this middleware: let it through.
        if (ticket.settled) return next(args);
        // This send began under the mock (a retry, or credentials still resolving, when
        // restore() ran): it must never reach AWS because the fake was removed under it.
        throw new AwsDoublesUsageError(
          `aws-doubles was restored (aws.restore()) while this ${context.commandName ?? "command"} was in flight, so it was not sent to AWS. Await every call before restore().`,
        );
      }

      const options = installation.options;
      const smithy = context.__smithy_context ?? {};
      const serviceId = client.config?.serviceId ?? context.clientName?.replace(/Client$/, "") ?? "unknown";
      const operation = smithy.operation ?? context.commandName?.replace(/Command$/, "") ?? "unknown";
      const region = await resolveRegion(client, options.region);
      const accountId = accountFromAccessKey(smithy.selectedHttpAuthScheme?.identity?.accessKeyId) ?? options.accountId;
      const service = findService(serviceId);
      const operationSchema = smithy.operationSchema ?? (service ? sdkOperationSchema(service.sdkPackage, operation) : undefined);
      const inputSchema = Array.isArray(operationSchema) ? operationSchema[4] : undefined;
      const tokenMember = idempotencyTokenMember(inputSchema);
      const call: FrontDoorCall = {
        serviceId,
        operation,
        // A streaming payload given as a stream or Blob is read now, so the handler sees bytes;
        // only for a modelled operation: a bypassed call must still find its stream unread.
        input: service?.operations[operation] ? await withStreamsRead(inputSchema, args.input ?? {}) : (args.input ?? {}),
        wireToken: tokenMember ? readBodyMember(args.request, tokenMember) : undefined,
        accountId,
        region,
        requestId: newRequestId(),
        operationSchema,
        clientConfig: client.config,
      };

      const answer = respond(state.engine, call);
      // A network response arrives on a later turn of the event loop; so does this one, so a
      // polling loop that races a setTimeout deadline sees its timer fire. node:timers' own
      // setImmediate is not replaced by fake timers, which patch the globals.
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      if ("unmodelled" in answer) {
        recordUnmodelled(state.engine, call, answer);
        if (options.onUnhandled === "bypass") return allowNetwork(() => next(args));
        if (typeof options.onUnhandled === "function") options.onUnhandled(serviceId, operation);
        const protocol = answer.service?.protocol ?? protocolOf(client);
        if (!protocol) throw new NotImplementedError(answer.message, call.requestId);
        return { response: toHttpResponse(writeNotImplemented(protocol, answer.message, call.requestId)) };
      }
      return { response: toHttpResponse(answer) };
    };
}

function toHttpResponse(wire: WireResponse): HttpResponse {
  // The SDK hands a streaming payload to the caller as the response body itself, which it
  // requires to be a stream.Readable (as node:http gives it): wrap the bytes in one.
  const body = wire.streaming ? Readable.from([wire.body], { objectMode: false }) : wire.body;
  return new HttpResponse({ statusCode: wire.statusCode, headers: wire.headers, body });
}
