import type {
  GetJobUpgradeAnalysisRequest,
  GetJobUpgradeAnalysisResponse,
  StartJobUpgradeAnalysisRequest,
  StartJobUpgradeAnalysisResponse,
  StopJobUpgradeAnalysisRequest,
  StopJobUpgradeAnalysisResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { uuid } from "../../../engine/ids.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { oneOf, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { findJob, type JobRecord } from "../jobs.js";
import { NAME } from "../shapes.js";
import { JOB_UPGRADE_ANALYSIS } from "./lifecycles.js";

/**
 * Job upgrade analysis (Glue's automated Spark upgrade): an analysis runs the job on the
 * target Glue version while OBSERVING, then waits for consent (WAITING_FOR_CONSENT). Consent
 * (StartJobUpgradeAnalysis again with the analysisId and upgradeConsent) APPROVE goes on
 * UPGRADING → SUCCEEDED, and the job's GlueVersion becomes the target; DECLINE ends it
 * STOPPED. Consent given with the first call applies when observation ends (DECLINE then
 * ends the analysis SUCCEEDED without upgrading). Each step is a Glue.JobUpgradeAnalysis process.
 */

type Ctx = RequestContext<GlueBackend>;
type Status = NonNullable<GetJobUpgradeAnalysisResponse["status"]>;

/** The Glue version analyses upgrade to. */
export const TARGET_GLUE_VERSION = "5.0";
const ELIGIBLE_FROM = new Set(["2.0", "3.0", "4.0"]);
const ENDED = new Set<Status>(["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"]);

export interface UpgradeAnalysis {
  readonly id: string;
  readonly job: JobRecord;
  readonly sourceVersion: string;
  status: Status;
  consent: "APPROVE" | "DECLINE" | undefined;
  process: LinearProcess;
  errorMessage?: string | undefined;
  summary?: string | undefined;
}

function track(ctx: Ctx, analysis: UpgradeAnalysis, path: Status[]): LinearProcess {
  const clock = ctx.engine.clock;
  // A process shows its first state without entering it: the analysis takes it now.
  analysis.status = path[0]!;
  return ctx.track(
    new LinearProcess({ kind: JOB_UPGRADE_ANALYSIS, path }, { JobName: analysis.job.definition.Name, analysisId: analysis.id }, {
      onEnter(state, process) {
        analysis.status = state as Status;
        if (state === "WAITING_FOR_CONSENT") analysis.summary = `Job ${analysis.job.definition.Name} ran on Glue ${TARGET_GLUE_VERSION} with the same results as on Glue ${analysis.sourceVersion}.`;
        if (state === "SUCCEEDED" && analysis.consent === "APPROVE") {
          analysis.job.definition.GlueVersion = TARGET_GLUE_VERSION;
          analysis.job.definition.LastModifiedOn = clock.now();
          analysis.summary = `Job upgraded from Glue ${analysis.sourceVersion} to ${TARGET_GLUE_VERSION}.`;
        }
        if (state === "FAILED" || state === "TIMEOUT") analysis.errorMessage = process.failureMessage ?? `The upgrade analysis ended ${state}.`;
      },
    }),
  );
}

function analysisOf(ctx: Ctx, jobName: string, id: string): UpgradeAnalysis {
  const job = findJob(ctx, jobName);
  const analysis = ctx.backend.upgradeAnalyses.get(id);
  if (!analysis || analysis.job !== job) throw ctx.error("EntityNotFoundException", `Upgrade analysis ${id} of job ${jobName} not found.`);
  return analysis;
}

export const startJobUpgradeAnalysis = op<StartJobUpgradeAnalysisRequest, StartJobUpgradeAnalysisResponse>({
  input: { jobName: NAME, analysisId: str({ min: 1, max: 255 }), upgradeConsent: oneOf("UpgradeConsent") },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const job = findJob(ctx, input.jobName!);
    const consent = input.upgradeConsent as UpgradeAnalysis["consent"];
    if (input.analysisId !== undefined) {
      // Consent for an analysis that waits for it.
      const analysis = analysisOf(ctx, input.jobName!, input.analysisId);
      if (analysis.status !== "WAITING_FOR_CONSENT") throw ctx.invalid(`Upgrade analysis ${analysis.id} is ${analysis.status}: consent is given to an analysis WAITING_FOR_CONSENT.`);
      if (!consent) throw ctx.invalid("upgradeConsent (APPROVE or DECLINE) is required with an analysisId.");
      analysis.consent = consent;
      analysis.process = consent === "APPROVE" ? track(ctx, analysis, ["UPGRADING", "SUCCEEDED"]) : track(ctx, analysis, ["STOPPED"]);
      return { analysisId: analysis.id, jobName: job.definition.Name };
    }
    const command = job.definition.Command?.Name ?? "glueetl";
    const version = job.definition.GlueVersion ?? "0.9";
    if (command !== "glueetl" || !ELIGIBLE_FROM.has(version)) {
      throw ctx.invalid(`Job ${job.definition.Name} is not eligible for an upgrade analysis: only Spark (glueetl) jobs on Glue ${[...ELIGIBLE_FROM].join(", ")} can be upgraded to ${TARGET_GLUE_VERSION}.`);
    }
    for (const other of ctx.backend.upgradeAnalyses.values()) {
      if (other.job === job && !ENDED.has(other.status)) throw ctx.invalid(`Upgrade analysis ${other.id} of job ${job.definition.Name} is still ${other.status}.`);
    }
    const analysis: UpgradeAnalysis = { id: uuid(), job, sourceVersion: version, status: "OBSERVING", consent, process: undefined as unknown as LinearProcess };
    const path: Status[] = consent === "APPROVE" ? ["OBSERVING", "UPGRADING", "SUCCEEDED"] : consent === "DECLINE" ? ["OBSERVING", "SUCCEEDED"] : ["OBSERVING", "WAITING_FOR_CONSENT"];
    analysis.process = track(ctx, analysis, path);
    ctx.backend.upgradeAnalyses.set(analysis.id, analysis);
    return { analysisId: analysis.id, jobName: job.definition.Name };
  },
});

export const getJobUpgradeAnalysis = op<GetJobUpgradeAnalysisRequest, GetJobUpgradeAnalysisResponse>({
  input: { jobName: NAME, analysisId: str({ min: 1, max: 255 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const analysis = analysisOf(ctx, input.jobName!, input.analysisId!);
    ctx.observe(analysis.process);
    return {
      jobName: analysis.job.definition.Name!,
      analysisId: analysis.id,
      status: analysis.status,
      sourceVersion: analysis.sourceVersion,
      targetVersion: TARGET_GLUE_VERSION,
      analysisType: "AUTO_UPGRADE",
      autoUpgradeEvaluationSummary: analysis.summary,
      errorMessage: analysis.errorMessage,
      autoUpgradeEligibilitySummary: `Eligible: Spark job on Glue ${analysis.sourceVersion}.`,
    };
  },
});

export const stopJobUpgradeAnalysis = op<StopJobUpgradeAnalysisRequest, StopJobUpgradeAnalysisResponse>({
  input: { jobName: NAME, analysisId: str({ min: 1, max: 255 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const analysis = analysisOf(ctx, input.jobName!, input.analysisId!);
    if (ENDED.has(analysis.status)) throw ctx.invalid(`Upgrade analysis ${analysis.id} has already ended (${analysis.status}).`);
    if (analysis.process.done) analysis.process = track(ctx, analysis, ["STOPPED"]);
    else analysis.process.jump("STOPPED");
    return {};
  },
});
