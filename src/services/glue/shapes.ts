import { int, map, oneOf, str, struct } from "../../engine/validation/rules.js";

/**
 * Constraints on Glue shapes shared by several resources (AWS Glue API reference, "Common
 * data types"). Resource-specific constraints live next to their resource.
 */

/** "Single-line string pattern": any character but line breaks (tabs allowed). */
export const SINGLE_LINE = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";

/** "URI address multi-line string pattern": line breaks allowed too. */
export const MULTI_LINE = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*";

/** NameString: workflow, job, trigger and crawler names. */
export const NAME = str({ min: 1, max: 255, pattern: SINGLE_LINE });

/** IdString: run ids, run-property keys. */
export const ID = str({ min: 1, max: 255, pattern: SINGLE_LINE });

/** DescriptionString: jobs, triggers and crawlers (workflows allow far longer descriptions). */
export const DESCRIPTION = str({ max: 2048, pattern: MULTI_LINE });

/** TagsMap: up to 50 tags, keys 1..128, values 0..256. */
export const TAGS = map({ key: str({ min: 1, max: 128 }), value: str({ max: 256 }), max: 50 });

/** TagKeysList. */
export const TAG_KEYS_MAX = 50;

/** Run properties (workflow DefaultRunProperties, a run's properties): IdString keys. */
export const RUN_PROPERTIES = map({ key: ID });

/** Timeout (minutes): at least 1. */
export const TIMEOUT = int({ min: 1 });

/** NotificationProperty: NotifyDelayAfter at least 1 minute. */
export const NOTIFICATION_PROPERTY = struct({ NotifyDelayAfter: int({ min: 1 }) });

/** WorkerType, as the user's SDK spells its members. */
export const WORKER_TYPE = oneOf("WorkerType");

/** ExecutionClass: FLEX | STANDARD. */
export const EXECUTION_CLASS = oneOf("ExecutionClass");

/** Page sizes: each list operation documents its own maximum. */
export const pageSize = (max: number) => int({ min: 1, max });

/** Blueprint names: OrchestrationNameString. */
export const BLUEPRINT_NAME = str({ min: 1, max: 128, pattern: "^[\\.\\-_A-Za-z0-9]+$" });

/**
 * Glue answers a member that breaks its constraints with InvalidInputException on every
 * operation (service-semantics 4.F), but the model lists it for only some: not for the crawler
 * reads, starts and stops, nor for GetBlueprintRun. The SDK still turns it into the client's
 * InvalidInputException class, as it looks errors up by name across the whole service.
 */
export const VALIDATION_UNMODELLED: Readonly<Record<string, string>> = {
  InvalidInputException: "Glue's error for input that breaks a member's constraints, on every operation; this operation's model does not list it.",
};
