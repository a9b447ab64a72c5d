import { GetJobCommand, GetJobRunCommand, InvalidInputException, StartJobRunCommand, UpdateJobCommand } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { createJob, glue, ROLE } from "./helpers.js";

const runOf = async (JobName: string, RunId: string) => (await glue.send(new GetJobRunCommand({ JobName, RunId }))).JobRun!;

describe("Glue job capacity (Job and StartJobRun API reference)", () => {
  it("refuses MaxCapacity for Glue 2.0 and later Spark jobs, on CreateJob and UpdateJob", async () => {
    // "For Glue version 2.0 or later jobs, you cannot specify a Maximum capacity."
    for (const [GlueVersion, Name] of [["2.0", "glueetl"], ["4.0", "glueetl"], ["5.0", "gluestreaming"]] as const) {
      const error = await rejectionOf(createJob(`spark-${GlueVersion}`, { GlueVersion, Command: { Name, ScriptLocation: "s3://b/s.py" }, MaxCapacity: 10 }));
      expect(error, GlueVersion).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain("Glue version 2.0 or later");
      expect(error.message).toContain("WorkerType");
    }
    // Older Spark jobs and Python shell jobs of any version keep MaxCapacity.
    await createJob("spark-1", { GlueVersion: "1.0", MaxCapacity: 10 });
    await createJob("shell-3", { GlueVersion: "3.0", Command: { Name: "pythonshell", ScriptLocation: "s3://b/s.py" }, MaxCapacity: 1 });
    // Glue 2.0+ Spark jobs size themselves with workers.
    await createJob("spark-4", { GlueVersion: "4.0", WorkerType: "G.1X", NumberOfWorkers: 10 });

    const update = await rejectionOf(glue.send(new UpdateJobCommand({ JobName: "spark-1", JobUpdate: { Role: ROLE, GlueVersion: "3.0", MaxCapacity: 10 } })));
    expect(update).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new GetJobCommand({ JobName: "spark-1" }))).Job).toMatchObject({ GlueVersion: "1.0", MaxCapacity: 10 });
    await glue.send(new UpdateJobCommand({ JobName: "spark-1", JobUpdate: { Role: ROLE, GlueVersion: "3.0", WorkerType: "G.2X", NumberOfWorkers: 4 } }));
    expect((await glue.send(new GetJobCommand({ JobName: "spark-1" }))).Job).toMatchObject({ GlueVersion: "3.0", WorkerType: "G.2X", NumberOfWorkers: 4 });
  });

  it("refuses MaxCapacity beside WorkerType and NumberOfWorkers, on jobs and runs", async () => {
    const create = await rejectionOf(createJob("mixed", { GlueVersion: "1.0", WorkerType: "G.1X", NumberOfWorkers: 2, MaxCapacity: 2 }));
    expect(create).toBeInstanceOf(InvalidInputException);
    await createJob("old", { GlueVersion: "1.0" });
    const run = await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "old", WorkerType: "G.1X", NumberOfWorkers: 2, MaxCapacity: 2 })));
    expect(run).toBeInstanceOf(InvalidInputException);
    expect(run.message).toContain("Max Capacity");
  });

  it("refuses a run's MaxCapacity on a Glue 2.0+ Spark job, and takes it on older ones", async () => {
    await createJob("modern", { GlueVersion: "4.0", WorkerType: "G.1X", NumberOfWorkers: 10 });
    const error = await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "modern", MaxCapacity: 20 })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain("Glue version 2.0 or later");

    await createJob("legacy", { GlueVersion: "1.0", MaxCapacity: 10 });
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "legacy", MaxCapacity: 20 }));
    expect(await runOf("legacy", JobRunId!)).toMatchObject({ MaxCapacity: 20 });
  });

  it("lets a run override NumberOfWorkers or WorkerType alone on a job that defines both", async () => {
    await createJob("workers", { GlueVersion: "4.0", WorkerType: "G.1X", NumberOfWorkers: 10, ExecutionProperty: { MaxConcurrentRuns: 3 } });
    const more = await glue.send(new StartJobRunCommand({ JobName: "workers", NumberOfWorkers: 20 }));
    expect(await runOf("workers", more.JobRunId!)).toMatchObject({ WorkerType: "G.1X", NumberOfWorkers: 20 });
    const bigger = await glue.send(new StartJobRunCommand({ JobName: "workers", WorkerType: "G.2X" }));
    expect(await runOf("workers", bigger.JobRunId!)).toMatchObject({ WorkerType: "G.2X", NumberOfWorkers: 10 });
    const both = await glue.send(new StartJobRunCommand({ JobName: "workers", WorkerType: "G.4X", NumberOfWorkers: 3 }));
    expect(await runOf("workers", both.JobRunId!)).toMatchObject({ WorkerType: "G.4X", NumberOfWorkers: 3 });

    // A job sized by MaxCapacity has no worker setting to keep: one alone is still refused.
    await createJob("dpus", { GlueVersion: "1.0", MaxCapacity: 10 });
    const alone = await rejectionOf(glue.send(new StartJobRunCommand({ JobName: "dpus", NumberOfWorkers: 5 })));
    expect(alone).toBeInstanceOf(InvalidInputException);
    expect(alone.message).toBe("Please set both Worker Type and Number of Workers.");
  });
});
