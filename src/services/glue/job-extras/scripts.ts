import type {
  CodeGenEdge,
  CodeGenNode,
  CodeGenNodeArg,
  CreateScriptRequest,
  CreateScriptResponse,
  GetDataflowGraphRequest,
  GetDataflowGraphResponse,
  GetMappingRequest,
  GetMappingResponse,
  GetPlanRequest,
  GetPlanResponse,
  MappingEntry,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { list, map, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import { columnsOf } from "../catalog/column-statistics.js";
import { tableIn } from "../catalog/tables.js";
import { CodeGenError, generateScript, parseDataflow, type Language } from "./codegen.js";

type Ctx = RequestContext<GlueBackend>;

const IDENTIFIER = str({ min: 1, max: 255, pattern: "^[A-Za-z_][A-Za-z0-9_]*$" });
const ARGS = list(struct({}), { max: 50 });
const NODE = struct({ Id: IDENTIFIER, Args: ARGS });
const EDGE = struct({ Source: IDENTIFIER, Target: IDENTIFIER });
const CATALOG_ENTRY = struct({ DatabaseName: NAME, TableName: NAME });
const LOCATION = struct({ Jdbc: ARGS, S3: ARGS, DynamoDB: ARGS });

function codegen<T>(ctx: Ctx, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof CodeGenError) throw ctx.invalid(error.message);
    throw error;
  }
}

function scriptIn(language: Language, script: string): CreateScriptResponse {
  return language === "PYTHON" ? { PythonScript: script } : { ScalaCode: script };
}

export const createScript = op<CreateScriptRequest, CreateScriptResponse>({
  input: { DagNodes: list(NODE), DagEdges: list(EDGE), Language: oneOf("Language") },
  errors: [],
  run(ctx, input) {
    const language = (input.Language ?? "PYTHON") as Language;
    return scriptIn(language, codegen(ctx, () => generateScript(input.DagNodes ?? [], input.DagEdges ?? [], language)));
  },
});

export const getDataflowGraph = op<GetDataflowGraphRequest, GetDataflowGraphResponse>({
  input: {},
  errors: [],
  run(ctx, input) {
    const { nodes, edges } = codegen(ctx, () => parseDataflow(input.PythonScript ?? ""));
    return { DagNodes: nodes, DagEdges: edges };
  },
});

const quote = (text: string): string => JSON.stringify(text);

/** The DAG of a plan: read the source from the catalog, apply the mapping, write each sink. */
function planGraph(input: GetPlanRequest): { nodes: CodeGenNode[]; edges: CodeGenEdge[] } {
  const source = input.Source!;
  const nodes: CodeGenNode[] = [
    { Id: "datasource0", NodeType: "DataSource", Args: [{ Name: "database", Value: quote(source.DatabaseName!) }, { Name: "table_name", Value: quote(source.TableName!) }, { Name: "transformation_ctx", Value: '"datasource0"' }] },
  ];
  const tuples = input.Mapping!.map((m) => `(${[m.SourcePath, m.SourceType, m.TargetPath, m.TargetType].map((v) => quote(v ?? "")).join(", ")})`);
  nodes.push({ Id: "applymapping1", NodeType: "ApplyMapping", Args: [{ Name: "mappings", Value: `[${tuples.join(", ")}]` }, { Name: "transformation_ctx", Value: '"applymapping1"' }] });
  const edges: CodeGenEdge[] = [{ Source: "datasource0", Target: "applymapping1", TargetParameter: "frame" }];
  const sink = (args: CodeGenNodeArg[]): void => {
    const id = `datasink${nodes.length}`;
    nodes.push({ Id: id, NodeType: "DataSink", Args: [...args, { Name: "transformation_ctx", Value: quote(id) }] });
    edges.push({ Source: "applymapping1", Target: id, TargetParameter: "frame" });
  };
  for (const entry of input.Sinks ?? []) sink([{ Name: "database", Value: quote(entry.DatabaseName!) }, { Name: "table_name", Value: quote(entry.TableName!) }]);
  const location = input.Location;
  for (const [type, args] of [["s3", location?.S3], ["jdbc", location?.Jdbc], ["dynamodb", location?.DynamoDB]] as const) {
    if (args && args.length > 0) sink([{ Name: "connection_type", Value: quote(type) }, ...args.map((a) => ({ ...a }))]);
  }
  return { nodes, edges };
}

export const getPlan = op<GetPlanRequest, GetPlanResponse>({
  input: { Mapping: list(struct({})), Source: CATALOG_ENTRY, Sinks: list(CATALOG_ENTRY), Location: LOCATION, Language: oneOf("Language"), AdditionalPlanOptionsMap: map({}) },
  errors: [],
  run(ctx, input) {
    const language = (input.Language ?? "PYTHON") as Language;
    if (input.Mapping!.length === 0) throw ctx.invalid("Mapping needs at least one entry.");
    const { nodes, edges } = planGraph(input);
    return scriptIn(language, codegen(ctx, () => generateScript(nodes, edges, language)));
  },
});

export const getMapping = op<GetMappingRequest, GetMappingResponse>({
  input: { Source: CATALOG_ENTRY, Sinks: list(CATALOG_ENTRY), Location: LOCATION },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    // The columns (then partition keys) of a table of the caller's Data Catalog; a missing
    // database or table is EntityNotFoundException, as GetTable answers it.
    const columnsOfEntry = (entry: { DatabaseName?: string | undefined; TableName?: string | undefined }) =>
      columnsOf(tableIn(ctx, undefined, entry.DatabaseName!, entry.TableName!).table).map((column) => ({ Name: column.Name!, Type: column.Type }));
    const source = input.Source!;
    const sourceColumns = columnsOfEntry(source);
    const sinks = (input.Sinks ?? []).map((sink) => ({ sink, columns: columnsOfEntry(sink) }));
    // Each source column maps to the first sink column of the same name (any case), else to itself.
    const mapping: MappingEntry[] = sourceColumns.map((column) => {
      const match = sinks.map((s) => ({ table: s.sink.TableName, column: s.columns.find((c) => c.Name.toLowerCase() === column.Name.toLowerCase()) })).find((m) => m.column);
      return {
        SourceTable: source.TableName,
        SourcePath: column.Name,
        SourceType: column.Type ?? "string",
        TargetTable: match?.table ?? sinks[0]?.sink.TableName ?? source.TableName,
        TargetPath: match?.column?.Name ?? column.Name,
        TargetType: match?.column?.Type ?? column.Type ?? "string",
      };
    });
    return { Mapping: mapping };
  },
});
