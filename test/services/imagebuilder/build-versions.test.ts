import {
  CreateImageCommand,
  GetImageCommand,
  ListImageBuildVersionsCommand,
  ListImagePipelineImagesCommand,
  ListImagesCommand,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { arn, createInfrastructure, createPipeline, createRecipe, ib } from "./fixtures.js";

describe("Image Builder build versions", () => {
  it("reports one build's version as <major>.<minor>.<patch>/<build>, and a version list's as x.y.z", async () => {
    const recipe = await createRecipe("versioned", "2.1.0");
    const infra = await createInfrastructure("versioned-infra");
    const build = () => ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra }));
    const first = (await build()).imageBuildVersionArn!;
    const second = (await build()).imageBuildVersionArn!;
    expect([first, second]).toEqual([arn("image/versioned/2.1.0/1"), arn("image/versioned/2.1.0/2")]);

    // GetImage, of a build ARN or of a version ARN (the newest build).
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: first }))).image?.version).toBe("2.1.0/1");
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: arn("image/versioned/2.1.0") }))).image?.version).toBe("2.1.0/2");
    expect((await ib.send(new GetImageCommand({ imageBuildVersionArn: arn("image/versioned/x.x.x") }))).image?.version).toBe("2.1.0/2");

    // ListImageBuildVersions lists builds; its version filter takes the semantic version or a build version.
    const builds = await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn("image/versioned/2.1.0") }));
    expect(builds.imageSummaryList?.map((i) => i.version)).toEqual(["2.1.0/2", "2.1.0/1"]);
    const bySemantic = await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn("image/versioned/2.1.0"), filters: [{ name: "version", values: ["2.1.0"] }] }));
    expect(bySemantic.imageSummaryList).toHaveLength(2);
    const byBuild = await ib.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn("image/versioned/2.1.0"), filters: [{ name: "version", values: ["2.1.0/1"] }] }));
    expect(byBuild.imageSummaryList?.map((i) => i.arn)).toEqual([first]);

    // ListImages lists versions, each once, as x.y.z.
    const { imageVersionList } = await ib.send(new ListImagesCommand({ filters: [{ name: "name", values: ["versioned"] }] }));
    expect(imageVersionList?.map((v) => [v.arn, v.version])).toEqual([[arn("image/versioned/2.1.0"), "2.1.0"]]);
  });

  it("reports build versions in ListImagePipelineImages", async () => {
    const { pipeline } = await createPipeline("versions-pipe");
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }));
    await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }));
    const { imageSummaryList } = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipeline }));
    expect(imageSummaryList?.map((i) => i.version).sort()).toEqual(["1.0.0/1", "1.0.0/2"]);
    const filtered = await ib.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipeline, filters: [{ name: "version", values: ["1.0.0/2"] }] }));
    expect(filtered.imageSummaryList?.map((i) => i.version)).toEqual(["1.0.0/2"]);
  });
});
