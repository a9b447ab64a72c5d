import { EntityNotFoundException, GetDashboardUrlCommand, InvalidInputException, StartJobRunCommand } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { createJob, glue } from "../helpers.js";

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

  it("refuses an unknown run or session, and a bad origin", async () => {
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "jr_absent", ResourceType: "JOB" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "session-1", ResourceType: "SESSION" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "x", ResourceType: "CLUSTER" as never })))).toBeInstanceOf(InvalidInputException);
    expect(await errorOf(glue.send(new GetDashboardUrlCommand({ ResourceId: "x", ResourceType: "JOB", RequestOrigin: "not allowed!" })))).toBeInstanceOf(InvalidInputException);
  });
});
