import { OrderedTable } from "../../../engine/ordered-table.js";
import type { ClassifierRecord } from "./classifiers.js";
import type { CustomEntityTypeRecord } from "./custom-entity-types.js";
import type { UsageProfileRecord } from "./usage-profiles.js";

/** Classifiers, custom entity types and usage profiles of one account and region, by name. */
export class AdminState {
  readonly classifiers = new OrderedTable<ClassifierRecord>();
  readonly customEntityTypes = new OrderedTable<CustomEntityTypeRecord>();
  readonly usageProfiles = new OrderedTable<UsageProfileRecord>();
}
