import { int, map, str } from "../../engine/validation/rules.js";

/**
 * Constraints on Glue shapes shared by several resources (AWS Glue API reference, "Common
 * data types"). Resource-specific constraints live next to their resource.
 */

/** "Single-line string pattern": any character but line breaks (tabs allowed). */
export const SINGLE_LINE = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";

/** NameString: workflow, job, trigger and crawler names. */
export const NAME = str({ min: 1, max: 255, pattern: SINGLE_LINE });

/** IdString: run ids, run-property keys. */
export const ID = str({ min: 1, max: 255, pattern: SINGLE_LINE });

/** TagsMap: up to 50 tags, keys 1..128, values 0..256. */
export const TAGS = map({ key: str({ min: 1, max: 128 }), value: str({ max: 256 }), max: 50 });

/** TagKeysList. */
export const TAG_KEYS_MAX = 50;

/** Run properties (workflow DefaultRunProperties, a run's properties): IdString keys. */
export const RUN_PROPERTIES = map({ key: ID });

/** Page sizes: each list operation documents its own maximum. */
export const pageSize = (max: number) => int({ min: 1, max });
