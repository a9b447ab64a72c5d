// The code under test: a small CLI that starts a Glue job run and waits for it to end, as a
// deployment script or a scheduled task would. It knows nothing about aws-doubles: it builds
// an ordinary client, which reads AWS_ENDPOINT_URL, credentials and the Region from the
// environment.
//
//   node examples/server-mode/run-job.mjs <job-name>
import { GetJobRunCommand, GlueClient, StartJobRunCommand } from "@aws-sdk/client-glue";

const jobName = process.argv[2];
if (!jobName) {
  console.error("usage: run-job.mjs <job-name>");
  process.exit(2);
}

const glue = new GlueClient({});
const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: jobName, Arguments: { "--started-by": "run-job" } }));
console.log(`started ${jobName} run ${JobRunId}`);

for (let attempt = 0; attempt < 100; attempt++) {
  const { JobRun } = await glue.send(new GetJobRunCommand({ JobName: jobName, RunId: JobRunId }));
  if (["SUCCEEDED", "FAILED", "ERROR", "TIMEOUT", "STOPPED"].includes(JobRun.JobRunState)) {
    console.log(`${jobName} ended ${JobRun.JobRunState}${JobRun.ErrorMessage ? `: ${JobRun.ErrorMessage}` : ""}`);
    process.exit(JobRun.JobRunState === "SUCCEEDED" ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.error(`${jobName} did not end`);
process.exit(3);
