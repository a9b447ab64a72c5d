import { CreateSessionCommand, DeleteJobCommand, DeleteSessionCommand, EntityNotFoundException, GetDashboardUrlCommand, InvalidInputException, StartJobRunCommand } from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { createJob, glue, ROLE } from "../helpers.js";

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};

describe("GetDashboardUrl", () => {
  it("answers the Spark UI URL of an existing job run", async () => {
    await createJob("etl");
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
    const { Url } = await glue.send(new GetDashboardUrlCommand({ ResourceId: JobRunId, ResourceType: "JOB", RequestOrigin: "console" }));
    expect(Url).toBe(`https://us-east-1.console.aws.amazon.com/gluestudio/home?region=us-east-1&origin=console#/spark-ui/job-run-details/etl/${JobRunId}`);
  });

  it("finds a run among many jobs by its id alone, and no longer once its job is deleted", async () => {
    for (let i = 0; i < 5; i++) await createJob(`job-${i}`);
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "job-3" }));
    const { Url } = await glue.send(new GetDashboardUrlCommand({ ResourceId: JobRunId, ResourceType: "JOB" }));
    expect(Url).toContain(`#/spark-ui/job-run-details/job-3/${JobRunId}`);

    aws.settle();
    await glue.send(new DeleteJobCommand({ JobName: "job-3" }));
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: JobRunId, ResourceType: "JOB" })))).toBeInstanceOf(EntityNotFoundException);
    // A job created again under the same name has none of the old job's runs.
    await createJob("job-3");
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: JobRunId, ResourceType: "JOB" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("answers the Spark UI URL of an existing interactive session", async () => {
    await glue.send(new CreateSessionCommand({ Id: "notebook-1", Role: ROLE, Command: { Name: "glueetl", PythonVersion: "3" } }));
    const { Url } = await glue.send(new GetDashboardUrlCommand({ ResourceId: "notebook-1", ResourceType: "SESSION" }));
    expect(Url).toBe("https://us-east-1.console.aws.amazon.com/gluestudio/home?region=us-east-1#/spark-ui/session-details/notebook-1");
    // A job run's id is not a session's, nor the other way round.
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "notebook-1", ResourceType: "JOB" })))).toBeInstanceOf(EntityNotFoundException);

    aws.settle();
    await glue.send(new DeleteSessionCommand({ Id: "notebook-1" }));
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "notebook-1", ResourceType: "SESSION" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("refuses an unknown run or session, and a bad origin", async () => {
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "jr_absent", ResourceType: "JOB" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "session-1", ResourceType: "SESSION" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "x", ResourceType: "CLUSTER" as never })))).toBeInstanceOf(InvalidInputException);
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "x", ResourceType: "JOB", RequestOrigin: "not allowed!" })))).toBeInstanceOf(InvalidInputException);
  });
});
