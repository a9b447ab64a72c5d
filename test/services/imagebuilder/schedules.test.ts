import {
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  GetImageCommand,
  GetImagePipelineCommand,
  InvalidRequestException,
  ListImagePipelineImagesCommand,
  StartImagePipelineExecutionCommand,
  UpdateImagePipelineCommand,
  type Schedule,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, createComponent, createInfrastructure, ib } from "./fixtures.js";

const HOUR = 3_600_000;

/** A pipeline whose recipe takes the newest `scheduled-comp` component (x.x.x). */
async function scheduledPipeline(schedule: Schedule, name = "sched") {
  await createComponent("scheduled-comp", "1.0.0");
  const recipe = await ib.send(
    new CreateImageRecipeCommand({ name: `${name}-recipe`, semanticVersion: "1.0.0", parentImage: "ami-0abc", components: [{ componentArn: arn("component/scheduled-comp/x.x.x") }] }),
  );
  const infra = await createInfrastructure(`${name}-infra`);
  const { imagePipelineArn } = await ib.send(
    new CreateImagePipelineCommand({ name, imageRecipeArn: recipe.imageRecipeArn, infrastructureConfigurationArn: infra, schedule, imageTestsConfiguration: { imageTestsEnabled: false } }),
  );
  return imagePipelineArn!;
}

async function imagesOf(pipeline: string) {
  return (await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipeline }))).imageSummaryList!;
}

/** The next whole hour after `ms`, as the schedule "at minute 0 of every hour" fires. */
const nextHour = (ms: number) => Math.floor(ms / HOUR) * HOUR + HOUR;

describe("Image Builder pipeline schedules", () => {
  it("reports dateNextRun and starts a SCHEDULED build on the first call after it (virtual clock)", async () => {
    const pipeline = await scheduledPipeline({ scheduleExpression: "cron(0 * * * ? *)", pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY" });
    const created = (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!;
    expect(Date.parse(created.dateNextRun!)).toBe(nextHour(aws.clock.now().getTime()));
    expect(await imagesOf(pipeline)).toEqual([]);

    aws.clock.advance(HOUR);
    const images = await imagesOf(pipeline);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ buildType: "SCHEDULED", name: "sched-recipe" });
    const after = (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!;
    expect(Date.parse(after.dateNextRun!)).toBeGreaterThan(aws.clock.now().getTime());

    // Missed occurrences start one build, not one each.
    aws.clock.advance(5 * HOUR);
    expect(await imagesOf(pipeline)).toHaveLength(2);
  });

  it("by default builds only when the recipe's references resolve to something new", async () => {
    const pipeline = await scheduledPipeline({ scheduleExpression: "cron(0 * * * ? *)" });
    aws.clock.advance(HOUR);
    expect(await imagesOf(pipeline)).toHaveLength(1);
    aws.settle();
    // Nothing changed: the next occurrence builds nothing.
    aws.clock.advance(HOUR);
    expect(await imagesOf(pipeline)).toHaveLength(1);
    // A new build of the component the recipe takes with x.x.x is a dependency update.
    await createComponent("scheduled-comp", "1.1.0");
    aws.clock.advance(HOUR);
    const images = await imagesOf(pipeline);
    expect(images).toHaveLength(2);
    expect(images[0]?.buildType).toBe("SCHEDULED");
  });

  it("does not run DISABLED pipelines, and reads the schedule in its time zone", async () => {
    const pipeline = await scheduledPipeline({ scheduleExpression: "cron(0 9 * * ? *)", timezone: "America/New_York", pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY" });
    const next = new Date((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!.dateNextRun!);
    // 09:00 in New York is 13:00 or 14:00 UTC depending on daylight saving time.
    expect([13, 14]).toContain(next.getUTCHours());
    expect(next.getUTCMinutes()).toBe(0);

    const current = (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!;
    await ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: pipeline, imageRecipeArn: current.imageRecipeArn, infrastructureConfigurationArn: current.infrastructureConfigurationArn, schedule: current.schedule, status: "DISABLED" }));
    expect((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline?.dateNextRun).toBeUndefined();
    aws.clock.advance(48 * HOUR);
    expect(await imagesOf(pipeline)).toEqual([]);

    const zone = await rejectionOf(
      ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: pipeline, imageRecipeArn: current.imageRecipeArn, infrastructureConfigurationArn: current.infrastructureConfigurationArn, schedule: { scheduleExpression: "cron(0 9 * * ? *)", timezone: "Mars/Olympus" } })),
    );
    expect(zone).toBeInstanceOf(InvalidRequestException);
    expect(zone.message).toContain("IANA time zone");
    const noExpression = await rejectionOf(
      ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: pipeline, imageRecipeArn: current.imageRecipeArn, infrastructureConfigurationArn: current.infrastructureConfigurationArn, schedule: { timezone: "UTC" } })),
    );
    expect(noExpression.message).toContain("scheduleExpression");
  });

  it("counts failed scheduled builds and disables the pipeline at autoDisablePolicy.failureCount", async () => {
    const pipeline = await scheduledPipeline({ scheduleExpression: "cron(0 * * * ? *)", pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY", autoDisablePolicy: { failureCount: 2 } });
    aws.lifecycle("ImageBuilder.Image", { pipelineArn: pipeline }).endsIn("FAILED", { message: "boot failure" });
    // A manual failure does not count.
    const manual = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }))).imageBuildVersionArn!;
    aws.settle();
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: manual }))).image?.state?.status).toBe("FAILED");
    expect((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline?.consecutiveFailures).toBe(0);

    aws.clock.advance(HOUR);
    await imagesOf(pipeline);
    aws.settle();
    expect((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline).toMatchObject({ consecutiveFailures: 1, status: "ENABLED" });
    aws.clock.advance(HOUR);
    await imagesOf(pipeline);
    aws.settle();
    const disabled = (await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!;
    expect(disabled).toMatchObject({ consecutiveFailures: 2, status: "DISABLED", lastRunStatus: "FAILED" });
    expect(disabled.dateNextRun).toBeUndefined();
    aws.clock.advance(5 * HOUR);
    expect(await imagesOf(pipeline)).toHaveLength(3);
  });
});
