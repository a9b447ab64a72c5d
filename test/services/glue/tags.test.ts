import {
  CreateBlueprintCommand,
  CreateTriggerCommand,
  CreateWorkflowCommand,
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
    const database = await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: arnOf("database", "db") })));
    expect(database).toBeInstanceOf(InvalidInputException);
    expect(database.message).toContain("workflow, trigger, job, crawler, blueprint");
  });
});
