import { getJobBookmark, resetJobBookmark } from "./bookmarks.js";
import { createScript, getDataflowGraph, getMapping, getPlan } from "./scripts.js";
import { updateJobFromSourceControl, updateSourceControlFromJob } from "./source-control.js";
import { getSystemLogsForJobRun } from "./system-logs.js";
import { getJobUpgradeAnalysis, startJobUpgradeAnalysis, stopJobUpgradeAnalysis } from "./upgrade-analysis.js";

/** Jobs, continued: bookmarks, source control, upgrade analysis, logs and code generation. */
export const JOB_EXTRA_OPERATIONS = {
  GetJobBookmark: getJobBookmark,
  ResetJobBookmark: resetJobBookmark,
  UpdateJobFromSourceControl: updateJobFromSourceControl,
  UpdateSourceControlFromJob: updateSourceControlFromJob,
  StartJobUpgradeAnalysis: startJobUpgradeAnalysis,
  GetJobUpgradeAnalysis: getJobUpgradeAnalysis,
  StopJobUpgradeAnalysis: stopJobUpgradeAnalysis,
  GetSystemLogsForJobRun: getSystemLogsForJobRun,
  GetDataflowGraph: getDataflowGraph,
  CreateScript: createScript,
  GetPlan: getPlan,
  GetMapping: getMapping,
};
