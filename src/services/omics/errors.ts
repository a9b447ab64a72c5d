import { ServiceError } from "../../engine/errors.js";

/**
 * HealthOmics' errors for code that runs outside a request context too (a batch submitting
 * its runs during aws.step() records the same errors StartRun raises). Within handlers they
 * are equivalent to ctx.error / ctx.invalid.
 */
export const invalid = (message: string): ServiceError => new ServiceError("ValidationException", message);
export const notFound = (message: string): ServiceError => new ServiceError("ResourceNotFoundException", message);
export const conflict = (message: string): ServiceError => new ServiceError("ConflictException", message);
export const quotaExceeded = (message: string): ServiceError => new ServiceError("ServiceQuotaExceededException", message);
