import {
  AssociateGlossaryTermsCommand,
  BatchGetIterableFormsCommand,
  ConflictException,
  CreateGlossaryCommand,
  CreateGlossaryTermCommand,
  DeleteAssetCommand,
  DeleteAssetTypeCommand,
  DeleteAttachmentCommand,
  DeleteFormTypeCommand,
  DeleteGlossaryTermCommand,
  DisassociateGlossaryTermsCommand,
  EntityNotFoundException,
  GetAssetCommand,
  GetAssetTypeCommand,
  GetFormTypeCommand,
  InvalidInputException,
  ListAssetTypesCommand,
  ListFormTypesCommand,
  paginateListAssetTypes,
  paginateListFormTypes,
  paginateListIterableForms,
  paginateSearchAssets,
  PutAssetCommand,
  PutAssetTypeCommand,
  PutAttachmentCommand,
  PutFormTypeCommand,
  SearchAssetsCommand,
  UpdateAssetCommand,
} from "@aws-sdk/client-glue";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";

const RESIDENCY = "structure DataResidency {\n  @required\n  region: String\n  complianceFramework: String\n  retentionDays: Integer\n}";
const COLUMN = "structure Column { @required name: String type: String description: String }";
const TABLE_ARN = "arn:aws:glue:us-east-1:123456789012:table/sales/orders";
const COLUMNS = [
  { name: "order_id", type: "bigint", description: "the order" },
  { name: "email", type: "string" },
  { name: "region", type: "string" },
];

async function tableAsset(Identifier = TABLE_ARN, Name = "orders", Description = "all orders") {
  await glue.send(new PutFormTypeCommand({ Name: "DataResidency", Schema: RESIDENCY }));
  await glue.send(new PutFormTypeCommand({ Name: "Column", Schema: COLUMN }));
  await glue.send(new PutAssetTypeCommand({ Name: "table", Forms: { residency: { FormTypeIdentifier: "DataResidency" }, columns: { FormTypeIdentifier: "Column" } } }));
  return glue.send(
    new PutAssetCommand({
      AssetTypeId: "table",
      Identifier,
      Name,
      Description,
      Forms: { residency: { FormTypeId: "DataResidency", Content: JSON.stringify({ region: "eu-west-1", retentionDays: 30 }) }, columns: { Content: JSON.stringify(COLUMNS) } },
    }),
  );
}

