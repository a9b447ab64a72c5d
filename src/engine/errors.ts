/**
 * Errors a fake service raises. A handler throws a ServiceError naming one of the service's
 * modelled error shapes; the protocol writer turns it into the wire error the real service
 * would send, and the SDK's own deserializer turns that into the client's exception class.
 */
export class ServiceError extends Error {
  /** The modelled error shape name, e.g. "EntityNotFoundException". */
  readonly code: string;
  /** Extra modelled members of the error shape (e.g. Proton's `resourceId`). */
  readonly members: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, members: Record<string, unknown> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.members = members;
  }
}

/** Raised for a service or operation aws-doubles does not model (HTTP 501). */
export const NOT_IMPLEMENTED = "NotImplemented";

/**
 * A defect inside aws-doubles itself (never a user error): surfaced loudly, with the
 * operation named, instead of being disguised as an AWS error the SDK might retry.
 */
export class AwsDoublesInternalError extends Error {
  constructor(service: string, operation: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`aws-doubles failed while handling ${service}.${operation}: ${detail}. This is a bug in aws-doubles; please report it.`, { cause });
    this.name = "AwsDoublesInternalError";
  }
}

/** A misuse of the aws-doubles test API (bad option, unknown service name, …). */
export class AwsDoublesUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AwsDoublesUsageError";
  }
}
