import type { GetDashboardUrlRequest, GetDashboardUrlResponse } from "@aws-sdk/client-glue";
import { oneOf, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";

/**
 * GetDashboardUrl: the Spark monitoring dashboard of a job run or an interactive session. The
 * fake checks that the resource exists and answers a console URL naming it; the URL opens
 * nothing (there is no Spark UI behind a fake run).
 */

/** Finds a dashboard's resource: the job's name and the run's id for a JOB, the id for a SESSION. */
export type DashboardResolver = (backend: GlueBackend, resourceId: string) => { path: string } | undefined;

/** A job run, by its id (jr_…), through the backend's index of runs: one lookup, however many jobs there are. */
function jobRun(backend: GlueBackend, runId: string): { path: string } | undefined {
  const jobName = backend.jobOfRun.get(runId);
  if (jobName === undefined || !backend.jobs.get(jobName)?.runs.has(runId)) return undefined;
  return { path: `job-run-details/${encodeURIComponent(jobName)}/${encodeURIComponent(runId)}` };
}

const resolvers = new Map<string, DashboardResolver>([["JOB", jobRun]]);

/**
 * Lets another family answer GetDashboardUrl for its resources: interactive sessions register
 * the "SESSION" resolver (sessions/operations.ts). A type without one is EntityNotFoundException,
 * as for a resource that does not exist.
 */
export function registerDashboardResolver(resourceType: "JOB" | "SESSION", resolver: DashboardResolver): void {
  resolvers.set(resourceType, resolver);
}

export const getDashboardUrl = op<GetDashboardUrlRequest, GetDashboardUrlResponse>({
  input: { ResourceId: NAME, ResourceType: oneOf("GlueResourceType"), RequestOrigin: str({ min: 1, max: 128, pattern: "[\\.\\-_A-Za-z0-9]+" }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const type = input.ResourceType!;
    const found = resolvers.get(type)?.(ctx.backend, input.ResourceId!);
    if (!found) {
      const what = type === "JOB" ? "Job run" : "Session";
      throw ctx.error("EntityNotFoundException", `${what} ${input.ResourceId} not found: GetDashboardUrl needs the id of an existing ${type === "JOB" ? "job run (jr_…)" : "interactive session"}.`);
    }
    const origin = input.RequestOrigin ? `&origin=${encodeURIComponent(input.RequestOrigin)}` : "";
    return { Url: `https://${ctx.region}.console.aws.amazon.com/gluestudio/home?region=${ctx.region}${origin}#/spark-ui/${found.path}` };
  },
});
