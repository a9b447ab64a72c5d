import {
  AlreadyExistsException,
  BatchGetCustomEntityTypesCommand,
  CreateCustomEntityTypeCommand,
  DeleteCustomEntityTypeCommand,
  EntityNotFoundException,
  GetCustomEntityTypeCommand,
  GetTagsCommand,
  InvalidInputException,
  ListCustomEntityTypesCommand,
  paginateListCustomEntityTypes,
} from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { arnOf, glue } from "../helpers.js";

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
};
const create = (Name: string, RegexString: string, extra: { ContextWords?: string[]; Tags?: Record<string, string> } = {}) =>
  glue.send(new CreateCustomEntityTypeCommand({ Name, RegexString, ...extra }));

describe("Glue custom entity types", () => {
  it("creates, reads, lists by tag, batch-gets and deletes", async () => {
    expect(await create("employee-id", "EMP-\\d{6}", { ContextWords: ["employee", "staff"], Tags: { pii: "yes" } })).toMatchObject({ Name: "employee-id" });
    await create("badge", "B[0-9]{4}");
    expect(await glue.send(new GetCustomEntityTypeCommand({ Name: "employee-id" }))).toMatchObject({ Name: "employee-id", RegexString: "EMP-\\d{6}", ContextWords: ["employee", "staff"] });
    expect((await glue.send(new GetTagsCommand({ ResourceArn: arnOf("customEntityType", "employee-id") }))).Tags).toEqual({ pii: "yes" });
    expect((await glue.send(new ListCustomEntityTypesCommand({ Tags: { pii: "yes" } }))).CustomEntityTypes!.map((t) => t.Name)).toEqual(["employee-id"]);
    const batch = await glue.send(new BatchGetCustomEntityTypesCommand({ Names: ["badge", "absent"] }));
    expect(batch.CustomEntityTypes!.map((t) => t.Name)).toEqual(["badge"]);
    expect(batch.CustomEntityTypesNotFound).toEqual(["absent"]);
    expect(await errorOf(create("badge", "x"))).toBeInstanceOf(AlreadyExistsException);
    expect(await glue.send(new DeleteCustomEntityTypeCommand({ Name: "badge" }))).toMatchObject({ Name: "badge" });
    expect(await errorOf(glue.send(new DeleteCustomEntityTypeCommand({ Name: "badge" })))).toBeInstanceOf(EntityNotFoundException);
    expect(await errorOf(glue.send(new GetCustomEntityTypeCommand({ Name: "badge" })))).toBeInstanceOf(EntityNotFoundException);
  });

  it("pages with the SDK paginator", async () => {
    for (let i = 0; i < 7; i++) await create(`t${i}`, `T${i}\\d+`);
    const names: string[] = [];
    for await (const page of paginateListCustomEntityTypes({ client: glue, pageSize: 3 }, {})) names.push(...page.CustomEntityTypes!.map((t) => t.Name!));
    expect(names).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
  });

  // Patterns java.util.regex.Pattern compiles (several of them JavaScript's RegExp would refuse).
  it.each([
    "\\d{3}-\\d{2}-\\d{4}",
    "[A-Z]{2}\\d{2}(?:\\s?\\d{4}){4}",
    "a*+b++c?+",
    "(?>atomic)group",
    "\\Aanchored\\z",
    "\\Qa.b*c\\E+",
    "[a-z&&[^aeiou]]+",
    "[a-d[m-p]]",
    "(?i)case-insensitive(?-i)X",
    "(?<year>\\d{4})-\\k<year>",
    "\\p{Alpha}\\p{IsLatin}\\p{Lu}\\p{InGreek}\\P{Digit}\\p{javaLowerCase}",
    "(?<=\\$)\\d+(?<!x{1,3})",
    "\\x41\\x{1F600}\\u00e9\\0101\\cA\\t",
    "[]a]",
    "\\b{g}\\R\\X",
    "a{2,}b{0,1}?",
    "x|y|",
    "[\\w&&\\D]",
  ])("accepts %s", async (regex) => {
    await create("t", regex);
    expect((await glue.send(new GetCustomEntityTypeCommand({ Name: "t" }))).RegexString).toBe(regex);
  });

  // Patterns Java refuses, with the description Pattern.compile gives.
  it.each([
    ["*abc", "Dangling meta character '*'"],
    ["ab(c", "Unclosed group"],
    ["abc)", "Unmatched closing ')'"],
    ["[abc", "Unclosed character class"],
    ["[z-a]", "Illegal character range"],
    ["a{3,1}", "Illegal repetition range"],
    ["{abc}", "Illegal repetition"],
    ["a{,3}", "Illegal repetition"],
    ["\\y", "Illegal/unsupported escape sequence"],
    ["\\x4", "Illegal hexadecimal escape sequence"],
    ["\\u12", "Illegal Unicode escape sequence"],
    ["\\09", "Illegal octal escape sequence"],
    ["\\p{NotAProperty}", "Unknown character property name {NotAProperty}"],
    ["(?<1x>a)", "capturing group name does not start with a Latin letter"],
    ["(?<n>a)(?<n>b)", "Named capturing group <n> is already defined"],
    ["\\k<missing>", "named capturing group <missing> does not exist"],
    ["(?<=a+)b", "Look-behind group does not have an obvious maximum length"],
    ["(?z)a", "Unknown inline modifier"],
    ["a**", "Dangling meta character '*'"],
  ])("refuses %s (%s)", async (regex, description) => {
    const error = await errorOf(create("t", regex));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain(description);
    expect(error.message).toMatch(/near index \d+/);
    expect((await glue.send(new ListCustomEntityTypesCommand({}))).CustomEntityTypes).toEqual([]);
  });
});
