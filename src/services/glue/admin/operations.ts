import * as classifiers from "./classifiers.js";
import * as schedules from "./crawler-schedules.js";
import * as entityTypes from "./custom-entity-types.js";
import * as dashboard from "./dashboard-url.js";
import * as profiles from "./usage-profiles.js";

/** Classifiers, custom entity types, usage profiles, crawler schedules and the Spark dashboard URL. */
export const adminOperations = {
  CreateClassifier: classifiers.createClassifier,
  GetClassifier: classifiers.getClassifier,
  GetClassifiers: classifiers.getClassifiers,
  UpdateClassifier: classifiers.updateClassifier,
  DeleteClassifier: classifiers.deleteClassifier,

  CreateCustomEntityType: entityTypes.createCustomEntityType,
  GetCustomEntityType: entityTypes.getCustomEntityType,
  BatchGetCustomEntityTypes: entityTypes.batchGetCustomEntityTypes,
  ListCustomEntityTypes: entityTypes.listCustomEntityTypes,
  DeleteCustomEntityType: entityTypes.deleteCustomEntityType,

  CreateUsageProfile: profiles.createUsageProfile,
  GetUsageProfile: profiles.getUsageProfile,
  UpdateUsageProfile: profiles.updateUsageProfile,
  DeleteUsageProfile: profiles.deleteUsageProfile,
  ListUsageProfiles: profiles.listUsageProfiles,

  StartCrawlerSchedule: schedules.startCrawlerSchedule,
  StopCrawlerSchedule: schedules.stopCrawlerSchedule,
  UpdateCrawlerSchedule: schedules.updateCrawlerSchedule,

  GetDashboardUrl: dashboard.getDashboardUrl,
};
