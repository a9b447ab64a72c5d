import { CreateDataQualityRulesetCommand, InvalidInputException, UpdateDataQualityRulesetCommand, GetDataQualityRulesetCommand } from "@aws-sdk/client-glue";
import { DqdlSyntaxError, parseDqdl } from "aws-doubles/glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";

/** Rulesets Glue accepts (DQDL reference examples and the grammar's forms). */
const VALID: ReadonlyArray<[string, string, number?]> = [
  ["two simple rules", 'Rules = [ IsComplete "order-id", IsUnique "order-id" ]', 2],
  ["empty rules with analyzers", 'Rules = [ ] Analyzers = [ RowCount, Completeness "id" ]', 0],
  ["row count threshold", "Rules = [ RowCount > 100 ]"],
  ["row count between", "Rules = [ RowCount between 10 and 500 ]"],
  ["not between", "Rules = [ RowCount not between 10 and 20 ]"],
  ["completeness ratio", 'Rules = [ Completeness "colA" >= 0.95 ]'],
  ["uniqueness with where clause", 'Rules = [ Uniqueness "id" > 0.9 where "region = \'EU\'" ]'],
  ["column values in a string set", 'Rules = [ ColumnValues "status" in [ "OPEN", "CLOSED" ] ]'],
  ["column values not in, with threshold", 'Rules = [ ColumnValues "status" not in [ "X" ] with threshold > 0.8 ]'],
  ["column values numeric comparison", 'Rules = [ ColumnValues "age" <= 120 ]'],
  ["column values negated equality", 'Rules = [ ColumnValues "country" != "ZZ" ]'],
  ["column values dates", 'Rules = [ ColumnValues "created" > (now() - 3 days) ]'],
  ["column values date literal between", 'Rules = [ ColumnValues "day" between "2024-01-01" and "2024-12-31" ]'],
  ["column values matches a regex", 'Rules = [ ColumnValues "email" matches "[a-z]+@[a-z]+\\\\.com" ]'],
  ["keyword NULL and EMPTY", 'Rules = [ ColumnValues "a" in [ NULL, EMPTY, WHITESPACES_ONLY ] ]'],
  ["mean, sum, standard deviation, entropy", 'Rules = [ Mean "x" between 1 and 9, Sum "x" > 0, StandardDeviation "x" < 5.5, Entropy "x" > 1 ]', 4],
  ["negative and decimal numbers", 'Rules = [ Mean "delta" between -1.5 and 1.5 ]'],
  ["arithmetic and dynamic rules", "Rules = [ RowCount > avg(last(10)) * 0.8, RowCount < max(last(3)) + 100 ]", 2],
  ["custom SQL with a condition", 'Rules = [ CustomSql "select count(*) from primary" between 10 and 20 ]'],
  ["row-level custom SQL", 'Rules = [ CustomSql "select id from primary where age < 100" with threshold > 0.5 ]'],
  ["data freshness", 'Rules = [ DataFreshness "updated_at" <= 24 hours ]'],
  ["data freshness in minutes", 'Rules = [ DataFreshness "updated_at" between 2 days and 5 days ]'],
  ["referential integrity", 'Rules = [ ReferentialIntegrity "customer_id" "reference.id" = 1.0 ]'],
  ["column correlation joined by and", 'Rules = [ ColumnCorrelation "height" and "weight" > 0.8 ]'],
  ["composite and", '(IsComplete "id") and (IsUnique "id")'.replace(/^/, "Rules = [ ").concat(" ]")],
  ["composite or of three", 'Rules = [ (RowCount > 0) or (IsComplete "a") or (ColumnExists "b") ]'],
  ["nested composites", 'Rules = [ ((IsComplete "a") and (IsComplete "b")) OR (RowCount = 0) ]'],
  ["column exists and names pattern", 'Rules = [ ColumnExists "id", ColumnNamesMatchPattern "aws_.*" ]', 2],
  ["column data type", 'Rules = [ ColumnDataType "id" = "INTEGER" ]'],
  ["primary key over several columns", 'Rules = [ IsPrimaryKey "a" "b" "c" ]'],
  ["detect anomalies", 'Rules = [ DetectAnomalies "RowCount" ]'],
  ["dataset match", 'Rules = [ DatasetMatch "reference" "id->ref_id" "name->ref_name" >= 0.9 ]'],
  ["schema match and row count match", 'Rules = [ SchemaMatch "ref" = 1.0, RowCountMatch "ref" >= 0.9 ]', 2],
  ["aggregate match", 'Rules = [ AggregateMatch "sum(amount)" "sum(ref.amount)" >= 0.95 ]'],
  ["file size", "Rules = [ FileSize > 1 MB ]"],
  ["metadata and data sources", 'Metadata = { "Version": "1.0" } DataSources = { "Default": "orders", "refs": [ "a", "b" ] } Rules = [ RowCount > 0 ]'],
  ["variables", 'allowed = [ "A", "B" ] Rules = [ ColumnValues "c" in $allowed ]'],
  ["comments", 'Rules = [\n  # the table is never empty\n  RowCount > 0, // and ids are set\n  /* block */ IsComplete "id"\n]', 2],
  ["escaped quotes in a column name", 'Rules = [ IsComplete "say \\"hi\\"" ]'],
  ["analyzers only", 'Analyzers = [ AllStatistics "price", DistinctValuesCount "sku" ]', 0],
];

