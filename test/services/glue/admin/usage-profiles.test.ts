import {
  AlreadyExistsException,
  CreateUsageProfileCommand,
  CreateSessionCommand,
  CreateTriggerCommand,
  DeleteUsageProfileCommand,
  EntityNotFoundException,
  GetJobCommand,
  GetJobRunCommand,
  GetJobRunsCommand,
  GetSessionCommand,
  GetTagsCommand,
  GetUsageProfileCommand,
  InvalidInputException,
  ListUsageProfilesCommand,
  StartJobRunCommand,
  StartTriggerCommand,
  UpdateJobCommand,
  UpdateUsageProfileCommand,
  paginateListUsageProfiles,
  type ProfileConfiguration,
} from "@aws-sdk/client-glue";
import { setCallerUsageProfile } from "aws-doubles/glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { arnOf, createJob, glue, ROLE } from "../helpers.js";

const DEVELOPERS: ProfileConfiguration = {
  JobConfiguration: {
    numberOfWorkers: { DefaultValue: "2", MinValue: "1", MaxValue: "5" },
    workerType: { DefaultValue: "G.1X", AllowedValues: ["G.1X", "G.2X"] },
    timeout: { DefaultValue: "60", MinValue: "1", MaxValue: "120" },
  },
  SessionConfiguration: { idleTimeout: { DefaultValue: "30", MinValue: "1", MaxValue: "60" } },
};

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};
const createProfile = (Name: string, Configuration: ProfileConfiguration = DEVELOPERS, extra: { Description?: string; Tags?: Record<string, string> } = {}) =>
  glue.send(new CreateUsageProfileCommand({ Name, Configuration, ...extra }));

