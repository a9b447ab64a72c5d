import {
  AlreadyExistsException,
  CreateClassifierCommand,
  DeleteClassifierCommand,
  EntityNotFoundException,
  GetClassifierCommand,
  GetClassifiersCommand,
  InvalidInputException,
  UpdateClassifierCommand,
  paginateGetClassifiers,
  type CreateClassifierRequest,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { glue } from "../helpers.js";

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};
const create = (request: CreateClassifierRequest) => glue.send(new CreateClassifierCommand(request));

describe("Glue classifiers", () => {
  it("creates each kind and returns it with its version and timestamps", async () => {
    await create({ GrokClassifier: { Name: "logs", Classification: "app-logs", GrokPattern: "%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}" } });
    await create({ XMLClassifier: { Name: "xml", Classification: "orders", RowTag: "order" } });
    await create({ JsonClassifier: { Name: "json", JsonPath: "$.records[*]" } });
    await create({ CsvClassifier: { Name: "csv", Delimiter: "|", ContainsHeader: "PRESENT", Header: ["id", "name"] } });
    const grok = (await glue.send(new GetClassifierCommand({ Name: "logs" }))).Classifier!;
    expect(Object.keys(grok)).toEqual(["GrokClassifier"]);
    expect(grok.GrokClassifier).toMatchObject({ Name: "logs", Classification: "app-logs", Version: 1 });
    expect(grok.GrokClassifier!.CreationTime).toBeInstanceOf(Date);
    expect((await glue.send(new GetClassifierCommand({ Name: "csv" }))).Classifier!.CsvClassifier).toMatchObject({ Delimiter: "|", QuoteSymbol: '"', ContainsHeader: "PRESENT", Header: ["id", "name"] });
    const all = await glue.send(new GetClassifiersCommand({}));
    expect(all.Classifiers!.map((c) => Object.values(c)[0]!.Name)).toEqual(["csv", "json", "logs", "xml"]);
  });

  it("needs exactly one kind per classifier and one name across kinds", async () => {
    expect((await errorOf(create({}))).message).toContain("exactly one");
    const two = await errorOf(create({ JsonClassifier: { Name: "a", JsonPath: "$" }, CsvClassifier: { Name: "a" } }));
    expect(two).toBeInstanceOf(InvalidInputException);
    expect(two.message).toContain("JsonClassifier and CsvClassifier");
    await create({ JsonClassifier: { Name: "a", JsonPath: "$" } });
    expect(await errorOf(create({ CsvClassifier: { Name: "a" } }))).toBeInstanceOf(AlreadyExistsException);
  });

  it.each([
    [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{WORD:w" } }, "unclosed %{"],
    [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{WORD:w:date}" } }, "casts to 'date'"],
    [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{:w}" } }, "does not name a pattern"],
    [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "(%{WORD:w}" } }, "Unclosed group"],
    [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{MYNUM:n}", CustomPatterns: "MYNUM [0-9+" } }, "Unclosed character class"],
    [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{MYNUM:n}", CustomPatterns: "JUSTANAME" } }, "is not a pattern definition"],
    [{ JsonClassifier: { Name: "j", JsonPath: "records[*]" } }, "must start at the root"],
    [{ JsonClassifier: { Name: "j", JsonPath: "$.records[" } }, "not valid at index 9"],
    [{ XMLClassifier: { Name: "x", Classification: "c", RowTag: "<row>" } }, "without < and >"],
    [{ CsvClassifier: { Name: "v", Delimiter: ",", QuoteSymbol: "," } }, "must differ"],
    [{ CsvClassifier: { Name: "v", CustomDatatypes: ["INT"] } }, "CustomDatatypeConfigured"],
    [{ CsvClassifier: { Name: "v", CustomDatatypeConfigured: true, CustomDatatypes: ["INTEGER"] } }, "not a supported custom datatype"],
    [{ CsvClassifier: { Name: "v", Delimiter: "ab" } }, "length less than or equal to 1"],
  ] as Array<[CreateClassifierRequest, string]>)("refuses %j (%s)", async (request, fragment) => {
    const error = await errorOf(create(request));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(fragment);
    expect((await glue.send(new GetClassifiersCommand({}))).Classifiers).toEqual([]);
  });

  it("refuses groups or classes nested deeper than 500 with the service's error, not a stack overflow", async () => {
    const cases: Array<[CreateClassifierRequest, string]> = [
      [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{DEEP:d}", CustomPatterns: `DEEP ${"(".repeat(7000)}a${")".repeat(7000)}` } }, "Groups nest more than 500 deep near index 500"],
      [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{DEEP:d}", CustomPatterns: `DEEP ${"[".repeat(7000)}a${"]".repeat(7000)}` } }, "Character classes nest more than 500 deep near index 500"],
      [{ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: `${"(?:".repeat(501)}a${")".repeat(501)}` } }, "Groups nest more than 500 deep near index 1500"],
    ];
    for (const [request, fragment] of cases) {
      const error = await errorOf(create(request));
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.message).toContain(fragment);
    }
    expect((await glue.send(new GetClassifiersCommand({}))).Classifiers).toEqual([]);
  });

  it("accepts grok with custom patterns and the JsonPath forms Glue supports", async () => {
    await create({ GrokClassifier: { Name: "g", Classification: "c", GrokPattern: "%{MYDATE:d:string} (?<rest>.*)", CustomPatterns: "# dates\nMYDATE \\d{4}-\\d{2}-\\d{2}\n\nMYNUM [0-9]++" } });
    await create({ GrokClassifier: { Name: "nested", Classification: "c", GrokPattern: `${"(".repeat(500)}a${")".repeat(500)}`, CustomPatterns: `SET ${"[".repeat(500)}a${"]".repeat(500)}` } });
    for (const [i, path] of ["$", "$.a.b", "$[*]", "$['odd key'].x", "$.items[0]", "$.*"].entries()) await create({ JsonClassifier: { Name: `j${i}`, JsonPath: path } });
    expect((await glue.send(new GetClassifiersCommand({}))).Classifiers).toHaveLength(8);
  });

  it("updates a classifier of its own kind only, bumping its version", async () => {
    await create({ CsvClassifier: { Name: "csv", Delimiter: ";" } });
    await glue.send(new UpdateClassifierCommand({ CsvClassifier: { Name: "csv", ContainsHeader: "ABSENT" } }));
    const csv = (await glue.send(new GetClassifierCommand({ Name: "csv" }))).Classifier!.CsvClassifier!;
    expect(csv).toMatchObject({ Delimiter: ";", ContainsHeader: "ABSENT", Version: 2 });
    expect((await errorOf(glue.send(new UpdateClassifierCommand({ JsonClassifier: { Name: "csv", JsonPath: "$" } })))).message).toContain("is a CsvClassifier");
    expect(await errorOf(glue.send(new UpdateClassifierCommand({ XMLClassifier: { Name: "absent", RowTag: "r" } })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new UpdateClassifierCommand({ CsvClassifier: { Name: "csv", QuoteSymbol: ";" } })))).toBeInstanceOf(InvalidInputException);
    expect((await glue.send(new GetClassifierCommand({ Name: "csv" }))).Classifier!.CsvClassifier!.Version).toBe(2);
  });

  it("deletes, and pages with the SDK paginator", async () => {
    for (let i = 0; i < 5; i++) await create({ JsonClassifier: { Name: `j${i}`, JsonPath: "$" } });
    await glue.send(new DeleteClassifierCommand({ Name: "j2" }));
    expect(await errorOf(glue.send(new DeleteClassifierCommand({ Name: "j2" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new GetClassifierCommand({ Name: "j2" })))).toBeInstanceOf(EntityNotFoundException);
    const names: string[] = [];
    for await (const page of paginateGetClassifiers({ client: glue, pageSize: 2 }, {})) names.push(...page.Classifiers!.map((c) => c.JsonClassifier!.Name!));
    expect(names).toEqual(["j0", "j1", "j3", "j4"]);
  });
});