/** Rulesets Glue refuses, with a word the message must contain. */
const INVALID: ReadonlyArray<[string, string, string]> = [
  ["no Rules section", "RowCount > 0", "Rules"],
  ["lower-case section name", "rules = [ RowCount > 0 ]", "rules"],
  ["unknown rule type", 'Rules = [ IsAwesome "x" ]', "IsAwesome"],
  ["rule types are case sensitive", "Rules = [ rowcount > 0 ]", "rowcount"],
  ["numeric rule without a condition", 'Rules = [ Completeness "x" ]', "needs a condition"],
  ["boolean rule with a condition", 'Rules = [ IsComplete "x" > 0.5 ]', "takes no condition"],
  ["missing parameter", "Rules = [ IsComplete ]", "takes 1 quoted parameter"],
  ["too many parameters", 'Rules = [ RowCount "a" > 1 ]', "takes 0 quoted parameter"],
  ["unterminated list", "Rules = [ RowCount > 0", "']'"],
  ["missing comma between rules", 'Rules = [ RowCount > 0 IsComplete "a" ]', "','"],
  ["unterminated string", 'Rules = [ IsComplete "abc ]', "Unterminated string"],
  ["between without and", "Rules = [ RowCount between 1 5 ]", "'and'"],
  ["mixed between kinds", 'Rules = [ ColumnValues "d" between "2024-01-01" and 5 ]', "one kind"],
  ["string ordering", 'Rules = [ ColumnValues "s" > "abc" ]', "compares numbers"],
  ["string condition on a number rule", 'Rules = [ Mean "x" = "high" ]', "number condition"],
  ["freshness needs a duration", 'Rules = [ DataFreshness "t" > 5 ]', "duration"],
  ["bad date arithmetic", 'Rules = [ ColumnValues "d" > (now() - 3 weeks) ]', "days, hours or minutes"],
  ["threshold takes numbers", 'Rules = [ ColumnValues "s" in ["a"] with threshold = "x" ]', "threshold"],
  ["unbalanced parentheses", 'Rules = [ (IsComplete "a" and (IsComplete "b") ]', "')'"],
  ["analyzer that asserts", 'Analyzers = [ IsComplete "a" ]', "not a DQDL analyzer"],
  ["analyzer-only type as a rule", 'Rules = [ AllStatistics "a" ]', "Analyzers section"],
  ["two Rules sections", "Rules = [ RowCount > 0 ] Rules = [ RowCount > 1 ]", "more than one Rules"],
  ["stray character", "Rules = [ RowCount > 0 ] ;", ";"],
  ["empty document", "   ", "Rules"],
  ["in list of mixed kinds", 'Rules = [ ColumnValues "a" in [ 1, "b" ] ]', "one kind"],
  // Nesting deep enough to overflow a recursive parser is refused as DQDL, not a stack overflow.
  ["rules nested 20,000 deep", `Rules = [ ${"(".repeat(20000)}RowCount > 0${")".repeat(20000)} ]`, "nested more than 100 deep"],
  ["a number expression nested 30,000 deep", `Rules = [ RowCount > ${"(".repeat(30000)}1${")".repeat(30000)} ]`, "nested more than 100 deep"],
  ["function calls nested 20,000 deep", `Rules = [ RowCount > ${"f(".repeat(20000)}1${")".repeat(20000)} ]`, "nested more than 100 deep"],
];