describe("Glue form types and asset types", () => {
  it("puts form types written in Smithy IDL; the name is the id", async () => {
    const put = await glue.send(new PutFormTypeCommand({ Name: "DataResidency", Schema: RESIDENCY }));
    expect(put).toEqual({ $metadata: expect.anything(), Id: "DataResidency", Name: "DataResidency", Schema: RESIDENCY });
    expect(await glue.send(new GetFormTypeCommand({ Identifier: "DataResidency" }))).toMatchObject({ Schema: RESIDENCY });
    await glue.send(new PutFormTypeCommand({ Name: "DataResidency", Schema: "structure DataResidency { region: String }" }));
    expect((await glue.send(new GetFormTypeCommand({ Identifier: "DataResidency" }))).Schema).toBe("structure DataResidency { region: String }");
    expect(await rejectionOf(glue.send(new GetFormTypeCommand({ Identifier: "Nope" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it.each([
    ["lower-case name", { Name: "residency", Schema: RESIDENCY }, "'name'"],
    ["not Smithy IDL", { Name: "Bad", Schema: "{ \"region\": \"string\" }" }, "Smithy IDL"],
    ["unknown member type", { Name: "Bad", Schema: "structure Bad { when: Moment }" }, "Moment"],
    ["duplicate member", { Name: "Bad", Schema: "structure Bad { a: String a: Integer }" }, "defined twice"],
    ["no structure", { Name: "Bad", Schema: "list Names { member: String }" }, "no structure"],
  ])("refuses a form type with %s", async (_label, input, words) => {
    const error = await rejectionOf(glue.send(new PutFormTypeCommand(input)));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(words);
  });

  it("puts asset types over existing form types, guards deletes, and pages both lists", async () => {
    await glue.send(new PutFormTypeCommand({ Name: "DataResidency", Schema: RESIDENCY }));
    await glue.send(new PutFormTypeCommand({ Name: "Owner", Schema: "structure Owner { team: String }" }));
    expect(await rejectionOf(glue.send(new PutAssetTypeCommand({ Name: "table", Forms: { x: { FormTypeIdentifier: "Missing" } } })))).toBeInstanceOf(EntityNotFoundException);
    const put = await glue.send(new PutAssetTypeCommand({ Name: "table", Forms: { residency: { FormTypeIdentifier: "DataResidency" } } }));
    expect(put).toMatchObject({ Id: "table", Name: "table", Forms: { residency: { FormTypeIdentifier: "DataResidency" } } });
    expect(await rejectionOf(glue.send(new DeleteFormTypeCommand({ Identifier: "DataResidency" })))).toBeInstanceOf(ConflictException);
    await glue.send(new PutAssetTypeCommand({ Name: "table", Forms: { owner: { FormTypeIdentifier: "Owner" } } }));
    await glue.send(new DeleteFormTypeCommand({ Identifier: "DataResidency" }));
    expect((await glue.send(new GetAssetTypeCommand({ Identifier: "table" }))).Forms).toEqual({ owner: { FormTypeIdentifier: "Owner" } });
    for (const name of ["view", "stream"]) await glue.send(new PutAssetTypeCommand({ Name: name, Forms: { owner: { FormTypeIdentifier: "Owner" } } }));
    const types: string[] = [];
    for await (const page of paginateListAssetTypes({ client: glue, pageSize: 2 }, {})) types.push(...page.Items!.map((t) => t.Name!));
    expect(types).toEqual(["stream", "table", "view"]);
    const forms: string[] = [];
    for await (const page of paginateListFormTypes({ client: glue, pageSize: 1 }, {})) forms.push(...page.Items!.map((t) => t.Id!));
    expect(forms).toEqual(["Owner"]);
    await glue.send(new DeleteAssetTypeCommand({ Identifier: "view" }));
    await glue.send(new DeleteAssetTypeCommand({ Identifier: "view" }));
    expect((await glue.send(new ListAssetTypesCommand({}))).Items).toHaveLength(2);
    expect((await glue.send(new ListFormTypesCommand({}))).Items).toHaveLength(1);
    const badName = await rejectionOf(glue.send(new PutAssetTypeCommand({ Name: "9lives", Forms: { owner: { FormTypeIdentifier: "Owner" } } })));
    expect(badName.message).toContain("'name'");
  });
});

describe("Glue assets", () => {
  it("puts an asset whose forms fit their form types, and shows array forms as iterable forms", async () => {
    const put = await tableAsset();
    expect(put).toMatchObject({ Id: TABLE_ARN, Name: "orders", Description: "all orders" });
    const asset = await glue.send(new GetAssetCommand({ Identifier: TABLE_ARN }));
    expect(asset).toMatchObject({ Id: TABLE_ARN, AssetTypeId: "table", Forms: { residency: { FormTypeId: "DataResidency" } }, IterableForms: { columns: { FormTypeId: "Column" } } });
    expect(asset.Forms!.columns).toBeUndefined();
    expect(asset.CreatedAt).toBeInstanceOf(Date);
    expect(await rejectionOf(glue.send(new DeleteAssetTypeCommand({ Identifier: "table" })))).toBeInstanceOf(InvalidInputException);
  });

  it.each([
    ["content that is not JSON", { residency: { Content: "region=eu" } }, "not JSON"],
    ["a member the schema lacks", { residency: { Content: '{"region":"eu","colour":"red"}' } }, "colour is not a member"],
    ["a missing required member", { residency: { Content: '{"retentionDays":3}' } }, "region is required"],
    ["a wrongly typed member", { residency: { Content: '{"region":"eu","retentionDays":"long"}' } }, "retentionDays must be a whole number"],
    ["a form the asset type lacks", { owner: { Content: "{}" } }, "has no form owner"],
    ["a form type other than the asset type's", { residency: { FormTypeId: "Column", Content: "{}" } }, "not Column"],
  ])("refuses %s", async (_label, forms, words) => {
    await tableAsset();
    const error = await rejectionOf(glue.send(new PutAssetCommand({ AssetTypeId: "table", Identifier: "other-asset", Name: "o", Forms: forms })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(words);
    expect(await rejectionOf(glue.send(new GetAssetCommand({ Identifier: "other-asset" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("checks content against a self-referring shape to a depth, and reads only the members the content has", async () => {
    await glue.send(new PutFormTypeCommand({ Name: "Node", Schema: "structure Node { next: Node constructor: String }" }));
    await glue.send(new PutAssetTypeCommand({ Name: "chain", Forms: { node: { FormTypeIdentifier: "Node" } } }));
    const put = (Identifier: string, Content: string) => glue.send(new PutAssetCommand({ AssetTypeId: "chain", Identifier, Name: Identifier, Forms: { node: { FormTypeId: "Node", Content } } }));
    // A member named like an Object.prototype property is absent when the content leaves it out.
    await put("empty", "{}");
    await put("shallow", '{"next":'.repeat(99) + '{"constructor":"end"}' + "}".repeat(99));
    // Nesting without end is refused with the service's error, not a stack overflow.
    const deep = await rejectionOf(put("deep", '{"next":'.repeat(20000) + "{}" + "}".repeat(20000)));
    expect(deep).toBeInstanceOf(InvalidInputException);
    expect(deep.message).toContain("nests structures and lists more than 100 deep");
    const scalar = await rejectionOf(put("scalar", "5"));
    expect(scalar.message).toContain("the content must be an object");
    expect((await glue.send(new GetAssetCommand({ Identifier: "shallow" }))).Forms!.node!.Content).toContain('"constructor":"end"');
    expect(await rejectionOf(glue.send(new GetAssetCommand({ Identifier: "deep" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("updates and deletes assets; PutAsset on an existing identifier replaces it", async () => {
    await tableAsset();
    aws.clock.advance(1000);
    const updated = await glue.send(new UpdateAssetCommand({ Identifier: TABLE_ARN, Description: "orders since 2020" }));
    expect(updated).toMatchObject({ Id: TABLE_ARN, Name: "orders", Description: "orders since 2020" });
    await glue.send(new PutAssetCommand({ AssetTypeId: "table", Identifier: TABLE_ARN, Name: "orders v2", Forms: {} }));
    const replaced = await glue.send(new GetAssetCommand({ Identifier: TABLE_ARN }));
    expect(replaced).toMatchObject({ Name: "orders v2" });
    expect(replaced.Description).toBeUndefined();
    expect(replaced.IterableForms).toBeUndefined();
    await glue.send(new DeleteAssetCommand({ Identifier: TABLE_ARN }));
    await glue.send(new DeleteAssetCommand({ Identifier: TABLE_ARN }));
    expect(await rejectionOf(glue.send(new GetAssetCommand({ Identifier: TABLE_ARN })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new UpdateAssetCommand({ Identifier: TABLE_ARN, Name: "x" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new PutAssetCommand({ AssetTypeId: "nope", Identifier: "a", Name: "a", Forms: {} })))).toBeInstanceOf(EntityNotFoundException);
    const badId = await rejectionOf(glue.send(new PutAssetCommand({ AssetTypeId: "table", Identifier: "has space", Name: "a", Forms: {} })));
    expect(badId.message).toContain("'identifier'");
  });

  it("lists and batch-gets the items of an iterable form, by id or name", async () => {
    await tableAsset();
    const items: string[] = [];
    for await (const page of paginateListIterableForms({ client: glue, pageSize: 2 }, { AssetIdentifier: TABLE_ARN, IterableFormName: "columns" })) items.push(...page.Items!.map((i) => `${i.ItemId}:${i.Description ?? ""}`));
    expect(items).toEqual(["order_id:the order", "email:", "region:"]);
    const batch = await glue.send(new BatchGetIterableFormsCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", ItemIdentifiers: ["email", "missing"] }));
    expect(batch.Items).toMatchObject([{ ItemId: "email", ItemName: "email", Forms: { columns: { FormTypeId: "Column", Content: '{"name":"email","type":"string"}' } } }]);
    expect(batch.Errors).toMatchObject([{ ItemIdentifier: "missing", Code: "EntityNotFoundException" }]);
    expect(await rejectionOf(glue.send(new BatchGetIterableFormsCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "residency", ItemIdentifiers: ["x"] })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("attaches forms to an asset or an item, overwriting by name, and deletes them", async () => {
    await tableAsset();
    const put = await glue.send(new PutAttachmentCommand({ AssetIdentifier: TABLE_ARN, AttachmentName: "residencyInfo", FormTypeId: "DataResidency", Content: '{"region":"us-east-1"}' }));
    expect(put).toMatchObject({ AssetIdentifier: TABLE_ARN, AttachmentName: "residencyInfo", FormTypeId: "DataResidency" });
    await glue.send(new PutAttachmentCommand({ AssetIdentifier: TABLE_ARN, AttachmentName: "residencyInfo", FormTypeId: "DataResidency", Content: '{"region":"eu-west-1"}' }));
    expect((await glue.send(new GetAssetCommand({ Identifier: TABLE_ARN }))).Attachments).toEqual({ residencyInfo: { FormTypeId: "DataResidency", Content: '{"region":"eu-west-1"}' } });
    await glue.send(new PutAttachmentCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", ItemIdentifier: "email", AttachmentName: "pii", FormTypeId: "DataResidency", Content: '{"region":"eu"}' }));
    const item = await glue.send(new BatchGetIterableFormsCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", ItemIdentifiers: ["email"] }));
    expect(item.Items![0]!.Attachments).toEqual({ pii: { FormTypeId: "DataResidency", Content: '{"region":"eu"}' } });
    expect(await rejectionOf(glue.send(new PutAttachmentCommand({ AssetIdentifier: TABLE_ARN, AttachmentName: "x", FormTypeId: "DataResidency", Content: "{}" })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new PutAttachmentCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", AttachmentName: "x", FormTypeId: "DataResidency", Content: '{"region":"a"}' })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new PutAttachmentCommand({ AssetIdentifier: TABLE_ARN, AttachmentName: "x", FormTypeId: "Missing", Content: "{}" })))).toBeInstanceOf(EntityNotFoundException);
    await glue.send(new DeleteAttachmentCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", ItemIdentifier: "email", AttachmentName: "pii" }));
    await glue.send(new DeleteAttachmentCommand({ AssetIdentifier: TABLE_ARN, AttachmentName: "residencyInfo" }));
    expect(await rejectionOf(glue.send(new DeleteAttachmentCommand({ AssetIdentifier: TABLE_ARN, AttachmentName: "residencyInfo" })))).toBeInstanceOf(EntityNotFoundException);
    expect((await glue.send(new GetAssetCommand({ Identifier: TABLE_ARN }))).Attachments).toBeUndefined();
  });

  it("associates glossary terms with assets and items, at most ten, and forgets deleted terms", async () => {
    await tableAsset();
    const { Id: glossaryId } = await glue.send(new CreateGlossaryCommand({ Name: "Privacy" }));
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await glue.send(new CreateGlossaryTermCommand({ GlossaryIdentifier: glossaryId, Name: `term-${i}` }))).Id!);
    const associated = await glue.send(new AssociateGlossaryTermsCommand({ AssetIdentifier: TABLE_ARN, GlossaryTermIdentifiers: [ids[0]!, ids[1]!] }));
    expect(associated.GlossaryTerms).toEqual([ids[0], ids[1]]);
    const onItem = await glue.send(new AssociateGlossaryTermsCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", ItemIdentifier: "email", GlossaryTermIdentifiers: [ids[2]!] }));
    expect(onItem).toMatchObject({ IterableFormName: "columns", ItemIdentifier: "email", GlossaryTerms: [ids[2]] });
    const listed = await glue.send(new BatchGetIterableFormsCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", ItemIdentifiers: ["email"] }));
    expect(listed.Items![0]!.GlossaryTerms).toEqual([ids[2]]);
    const tooMany = await rejectionOf(glue.send(new AssociateGlossaryTermsCommand({ AssetIdentifier: TABLE_ARN, GlossaryTermIdentifiers: ids.slice(2, 11) })));
    expect(tooMany).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new GetAssetCommand({ Identifier: TABLE_ARN }))).GlossaryTerms).toEqual([ids[0], ids[1]]);
    expect(await rejectionOf(glue.send(new AssociateGlossaryTermsCommand({ AssetIdentifier: TABLE_ARN, GlossaryTermIdentifiers: ["missing"] })))).toBeInstanceOf(EntityNotFoundException);
    expect(await rejectionOf(glue.send(new AssociateGlossaryTermsCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", GlossaryTermIdentifiers: [ids[0]!] })))).toBeInstanceOf(InvalidInputException);

    const after = await glue.send(new DisassociateGlossaryTermsCommand({ AssetIdentifier: TABLE_ARN, GlossaryTermIdentifiers: [ids[0]!] }));
    expect(after.GlossaryTerms).toEqual([ids[1]]);
    expect(await rejectionOf(glue.send(new DisassociateGlossaryTermsCommand({ AssetIdentifier: TABLE_ARN, GlossaryTermIdentifiers: [ids[0]!] })))).toBeInstanceOf(EntityNotFoundException);
    await glue.send(new DeleteGlossaryTermCommand({ Identifier: ids[1] }));
    await glue.send(new DeleteGlossaryTermCommand({ Identifier: ids[2] }));
    expect((await glue.send(new GetAssetCommand({ Identifier: TABLE_ARN }))).GlossaryTerms).toBeUndefined();
    const item = await glue.send(new BatchGetIterableFormsCommand({ AssetIdentifier: TABLE_ARN, IterableFormName: "columns", ItemIdentifiers: ["email"] }));
    expect(item.Items![0]!.GlossaryTerms).toBeUndefined();
  });

  it("searches assets by text and filters, sorted and paged", async () => {
    await tableAsset();
    aws.clock.advance(1000);
    await tableAsset("arn:aws:glue:us-east-1:123456789012:table/sales/customers", "customers", "people who order");
    aws.clock.advance(1000);
    await tableAsset("arn:aws:glue:us-east-1:123456789012:table/hr/staff", "staff", "employees");
    const text = await glue.send(new SearchAssetsCommand({ SearchText: "ORDER" }));
    expect(text.Items!.map((i) => i.AssetName)).toEqual(["customers", "orders"]);
    expect(text.Items![0]).toMatchObject({ AssetTypeId: "table", AssetDescription: "people who order" });
    const sorted: string[] = [];
    for await (const page of paginateSearchAssets({ client: glue, pageSize: 2 }, { Sort: { Attribute: "updatedAt", Order: "DESCENDING" } })) sorted.push(...page.Items!.map((i) => i.AssetName!));
    expect(sorted).toEqual(["staff", "customers", "orders"]);
    const filtered = await glue.send(
      new SearchAssetsCommand({
        FilterClause: { OrAnyFilters: [{ AttributeFilter: { Attribute: "name", Operator: "equals", Value: { StringValue: "staff" } } }, { MapFilter: { Attribute: "residency", Key: "region", Value: { StringValue: "eu-west-1" } } }] },
      }),
    );
    expect(filtered.Items).toHaveLength(3);
    const none = await glue.send(new SearchAssetsCommand({ FilterClause: { AttributeFilter: { Attribute: "description", Operator: "notExists" } } }));
    expect(none.Items).toEqual([]);
    expect(await rejectionOf(glue.send(new SearchAssetsCommand({ Sort: { Attribute: "colour" } })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new SearchAssetsCommand({ FilterClause: { AttributeFilter: { Attribute: "colour", Operator: "equals", Value: { StringValue: "x" } } } })))).toBeInstanceOf(InvalidInputException);
  });
});
