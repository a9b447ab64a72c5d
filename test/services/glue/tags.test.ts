import {
  CreateBlueprintCommand,
  CreateCatalogCommand,
  CreateDataQualityEvaluationConfigCommand,
  CreateDataQualityRulesetCommand,
  CreateDatabaseCommand,
  CreateIntegrationCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
  DeleteDatabaseCommand,
  DeleteDataQualityEvaluationConfigCommand,
  DescribeIntegrationsCommand,
  EntityNotFoundException,
  GetTagsCommand,
  InvalidInputException,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { arnOf, createCrawler, createJob, glue } from "./helpers.js";

describe("Glue tags on every modelled resource", () => {
  it.each(["workflow", "trigger", "job", "crawler", "blueprint"])("tags, untags and reads the tags of a %s by ARN", async (type) => {
    const name = `my-${type}`;
    await createJob("j");
    if (type === "workflow") await glue.send(new CreateWorkflowCommand({ Name: name, Tags: { created: "yes" } }));
    if (type === "trigger") await glue.send(new CreateTriggerCommand({ Name: name, Type: "ON_DEMAND", Actions: [{ JobName: "j" }], Tags: { created: "yes" } }));
    if (type === "job") await createJob(name, { Tags: { created: "yes" } });
    if (type === "crawler") await createCrawler(name, { Tags: { created: "yes" } });
    if (type === "blueprint") await glue.send(new CreateBlueprintCommand({ Name: name, BlueprintLocation: "s3://b/x.zip", Tags: { created: "yes" } }));

    const ResourceArn = arnOf(type, name);
    await glue.send(new TagResourceCommand({ ResourceArn, TagsToAdd: { team: "data", created: "overwritten" } }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ created: "overwritten", team: "data" });
    await glue.send(new UntagResourceCommand({ ResourceArn, TagsToRemove: ["created", "absent"] }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ team: "data" });

    const missing = await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arnOf(type, "nothing-here") })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toContain("nothing-here");
  });

  it("refuses more than 50 tags, foreign accounts and ARNs of resources it does not model", async () => {
    await createJob("j");
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
    await glue.send(new TagResourceCommand({ ResourceArn: arnOf("job", "j"), TagsToAdd: many }));
    const over = await rejectionOf(glue.send(new TagResourceCommand({ ResourceArn: arnOf("job", "j"), TagsToAdd: { a: "1", b: "2" } })));
    expect(over).toBeInstanceOf(InvalidInputException);
    expect(over.message).toContain("more than 50 tags");

    const foreign = await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: "arn:aws:glue:us-east-1:999999999999:job/j" })));
    expect(foreign).toBeInstanceOf(EntityNotFoundException);
    const otherPartition = await rejectionOf(glue.send(new TagResourceCommand({ ResourceArn: "arn:aws-cn:glue:us-east-1:123456789012:job/j", TagsToAdd: { x: "y" } })));
    expect(otherPartition).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("job", "j") }))).Tags).not.toHaveProperty("x");
    // Tables are not among the resources Glue tags.
    const table = await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arnOf("table", "db/t") })));
    expect(table).toBeInstanceOf(InvalidInputException);
    expect(table.message).toContain("workflow, trigger, job, crawler, blueprint");
  });
});

describe("Glue tags on catalog resources, integrations and evaluation configurations", () => {
  const roundTrip = async (ResourceArn: string, created: Record<string, string>) => {
    expect((await glue.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual(created);
    await glue.send(new TagResourceCommand({ ResourceArn, TagsToAdd: { team: "data" } }));
    await glue.send(new UntagResourceCommand({ ResourceArn, TagsToRemove: Object.keys(created) }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn }))).Tags).toEqual({ team: "data" });
  };

  it("tags a database of the default catalog, by its ARN in any case, until it is deleted", async () => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "sales" }, Tags: { created: "yes" } }));
    await roundTrip(arnOf("database", "sales"), { created: "yes" });
    // Glue keeps database names in lower case: the ARN names the same database whatever its case.
    await glue.send(new TagResourceCommand({ ResourceArn: arnOf("database", "Sales"), TagsToAdd: { cased: "yes" } }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("database", "sales") }))).Tags).toEqual({ team: "data", cased: "yes" });

    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arnOf("database", "absent") })))).toBeInstanceOf(EntityNotFoundException);
    await glue.send(new DeleteDatabaseCommand({ Name: "sales" }));
    expect(await rejectionOf(glue.send(new TagResourceCommand({ ResourceArn: arnOf("database", "sales"), TagsToAdd: { a: "b" } })))).toBeInstanceOf(EntityNotFoundException);
    // A database created again under the name starts without the old one's tags.
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "sales" } }));
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("database", "sales") }))).Tags).toEqual({});
  });

  it("tags a named catalog and the databases in it", async () => {
    await glue.send(new CreateCatalogCommand({ Name: "lakehouse", CatalogInput: {}, Tags: { created: "yes" } }));
    await roundTrip(arnOf("catalog", "lakehouse"), { created: "yes" });
    await glue.send(new CreateDatabaseCommand({ CatalogId: "123456789012:lakehouse", DatabaseInput: { Name: "raw" }, Tags: { layer: "bronze" } }));
    await roundTrip(arnOf("database", "lakehouse/raw"), { layer: "bronze" });
    // The same database name in the default catalog is another database.
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arnOf("database", "raw") })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arnOf("catalog", "absent") })))).toBeInstanceOf(EntityNotFoundException);
    // The account's default catalog is not a taggable resource of its own.
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: "arn:aws:glue:us-east-1:123456789012:catalog" })))).toBeInstanceOf(InvalidInputException);
  });

  it("tags a zero-ETL integration (an ARN with a colon before its id), and DescribeIntegrations shows the tags", async () => {
    const { IntegrationArn } = await glue.send(
      new CreateIntegrationCommand({
        IntegrationName: "orders-to-lake",
        SourceArn: "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
        TargetArn: "arn:aws:glue:us-east-1:123456789012:catalog",
        Tags: [{ key: "created", value: "yes" }],
      }),
    );
    expect(IntegrationArn).toMatch(/^arn:aws:glue:us-east-1:123456789012:integration:[0-9a-f-]{36}$/);
    await roundTrip(IntegrationArn!, { created: "yes" });
    const [described] = (await glue.send(new DescribeIntegrationsCommand({ IntegrationIdentifier: IntegrationArn }))).Integrations!;
    expect(described!.Tags).toEqual([{ key: "team", value: "data" }]);
    const slash = IntegrationArn!.replace("integration:", "integration/");
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: slash })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: `${IntegrationArn!.slice(0, -4)}0000` })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("tags a data-quality evaluation configuration", async () => {
    await glue.send(new CreateDataQualityRulesetCommand({ Name: "orders-rules", Ruleset: "Rules = [ RowCount > 0 ]" }));
    await glue.send(
      new CreateDataQualityEvaluationConfigCommand({
        Name: "nightly",
        Level: "CATALOG",
        DataSource: { GlueTables: { CatalogId: "123456789012" } },
        RulesetName: "orders-rules",
        Role: "arn:aws:iam::123456789012:role/Glue",
        Tags: { created: "yes" },
      }),
    );
    await roundTrip(arnOf("dataQualityEvaluationConfig", "nightly"), { created: "yes" });
    await glue.send(new DeleteDataQualityEvaluationConfigCommand({ Name: "nightly" }));
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arnOf("dataQualityEvaluationConfig", "nightly") })))).toBeInstanceOf(EntityNotFoundException);
  });
});
