import { CreateDatabaseCommand, CreateScriptCommand, CreateTableCommand, EntityNotFoundException, UpdateTableCommand, GetDataflowGraphCommand, GetMappingCommand, GetPlanCommand, InvalidInputException, type CodeGenEdge, type CodeGenNode } from "@aws-sdk/client-glue";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../../support/errors.js";
import { glue } from "../helpers.js";

const NODES: CodeGenNode[] = [
  { Id: "applymapping1", NodeType: "ApplyMapping", Args: [{ Name: "mappings", Value: '[("id", "string", "id", "long")]' }, { Name: "transformation_ctx", Value: '"applymapping1"' }] },
  { Id: "datasource0", NodeType: "DataSource", Args: [{ Name: "database", Value: '"sales"' }, { Name: "table_name", Value: '"orders"' }, { Name: "transformation_ctx", Value: '"datasource0"' }] },
  { Id: "datasink2", NodeType: "DataSink", Args: [{ Name: "connection_type", Value: '"s3"' }, { Name: "connection_options", Value: '{"path": "s3://out/"}' }, { Name: "format", Value: '"parquet"' }] },
];
const EDGES: CodeGenEdge[] = [
  { Source: "datasource0", Target: "applymapping1", TargetParameter: "frame" },
  { Source: "applymapping1", Target: "datasink2" },
];

describe("Glue script generation", () => {
  it("writes a Python script from a DAG, in dependency order, that GetDataflowGraph reads back", async () => {
    const { PythonScript } = await glue.send(new CreateScriptCommand({ DagNodes: NODES, DagEdges: EDGES, Language: "PYTHON" }));
    const lines = PythonScript!.split("\n");
    expect(lines).toContain('datasource0 = glueContext.create_dynamic_frame.from_catalog(database = "sales", table_name = "orders", transformation_ctx = "datasource0")');
    expect(lines).toContain('applymapping1 = ApplyMapping.apply(frame = datasource0, mappings = [("id", "string", "id", "long")], transformation_ctx = "applymapping1")');
    expect(lines).toContain('datasink2 = glueContext.write_dynamic_frame.from_options(frame = applymapping1, connection_type = "s3", connection_options = {"path": "s3://out/"}, format = "parquet")');
    expect(lines.indexOf("## @return: datasource0")).toBeLessThan(lines.indexOf("## @return: applymapping1"));
    expect(lines.at(-2)).toBe("job.commit()");
    // Deterministic: the same graph gives the same script.
    expect((await glue.send(new CreateScriptCommand({ DagNodes: NODES, DagEdges: EDGES }))).PythonScript).toBe(PythonScript);

    const graph = await glue.send(new GetDataflowGraphCommand({ PythonScript }));
    expect(graph.DagNodes!.map((n) => [n.Id, n.NodeType])).toEqual([["datasource0", "DataSource"], ["applymapping1", "ApplyMapping"], ["datasink2", "DataSink"]]);
    expect(graph.DagNodes![0]!.Args).toEqual(NODES[1]!.Args);
    expect(graph.DagNodes![0]!.LineNumber).toBe(lines.indexOf(lines.find((l) => l.startsWith("datasource0 ="))!) + 1);
    expect(graph.DagEdges).toEqual([
      { Source: "datasource0", Target: "applymapping1", TargetParameter: "frame" },
      { Source: "applymapping1", Target: "datasink2", TargetParameter: "frame" },
    ]);
  });

  it("writes Scala with job parameters, and refuses broken graphs", async () => {
    const nodes: CodeGenNode[] = [{ Id: "src", NodeType: "DataSource", Args: [{ Name: "database", Value: "db", Param: true }, { Name: "tableName", Value: '"t"' }] }];
    const { ScalaCode, PythonScript } = await glue.send(new CreateScriptCommand({ DagNodes: nodes, Language: "SCALA" }));
    expect(PythonScript).toBeUndefined();
    expect(ScalaCode).toContain('val args = GlueArgParser.getResolvedOptions(sysArgs, Seq("JOB_NAME", "db").toArray)');
    expect(ScalaCode).toContain('    val src = glueContext.getCatalogSource(database = args("db"), tableName = "t").getDynamicFrame()');
    expect(ScalaCode).toContain("    // @type: DataSource");

    const cycle = await rejectionOf(glue.send(new CreateScriptCommand({ DagNodes: NODES, DagEdges: [...EDGES, { Source: "datasink2", Target: "datasource0" }] })));
    expect(cycle).toBeInstanceOf(InvalidInputException);
    expect(cycle.message).toContain("cycle");
    expect(await rejectionOf(glue.send(new CreateScriptCommand({ DagNodes: NODES, DagEdges: [{ Source: "nowhere", Target: "datasink2" }] })))).toBeInstanceOf(InvalidInputException);
    expect(await rejectionOf(glue.send(new GetDataflowGraphCommand({ PythonScript: "## @type: DataSource\n" })))).toBeInstanceOf(InvalidInputException);
  });

  it("refuses a graph whose script would not read back as the same graph", async () => {
    const node = (extra: Partial<CodeGenNode>): CodeGenNode => ({ Id: "a", NodeType: "ApplyMapping", Args: [], ...extra });
    const refused = [
      { DagNodes: [node({ NodeType: "Apply Mapping" })] },
      { DagNodes: [node({ NodeType: "X\n## @type: Y" })] },
      { DagNodes: [node({ Args: [{ Name: "mappings", Value: "[1,\n## @return: b\n2]" }] })] },
      { DagNodes: [node({ Args: [{ Name: "database", Value: "db'])\nimport os", Param: true }] })] },
      { DagNodes: [node({}), node({ Id: "b" })], DagEdges: [{ Source: "a", Target: "b", TargetParameter: "frame = a, stage" }] },
    ];
    for (const input of refused) {
      const error = await rejectionOf(glue.send(new CreateScriptCommand(input)));
      expect(error).toBeInstanceOf(InvalidInputException);
      expect(error.message).toMatch(/not an identifier|spans lines/);
    }
    // A name returned twice is two nodes with one id, which no graph has.
    const twice = "## @type: DataSource\n## @return: a\na = 1\n## @type: DataSink\n## @return: a\na = 2\n";
    expect((await rejectionOf(glue.send(new GetDataflowGraphCommand({ PythonScript: twice })))).message).toContain("@return a names the node already returned at line 3");
  });

  it("plans a script from a mapping: source, ApplyMapping, then each sink", async () => {
    const { PythonScript } = await glue.send(
      new GetPlanCommand({
        Source: { DatabaseName: "sales", TableName: "orders" },
        Sinks: [{ DatabaseName: "dw", TableName: "orders_clean" }],
        Location: { S3: [{ Name: "connection_options", Value: '{"path": "s3://lake/orders/"}' }] },
        Mapping: [{ SourceTable: "orders", SourcePath: "id", SourceType: "string", TargetTable: "orders_clean", TargetPath: "order_id", TargetType: "long" }],
      }),
    );
    const graph = await glue.send(new GetDataflowGraphCommand({ PythonScript }));
    expect(graph.DagNodes!.map((n) => n.Id)).toEqual(["datasource0", "applymapping1", "datasink2", "datasink3"]);
    expect(PythonScript).toContain('mappings = [("id", "string", "order_id", "long")]');
    expect(PythonScript).toContain('glueContext.write_dynamic_frame.from_catalog(frame = applymapping1, database = "dw", table_name = "orders_clean", transformation_ctx = "datasink2")');
    expect(PythonScript).toContain('connection_type = "s3", connection_options = {"path": "s3://lake/orders/"}');
    expect(await rejectionOf(glue.send(new GetPlanCommand({ Source: { DatabaseName: "a", TableName: "b" }, Mapping: [] })))).toBeInstanceOf(InvalidInputException);
  });
});

