import { RequestContext } from "./context.js";
import type { Engine } from "./engine.js";
import { AwsDoublesInternalError, ServiceError } from "./errors.js";
import { requestId } from "./ids.js";
import { sdkEnumValues, sdkOperationSchema } from "./sdk.js";
import { operationMayRaise, validationErrorOf, type ServiceDefinition } from "./service.js";
import { checkRequest, type Rule } from "./validation/rules.js";
import { walkInput } from "./validation/schema-walk.js";
import { formatViolations, type Violation } from "./validation/violations.js";

/**
 * Runs one operation of a service on the service's own behalf: a resource that creates other
 * resources (a Glue blueprint run creating the jobs and triggers its layout describes) goes
 * through exactly the validation and handler a call from the SDK would, so nothing it creates
 * could not have been created by a caller. Unlike dispatch(), there are no injected faults, no
 * idempotency ledger and no entry in the call log: the caller's request is the one recorded.
 *
 * Returns the handler's output; throws the ServiceError a caller would have received.
 */
export function callOperation<B>(
  engine: Engine,
  service: ServiceDefinition<B>,
  operation: string,
  input: Record<string, unknown>,
  where: { accountId: string; region: string },
): unknown {
  const definition = service.operations[operation];
  if (!definition) throw new AwsDoublesInternalError(service.serviceId, operation, new Error("is not in the operation table"));
  const { value, violations } = checkAsInput(service, operation, input);
  if (violations.length > 0) throw new ServiceError(validationErrorOf(service, definition), formatViolations(violations));
  const ctx = new RequestContext(engine, service, operation, where.accountId, where.region, requestId());
  try {
    return definition.run(ctx, value) ?? {};
  } catch (error) {
    if (error instanceof ServiceError) {
      if (!operationMayRaise(service, definition, error.code)) {
        throw new AwsDoublesInternalError(service.serviceId, operation, new Error(`raised ${error.code} ("${error.message}"), which the operation does not declare`));
      }
      throw error;
    }
    throw new AwsDoublesInternalError(service.serviceId, operation, error);
  }
}

/**
 * A value checked as an operation's request would be, without running the operation: the
 * SDK schema walk (member types, a clean copy) and then the operation's declared rules. What a
 * stand-in answers (column statistics, a crawl's tables) goes through this before it is stored,
 * so that nothing stored could not have been written by a caller. Returns the clean copy and
 * the violations (none when it passes), in the words request validation uses.
 */
export function checkAsInput<B>(
  service: ServiceDefinition<B>,
  operation: string,
  input: Record<string, unknown>,
  /** The rules to check, when not the operation's own (a stand-in's answer is not bound by a call's list limits). */
  rules?: Readonly<Record<string, Rule>>,
): { value: Record<string, unknown>; violations: Violation[] } {
  const definition = service.operations[operation];
  if (!definition) throw new AwsDoublesInternalError(service.serviceId, operation, new Error("is not in the operation table"));
  const schema = sdkOperationSchema(service.sdkPackage, operation);
  let value = input;
  const violations: Violation[] = [];
  if (Array.isArray(schema)) {
    const walked = walkInput(schema[4], input);
    violations.push(...walked.violations);
    value = walked.value;
  }
  violations.push(...checkRequest(rules ?? definition.input ?? {}, value, { enumValues: (name) => sdkEnumValues(service.sdkPackage, name) }));
  return { value, violations };
}
