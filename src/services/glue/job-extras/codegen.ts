import type { CodeGenEdge, CodeGenNode, CodeGenNodeArg } from "@aws-sdk/client-glue";

/**
 * Glue's ETL code generation, both ways. Glue-generated scripts carry their dataflow graph in
 * annotations before each statement:
 *
 *   ## @type: DataSource
 *   ## @args: [database = "db", table_name = "t", transformation_ctx = "datasource0"]
 *   ## @return: datasource0
 *   ## @inputs: []
 *   datasource0 = glueContext.create_dynamic_frame.from_catalog(database = "db", ...)
 *
 * `generateScript` writes such a script (Python, or Scala with `//` annotations) from DAG
 * nodes and edges, in a deterministic order; `parseDataflow` reads the annotations back.
 * Argument values are code literals, written as given.
 */

export type Language = "PYTHON" | "SCALA";

export class CodeGenError extends Error {}

/** Splits "a = 1, b = [x, y], c = \"p, q\"" at its top-level commas. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      current += c;
      if (c === "\\") current += text[++i] ?? "";
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    if (c === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += c;
  }
  if (current.trim() !== "") parts.push(current.trim());
  return parts;
}

function bracketed(value: string, what: string): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) throw new CodeGenError(`${what} must be a bracketed list: ${value}`);
  return trimmed.slice(1, -1);
}

function assignments(list: string, what: string): Array<[string, string]> {
  return splitTopLevel(list).map((part) => {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new CodeGenError(`${what} must be name = value pairs: ${part}`);
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
  });
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The DAG a Glue-generated Python script describes in its annotations. */
export function parseDataflow(script: string): { nodes: CodeGenNode[]; edges: CodeGenEdge[] } {
  const lines = script.split(/\r?\n/);
  const nodes: CodeGenNode[] = [];
  const edges: CodeGenEdge[] = [];
  let pending: { type?: string; args?: CodeGenNodeArg[]; id?: string; inputs?: Array<[string, string]> } | undefined;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const annotation = /^##\s*@(type|args|return|inputs|params)\s*:\s*(.*)$/.exec(line);
    if (annotation) {
      const [, key, value] = annotation as unknown as [string, string, string];
      if (key === "params") return;
      pending ??= {};
      if (key === "type") pending.type = value.trim();
      if (key === "args") pending.args = assignments(bracketed(value, "@args"), "@args").map(([Name, Value]) => ({ Name, Value }));
      if (key === "return") pending.id = value.trim();
      if (key === "inputs") pending.inputs = assignments(bracketed(value, "@inputs"), "@inputs");
      return;
    }
    if (!pending || line === "" || line.startsWith("#")) return;
    // The statement the annotations describe.
    if (!pending.type || pending.id === undefined) throw new CodeGenError(`line ${index + 1}: a statement is annotated without both @type and @return.`);
    if (!IDENTIFIER.test(pending.id)) throw new CodeGenError(`line ${index + 1}: @return ${pending.id} is not an identifier.`);
    const earlier = nodes.find((node) => node.Id === pending!.id);
    if (earlier) throw new CodeGenError(`line ${index + 1}: @return ${pending.id} names the node already returned at line ${earlier.LineNumber}.`);
    nodes.push({ Id: pending.id, NodeType: pending.type, Args: pending.args ?? [], LineNumber: index + 1 });
    for (const [parameter, source] of pending.inputs ?? []) edges.push({ Source: source, Target: pending.id, TargetParameter: parameter });
    pending = undefined;
  });
  if (pending) throw new CodeGenError("the script ends with annotations that describe no statement.");
  return { nodes, edges };
}

