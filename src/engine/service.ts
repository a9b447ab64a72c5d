import type { BackendScope } from "./backends.js";
import type { RequestContext } from "./context.js";
import type { ServiceError } from "./errors.js";
import type { StructRules } from "./validation/rules.js";

export type WireProtocol = "awsJson1_0" | "awsJson1_1" | "restJson1";

/** An asynchronous resource kind tests can control with aws.lifecycle(kind). */
export interface LifecycleKind {
  /** "Service.Resource", e.g. "Glue.JobRun". */
  kind: string;
  /** Every state it can be in. */
  states: readonly string[];
  /** The states `endsIn()` may send it to (its failure outcomes). */
  failures: readonly string[];
  /** Attributes a rule's `where` can match (documentation and validation of rules). */
  attributes: readonly string[];
}

/**
 * One operation: the constraints on its input (beyond the SDK schema's required members and
 * types), the modelled errors it may raise, and the handler. Handlers are synchronous, so a
 * check-then-act (idempotency, name uniqueness) can never interleave with another call.
 */
export interface OperationDefinition<B, I = any, O = any> {
  input?: StructRules;
  /** The errors this operation may raise besides validation (checked against the AWS model in tests). */
  errors: readonly string[];
  run(ctx: RequestContext<B>, input: I): O;
  /**
   * For operations with an idempotency token: whether a recorded response may still be
   * replayed (default: always, until the token expires). Proton, for one, creates a new
   * resource when the one a token created has since been deleted. `token` is the token of
   * the request, so a handler that stored it on the resource it created can tell that
   * resource from one re-created under the same name.
   */
  replayable?(ctx: RequestContext<B>, recordedOutput: O, token: string): boolean;
  /**
   * This operation's validation error when it is not the service's `errors.validation`: the
   * error raised for schema and constraint violations and by `ctx.invalid()`. Image Builder's
   * operations model different ones (InvalidRequestException on most, ClientException on the
   * imports, InvalidParameterException on the tag operations).
   */
  validation?: string;
  /**
   * Errors the real service sends for this operation although its model does not list them,
   * each with the evidence (Image Builder's Get and Delete operations answer a missing
   * resource with ResourceNotFoundException, which tools such as Terraform rely on, yet the
   * model lists it for only a few of them). Kept apart from `errors` so that list stays
   * checkable against the model.
   */
  unmodelledErrors?: Readonly<Record<string, string>>;
  /**
   * The error for a reused idempotency token with a different request, when this operation's
   * modelled errors lack the service's (`errors.idempotencyMismatch`): HealthOmics answers a
   * mismatch with ConflictException, which CreateSequenceStore does not model.
   */
  idempotencyMismatch?(operation: string, token: string): ServiceError;
}

/** The error for a reused token with a different request: the operation's own, else the service's. */
export function idempotencyMismatchOf<B>(service: ServiceDefinition<B>, operation: OperationDefinition<B>, name: string, token: string): ServiceError {
  return (operation.idempotencyMismatch ?? service.errors.idempotencyMismatch)(name, token);
}

/** The validation error of one operation: its own, else the service's. */
export function validationErrorOf<B>(service: ServiceDefinition<B>, operation: OperationDefinition<B> | undefined): string {
  return operation?.validation ?? service.errors.validation;
}

/** Whether an operation may raise `code`: declared, unmodelled-but-observed, or its validation error. */
export function operationMayRaise<B>(service: ServiceDefinition<B>, operation: OperationDefinition<B>, code: string): boolean {
  return code === validationErrorOf(service, operation) || operation.errors.includes(code) || Object.hasOwn(operation.unmodelledErrors ?? {}, code);
}

export interface ServiceErrors {
  /** The error for malformed input (Glue: InvalidInputException; most others ValidationException). */
  validation: string;
  /** The error fault injection raises by default (its modelled status decides SDK retries). */
  throttling: string;
  /** The error for a reused client token with a different request. */
  idempotencyMismatch(operation: string, token: string): ServiceError;
  /** The error for a page token the service did not issue (default: the validation error). */
  invalidPageToken?(message: string): ServiceError;
}

export interface ServiceDefinition<B> {
  /** The SDK's `config.serviceId`: "Glue", "Omics", "Proton", "imagebuilder". */
  serviceId: string;
  /** The npm package of the client (for enum values and docs). */
  sdkPackage: string;
  /** The Smithy namespace of the service's shapes. */
  namespace: string;
  /** The service part of its ARNs ("glue", "imagebuilder", "omics", "proton"). */
  arnService: string;
  protocol: WireProtocol;
  errors: ServiceErrors;
  lifecycles: readonly LifecycleKind[];
  createBackend(scope: BackendScope): B;
  operations: Readonly<Record<string, OperationDefinition<B>>>;
  /**
   * Work AWS does on its own clock (a crawler's or a pipeline's schedule, a daily lifecycle
   * policy), done when due just before each accepted call's handler runs: the fake has no
   * background timer, so the next call is the first moment anyone could see that work.
   */
  beforeEachOperation?(ctx: RequestContext<B>): void;
}

/** Typed helpers for a service's own files: `const op = operationsFor<GlueBackend>()`. */
export function operationsFor<B>() {
  return function op<I, O>(definition: OperationDefinition<B, I, O>): OperationDefinition<B, I, O> {
    return definition;
  };
}

export function defineService<B>(definition: ServiceDefinition<B>): ServiceDefinition<B> {
  return definition;
}
