import {
  EntityNotFoundException,
  GetJobCommand,
  GetJobUpgradeAnalysisCommand,
  GetSystemLogsForJobRunCommand,
  InvalidInputException,
  StartJobRunCommand,
  StartJobUpgradeAnalysisCommand,
  StopJobUpgradeAnalysisCommand,
  UpdateJobFromSourceControlCommand,
  UpdateSourceControlFromJobCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { createJob, glue, pollUntil } from "../helpers.js";

describe("Glue jobs and source control", () => {
  it("pushes a job to a repository: the job records the repository and the new commit", async () => {
    await createJob("etl");
    await glue.send(new UpdateSourceControlFromJobCommand({ JobName: "etl", Provider: "GITHUB", RepositoryName: "pipelines", RepositoryOwner: "acme", BranchName: "dev", Folder: "etl", AuthStrategy: "PERSONAL_ACCESS_TOKEN", AuthToken: "token" }));
    const details = (await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.SourceControlDetails!;
    expect(details).toMatchObject({ Provider: "GITHUB", Repository: "pipelines", Owner: "acme", Branch: "dev", Folder: "etl", AuthStrategy: "PERSONAL_ACCESS_TOKEN" });
    expect(details.LastCommitId).toMatch(/^[0-9a-f]{40}$/);
    // The same definition pushed again is the same commit.
    await glue.send(new UpdateSourceControlFromJobCommand({ JobName: "etl" }));
    expect((await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.SourceControlDetails!.LastCommitId).toBe(details.LastCommitId);
  });

  it("pulls a job from a commit", async () => {
    await createJob("etl");
    await glue.send(new UpdateJobFromSourceControlCommand({ JobName: "etl", Provider: "AWS_CODE_COMMIT", RepositoryName: "pipelines", CommitId: "abc123" }));
    expect((await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.SourceControlDetails).toMatchObject({ Provider: "AWS_CODE_COMMIT", Repository: "pipelines", Branch: "main", LastCommitId: "abc123" });
  });

  it("refuses incomplete repository details and unknown jobs", async () => {
    await createJob("etl");
    expect(await rejectionOf(glue.send(new UpdateSourceControlFromJobCommand({ JobName: "etl", Provider: "GITHUB", RepositoryName: "r" })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new UpdateSourceControlFromJobCommand({ JobName: "etl" })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new UpdateJobFromSourceControlCommand({ Provider: "GITHUB", RepositoryName: "r", RepositoryOwner: "o" })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new UpdateJobFromSourceControlCommand({ JobName: "absent", Provider: "GITHUB", RepositoryName: "r", RepositoryOwner: "o" })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.SourceControlDetails).toBeUndefined();
  });
});

describe("Glue job upgrade analysis", () => {
  const status = (jobName: string, analysisId: string) => glue.send(new GetJobUpgradeAnalysisCommand({ jobName, analysisId }));

  it("observes, waits for consent, then upgrades the job's Glue version on APPROVE", async () => {
    await createJob("etl", { GlueVersion: "3.0" });
    const { analysisId } = await glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "etl" }));
    expect((await status("etl", analysisId!)).status).toBe("OBSERVING");
    const waiting = await pollUntil(() => status("etl", analysisId!), (r) => r.status === "WAITING_FOR_CONSENT");
    expect(waiting.value).toMatchObject({ sourceVersion: "3.0", targetVersion: "5.0", analysisType: "AUTO_UPGRADE", autoUpgradeEvaluationSummary: expect.any(String) });
    await glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "etl", analysisId, upgradeConsent: "APPROVE" }));
    await pollUntil(() => status("etl", analysisId!), (r) => r.status === "SUCCEEDED");
    expect((await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.GlueVersion).toBe("5.0");
  });

  it("ends STOPPED on DECLINE or Stop, and refuses ineligible jobs and a second analysis", async () => {
    await createJob("etl", { GlueVersion: "4.0" });
    aws.configure({ transitions: "manual" });
    const { analysisId } = await glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "etl" }));
    expect(await rejectionOf(glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "etl" })))).toBeInstanceOf(InvalidInputException);
    await glue.send(new StopJobUpgradeAnalysisCommand({ jobName: "etl", analysisId }));
    expect((await status("etl", analysisId!)).status).toBe("STOPPED");
    expect(await rejectionOf(glue.send(new StopJobUpgradeAnalysisCommand({ jobName: "etl", analysisId })))).toBeInstanceOf(InvalidInputException);

    const second = await glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "etl" }));
    aws.settle();
    await glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "etl", analysisId: second.analysisId, upgradeConsent: "DECLINE" }));
    aws.settle();
    expect((await status("etl", second.analysisId!)).status).toBe("STOPPED");
    expect((await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.GlueVersion).toBe("4.0");

    await createJob("old");
    expect(await rejectionOf(glue.send(new StartJobUpgradeAnalysisCommand({ jobName: "old" })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(status("etl", "nope"))).toBeInstanceOf(EntityNotFoundException);
  });
});

describe("Glue system logs of a job run", () => {
  it("gives the CloudWatch address of a run's logs", async () => {
    await createJob("etl");
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    const { SystemLogsUrl } = await glue.send(new GetSystemLogsForJobRunCommand({ JobName: "etl", RunId: JobRunId }));
    expect(SystemLogsUrl).toContain(JobRunId);
    expect(await rejectionOf(glue.send(new GetSystemLogsForJobRunCommand({ JobName: "etl", RunId: "jr_none" })))).toBeInstanceOf(EntityNotFoundException);
  });
});
