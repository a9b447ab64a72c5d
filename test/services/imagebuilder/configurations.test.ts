import {
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateInfrastructureConfigurationCommand,
  DeleteDistributionConfigurationCommand,
  DeleteInfrastructureConfigurationCommand,
  GetDistributionConfigurationCommand,
  GetInfrastructureConfigurationCommand,
  IdempotentParameterMismatchException,
  InvalidParameterCombinationException,
  InvalidRequestException,
  ListDistributionConfigurationsCommand,
  ListInfrastructureConfigurationsCommand,
  paginateListDistributionConfigurations,
  paginateListInfrastructureConfigurations,
  ResourceAlreadyExistsException,
  ResourceDependencyException,
  ResourceNotFoundException,
  UpdateDistributionConfigurationCommand,
  UpdateInfrastructureConfigurationCommand,
} from "@aws-sdk/client-imagebuilder";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arn, createDistribution, createInfrastructure, createRecipe, ib } from "./fixtures.js";

describe("Image Builder infrastructure configurations", () => {
  it("creates one with its settings and reads it back", async () => {
    const created = await ib.send(
      new CreateInfrastructureConfigurationCommand({
        name: "Build Hosts",
        instanceProfileName: "EC2InstanceProfileForImageBuilder",
        instanceTypes: ["m5.large", "t3.micro"],
        securityGroupIds: ["sg-1"],
        subnetId: "subnet-1",
        logging: { s3Logs: { s3BucketName: "logs", s3KeyPrefix: "ib" } },
        keyPair: "kp",
        terminateInstanceOnFailure: false,
        snsTopicArn: "arn:aws:sns:us-east-1:123456789012:builds",
        resourceTags: { cost: "ci" },
        instanceMetadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
        placement: { availabilityZone: "us-east-1a", tenancy: "default" },
        tags: { team: "ops" },
        clientToken: "infra-1",
      }),
    );
    expect(created.infrastructureConfigurationArn).toBe(arn("infrastructure-configuration/build-hosts"));
    const { infrastructureConfiguration } = await ib.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: created.infrastructureConfigurationArn }));
    expect(infrastructureConfiguration).toMatchObject({
      arn: created.infrastructureConfigurationArn,
      name: "Build Hosts",
      instanceTypes: ["m5.large", "t3.micro"],
      terminateInstanceOnFailure: false,
      snsTopicArn: "arn:aws:sns:us-east-1:123456789012:builds",
      instanceMetadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
      tags: { team: "ops" },
      resourceTags: { cost: "ci" },
    });
    expect(infrastructureConfiguration?.dateUpdated).toBeUndefined();
    expect(await rejectionOf(createInfrastructure("Build Hosts"))).toBeInstanceOf(ResourceAlreadyExistsException);
  });

  it("validates profile names, SNS topics, tenancy, hop limits and placement", async () => {
    const base = { name: "bad-infra", instanceProfileName: "profile" };
    const profile = await rejectionOf(ib.send(new CreateInfrastructureConfigurationCommand({ ...base, instanceProfileName: "has space" })));
    expect(profile).toBeInstanceOf(InvalidRequestException);
    expect(profile.message).toContain("instanceProfileName");
    expect((await rejectionOf(ib.send(new CreateInfrastructureConfigurationCommand({ ...base, snsTopicArn: "arn:aws:sqs:us-east-1:123456789012:q" })))).message).toContain("snsTopicArn");
    expect((await rejectionOf(ib.send(new CreateInfrastructureConfigurationCommand({ ...base, placement: { tenancy: "shared" as never } })))).message).toContain("placement.tenancy");
    expect((await rejectionOf(ib.send(new CreateInfrastructureConfigurationCommand({ ...base, instanceMetadataOptions: { httpPutResponseHopLimit: 65 } })))).message).toContain("64");
    const host = await rejectionOf(ib.send(new CreateInfrastructureConfigurationCommand({ ...base, placement: { hostId: "h-1", hostResourceGroupArn: "arn:g", tenancy: "host" } })));
    expect(host.message).toContain("not both");
    const tenancy = await rejectionOf(ib.send(new CreateInfrastructureConfigurationCommand({ ...base, placement: { hostId: "h-1", tenancy: "dedicated" } })));
    expect(tenancy.message).toContain("tenancy 'host'");
  });

  it("updates by replacing every setting, and replays tokens", async () => {
    const infra = await ib.send(new CreateInfrastructureConfigurationCommand({ name: "upd", instanceProfileName: "p1", description: "old", keyPair: "kp" }));
    aws.clock.advance(60_000);
    const input = { infrastructureConfigurationArn: infra.infrastructureConfigurationArn, instanceProfileName: "p2", instanceTypes: ["c5.large"], clientToken: "upd-1" };
    const updated = await ib.send(new UpdateInfrastructureConfigurationCommand(input));
    expect(updated.infrastructureConfigurationArn).toBe(infra.infrastructureConfigurationArn);
    expect((await ib.send(new UpdateInfrastructureConfigurationCommand(input))).clientToken).toBe("upd-1");
    expect(await rejectionOf(ib.send(new UpdateInfrastructureConfigurationCommand({ ...input, instanceProfileName: "p3" })))).toBeInstanceOf(IdempotentParameterMismatchException);
    const { infrastructureConfiguration } = await ib.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infra.infrastructureConfigurationArn }));
    expect(infrastructureConfiguration).toMatchObject({ instanceProfileName: "p2", instanceTypes: ["c5.large"], name: "upd" });
    expect(infrastructureConfiguration?.description).toBeUndefined();
    expect(infrastructureConfiguration?.keyPair).toBeUndefined();
    expect(Date.parse(infrastructureConfiguration!.dateUpdated!) - Date.parse(infrastructureConfiguration!.dateCreated!)).toBeGreaterThanOrEqual(60_000);
    const missing = await rejectionOf(ib.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn("infrastructure-configuration/none"), instanceProfileName: "p" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists with the paginator and a name filter, and deletes unless a pipeline uses it", async () => {
    for (const name of ["i-one", "i-two", "i-three"]) await createInfrastructure(name);
    const names: string[] = [];
    for await (const page of paginateListInfrastructureConfigurations({ client: ib, pageSize: 2 }, {})) names.push(...page.infrastructureConfigurationSummaryList!.map((i) => i.name!));
    expect(names).toEqual(["i-one", "i-three", "i-two"]);
    const filtered = await ib.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: "name", values: ["i-two"] }] }));
    expect(filtered.infrastructureConfigurationSummaryList).toEqual([expect.objectContaining({ name: "i-two", instanceProfileName: "EC2InstanceProfileForImageBuilder", instanceTypes: ["t3.micro"] })]);

    const used = arn("infrastructure-configuration/i-one");
    await ib.send(new CreateImagePipelineCommand({ name: "infra-user", imageRecipeArn: await createRecipe("infra-recipe"), infrastructureConfigurationArn: used }));
    expect(await rejectionOf(ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: used })))).toBeInstanceOf(ResourceDependencyException);
    const free = arn("infrastructure-configuration/i-two");
    expect((await ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: free }))).infrastructureConfigurationArn).toBe(free);
    expect(await rejectionOf(ib.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: free })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(ib.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: free })))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe("Image Builder distribution configurations", () => {
  it("creates one with AMI and container distributions and reads it back with its default timeout", async () => {
    const created = await ib.send(
      new CreateDistributionConfigurationCommand({
        name: "Everywhere",
        description: "golden images",
        distributions: [
          {
            region: "us-east-1",
            amiDistributionConfiguration: { name: "golden-{{ imagebuilder:buildDate }}", targetAccountIds: ["210987654321"], launchPermission: { userGroups: ["all"] } },
            launchTemplateConfigurations: [{ launchTemplateId: "lt-0123456789abcdef0", setDefaultVersion: true }],
            s3ExportConfiguration: { roleName: "export", diskImageFormat: "VMDK", s3Bucket: "exports" },
          },
          { region: "eu-west-1", containerDistributionConfiguration: { targetRepository: { service: "ECR", repositoryName: "apps" }, containerTags: ["latest"] } },
        ],
        tags: { a: "b" },
        clientToken: "dist-1",
      }),
    );
    expect(created.distributionConfigurationArn).toBe(arn("distribution-configuration/everywhere"));
    const { distributionConfiguration } = await ib.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: created.distributionConfigurationArn }));
    expect(distributionConfiguration).toMatchObject({ name: "Everywhere", description: "golden images", timeoutMinutes: 720, tags: { a: "b" } });
    expect(distributionConfiguration?.distributions?.map((d) => d.region)).toEqual(["us-east-1", "eu-west-1"]);
    expect(await rejectionOf(createDistribution("Everywhere"))).toBeInstanceOf(ResourceAlreadyExistsException);
  });

  it("refuses duplicate Regions, AMI and container settings together, bad Regions and bad nested values", async () => {
    const dup = await rejectionOf(ib.send(new CreateDistributionConfigurationCommand({ name: "dup", distributions: [{ region: "us-east-1" }, { region: "us-east-1" }] })));
    expect(dup).toBeInstanceOf(InvalidParameterCombinationException);
    expect(dup.message).toContain("us-east-1");
    const mixed = await rejectionOf(
      ib.send(
        new CreateDistributionConfigurationCommand({
          name: "mixed",
          distributions: [{ region: "us-east-1", amiDistributionConfiguration: {}, containerDistributionConfiguration: { targetRepository: { service: "ECR", repositoryName: "r" } } }],
        }),
      ),
    );
    expect(mixed).toBeInstanceOf(InvalidParameterCombinationException);
    const region = await rejectionOf(ib.send(new CreateDistributionConfigurationCommand({ name: "region", distributions: [{ region: "mars-1" }] })));
    expect(region).toBeInstanceOf(InvalidRequestException);
    expect(region.message).toContain("mars-1");
    const format = await rejectionOf(
      ib.send(new CreateDistributionConfigurationCommand({ name: "fmt", distributions: [{ region: "us-east-1", s3ExportConfiguration: { roleName: "r", diskImageFormat: "QCOW2" as never, s3Bucket: "b" } }] })),
    );
    expect(format.message).toContain("diskImageFormat");
    const template = await rejectionOf(ib.send(new CreateDistributionConfigurationCommand({ name: "lt", distributions: [{ region: "us-east-1", launchTemplateConfigurations: [{ launchTemplateId: "template" }] }] })));
    expect(template.message).toContain("launchTemplateId");
    const empty = await rejectionOf(ib.send(new CreateDistributionConfigurationCommand({ name: "empty", distributions: [] })));
    expect(empty.message).toContain("greater than or equal to 1");
    expect((await ib.send(new ListDistributionConfigurationsCommand({}))).distributionConfigurationSummaryList).toEqual([]);
  });

  it("updates by replacing the distributions, with token replay", async () => {
    const dist = await createDistribution("upd-dist");
    const input = { distributionConfigurationArn: dist, distributions: [{ region: "ap-south-1" }], clientToken: "dist-upd" };
    await ib.send(new UpdateDistributionConfigurationCommand(input));
    await ib.send(new UpdateDistributionConfigurationCommand(input));
    expect(await rejectionOf(ib.send(new UpdateDistributionConfigurationCommand({ ...input, description: "x" })))).toBeInstanceOf(IdempotentParameterMismatchException);
    const { distributionConfiguration } = await ib.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: dist }));
    expect(distributionConfiguration?.distributions).toEqual([{ region: "ap-south-1" }]);
    expect(distributionConfiguration?.dateUpdated).toBeDefined();
    const dup = await rejectionOf(ib.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: dist, distributions: [{ region: "us-east-1" }, { region: "us-east-1" }] })));
    expect(dup).toBeInstanceOf(InvalidParameterCombinationException);
    expect(await rejectionOf(ib.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: arn("distribution-configuration/none"), distributions: [{ region: "us-east-1" }] })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("lists summaries with Regions, and deletes unless a pipeline uses it", async () => {
    for (const name of ["d-one", "d-two", "d-three"]) await createDistribution(name);
    const summaries = [];
    for await (const page of paginateListDistributionConfigurations({ client: ib, pageSize: 2 }, {})) summaries.push(...page.distributionConfigurationSummaryList!);
    expect(summaries.map((s) => s.name)).toEqual(["d-one", "d-three", "d-two"]);
    expect(summaries[0]?.regions).toEqual(["us-east-1", "eu-west-1"]);
    const used = arn("distribution-configuration/d-one");
    await ib.send(
      new CreateImagePipelineCommand({ name: "dist-user", imageRecipeArn: await createRecipe("dist-recipe"), infrastructureConfigurationArn: await createInfrastructure("dist-infra"), distributionConfigurationArn: used }),
    );
    expect(await rejectionOf(ib.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: used })))).toBeInstanceOf(ResourceDependencyException);
    const free = arn("distribution-configuration/d-two");
    expect((await ib.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: free }))).distributionConfigurationArn).toBe(free);
    expect(await rejectionOf(ib.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: free })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
