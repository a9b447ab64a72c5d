import type { GetSystemLogsForJobRunRequest, GetSystemLogsForJobRunResponse } from "@aws-sdk/client-glue";
import { op } from "../backend.js";
import { findJob } from "../jobs.js";
import { ID, NAME } from "../shapes.js";

export const getSystemLogsForJobRun = op<GetSystemLogsForJobRunRequest, GetSystemLogsForJobRunResponse>({
  input: { JobName: NAME, RunId: ID },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const job = findJob(ctx, input.JobName!);
    const run = job.runs.get(input.RunId!);
    if (!run) throw ctx.error("EntityNotFoundException", `Job run ${input.RunId} of job ${input.JobName} not found.`);
    // The run's error log stream in CloudWatch Logs, as the console links to it.
    const group = job.definition.Command?.Name === "pythonshell" ? "$252Faws-glue$252Fpython-jobs$252Ferror" : "$252Faws-glue$252Fjobs$252Ferror";
    return { SystemLogsUrl: `https://${ctx.region}.console.aws.amazon.com/cloudwatch/home?region=${ctx.region}#logsV2:log-groups/log-group/${group}/log-events/${encodeURIComponent(run.Id)}` };
  },
});