describe("Glue GetMapping", () => {
  const table = async (DatabaseName: string, Name: string, Columns: Array<{ Name: string; Type?: string }>, PartitionKeys?: Array<{ Name: string; Type: string }>) => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: DatabaseName } })).catch(() => undefined);
    await glue.send(new CreateTableCommand({ DatabaseName, TableInput: { Name, StorageDescriptor: { Columns }, PartitionKeys } }));
  };

  it("maps the source table's catalog columns onto the sink's columns of the same name", async () => {
    await table("sales", "orders", [{ Name: "id", Type: "string" }, { Name: "Amount", Type: "double" }, { Name: "note" }], [{ Name: "day", Type: "date" }]);
    await table("dw", "orders_clean", [{ Name: "amount", Type: "decimal(10,2)" }]);
    const { Mapping } = await glue.send(new GetMappingCommand({ Source: { DatabaseName: "sales", TableName: "orders" }, Sinks: [{ DatabaseName: "dw", TableName: "orders_clean" }] }));
    expect(Mapping).toEqual([
      { SourceTable: "orders", SourcePath: "id", SourceType: "string", TargetTable: "orders_clean", TargetPath: "id", TargetType: "string" },
      // The catalog stored the column Amount as amount (column names are folded to lower case).
      { SourceTable: "orders", SourcePath: "amount", SourceType: "double", TargetTable: "orders_clean", TargetPath: "amount", TargetType: "decimal(10,2)" },
      { SourceTable: "orders", SourcePath: "note", SourceType: "string", TargetTable: "orders_clean", TargetPath: "note", TargetType: "string" },
      { SourceTable: "orders", SourcePath: "day", SourceType: "date", TargetTable: "orders_clean", TargetPath: "day", TargetType: "date" },
    ]);
  });

  it("reads the table as it is now: a column added by UpdateTable is mapped", async () => {
    await table("sales", "orders", [{ Name: "id", Type: "string" }]);
    const before = await glue.send(new GetMappingCommand({ Source: { DatabaseName: "sales", TableName: "orders" } }));
    expect(before.Mapping!.map((m) => m.SourcePath)).toEqual(["id"]);
    await glue.send(new UpdateTableCommand({ DatabaseName: "sales", TableInput: { Name: "orders", StorageDescriptor: { Columns: [{ Name: "id", Type: "string" }, { Name: "total", Type: "double" }] } } }));
    const after = await glue.send(new GetMappingCommand({ Source: { DatabaseName: "SALES", TableName: "Orders" } }));
    expect(after.Mapping!.map((m) => [m.SourcePath, m.TargetPath])).toEqual([["id", "id"], ["total", "total"]]);
  });

  it("answers EntityNotFoundException for a database or table the catalog does not have", async () => {
    expect(await rejectionOf(glue.send(new GetMappingCommand({ Source: { DatabaseName: "sales", TableName: "nope" } })))).toBeInstanceOf(EntityNotFoundException);
    await table("sales", "orders", [{ Name: "id", Type: "string" }]);
    const missingTable = await rejectionOf(glue.send(new GetMappingCommand({ Source: { DatabaseName: "sales", TableName: "nope" } })));
    expect(missingTable).toBeInstanceOf(EntityNotFoundException);
    expect(missingTable.message).toBe("Table nope not found.");
    const missingSink = await rejectionOf(glue.send(new GetMappingCommand({ Source: { DatabaseName: "sales", TableName: "orders" }, Sinks: [{ DatabaseName: "dw", TableName: "x" }] })));
    expect(missingSink).toBeInstanceOf(EntityNotFoundException);
  });
});
