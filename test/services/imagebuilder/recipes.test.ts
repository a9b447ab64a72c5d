import {
  CreateComponentCommand,
  CreateContainerRecipeCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  DeleteContainerRecipeCommand,
  DeleteImageRecipeCommand,
  GetContainerRecipeCommand,
  GetContainerRecipePolicyCommand,
  GetImageRecipeCommand,
  GetImageRecipePolicyCommand,
  IdempotentParameterMismatchException,
  InvalidParameterValueException,
  InvalidRequestException,
  InvalidVersionNumberException,
  ListContainerRecipesCommand,
  ListImageRecipesCommand,
  paginateListContainerRecipes,
  paginateListImageRecipes,
  PutContainerRecipePolicyCommand,
  PutImageRecipePolicyCommand,
  ResourceAlreadyExistsException,
  ResourceDependencyException,
  ResourceNotFoundException,
} from "@aws-sdk/client-imagebuilder";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, COMPONENT_DOC, createComponent, createContainerRecipe, createInfrastructure, createRecipe, ib, LINUX_PARENT, managedArn } from "./fixtures.js";

const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ["210987654321"] }, Action: "imagebuilder:GetImageRecipe" }] });

describe("Image Builder image recipes", () => {
  it("creates a recipe and reads it back with its components, parent image and derived platform", async () => {
    const component = await createComponent("web");
    const created = await ib.send(
      new CreateImageRecipeCommand({
        name: "Web Server",
        semanticVersion: "1.2.3",
        parentImage: LINUX_PARENT,
        components: [{ componentArn: component, parameters: [{ name: "Greeting", value: ["hi"] }] }, { componentArn: managedArn("component/update-linux/x.x.x") }],
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", deleteOnTermination: true } }],
        workingDirectory: "/tmp",
        additionalInstanceConfiguration: { systemsManagerAgent: { uninstallAfterBuild: true }, userDataOverride: "IyEvYmluL2Jhc2g=" },
        amiTags: { os: "al2023" },
        tags: { team: "web" },
        clientToken: "recipe-1",
      }),
    );
    expect(created.imageRecipeArn).toBe(arn("image-recipe/web-server/1.2.3"));
    expect(created.clientToken).toBe("recipe-1");
    expect(created.latestVersionReferences?.latestMajorVersionArn).toBe(arn("image-recipe/web-server/1.x.x"));
    const { imageRecipe } = await ib.send(new GetImageRecipeCommand({ imageRecipeArn: created.imageRecipeArn }));
    expect(imageRecipe).toMatchObject({
      name: "Web Server",
      version: "1.2.3",
      type: "AMI",
      platform: "Linux",
      owner: "123456789012",
      parentImage: LINUX_PARENT,
      workingDirectory: "/tmp",
      amiTags: { os: "al2023" },
      tags: { team: "web" },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 30, volumeType: "gp3", deleteOnTermination: true } }],
    });
    expect(imageRecipe?.components).toHaveLength(2);
  });

  it("refuses a duplicate name and version with AWS's ResourceAlreadyExistsException message", async () => {
    const recipe = await createRecipe("dup");
    const error = await rejectionOf(createRecipe("dup"));
    expect(error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(error.message).toBe(`The following resource 'ImageRecipe' already exists: '${recipe}'.`);
  });

  it("checks versions, components, their parameters and platforms, and the parent image", async () => {
    const component = await createComponent("base");
    const version = await rejectionOf(ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "x.x.x", parentImage: "ami-0123456789abcdef0", components: [{ componentArn: component }] })));
    expect(version).toBeInstanceOf(InvalidVersionNumberException);
    const none = await rejectionOf(ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: "ami-0123456789abcdef0" })));
    expect(none.message).toContain("'components' failed to satisfy constraint: Member must not be null");
    const empty = await rejectionOf(ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: "ami-0123456789abcdef0", components: [] })));
    expect(empty.message).toContain("Member must have length greater than or equal to 1");
    const missing = await rejectionOf(ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: "ami-0123456789abcdef0", components: [{ componentArn: arn("component/ghost/1.0.0/1") }] })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toContain("component/ghost/1.0.0/1");
    const parameter = await rejectionOf(
      ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: "ami-0123456789abcdef0", components: [{ componentArn: component, parameters: [{ name: "Nope", value: ["x"] }] }] })),
    );
    expect(parameter).toBeInstanceOf(InvalidRequestException);
    expect(parameter.message).toContain("has no parameter 'Nope'; its parameters are Greeting");
    const windows = (await ib.send(new CreateComponentCommand({ name: "win", semanticVersion: "1.0.0", platform: "Windows", data: COMPONENT_DOC }))).componentBuildVersionArn!;
    const platform = await rejectionOf(ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: LINUX_PARENT, components: [{ componentArn: windows }] })));
    expect(platform).toBeInstanceOf(InvalidRequestException);
    expect(platform.message).toContain("is for Windows");
    const parent = await rejectionOf(ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: arn("image/never-built/1.0.0"), components: [{ componentArn: component }] })));
    expect(parent).toBeInstanceOf(ResourceNotFoundException);
    const badArn = await rejectionOf(ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: "arn:aws:ec2:us-east-1::image/ami-1", components: [{ componentArn: component }] })));
    expect(badArn).toBeInstanceOf(InvalidRequestException);
    const userData = await rejectionOf(
      ib.send(new CreateImageRecipeCommand({ name: "rec", semanticVersion: "1.0.0", parentImage: "ami-1", components: [{ componentArn: component }], additionalInstanceConfiguration: { userDataOverride: "not base64!" } })),
    );
    expect(userData.message).toContain("userDataOverride");
    // Windows parent images make Windows recipes.
    const win = await ib.send(new CreateImageRecipeCommand({ name: "win", semanticVersion: "1.0.0", parentImage: managedArn("image/windows-server-2022-english-full-base-x86/x.x.x"), components: [{ componentArn: windows }] }));
    expect((await ib.send(new GetImageRecipeCommand({ imageRecipeArn: win.imageRecipeArn }))).imageRecipe?.platform).toBe("Windows");
    expect((await ib.send(new ListImageRecipesCommand({}))).imageRecipeSummaryList?.map((r) => r.name)).toEqual(["win"]);
  });

  it("replays a token and refuses it with other parameters", async () => {
    const component = await createComponent("tok");
    const input = { name: "tok-recipe", semanticVersion: "1.0.0", parentImage: "ami-0abc", components: [{ componentArn: component }], clientToken: "recipe-token" };
    const first = await ib.send(new CreateImageRecipeCommand(input));
    expect((await ib.send(new CreateImageRecipeCommand(input))).imageRecipeArn).toBe(first.imageRecipeArn);
    expect(await rejectionOf(ib.send(new CreateImageRecipeCommand({ ...input, description: "x" })))).toBeInstanceOf(IdempotentParameterMismatchException);
  });

  it("lists recipe summaries with the paginator and filters", async () => {
    for (const name of ["r-one", "r-two", "r-three"]) await createRecipe(name);
    const names: string[] = [];
    for await (const page of paginateListImageRecipes({ client: ib, pageSize: 2 }, {})) names.push(...page.imageRecipeSummaryList!.map((r) => r.name!));
    expect(names).toEqual(["r-one", "r-three", "r-two"]);
    const filtered = await ib.send(new ListImageRecipesCommand({ filters: [{ name: "name", values: ["r-two"] }, { name: "platform", values: ["Linux"] }] }));
    expect(filtered.imageRecipeSummaryList).toEqual([expect.objectContaining({ name: "r-two", platform: "Linux", owner: "123456789012", parentImage: LINUX_PARENT })]);
    const bad = await rejectionOf(ib.send(new ListImageRecipesCommand({ filters: [{ name: "version", values: ["1.0.0"] }] })));
    expect(bad).toBeInstanceOf(InvalidRequestException);
    expect((await ib.send(new ListImageRecipesCommand({ owner: "Amazon" }))).imageRecipeSummaryList).toEqual([]);
  });

  it("puts and gets recipe policies", async () => {
    const recipe = await createRecipe("pol");
    expect(await rejectionOf(ib.send(new GetImageRecipePolicyCommand({ imageRecipeArn: recipe })))).toBeInstanceOf(ResourceNotFoundException);
    expect((await ib.send(new PutImageRecipePolicyCommand({ imageRecipeArn: recipe, policy: POLICY }))).imageRecipeArn).toBe(recipe);
    expect((await ib.send(new GetImageRecipePolicyCommand({ imageRecipeArn: recipe }))).policy).toBe(POLICY);
    const bad = await rejectionOf(ib.send(new PutImageRecipePolicyCommand({ imageRecipeArn: recipe, policy: JSON.stringify({ Statement: [{ Effect: "Maybe" }] }) })));
    expect(bad).toBeInstanceOf(InvalidParameterValueException);
    const badArn = await rejectionOf(ib.send(new PutImageRecipePolicyCommand({ imageRecipeArn: "recipe", policy: POLICY })));
    expect(badArn).toBeInstanceOf(InvalidParameterValueException);
    expect(await rejectionOf(ib.send(new PutImageRecipePolicyCommand({ imageRecipeArn: arn("image-recipe/none/1.0.0"), policy: POLICY })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("deletes a recipe unless a pipeline uses it", async () => {
    const recipe = await createRecipe("del");
    const infra = await createInfrastructure("del-infra");
    await ib.send(new CreateImagePipelineCommand({ name: "uses-recipe", imageRecipeArn: recipe, infrastructureConfigurationArn: infra }));
    const blocked = await rejectionOf(ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: recipe })));
    expect(blocked).toBeInstanceOf(ResourceDependencyException);
    const free = await createRecipe("free");
    expect((await ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: free }))).imageRecipeArn).toBe(free);
    expect(await rejectionOf(ib.send(new GetImageRecipeCommand({ imageRecipeArn: free })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new DeleteImageRecipeCommand({ imageRecipeArn: free })))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("Image Builder container recipes", () => {
  it("creates a container recipe and reads it back", async () => {
    const recipe = await createContainerRecipe("App Container", "2.0.0");
    expect(recipe).toBe(arn("container-recipe/app-container/2.0.0"));
    const { containerRecipe } = await ib.send(new GetContainerRecipeCommand({ containerRecipeArn: recipe }));
    expect(containerRecipe).toMatchObject({
      name: "App Container",
      containerType: "DOCKER",
      version: "2.0.0",
      platform: "Linux",
      parentImage: "amazonlinux:2023",
      encrypted: true,
      targetRepository: { service: "ECR", repositoryName: "my-repo" },
    });
    expect(containerRecipe?.dockerfileTemplateData).toContain("imagebuilder:parentImage");
    const duplicate = await rejectionOf(createContainerRecipe("App Container", "2.0.0"));
    expect(duplicate).toBeInstanceOf(ResourceAlreadyExistsException);
  });

  it("checks the Dockerfile template, repository service and container type", async () => {
    const component = await createComponent("c-comp");
    const base = { containerType: "DOCKER" as const, name: "c-rec", semanticVersion: "1.0.0", parentImage: "amazonlinux:2023", components: [{ componentArn: component }], targetRepository: { service: "ECR" as const, repositoryName: "r" } };
    const neither = await rejectionOf(ib.send(new CreateContainerRecipeCommand(base)));
    expect(neither).toBeInstanceOf(InvalidRequestException);
    expect(neither.message).toContain("Dockerfile template");
    const both = await rejectionOf(ib.send(new CreateContainerRecipeCommand({ ...base, dockerfileTemplateData: "FROM x", dockerfileTemplateUri: "s3://b/k" })));
    expect(both.message).toContain("not both");
    const service = await rejectionOf(ib.send(new CreateContainerRecipeCommand({ ...base, dockerfileTemplateData: "FROM x", targetRepository: { service: "DOCKERHUB" as never, repositoryName: "r" } })));
    expect(service.message).toContain("targetRepository.service");
    const type = await rejectionOf(ib.send(new CreateContainerRecipeCommand({ ...base, dockerfileTemplateData: "FROM x", containerType: "OCI" as never })));
    expect(type.message).toContain("containerType");
    const version = await rejectionOf(ib.send(new CreateContainerRecipeCommand({ ...base, dockerfileTemplateData: "FROM x", semanticVersion: "1" })));
    expect(version).toBeInstanceOf(InvalidVersionNumberException);
    const fromUri = await ib.send(new CreateContainerRecipeCommand({ ...base, dockerfileTemplateUri: "s3://bucket/Dockerfile" }));
    expect(fromUri.containerRecipeArn).toBe(arn("container-recipe/c-rec/1.0.0"));
  });

  it("lists, shares and deletes container recipes", async () => {
    for (const name of ["k-one", "k-two", "k-three"]) await createContainerRecipe(name);
    const names: string[] = [];
    for await (const page of paginateListContainerRecipes({ client: ib, pageSize: 2 }, {})) names.push(...page.containerRecipeSummaryList!.map((r) => r.name!));
    expect(names).toEqual(["k-one", "k-three", "k-two"]);
    const filtered = await ib.send(new ListContainerRecipesCommand({ filters: [{ name: "containerType", values: ["DOCKER"] }, { name: "name", values: ["k-one"] }] }));
    expect(filtered.containerRecipeSummaryList?.map((r) => r.name)).toEqual(["k-one"]);

    const recipe = arn("container-recipe/k-one/1.0.0");
    expect(await rejectionOf(ib.send(new GetContainerRecipePolicyCommand({ containerRecipeArn: recipe })))).toBeInstanceOf(ResourceNotFoundException);
    await ib.send(new PutContainerRecipePolicyCommand({ containerRecipeArn: recipe, policy: POLICY }));
    expect((await ib.send(new GetContainerRecipePolicyCommand({ containerRecipeArn: recipe }))).policy).toBe(POLICY);
    expect(await rejectionOf(ib.send(new PutContainerRecipePolicyCommand({ containerRecipeArn: recipe, policy: "[]" })))).toBeInstanceOf(InvalidParameterValueException);

    const infra = await createInfrastructure("k-infra");
    await ib.send(new CreateImagePipelineCommand({ name: "k-pipe", containerRecipeArn: recipe, infrastructureConfigurationArn: infra }));
    expect(await rejectionOf(ib.send(new DeleteContainerRecipeCommand({ containerRecipeArn: recipe })))).toBeInstanceOf(ResourceDependencyException);
    const other = arn("container-recipe/k-two/1.0.0");
    expect((await ib.send(new DeleteContainerRecipeCommand({ containerRecipeArn: other }))).containerRecipeArn).toBe(other);
    expect(await rejectionOf(ib.send(new GetContainerRecipeCommand({ containerRecipeArn: other })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new DeleteContainerRecipeCommand({ containerRecipeArn: other })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