describe("DQDL parser", () => {
  it.each(VALID)("accepts %s", (_label, text, count) => {
    const parsed = parseDqdl(text);
    expect(parsed.rules.length + parsed.analyzers.length).toBeGreaterThan(0);
    if (count !== undefined) expect(parsed.rules).toHaveLength(count);
  });

  it.each(INVALID)("refuses %s", (_label, text, word) => {
    let error: unknown;
    try {
      parseDqdl(text);
    } catch (e) {
      error = e;
    }
    expect(error, `${text} was accepted`).toBeInstanceOf(DqdlSyntaxError);
    expect((error as Error).message).toContain(word);
    expect((error as Error).message).toMatch(/line \d+, column \d+/);
  });

  it("keeps each rule's own text and the structure of composites", () => {
    const parsed = parseDqdl('Rules = [\n  (IsComplete "a") and (ColumnValues "b" in [1, 2]),\n  RowCount between 1 and 10 where "x > 1"\n]');
    const [composite, leaf] = parsed.rules;
    expect(composite).toMatchObject({ type: "and", text: '(IsComplete "a") and (ColumnValues "b" in [1, 2])' });
    expect(composite!.type === "and" && composite!.rules.map((r) => r.text)).toEqual(['IsComplete "a"', 'ColumnValues "b" in [1, 2]']);
    expect(leaf).toMatchObject({ type: "rule", ruleType: "RowCount", where: "x > 1", condition: { kind: "number", operator: "between", operands: ["1", "10"] } });
  });

  it("accepts parentheses nested up to 100 deep (rules and number expressions together)", () => {
    expect(parseDqdl(`Rules = [ ${"(".repeat(100)}RowCount > 0${")".repeat(100)} ]`).rules).toHaveLength(1);
    expect(parseDqdl(`Rules = [ ${"(".repeat(50)}RowCount > ${"(".repeat(50)}1${")".repeat(50)}${")".repeat(50)} ]`).rules).toHaveLength(1);
    expect(() => parseDqdl(`Rules = [ ${"(".repeat(101)}RowCount > 0${")".repeat(101)} ]`)).toThrow(DqdlSyntaxError);
  });

  it("keeps Metadata, DataSources and variables named __proto__ as entries", () => {
    const parsed = parseDqdl('Metadata = { "__proto__": "m", "Version": "1.0" }\nDataSources = { "__proto__": ["a", "b"] }\n__proto__ = ["x"]\nRules = [ RowCount > 0 ]');
    expect(Object.entries(parsed.metadata)).toEqual([["__proto__", "m"], ["Version", "1.0"]]);
    expect(Object.entries(parsed.dataSources)).toEqual([["__proto__", ["a", "b"]]]);
    expect(Object.entries(parsed.variables)).toEqual([["__proto__", ["x"]]]);
    expect(Object.getPrototypeOf(parsed.variables)).toBe(Object.prototype);
  });

  it("points at the line and column of a mistake", () => {
    expect(() => parseDqdl('Rules = [\n  RowCount > 0,\n  Nope "x"\n]')).toThrow(/'Nope' is not a DQDL rule type \(line 3, column 3\)/);
  });
});

describe("DQDL through CreateDataQualityRuleset and UpdateDataQualityRuleset", () => {
  it.each(VALID.slice(0, 8))("stores a valid ruleset: %s", async (_label, text) => {
    await glue.send(new CreateDataQualityRulesetCommand({ Name: "r", Ruleset: text }));
    expect((await glue.send(new GetDataQualityRulesetCommand({ Name: "r" }))).Ruleset).toBe(text);
  });

  it.each(INVALID.filter(([, text]) => text.trim() !== ""))("refuses an invalid ruleset with InvalidInputException: %s", async (_label, text, word) => {
    const error = await rejectionOf(glue.send(new CreateDataQualityRulesetCommand({ Name: "r", Ruleset: text })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error.message).toContain("The ruleset is not valid DQDL");
    expect(error.message).toContain(word);
  });

  it("an update with an invalid ruleset changes nothing", async () => {
    await glue.send(new CreateDataQualityRulesetCommand({ Name: "r", Ruleset: "Rules = [ RowCount > 0 ]", Description: "first" }));
    const error = await rejectionOf(glue.send(new UpdateDataQualityRulesetCommand({ Name: "r", Ruleset: "Rules = [ RowCount ]", Description: "second" })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(await glue.send(new GetDataQualityRulesetCommand({ Name: "r" }))).toMatchObject({ Ruleset: "Rules = [ RowCount > 0 ]", Description: "first" });
  });
});
