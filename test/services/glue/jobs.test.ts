import {
  AlreadyExistsException,
  BatchGetJobsCommand,
  CreateJobCommand,
  DeleteJobCommand,
  EntityNotFoundException,
  GetJobCommand,
  GetJobsCommand,
  GetTagsCommand,
  InvalidInputException,
  ListJobsCommand,
  paginateGetJobs,
  paginateListJobs,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateJobCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arnOf, createJob, glue, ROLE } from "./helpers.js";

describe("Glue jobs", () => {
  it("creates a job and reads it back with the service's defaults filled in", async () => {
    const created = await glue.send(
      new CreateJobCommand({
        Name: "etl",
        Role: ROLE,
        Command: { Name: "glueetl", ScriptLocation: "s3://scripts/etl.py", PythonVersion: "3" },
        DefaultArguments: { "--env": "test" },
        NonOverridableArguments: { "--secure": "yes" },
        Description: "nightly\nload",
        WorkerType: "G.2X",
        NumberOfWorkers: 5,
        GlueVersion: "4.0",
        Tags: { team: "data" },
      }),
    );
    expect(created.Name).toBe("etl");
    expect(created.$metadata.httpStatusCode).toBe(200);

    const { Job } = await glue.send(new GetJobCommand({ JobName: "etl" }));
    expect(Job).toMatchObject({
      Name: "etl",
      Role: ROLE,
      Command: { Name: "glueetl", ScriptLocation: "s3://scripts/etl.py", PythonVersion: "3" },
      DefaultArguments: { "--env": "test" },
      NonOverridableArguments: { "--secure": "yes" },
      Description: "nightly\nload",
      ExecutionProperty: { MaxConcurrentRuns: 1 },
      MaxRetries: 0,
      Timeout: 2880,
      GlueVersion: "4.0",
      JobMode: "SCRIPT",
      WorkerType: "G.2X",
      NumberOfWorkers: 5,
      MaxCapacity: 10,
    });
    expect(Job?.CreatedOn).toBeInstanceOf(Date);
    expect(Job?.LastModifiedOn?.getTime()).toBe(Job?.CreatedOn?.getTime());
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("job", "etl") }))).Tags).toEqual({ team: "data" });
  });

  it("applies the documented capacity defaults of Python shell and Spark jobs", async () => {
    await createJob("shell", { Command: { Name: "pythonshell", ScriptLocation: "s3://s/x.py" } });
    await createJob("spark");
    const { Jobs } = await glue.send(new BatchGetJobsCommand({ JobNames: ["shell", "spark"] }));
    expect(Jobs?.find((j) => j.Name === "shell")).toMatchObject({ MaxCapacity: 0.0625, GlueVersion: "0.9" });
    expect(Jobs?.find((j) => j.Name === "spark")).toMatchObject({ MaxCapacity: 10, AllocatedCapacity: 10 });
  });

  it("refuses a duplicate name instead of overwriting the job", async () => {
    await createJob("dup", { Description: "first" });
    const error = await rejectionOf(createJob("dup", { Description: "second" }));
    expect(error).toBeInstanceOf(AlreadyExistsException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("dup");
    expect((await glue.send(new GetJobCommand({ JobName: "dup" }))).Job?.Description).toBe("first");
  });

  it("validates required members, enums, patterns and capacity combinations", async () => {
    const noRole = await rejectionOf(glue.send(new CreateJobCommand({ Name: "x", Command: { Name: "glueetl" } } as never)));
    expect(noRole).toBeInstanceOf(InvalidInputException);
    expect(noRole.message).toContain("'role'");

    const badWorker = await rejectionOf(createJob("x", { WorkerType: "G.3X" as never, NumberOfWorkers: 2 }));
    expect(badWorker).toBeInstanceOf(InvalidInputException);
    expect(badWorker.message).toContain("Member must satisfy enum value set");

    const badVersion = await rejectionOf(createJob("x", { GlueVersion: "four" }));
    expect(badVersion.message).toContain("at 'glueVersion' failed to satisfy constraint");

    const both = await rejectionOf(createJob("x", { AllocatedCapacity: 5, MaxCapacity: 5 }));
    expect(both).toBeInstanceOf(InvalidInputException);
    expect(both.message).toBe("Please set only Allocated Capacity or Max Capacity.");

    const half = await rejectionOf(createJob("x", { WorkerType: "G.1X" }));
    expect(half.message).toBe("Please set both Worker Type and Number of Workers.");

    const mixed = await rejectionOf(createJob("x", { WorkerType: "G.1X", NumberOfWorkers: 2, MaxCapacity: 2 }));
    expect(mixed.message).toContain("do not set Max Capacity");

    const shell = await rejectionOf(createJob("x", { Command: { Name: "pythonshell" }, MaxCapacity: 2 }));
    expect(shell.message).toContain("0.0625 or 1");

    const workers = await rejectionOf(createJob("x", { WorkerType: "G.1X", NumberOfWorkers: 2.5 }));
    expect(workers.message).toContain("at 'numberOfWorkers' failed to satisfy constraint: Member must be a whole number");

    const timeout = await rejectionOf(createJob("x", { Timeout: 20000 }));
    expect(timeout.message).toContain("10080");

    expect((await glue.send(new ListJobsCommand({}))).JobNames).toEqual([]);
  });

  it("overwrites the definition completely on update, keeping role and command when left out", async () => {
    await createJob("u", { Description: "d", DefaultArguments: { "--a": "1" }, ExecutionProperty: { MaxConcurrentRuns: 3 } });
    aws.clock.advance(1000);
    const updated = await glue.send(new UpdateJobCommand({ JobName: "u", JobUpdate: { Timeout: 60 } }));
    expect(updated.JobName).toBe("u");
    const { Job } = await glue.send(new GetJobCommand({ JobName: "u" }));
    expect(Job).toMatchObject({ Role: ROLE, Command: { Name: "glueetl" }, Timeout: 60, ExecutionProperty: { MaxConcurrentRuns: 1 } });
    expect(Job?.Description).toBeUndefined();
    expect(Job?.DefaultArguments).toBeUndefined();
    expect(Job!.LastModifiedOn!.getTime()).toBeGreaterThan(Job!.CreatedOn!.getTime());

    const missing = await rejectionOf(glue.send(new UpdateJobCommand({ JobName: "ghost", JobUpdate: { Timeout: 1 } })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toContain("ghost");
    const invalid = await rejectionOf(glue.send(new UpdateJobCommand({ JobName: "u", JobUpdate: { MaxCapacity: 5, AllocatedCapacity: 5 } })));
    expect(invalid).toBeInstanceOf(InvalidInputException);
  });

  it("deletes a job (a missing one too, as AWS documents) and forgets its tags", async () => {
    await createJob("gone", { Tags: { a: "b" } });
    expect((await glue.send(new DeleteJobCommand({ JobName: "gone" }))).JobName).toBe("gone");
    const error = await rejectionOf(glue.send(new GetJobCommand({ JobName: "gone" })));
    expect(error).toBeInstanceOf(EntityNotFoundException);
    expect(error.message).toBe("Job gone not found.");
    expect((await glue.send(new DeleteJobCommand({ JobName: "never" }))).JobName).toBe("never");
    await createJob("gone");
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("job", "gone") }))).Tags).toEqual({});
  });

  it("pages GetJobs and ListJobs with the SDK paginators, and filters ListJobs by tags", async () => {
    for (let i = 0; i < 5; i++) await createJob(`job-${i}`, i % 2 === 0 ? { Tags: { even: "yes" } } : {});
    const names: string[][] = [];
    for await (const page of paginateGetJobs({ client: glue, pageSize: 2 }, {})) names.push((page.Jobs ?? []).map((j) => j.Name!));
    expect(names).toEqual([["job-0", "job-1"], ["job-2", "job-3"], ["job-4"]]);

    const listed: string[] = [];
    for await (const page of paginateListJobs({ client: glue, pageSize: 2 }, { Tags: { even: "yes" } })) listed.push(...(page.JobNames ?? []));
    expect(listed).toEqual(["job-0", "job-2", "job-4"]);

    await glue.send(new TagResourceCommand({ ResourceArn: arnOf("job", "job-1"), TagsToAdd: { even: "yes" } }));
    await glue.send(new UntagResourceCommand({ ResourceArn: arnOf("job", "job-0"), TagsToRemove: ["even"] }));
    expect((await glue.send(new ListJobsCommand({ Tags: { even: "yes" } }))).JobNames).toEqual(["job-1", "job-2", "job-4"]);

    const big = await rejectionOf(glue.send(new GetJobsCommand({ MaxResults: 1001 })));
    expect(big).toBeInstanceOf(InvalidInputException);
    expect(big.message).toContain("less than or equal to 1000");
    const foreign = await rejectionOf(glue.send(new ListJobsCommand({ Tags: { other: "x" }, NextToken: (await glue.send(new ListJobsCommand({ MaxResults: 1 }))).NextToken })));
    expect(foreign).toBeInstanceOf(InvalidInputException);
  });

  it("batch-gets jobs and names the missing ones", async () => {
    await createJob("one");
    const result = await glue.send(new BatchGetJobsCommand({ JobNames: ["one", "two"] }));
    expect(result.Jobs?.map((j) => j.Name)).toEqual(["one"]);
    expect(result.JobsNotFound).toEqual(["two"]);
    const missing = await rejectionOf(glue.send(new BatchGetJobsCommand({} as never)));
    expect(missing).toBeInstanceOf(InvalidInputException);
    expect(missing.message).toContain("'jobNames'");
  });
});