describe("Glue usage profiles", () => {
  it("creates, reads, updates, lists and deletes a profile", async () => {
    expect(await createProfile("developers", DEVELOPERS, { Description: "dev limits", Tags: { team: "data" } })).toMatchObject({ Name: "developers" });
    const profile = await glue.send(new GetUsageProfileCommand({ Name: "developers" }));
    expect(profile).toMatchObject({ Name: "developers", Description: "dev limits", Configuration: DEVELOPERS });
    expect(profile.CreatedOn).toBeInstanceOf(Date);
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("usageProfile", "developers") }))).Tags).toEqual({ team: "data" });
    expect(await errorOf(createProfile("developers"))).toBeInstanceOf(AlreadyExistsException);

    aws.clock.advance(60_000);
    const smaller = { JobConfiguration: { numberOfWorkers: { DefaultValue: "1", MinValue: "1", MaxValue: "2" } } };
    await glue.send(new UpdateUsageProfileCommand({ Name: "developers", Configuration: smaller }));
    const updated = await glue.send(new GetUsageProfileCommand({ Name: "developers" }));
    expect(updated.Configuration).toEqual(smaller);
    expect(updated.Description).toBe("dev limits");
    expect(updated.LastModifiedOn!.getTime()).toBeGreaterThan(updated.CreatedOn!.getTime());
    expect(await errorOf(glue.send(new UpdateUsageProfileCommand({ Name: "absent", Configuration: smaller })))).toBeInstanceOf(EntityNotFoundException);

    for (let i = 0; i < 4; i++) await createProfile(`p${i}`);
    const names: string[] = [];
    for await (const page of paginateListUsageProfiles({ client: glue, pageSize: 2 }, {})) names.push(...page.Profiles!.map((p) => p.Name!));
    expect(names).toEqual(["developers", "p0", "p1", "p2", "p3"]);
    expect((await glue.send(new ListUsageProfilesCommand({ MaxResults: 1 }))).Profiles![0]).toMatchObject({ Name: "developers", Description: "dev limits" });

    await glue.send(new DeleteUsageProfileCommand({ Name: "developers" }));
    // The model declares no EntityNotFoundException for DeleteUsageProfile.
    await glue.send(new DeleteUsageProfileCommand({ Name: "developers" }));
    expect(await errorOf(glue.send(new GetUsageProfileCommand({ Name: "developers" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it.each([
    [{}, "at least one parameter"],
    [{ JobConfiguration: {} }, "at least one parameter"],
    [{ JobConfiguration: { timeout: {} } }, "sets nothing"],
    [{ JobConfiguration: { timeout: { MinValue: "1" } } }, "both MinValue and MaxValue"],
    [{ JobConfiguration: { timeout: { MinValue: "1", MaxValue: "5", AllowedValues: ["2"] } } }, "not both"],
    [{ JobConfiguration: { timeout: { MinValue: "9", MaxValue: "5" } } }, "greater than MaxValue"],
    [{ JobConfiguration: { timeout: { DefaultValue: "10", MinValue: "1", MaxValue: "5" } } }, "outside the allowed range"],
    [{ JobConfiguration: { numberOfWorkers: { DefaultValue: "two" } } }, "not a whole number"],
    [{ JobConfiguration: { workerType: { AllowedValues: ["G.1X", "G.99X"] } } }, "'G.99X' is not a worker type"],
    [{ JobConfiguration: { workerType: { DefaultValue: "G.2X", AllowedValues: ["G.1X"] } } }, "not one of the allowed values"],
    [{ JobConfiguration: { idleTimeout: { DefaultValue: "5" } } }, "interactive sessions only"],
    [{ JobConfiguration: { timeout: { DefaultValue: "1 0" } } }, "failed to satisfy constraint"],
  ] as Array<[ProfileConfiguration, string]>)("refuses the configuration %j (%s)", async (configuration, fragment) => {
    const error = await errorOf(createProfile("bad", configuration));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(fragment);
    expect((await glue.send(new ListUsageProfilesCommand({}))).Profiles).toEqual([]);
  });

  describe("applied to the jobs of a caller who has a profile", () => {
    it("fills in the profile's defaults, checks its limits and records it as the job's ProfileName", async () => {
      await createProfile("developers");
      setCallerUsageProfile("developers");
      await createJob("etl", { Command: { Name: "glueetl", ScriptLocation: "s3://scripts/etl.py" }, GlueVersion: "4.0" });
      const job = (await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!;
      expect(job).toMatchObject({ ProfileName: "developers", WorkerType: "G.1X", NumberOfWorkers: 2, Timeout: 60 });

      const tooMany = await errorOf(createJob("big", { WorkerType: "G.1X", NumberOfWorkers: 10 }));
      expect(tooMany).toBeInstanceOf(InvalidInputException);
      expect(tooMany.message).toContain("numberOfWorkers 10 is outside the allowed range 1–5");
      expect((await errorOf(createJob("wide", { WorkerType: "G.8X", NumberOfWorkers: 2 }))).message).toContain("'G.8X' is not one of the allowed values");

      // A caller without a profile updates the job: the profile is removed from it.
      setCallerUsageProfile(undefined);
      await glue.send(new UpdateJobCommand({ JobName: "etl", JobUpdate: { Role: ROLE, Command: { Name: "glueetl" }, WorkerType: "G.8X", NumberOfWorkers: 20 } }));
      expect((await glue.send(new GetJobCommand({ JobName: "etl" }))).Job!.ProfileName).toBeUndefined();
    });

    it("runs within the caller's limits at StartJobRun, and a trigger's runs within the job's profile", async () => {
      await createProfile("developers");
      await createProfile("tight", { JobConfiguration: { numberOfWorkers: { MinValue: "1", MaxValue: "2" } } });
      await createJob("etl", { WorkerType: "G.1X", NumberOfWorkers: 4 });

      setCallerUsageProfile("tight");
      const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: "etl" }));
      aws.settle();
      const failed = (await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: JobRunId }))).JobRun!;
      expect(failed).toMatchObject({ JobRunState: "FAILED", ProfileName: "tight" });
      expect(failed.ErrorMessage).toContain("Usage profile tight does not allow numberOfWorkers 4");
      const overridden = await glue.send(new StartJobRunCommand({ JobName: "etl", NumberOfWorkers: 2, WorkerType: "G.1X" }));
      aws.settle();
      expect((await glue.send(new GetJobRunCommand({ JobName: "etl", RunId: overridden.JobRunId }))).JobRun!.JobRunState).toBe("SUCCEEDED");

      // The job saved under "developers" (max 5 workers) runs from a trigger under that profile.
      setCallerUsageProfile("developers");
      await glue.send(new UpdateJobCommand({ JobName: "etl", JobUpdate: { Role: ROLE, Command: { Name: "glueetl" }, WorkerType: "G.1X", NumberOfWorkers: 4 } }));
      setCallerUsageProfile(undefined);
      await glue.send(new CreateTriggerCommand({ Name: "now", Type: "ON_DEMAND", Actions: [{ JobName: "etl" }] }));
      await glue.send(new StartTriggerCommand({ Name: "now" }));
      aws.settle();
      const [latest] = (await glue.send(new GetJobRunsCommand({ JobName: "etl" }))).JobRuns!;
      expect(latest).toMatchObject({ TriggerName: "now", JobRunState: "SUCCEEDED", ProfileName: "developers" });
    });

    it("refuses the caller's calls when its profile does not exist in the Region", async () => {
      setCallerUsageProfile("gone");
      const error = await errorOf(createJob("etl"));
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain("usage profile gone does not exist");
      expect(await errorOf(createSession("s1"))).toBeInstanceOf(InvalidInputException);
    });
  });

  describe("applied to the interactive sessions of a caller who has a profile", () => {
    const NOTEBOOKS: ProfileConfiguration = {
      SessionConfiguration: {
        numberOfWorkers: { DefaultValue: "2", MinValue: "1", MaxValue: "4" },
        workerType: { DefaultValue: "G.1X", AllowedValues: ["G.1X", "G.2X"] },
        timeout: { DefaultValue: "120", MinValue: "1", MaxValue: "480" },
        idleTimeout: { DefaultValue: "15", MinValue: "1", MaxValue: "60" },
      },
    };

    it("fills in the profile's session defaults and records the profile as the session's ProfileName", async () => {
      await createProfile("notebooks", NOTEBOOKS);
      setCallerUsageProfile("notebooks");
      const { Session } = await createSession("s1");
      expect(Session).toMatchObject({ ProfileName: "notebooks", WorkerType: "G.1X", NumberOfWorkers: 2, IdleTimeout: 15 });
      // Values given within the limits are kept; the idle timeout still comes from the profile.
      await createSession("s2", { WorkerType: "G.2X", NumberOfWorkers: 4, Timeout: 30 });
      expect((await glue.send(new GetSessionCommand({ Id: "s2" }))).Session).toMatchObject({ ProfileName: "notebooks", WorkerType: "G.2X", NumberOfWorkers: 4, IdleTimeout: 15 });

      // The job defaults of a profile do not reach sessions: DEVELOPERS sets only an idle timeout for them.
      await createProfile("developers");
      setCallerUsageProfile("developers");
      expect((await createSession("s3")).Session).toMatchObject({ ProfileName: "developers", IdleTimeout: 30 });
      expect((await createSession("s4")).Session!.WorkerType).toBeUndefined();

      // A caller without a profile creates sessions as given.
      setCallerUsageProfile(undefined);
      expect((await createSession("s5")).Session).toMatchObject({ IdleTimeout: 2880 });
      expect((await glue.send(new GetSessionCommand({ Id: "s5" }))).Session!.ProfileName).toBeUndefined();
    });

    it("refuses a session outside the profile's limits, and creates nothing", async () => {
      await createProfile("notebooks", NOTEBOOKS);
      setCallerUsageProfile("notebooks");
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ WorkerType: "G.1X", NumberOfWorkers: 8 }, "numberOfWorkers 8 is outside the allowed range 1–4"],
        [{ WorkerType: "G.8X", NumberOfWorkers: 2 }, "'G.8X' is not one of the allowed values"],
        [{ Timeout: 600 }, "timeout 600 is outside the allowed range 1–480"],
        [{ IdleTimeout: 90, Timeout: 120 }, "idleTimeout 90 is outside the allowed range 1–60"],
        // The profile's default idle timeout (15) cannot outlast a shorter Timeout.
        [{ Timeout: 10 }, "IdleTimeout (15) cannot be longer than Timeout (10)"],
      ];
      for (const [extra, fragment] of cases) {
        const error = await errorOf(createSession("big", extra));
        expect(error, fragment).toBeInstanceOf(InvalidInputException);
        expect(error.message).toContain(fragment);
        expect(await errorOf(glue.send(new GetSessionCommand({ Id: "big" })))).toBeInstanceOf(EntityNotFoundException);
      }
    });

    it("leaves the workers alone when the caller sizes the session with MaxCapacity", async () => {
      await createProfile("notebooks", NOTEBOOKS);
      setCallerUsageProfile("notebooks");
      const { Session } = await createSession("s1", { MaxCapacity: 2 });
      expect(Session).toMatchObject({ MaxCapacity: 2, ProfileName: "notebooks", IdleTimeout: 15 });
      expect(Session!.WorkerType).toBeUndefined();
    });
  });
});

function createSession(Id: string, extra: Record<string, unknown> = {}) {
  return glue.send(new CreateSessionCommand({ Id, Role: ROLE, Command: { Name: "glueetl", PythonVersion: "3" }, ...extra }));
}
