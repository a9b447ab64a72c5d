import { CreateJobCommand, GetJobRunCommand, GlueClient, StartJobRunCommand } from "@aws-sdk/client-glue";
import { mockAws } from "aws-doubles";
import { afterEach, describe, expect, it, vi } from "vitest";

const ROLE = "arn:aws:iam::123456789012:role/glue";

afterEach(() => {
  vi.useRealTimers();
});

/** Polls a run until it succeeds or a timer says time is up, as code under test does against AWS. */
async function pollUntilDeadline(glue: GlueClient, JobRunId: string, deadlineMs: number): Promise<"succeeded" | "timed out"> {
  let timedOut = false;
  const timer = setTimeout(() => (timedOut = true), deadlineMs);
  try {
    while (!timedOut) {
      const { JobRun } = await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: JobRunId }));
      if (JobRun?.JobRunState === "SUCCEEDED") return "succeeded";
    }
    return "timed out";
  } finally {
    clearTimeout(timer);
  }
}

describe("the event loop turns between faked calls", () => {
  it("lets a setTimeout deadline fire in a polling loop over a run held RUNNING", async () => {
    const aws = mockAws();
    try {
      const glue = new GlueClient({});
      await glue.send(new CreateJobCommand({ Name: "etl", Role: ROLE, Command: { Name: "glueetl", ScriptLocation: "s3://b/s.py" } }));
      aws.lifecycle("Glue.JobRun", { JobName: "etl" }).staysIn("RUNNING");
      const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
      expect(await pollUntilDeadline(glue, JobRunId!, 30)).toBe("timed out");
    } finally {
      aws.restore();
    }
  });

  it("answers under fake timers without waiting for them to be advanced", async () => {
    vi.useFakeTimers();
    const aws = mockAws();
    try {
      const glue = new GlueClient({});
      await glue.send(new CreateJobCommand({ Name: "etl", Role: ROLE, Command: { Name: "glueetl", ScriptLocation: "s3://b/s.py" } }));
      const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
      expect(JobRunId).toMatch(/^jr_/);
    } finally {
      aws.restore();
    }
  });
});
