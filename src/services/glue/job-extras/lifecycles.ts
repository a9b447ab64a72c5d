import type { LifecycleKind } from "../../../engine/service.js";

export const JOB_UPGRADE_ANALYSIS = "Glue.JobUpgradeAnalysis";

export const JOB_EXTRA_LIFECYCLES: readonly LifecycleKind[] = [
  {
    kind: JOB_UPGRADE_ANALYSIS,
    states: ["OBSERVING", "WAITING_FOR_CONSENT", "UPGRADING", "SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"],
    failures: ["FAILED", "TIMEOUT", "STOPPED"],
    attributes: ["JobName", "analysisId"],
  },
];
