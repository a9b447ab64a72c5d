import { EntityNotFoundException, GetJobBookmarkCommand, GetJobRunCommand, ResetJobBookmarkCommand, StartJobRunCommand, DeleteJobCommand } from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { createJob, glue } from "../helpers.js";

async function runToEnd(JobName: string, Arguments?: Record<string, string>): Promise<string> {
  const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName, Arguments }));
  aws.settle();
  expect((await glue.send(new GetJobRunCommand({ JobName, RunId: JobRunId }))).JobRun!.JobRunState).toBeDefined();
  return JobRunId!;
}

describe("Glue job bookmarks", () => {
  it("advances with each successful run of a job with bookmarks enabled, recording run id and attempt", async () => {
    await createJob("etl", { DefaultArguments: { "--job-bookmark-option": "job-bookmark-enable" } });
    const missing = await rejectionOf(glue.send(new GetJobBookmarkCommand({ JobName: "etl" })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe("Continuation for job etl not found");

    const first = await runToEnd("etl");
    const second = await runToEnd("etl");
    const { JobBookmarkEntry } = await glue.send(new GetJobBookmarkCommand({ JobName: "etl" }));
    expect(JobBookmarkEntry).toMatchObject({ JobName: "etl", Version: 2, Run: 2, Attempt: 0, RunId: second, PreviousRunId: first });
    expect(JSON.parse(JobBookmarkEntry!.JobBookmark!)).toMatchObject({ jobName: "etl", run: 2, runId: second });
    expect((await glue.send(new GetJobBookmarkCommand({ JobName: "etl", RunId: first }))).JobBookmarkEntry).toMatchObject({ Run: 1, RunId: first });
  });

  it("leaves the bookmark alone for disabled or paused runs and failed runs; a retry records its attempt", async () => {
    await createJob("etl", { MaxRetries: 1 });
    await runToEnd("etl");
    expect(await rejectionOf(glue.send(new GetJobBookmarkCommand({ JobName: "etl" })))).toBeInstanceOf(EntityNotFoundException);
    await runToEnd("etl", { "--job-bookmark-option": "job-bookmark-pause" });
    expect(await rejectionOf(glue.send(new GetJobBookmarkCommand({ JobName: "etl" })))).toBeInstanceOf(EntityNotFoundException);

    aws.lifecycle("Glue.JobRun", { JobName: "etl" }).endsIn("FAILED", { times: 1 });
    const firstAttempt = await runToEnd("etl", { "--job-bookmark-option": "job-bookmark-enable" });
    const { JobBookmarkEntry } = await glue.send(new GetJobBookmarkCommand({ JobName: "etl" }));
    expect(JobBookmarkEntry).toMatchObject({ Run: 1, Attempt: 1, RunId: `${firstAttempt}_attempt_1` });
  });

  it("resets a bookmark, or rewinds it to what a run committed", async () => {
    await createJob("etl", { DefaultArguments: { "--job-bookmark-option": "job-bookmark-enable" } });
    const first = await runToEnd("etl");
    await runToEnd("etl");
    const rewound = await glue.send(new ResetJobBookmarkCommand({ JobName: "etl", RunId: first }));
    expect(rewound.JobBookmarkEntry).toMatchObject({ Version: 3, Run: 1, RunId: first });
    const reset = await glue.send(new ResetJobBookmarkCommand({ JobName: "etl" }));
    expect(reset.JobBookmarkEntry).toMatchObject({ Version: 4, Run: 0 });
    expect(reset.JobBookmarkEntry!.RunId).toBeUndefined();
    const third = await runToEnd("etl");
    expect((await glue.send(new GetJobBookmarkCommand({ JobName: "etl" }))).JobBookmarkEntry).toMatchObject({ Version: 5, Run: 1, RunId: third });

    expect(await rejectionOf(glue.send(new ResetJobBookmarkCommand({ JobName: "etl", RunId: "jr_unknown" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new ResetJobBookmarkCommand({ JobName: "absent" })))).toBeInstanceOf(EntityNotFoundException);
    // A job deleted and created again starts without a bookmark.
    await glue.send(new DeleteJobCommand({ JobName: "etl" }));
    await createJob("etl");
    expect(await rejectionOf(glue.send(new GetJobBookmarkCommand({ JobName: "etl" })))).toBeInstanceOf(EntityNotFoundException);
  });
});