/** Nodes in dependency order (sources first), ties kept in the order given. */
export function orderNodes(nodes: readonly CodeGenNode[], edges: readonly CodeGenEdge[]): CodeGenNode[] {
  const byId = new Map<string, CodeGenNode>();
  for (const node of nodes) {
    if (byId.has(node.Id!)) throw new CodeGenError(`node ${node.Id} is defined twice.`);
    byId.set(node.Id!, node);
  }
  const incoming = new Map<string, string[]>([...byId.keys()].map((id) => [id, []]));
  for (const edge of edges) {
    if (!byId.has(edge.Source!)) throw new CodeGenError(`edge from ${edge.Source}: no such node.`);
    if (!byId.has(edge.Target!)) throw new CodeGenError(`edge to ${edge.Target}: no such node.`);
    incoming.get(edge.Target!)!.push(edge.Source!);
  }
  const done = new Set<string>();
  const out: CodeGenNode[] = [];
  while (out.length < nodes.length) {
    const next = nodes.find((n) => !done.has(n.Id!) && incoming.get(n.Id!)!.every((s) => done.has(s)));
    if (!next) throw new CodeGenError(`the graph has a cycle through ${nodes.filter((n) => !done.has(n.Id!)).map((n) => n.Id).join(", ")}.`);
    done.add(next.Id!);
    out.push(next);
  }
  return out;
}

/** Input parameters of a node: each edge's TargetParameter, else frame (frame1, frame2… for several). */
function inputsOf(node: CodeGenNode, edges: readonly CodeGenEdge[]): Array<[string, string]> {
  const into = edges.filter((e) => e.Target === node.Id);
  return into.map((e, i) => [e.TargetParameter ?? (into.length === 1 ? "frame" : `frame${i + 1}`), e.Source!]);
}

function argText(arg: CodeGenNodeArg, language: Language): string {
  if (!arg.Param) return arg.Value!;
  return language === "PYTHON" ? `args['${arg.Value}']` : `args("${arg.Value}")`;
}

const annotate = (prefix: string, node: CodeGenNode, inputs: Array<[string, string]>): string[] => [
  `${prefix} @type: ${node.NodeType}`,
  `${prefix} @args: [${node.Args!.map((a) => `${a.Name} = ${a.Value}`).join(", ")}]`,
  `${prefix} @return: ${node.Id}`,
  `${prefix} @inputs: [${inputs.map(([p, s]) => `${p} = ${s}`).join(", ")}]`,
];

function pythonCall(node: CodeGenNode, inputs: Array<[string, string]>): string {
  const args = [...inputs.map(([p, s]) => `${p} = ${s}`), ...node.Args!.map((a) => `${a.Name} = ${argText(a, "PYTHON")}`)].join(", ");
  const catalog = node.Args!.some((a) => a.Name === "database");
  if (node.NodeType === "DataSource") return `glueContext.create_dynamic_frame.${catalog ? "from_catalog" : "from_options"}(${args})`;
  if (node.NodeType === "DataSink") return `glueContext.write_dynamic_frame.${catalog ? "from_catalog" : "from_options"}(${args})`;
  return `${node.NodeType}.apply(${args})`;
}

function scalaCall(node: CodeGenNode, inputs: Array<[string, string]>): string {
  const args = node.Args!.map((a) => `${a.Name} = ${argText(a, "SCALA")}`).join(", ");
  const catalog = node.Args!.some((a) => a.Name === "database");
  const [first, ...others] = inputs;
  if (node.NodeType === "DataSource") return `glueContext.${catalog ? "getCatalogSource" : "getSource"}(${args}).getDynamicFrame()`;
  if (node.NodeType === "DataSink") return `glueContext.${catalog ? "getCatalogSink" : "getSink"}(${args}).writeDynamicFrame(${first?.[1] ?? ""})`;
  const method = node.NodeType!.charAt(0).toLowerCase() + node.NodeType!.slice(1);
  const more = [...others.map(([p, s]) => `${p} = ${s}`), args].filter((s) => s !== "").join(", ");
  return first ? `${first[1]}.${method}(${more})` : `${node.NodeType}(${more})`;
}

