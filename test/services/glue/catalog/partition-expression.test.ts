import { CreatePartitionCommand, GetPartitionsCommand, InvalidInputException, InvalidStateException, paginateGetPartitions } from "@aws-sdk/client-glue";
import { beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { addPartitions, collect, createDatabase, createTable, glue } from "./helpers.js";

/**
 * GetPartitions' Expression over partition keys of every supported type. Each partition is
 * named by a letter; each expression lists the letters of the partitions it selects.
 */
const KEYS = ["region", "year:int", "day:date", "ts:timestamp", "price:decimal(10,2)"];
const PARTITIONS: Record<string, string[]> = {
  a: ["eu", "2019", "2019-12-31", "2019-12-31 23:59:59", "9.99"],
  b: ["eu", "2020", "2020-02-29", "2020-02-29 00:00:00.5", "10.00"],
  c: ["us", "2020", "2020-03-01", "2020-03-01 12:00:00", "100.5"],
  d: ["us-west", "2021", "2021-01-15", "2021-01-15 08:30:00", "-3.25"],
  e: ["apac", "2022", "2022-06-30", "2022-06-30 00:00:00", "0"],
};
const letterOf = new Map(Object.entries(PARTITIONS).map(([letter, values]) => [JSON.stringify(values), letter]));

async function select(Expression: string): Promise<string> {
  const { items } = await collect(paginateGetPartitions({ client: glue, pageSize: 2 }, { DatabaseName: "db", TableName: "t", Expression }), (page) => page.Partitions);
  return items.map((p) => letterOf.get(JSON.stringify(p.Values))).sort().join("");
}

const SELECTS: Array<[string, string]> = [
  // comparisons on strings, integers (literals converted to the key's type, either side)
  ["region = 'eu'", "ab"],
  ["region <> 'eu'", "cde"],
  ["region != 'eu'", "cde"],
  ["region > 'f'", "cd"],
  ["year > 2020", "de"],
  ["year >= 2020", "bcde"],
  ["year < 2020", "a"],
  ["year <= '2020'", "abc"],
  ["2020 < year", "de"],
  ["year = -5", ""],
  // BETWEEN (inclusive) and IN, with NOT
  ["year BETWEEN 2020 AND 2021", "bcd"],
  ["year NOT BETWEEN 2020 AND 2021", "ae"],
  ["year BETWEEN 2021 AND 2020", ""],
  ["region IN ('eu', 'apac')", "abe"],
  ["region NOT IN ('eu', 'apac')", "cd"],
  ["year IN (2019, 2022)", "ae"],
  // LIKE: % and _, NOT LIKE, ESCAPE
  ["region LIKE 'us%'", "cd"],
  ["region LIKE '_u'", "ab"],
  ["region NOT LIKE 'us%'", "abe"],
  ["region LIKE 'us!-west' ESCAPE '!'", "d"],
  ["region LIKE '%'", "abcde"],
  // dates and timestamps (a date literal is midnight for a timestamp)
  ["day > '2020-02-28'", "bcde"],
  ["day BETWEEN '2020-01-01' AND '2020-12-31'", "bc"],
  ["ts >= '2020-02-29 00:00:00.1'", "bcde"],
  ["ts < '2020-02-29'", "a"],
  ["ts = '2022-06-30 00:00:00.000'", "e"],
  // decimals compare as numbers, not as text
  ["price > 10", "c"],
  ["price >= 10.0", "bc"],
  ["price < 0", "d"],
  ["price = 0.00", "e"],
  ["price BETWEEN -5 AND 9.99", "ade"],
  // AND binds tighter than OR; NOT; parentheses; case-insensitive keywords and names
  ["region = 'eu' AND year = 2020", "b"],
  ["region = 'eu' OR year = 2022", "abe"],
  ["region = 'eu' OR region = 'us' AND year = 2021", "ab"],
  ["(region = 'eu' OR region = 'us') AND year = 2020", "bc"],
  ["NOT region = 'eu'", "cde"],
  ["NOT (region = 'eu' OR region = 'us')", "de"],
  ["REGION = 'eu' and Year = 2019", "a"],
  ["((year > 2019)) AND NOT (year > 2021)", "bcd"],
  // quoted names and quotes inside strings; partition values are never null
  ["`region` = 'apac'", "e"],
  ['"year" = 2022', "e"],
  ["region = 'it''s'", ""],
  ["region IS NOT NULL", "abcde"],
  ["region IS NULL", ""],
];

const MALFORMED: Array<[string, RegExp]> = [
  ["region =", /expected a partition key or a value but found the end/],
  ["region = 'eu", /unterminated string/],
  ["region == 'eu'", /expected a partition key or a value but found '='/],
  ["region = 'eu' AND", /found the end of the expression/],
  ["region = 'eu' extra", /expected the end of the expression but found 'extra'/],
  ["(region = 'eu'", /expected '\)'/],
  ["region IN ()", /expected a partition key or a value but found '\)'/],
  ["region BETWEEN 'a'", /expected AND/],
  ["region NOT = 'eu'", /BETWEEN, IN or LIKE after NOT/],
  ["region", /expected a comparison/],
  ["region = 'eu' ; DROP", /unexpected character ';'/],
  ["year > 'abc'", /'abc' is not an integer, the type of partition key year \(int\)/],
  ["year = 99999999999", /is not an integer/],
  ["day = '2020-02-30'", /is not a date/],
  ["ts > '2020-01-01 25:00:00'", /is not a timestamp/],
  ["price > 'cheap'", /is not a decimal number/],
  ["unknown = 1", /Unknown column 'unknown': the table's partition keys are region, year, day, ts, price/],
  ["year LIKE '20%'", /LIKE applies to string partition keys; year is int/],
  ["'eu' = 'eu'", /must name a partition key/],
  ["region = year", /cannot compare region \(string\) with year \(int\)/],
  ["region LIKE 'x' ESCAPE 'ab'", /one-character ESCAPE/],
];

describe("GetPartitions Expression", () => {
  beforeEach(async () => {
    await createDatabase("db");
    await createTable("db", "t", KEYS);
    await addPartitions("db", "t", Object.values(PARTITIONS));
  });

  it.each(SELECTS)("%s selects [%s]", async (expression, expected) => {
    expect(await select(expression)).toBe(expected);
  });

  it.each(MALFORMED)("%s is InvalidInputException", async (Expression, message) => {
    const error = await rejectionOf(glue.send(new GetPartitionsCommand({ DatabaseName: "db", TableName: "t", Expression })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`Unsupported expression '${Expression}'`);
  });

  it("treats a blank expression as none", async () => {
    expect(await select("   ")).toBe("abcde");
  });

  it("reports a stored value its key's type cannot read as InvalidStateException, only when the expression reads that key", async () => {
    await glue.send(new CreatePartitionCommand({ DatabaseName: "db", TableName: "t", PartitionInput: { Values: ["eu", "twenty", "2020-01-01", "2020-01-01 00:00:00", "1"] } }));
    const error = await rejectionOf(glue.send(new GetPartitionsCommand({ DatabaseName: "db", TableName: "t", Expression: "year > 2000" })));
    expect(error).toBeInstanceOf(InvalidStateException);
    expect(error.message).toContain("Partition value 'twenty' of partition key year is not an integer");
    expect(await select("region = 'apac'")).toBe("e");
  });

  it("refuses an expression on a key whose type expressions do not support", async () => {
    await createTable("db", "flags", ["enabled:boolean"]);
    const error = await rejectionOf(glue.send(new GetPartitionsCommand({ DatabaseName: "db", TableName: "flags", Expression: "enabled = 'true'" })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain("type boolean, which expressions do not support");
  });

  it("refuses an expression on a key whose type is named like an Object.prototype property", async () => {
    // Type names are looked up among the integer types: constructor or __proto__ must not be found there.
    for (const type of ["constructor", "__proto__", "hasOwnProperty"]) {
      await createTable("db", `odd_${type.replace(/_/g, "")}`, [`k:${type}`]);
      await glue.send(new CreatePartitionCommand({ DatabaseName: "db", TableName: `odd_${type.replace(/_/g, "")}`, PartitionInput: { Values: ["1"] } }));
      const error = await rejectionOf(glue.send(new GetPartitionsCommand({ DatabaseName: "db", TableName: `odd_${type.replace(/_/g, "")}`, Expression: "k = 1" })));
      expect(error, type).toBeInstanceOf(InvalidInputException);
      expect(error.message, type).toContain(`partition key k has type ${type}, which expressions do not support`);
    }
  });
});
