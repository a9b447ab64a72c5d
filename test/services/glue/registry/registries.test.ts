import {
  AlreadyExistsException,
  ConcurrentModificationException,
  CreateRegistryCommand,
  CreateSchemaCommand,
  DeleteRegistryCommand,
  EntityNotFoundException,
  GetRegistryCommand,
  GetSchemaCommand,
  GetTagsCommand,
  InvalidInputException,
  ListRegistriesCommand,
  paginateListRegistries,
  UpdateRegistryCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";
import { avro } from "./helpers.js";

const ARN = "arn:aws:glue:us-east-1:123456789012:registry/orders";

describe("Glue schema registries", () => {
  it("creates, reads, updates and lists registries by name and by ARN", async () => {
    const created = await glue.send(new CreateRegistryCommand({ RegistryName: "orders", Description: "order events", Tags: { team: "data" } }));
    expect(created).toMatchObject({ RegistryName: "orders", RegistryArn: ARN, Description: "order events", Tags: { team: "data" } });

    const byArn = await glue.send(new GetRegistryCommand({ RegistryId: { RegistryArn: ARN } }));
    expect(byArn).toMatchObject({ RegistryName: "orders", Status: "AVAILABLE", Description: "order events" });
    expect(new Date(byArn.CreatedTime!).getTime()).not.toBeNaN();

    await glue.send(new UpdateRegistryCommand({ RegistryId: { RegistryName: "orders" }, Description: "all orders" }));
    expect((await glue.send(new GetRegistryCommand({ RegistryId: { RegistryName: "orders" } }))).Description).toBe("all orders");
    expect((await glue.send(new GetTagsCommand({ ResourceArn: ARN }))).Tags).toEqual({ team: "data" });

    const duplicate = await rejectionOf(glue.send(new CreateRegistryCommand({ RegistryName: "orders" })));
    expect(duplicate).toBeInstanceOf(AlreadyExistsException);
    expect(duplicate.message).toBe("Registry already exists. RegistryName: orders");
  });

  it("pages through registries with the SDK paginator", async () => {
    for (let i = 0; i < 7; i++) await glue.send(new CreateRegistryCommand({ RegistryName: `r${i}` }));
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListRegistries({ client: glue, pageSize: 3 }, {})) {
      pages++;
      names.push(...page.Registries!.map((r) => r.RegistryName!));
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["r0", "r1", "r2", "r3", "r4", "r5", "r6"]);
  });

  it("refuses malformed RegistryIds and unknown registries with Glue's messages", async () => {
    const both = await rejectionOf(glue.send(new GetRegistryCommand({ RegistryId: { RegistryName: "a", RegistryArn: ARN } })));
    expect(both).toBeInstanceOf(InvalidInputException);
    expect(both.message).toBe("One of registryName or registryArn has to be provided, both cannot be provided.");
    const none = await rejectionOf(glue.send(new GetRegistryCommand({ RegistryId: {} })));
    expect(none).toBeInstanceOf(InvalidInputException);
    const missing = await rejectionOf(glue.send(new GetRegistryCommand({ RegistryId: { RegistryName: "nope" } })));
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect(missing.message).toBe("Registry is not found. RegistryName: nope");
    const foreign = await rejectionOf(glue.send(new GetRegistryCommand({ RegistryId: { RegistryArn: "arn:aws:glue:eu-west-1:123456789012:registry/orders" } })));
    expect(foreign).toBeInstanceOf(EntityNotFoundException);
    const badName = await rejectionOf(glue.send(new CreateRegistryCommand({ RegistryName: "has space" })));
    expect(badName).toBeInstanceOf(InvalidInputException);
    const update = await rejectionOf(glue.send(new UpdateRegistryCommand({ RegistryId: { RegistryName: "nope" }, Description: "x" })));
    expect(update).toBeInstanceOf(EntityNotFoundException);
  });

  it("deletes a registry asynchronously: DELETING, its schemas too, then gone", async () => {
    await glue.send(new CreateRegistryCommand({ RegistryName: "orders" }));
    await glue.send(new CreateSchemaCommand({ RegistryId: { RegistryName: "orders" }, SchemaName: "order", DataFormat: "AVRO", SchemaDefinition: avro([{ name: "id", type: "string" }]) }));
    aws.lifecycle("Glue.RegistryDeletion").staysIn("DELETING");
    const deleted = await glue.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: "orders" } }));
    expect(deleted).toMatchObject({ RegistryName: "orders", RegistryArn: ARN, Status: "DELETING" });
    expect((await glue.send(new GetRegistryCommand({ RegistryId: { RegistryName: "orders" } }))).Status).toBe("DELETING");
    expect((await glue.send(new GetSchemaCommand({ SchemaId: { RegistryName: "orders", SchemaName: "order" } }))).SchemaStatus).toBe("DELETING");
    // "Deleting a registry will deactivate all online operations for the registry."
    const update = await rejectionOf(glue.send(new UpdateRegistryCommand({ RegistryId: { RegistryName: "orders" }, Description: "x" })));
    expect(update).toBeInstanceOf(ConcurrentModificationException);

    aws.settle();
    expect(await rejectionOf(glue.send(new GetRegistryCommand({ RegistryId: { RegistryName: "orders" } })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new GetSchemaCommand({ SchemaId: { RegistryName: "orders", SchemaName: "order" } })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new ListRegistriesCommand({}))).Registries).toEqual([]);
    expect(await rejectionOf(glue.send(new GetTagsCommand({ ResourceArn: ARN })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("in poll mode a deleted registry is gone after the read that shows it DELETING", async () => {
    await glue.send(new CreateRegistryCommand({ RegistryName: "orders" }));
    await glue.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: "orders" } }));
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      try {
        seen.push((await glue.send(new GetRegistryCommand({ RegistryId: { RegistryName: "orders" } }))).Status!);
      } catch (error) {
        expect(error).toBeInstanceOf(EntityNotFoundException);
        break;
      }
    }
    expect(seen).toEqual(["DELETING"]);
    expect(await rejectionOf(glue.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: "orders" } })))).toBeInstanceOf(EntityNotFoundException);
  });
});
