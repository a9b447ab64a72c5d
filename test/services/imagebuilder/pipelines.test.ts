import {
  CreateImagePipelineCommand,
  DeleteImagePipelineCommand,
  GetImageCommand,
  GetImagePipelineCommand,
  IdempotentParameterMismatchException,
  InvalidRequestException,
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
  paginateListImagePipelineImages,
  paginateListImagePipelines,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartImagePipelineExecutionCommand,
  UpdateImagePipelineCommand,
  type WorkflowConfiguration,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, createContainerRecipe, createDistribution, createInfrastructure, createPipeline, createRecipe, createWorkflow, ib, pollImage } from "./fixtures.js";

describe("Image Builder image pipelines", () => {
  it("creates a pipeline and reads it back with defaults filled in", async () => {
    const recipe = await createRecipe("pipe-recipe");
    const infra = await createInfrastructure("pipe-infra");
    const created = await ib.send(
      new CreateImagePipelineCommand({
        name: "Nightly",
        description: "nightly build",
        imageRecipeArn: recipe,
        infrastructureConfigurationArn: infra,
        schedule: { scheduleExpression: "cron(0 3 * * ? *)", autoDisablePolicy: { failureCount: 3 } },
        imageTags: { built: "nightly" },
        tags: { owner: "ci" },
        clientToken: "pipe-1",
      }),
    );
    expect(created.imagePipelineArn).toBe(arn("image-pipeline/nightly"));
    expect(created.clientToken).toBe("pipe-1");
    const { imagePipeline } = await ib.send(new GetImagePipelineCommand({ imagePipelineArn: created.imagePipelineArn }));
    expect(imagePipeline).toMatchObject({
      name: "Nightly",
      description: "nightly build",
      platform: "Linux",
      status: "ENABLED",
      enhancedImageMetadataEnabled: true,
      imageRecipeArn: recipe,
      infrastructureConfigurationArn: infra,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
      schedule: { scheduleExpression: "cron(0 3 * * ? *)", timezone: "UTC", pipelineExecutionStartCondition: "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE", autoDisablePolicy: { failureCount: 3 } },
      imageTags: { built: "nightly" },
      tags: { owner: "ci" },
      consecutiveFailures: 0,
    });
    expect(imagePipeline?.lastRunStatus).toBeUndefined();
    expect(imagePipeline?.dateLastRun).toBeUndefined();
    const duplicate = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "nightly", imageRecipeArn: recipe, infrastructureConfigurationArn: infra })));
    expect(duplicate).toBeInstanceOf(ResourceAlreadyExistsException);
  });

  it("checks every reference and the schedule before creating anything", async () => {
    const recipe = await createRecipe("ref-recipe");
    const container = await createContainerRecipe("ref-container");
    const infra = await createInfrastructure("ref-infra");
    const both = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "both", imageRecipeArn: recipe, containerRecipeArn: container, infrastructureConfigurationArn: infra })));
    expect(both).toBeInstanceOf(InvalidRequestException);
    expect(both.message).toContain("exactly one of imageRecipeArn");
    const neither = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "neither", infrastructureConfigurationArn: infra })));
    expect(neither).toBeInstanceOf(InvalidRequestException);
    const missing: Array<[Record<string, string>, string]> = [
      [{ imageRecipeArn: arn("image-recipe/none/1.0.0") }, "image recipe"],
      [{ imageRecipeArn: recipe, infrastructureConfigurationArn: arn("infrastructure-configuration/none") }, "infrastructure configuration"],
      [{ imageRecipeArn: recipe, distributionConfigurationArn: arn("distribution-configuration/none") }, "distribution configuration"],
    ];
    for (const [references, what] of missing) {
      const error = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "missing", infrastructureConfigurationArn: infra, ...references })));
      expect(error, what).toBeInstanceOf(ResourceNotFoundException);
      expect(error.message).toContain(what);
    }
    const workflow = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "wf-pipe", imageRecipeArn: recipe, infrastructureConfigurationArn: infra, workflows: [{ workflowArn: arn("workflow/build/none/x.x.x") }] })));
    expect(workflow).toBeInstanceOf(ResourceNotFoundException);
    const cron = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "cron", imageRecipeArn: recipe, infrastructureConfigurationArn: infra, schedule: { scheduleExpression: "every day" } })));
    expect(cron).toBeInstanceOf(InvalidRequestException);
    expect(cron.message).toContain("cron(");
    const status = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "status", imageRecipeArn: recipe, infrastructureConfigurationArn: infra, status: "PAUSED" as never })));
    expect(status.message).toContain("enum value set: [DISABLED, ENABLED]");
    const badArn = await rejectionOf(ib.send(new CreateImagePipelineCommand({ name: "arn", imageRecipeArn: "my-recipe", infrastructureConfigurationArn: infra })));
    expect(badArn.message).toContain("'imageRecipeArn' failed to satisfy constraint");
    expect((await ib.send(new ListImagePipelinesCommand({}))).imagePipelineList).toEqual([]);
  });

  it("checks workflow parameters, types and parallel groups against the workflow documents", async () => {
    const recipe = await createRecipe("wfp-recipe");
    const infra = await createInfrastructure("wfp-infra");
    const build = await createWorkflow("wfp-build");
    const create = (workflows: WorkflowConfiguration[]) => ib.send(new CreateImagePipelineCommand({ name: "wfp", imageRecipeArn: recipe, infrastructureConfigurationArn: infra, workflows }));
    const unknown = await rejectionOf(create([{ workflowArn: build, parameters: [{ name: "nope", value: ["1"] }] }]));
    expect(unknown).toBeInstanceOf(InvalidRequestException);
    expect(unknown.message).toContain("has no parameter 'nope'; its parameters are waitForApproval");
    const typed = await rejectionOf(create([{ workflowArn: build, parameters: [{ name: "waitForApproval", value: ["maybe"] }] }]));
    expect(typed.message).toContain("is a boolean");
    const group = await rejectionOf(create([{ workflowArn: build, parallelGroup: "g1" }]));
    expect(group.message).toContain("only test workflows run in parallel groups");
    const twoBuilds = await rejectionOf(create([{ workflowArn: build }, { workflowArn: await createWorkflow("wfp-build-2") }]));
    expect(twoBuilds.message).toContain("one build workflow");
    const failure = await rejectionOf(create([{ workflowArn: build, onFailure: "RETRY" as never }]));
    expect(failure.message).toContain("workflows.1.member.onFailure");
  });

  it("updates a pipeline by replacing its configuration", async () => {
    const { pipeline, recipe, infra } = await createPipeline("upd-pipe");
    const dist = await createDistribution("upd-pipe-dist");
    aws.clock.advance(1000);
    const input = { imagePipelineArn: pipeline, imageRecipeArn: recipe, infrastructureConfigurationArn: infra, distributionConfigurationArn: dist, status: "DISABLED" as const, clientToken: "upd-pipe-1" };
    expect((await ib.send(new UpdateImagePipelineCommand(input))).imagePipelineArn).toBe(pipeline);
    await ib.send(new UpdateImagePipelineCommand(input));
    expect(await rejectionOf(ib.send(new UpdateImagePipelineCommand({ ...input, status: "ENABLED" })))).toBeInstanceOf(IdempotentParameterMismatchException);
    const { imagePipeline } = await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }));
    expect(imagePipeline).toMatchObject({ status: "DISABLED", distributionConfigurationArn: dist, imageTestsConfiguration: { imageTestsEnabled: true } });
    expect(imagePipeline?.dateUpdated).toBeDefined();
    // Left out means cleared: the distribution goes when the next update does not name it.
    await ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: pipeline, imageRecipeArn: recipe, infrastructureConfigurationArn: infra }));
    const after = await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }));
    expect(after.imagePipeline?.distributionConfigurationArn).toBeUndefined();
    expect(after.imagePipeline?.status).toBe("ENABLED");
    const missing = await rejectionOf(ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: arn("image-pipeline/none"), imageRecipeArn: recipe, infrastructureConfigurationArn: infra })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it("starts an execution (seed 001): image ARN from the recipe's name and version, token echoed and replayed", async () => {
    const { pipeline } = await createPipeline("exec-pipe");
    const started = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline, clientToken: "run-1", tags: { run: "1" } }));
    expect(started.$metadata.httpStatusCode).toBe(200);
    expect(started.clientToken).toBe("run-1");
    expect(started.requestId).toBeDefined();
    expect(started.imageBuildVersionArn).toMatch(/^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/);
    expect(started.imageBuildVersionArn).toBe(arn("image/exec-pipe-recipe/1.0.0/1"));

    const replay = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline, clientToken: "run-1", tags: { run: "1" } }));
    expect(replay.imageBuildVersionArn).toBe(started.imageBuildVersionArn);
    const mismatch = await rejectionOf(ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline, clientToken: "run-1" })));
    expect(mismatch).toBeInstanceOf(IdempotentParameterMismatchException);
    // A new token is a new run: the next build number.
    const second = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }));
    expect(second.imageBuildVersionArn).toBe(arn("image/exec-pipe-recipe/1.0.0/2"));

    const { image } = await ib.send(new GetImageCommand({ imageBuildVersionArn: started.imageBuildVersionArn }));
    expect(image).toMatchObject({ sourcePipelineArn: pipeline, sourcePipelineName: "exec-pipe", buildType: "USER_INITIATED", tags: { run: "1" } });

    const badArn = await rejectionOf(ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/UPPER" })));
    expect(badArn).toBeInstanceOf(InvalidRequestException);
    expect(badArn.message).toContain("'imagePipelineArn' failed to satisfy constraint");
    const missing = await rejectionOf(ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn("image-pipeline/ghost") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
  });

  it("starts one build when a throttled StartImagePipelineExecution is retried by the SDK with its auto-filled token", async () => {
    const { pipeline } = await createPipeline("throttled-pipe", { tests: false });
    // CallRateLimitExceededException (429) is retried; every attempt carries the token the SDK filled in once.
    aws.failNext("imagebuilder", "StartImagePipelineExecution", { times: 2 });
    const started = await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }));
    expect(started.$metadata.attempts).toBe(3);
    expect(started.imageBuildVersionArn).toBe(arn("image/throttled-pipe-recipe/1.0.0/1"));
    const calls = aws.calls().filter((c) => c.operation === "StartImagePipelineExecution");
    expect(calls.map((c) => c.error?.statusCode)).toEqual([429, 429, undefined]);
    expect(calls[2]!.idempotencyToken).toBe(started.clientToken);
    const { imageSummaryList } = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipeline }));
    expect(imageSummaryList?.map((i) => i.arn)).toEqual([started.imageBuildVersionArn]);
  });

  it("reports the last run's status and lists the images it built", async () => {
    const { pipeline } = await createPipeline("list-pipe", { tests: false });
    const first = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }))).imageBuildVersionArn!;
    await pollImage(first, ["AVAILABLE"]);
    const second = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }))).imageBuildVersionArn!;
    expect((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline?.lastRunStatus).not.toBe("AVAILABLE");
    aws.settle();
    expect((await ib.send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline?.lastRunStatus).toBe("AVAILABLE");

    const images: string[] = [];
    for await (const page of paginateListImagePipelineImages({ client: ib, pageSize: 1 }, { imagePipelineArn: pipeline })) images.push(...page.imageSummaryList!.map((i) => i.arn!));
    expect(images).toEqual([second, first]);
    const filtered = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipeline, filters: [{ name: "version", values: ["9.9.9"] }] }));
    expect(filtered.imageSummaryList).toEqual([]);
    const badFilter = await rejectionOf(ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipeline, filters: [{ name: "platform", values: ["Linux"] }] })));
    expect(badFilter).toBeInstanceOf(InvalidRequestException);
    const missing = await rejectionOf(ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: arn("image-pipeline/ghost") })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists pipelines with filters and the paginator, and deletes them (their images stay)", async () => {
    await createPipeline("p-one");
    const { pipeline: two } = await createPipeline("p-two");
    await createPipeline("p-three");
    const names: string[] = [];
    for await (const page of paginateListImagePipelines({ client: ib, pageSize: 2 }, {})) names.push(...page.imagePipelineList!.map((p) => p.name!));
    expect(names).toEqual(["p-one", "p-three", "p-two"]);
    const filtered = await ib.send(new ListImagePipelinesCommand({ filters: [{ name: "status", values: ["ENABLED"] }, { name: "name", values: ["p-two"] }] }));
    expect(filtered.imagePipelineList?.map((p) => p.arn)).toEqual([two]);

    const image = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: two }))).imageBuildVersionArn!;
    expect((await ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: two }))).imagePipelineArn).toBe(two);
    expect(await rejectionOf(ib.send(new GetImagePipelineCommand({ imagePipelineArn: two })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new DeleteImagePipelineCommand({ imagePipelineArn: two })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: image }))).image?.sourcePipelineArn).toBe(two);
  });
});