/** A complete job script for the graph, in the language asked for. */
export function generateScript(nodes: readonly CodeGenNode[], edges: readonly CodeGenEdge[], language: Language): string {
  // What the script writes as code must read back as the same graph: names are identifiers
  // (a node type is called, a parameter is a keyword), and no value may end its annotation line.
  for (const node of nodes) {
    if (!IDENTIFIER.test(node.Id!)) throw new CodeGenError(`node id ${node.Id} is not an identifier.`);
    if (!IDENTIFIER.test(node.NodeType!)) throw new CodeGenError(`node type ${JSON.stringify(node.NodeType)} of node ${node.Id} is not an identifier.`);
    for (const arg of node.Args ?? []) {
      if (!IDENTIFIER.test(arg.Name!)) throw new CodeGenError(`argument name ${arg.Name} of node ${node.Id} is not an identifier.`);
      if (arg.Param && !IDENTIFIER.test(arg.Value!)) throw new CodeGenError(`job parameter ${JSON.stringify(arg.Value)} (argument ${arg.Name} of node ${node.Id}) is not an identifier.`);
      if (/[\r\n]/.test(arg.Value!)) throw new CodeGenError(`the value of argument ${arg.Name} of node ${node.Id} spans lines: write it on one line.`);
    }
  }
  for (const edge of edges) {
    if (edge.TargetParameter !== undefined && !IDENTIFIER.test(edge.TargetParameter)) throw new CodeGenError(`target parameter ${JSON.stringify(edge.TargetParameter)} of the edge ${edge.Source} → ${edge.Target} is not an identifier.`);
  }
  const ordered = orderNodes(nodes.map((n) => ({ ...n, Args: n.Args ?? [] })), edges);
  const params = ["JOB_NAME", ...new Set(ordered.flatMap((n) => n.Args!.filter((a) => a.Param).map((a) => a.Value!)))];
  if (language === "PYTHON") {
    const out = [
      "import sys",
      "from awsglue.transforms import *",
      "from awsglue.utils import getResolvedOptions",
      "from pyspark.context import SparkContext",
      "from awsglue.context import GlueContext",
      "from awsglue.job import Job",
      "",
      `## @params: [${params.join(", ")}]`,
      `args = getResolvedOptions(sys.argv, [${params.map((p) => `'${p}'`).join(", ")}])`,
      "",
      "sc = SparkContext()",
      "glueContext = GlueContext(sc)",
      "spark = glueContext.spark_session",
      "job = Job(glueContext)",
      "job.init(args['JOB_NAME'], args)",
    ];
    for (const node of ordered) {
      const inputs = inputsOf(node, edges);
      out.push(...annotate("##", node, inputs), `${node.Id} = ${pythonCall(node, inputs)}`);
    }
    out.push("job.commit()");
    return `${out.join("\n")}\n`;
  }
  const out = [
    "import com.amazonaws.services.glue.GlueContext",
    "import com.amazonaws.services.glue.util.GlueArgParser",
    "import com.amazonaws.services.glue.util.Job",
    "import com.amazonaws.services.glue.util.JsonOptions",
    "import org.apache.spark.SparkContext",
    "import scala.collection.JavaConverters._",
    "",
    "object GlueApp {",
    "  def main(sysArgs: Array[String]) {",
    "    val spark: SparkContext = new SparkContext()",
    "    val glueContext: GlueContext = new GlueContext(spark)",
    `    // @params: [${params.join(", ")}]`,
    `    val args = GlueArgParser.getResolvedOptions(sysArgs, Seq(${params.map((p) => `"${p}"`).join(", ")}).toArray)`,
    '    Job.init(args("JOB_NAME"), glueContext, args.asJava)',
  ];
  for (const node of ordered) {
    const inputs = inputsOf(node, edges);
    out.push(...annotate("    //", node, inputs), `    val ${node.Id} = ${scalaCall(node, inputs)}`);
  }
  out.push("    Job.commit()", "  }", "}");
  return `${out.join("\n")}\n`;
}
