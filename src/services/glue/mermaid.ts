import type { Node, Workflow, WorkflowGraph, WorkflowRun } from "@aws-sdk/client-glue";

export interface MermaidOptions {
  /** Flowchart direction: "LR" (default) or "TD". */
  direction?: "LR" | "TD";
}

/** Mermaid classes by the state a node ended in (for run graphs). */
const CLASS_OF: Record<string, string> = {
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  ERROR: "failed",
  TIMEOUT: "failed",
  STOPPED: "stopped",
  CANCELLED: "stopped",
  STARTING: "running",
  RUNNING: "running",
  STOPPING: "running",
  CANCELLING: "running",
  WAITING: "running",
};

const CLASS_DEFS = [
  "classDef succeeded fill:#d4edda,stroke:#2e7d32,color:#1b5e20",
  "classDef failed fill:#f8d7da,stroke:#c62828,color:#b71c1c",
  "classDef stopped fill:#e2e3e5,stroke:#616161,color:#424242",
  "classDef running fill:#fff3cd,stroke:#f9a825,color:#6d4c00",
];

/**
 * Names are any single-line text, so every character Mermaid reads inside a quoted label is
 * written as an entity code: `#` first (it starts entity codes: a job named `a#quot;b` must
 * not show a quote), `&` (HTML labels), quotes, angle brackets, and backticks (a label in
 * backticks is Markdown).
 */
function escape(text: string): string {
  const codes: Record<string, string> = { "#": "#35;", "&": "#38;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;" };
  return text.replace(/[#&"<>`]/g, (c) => codes[c]!);
}

/** The state a node shows in a run graph: its latest job run or crawl, if it ran. */
function stateOf(node: Node): string | undefined {
  const jobRuns = node.JobDetails?.JobRuns ?? [];
  const crawls = node.CrawlerDetails?.Crawls ?? [];
  return jobRuns[jobRuns.length - 1]?.JobRunState ?? crawls[crawls.length - 1]?.State;
}

function shape(node: Node, label: string): string {
  const text = `"${label}"`;
  if (node.Type === "TRIGGER") return `{{${text}}}`;
  if (node.Type === "CRAWLER") return `[(${text})]`;
  return `[${text}]`;
}

/** The label of a node, escaped, with Mermaid line breaks between its parts. */
function labelOf(node: Node): string {
  const name = escape(node.Name ?? node.UniqueId ?? "?");
  if (node.Type === "TRIGGER") {
    const trigger = node.TriggerDetails?.Trigger;
    const details = [trigger?.Type, trigger?.Predicate?.Conditions && trigger.Predicate.Conditions.length > 1 ? trigger.Predicate.Logical ?? "AND" : undefined].filter(Boolean).join(" ");
    return details ? `${name}<br/>${details}` : name;
  }
  const state = stateOf(node);
  const kind = node.Type === "CRAWLER" ? "crawler" : "job";
  return state ? `${kind}: ${name}<br/>${state}` : `${kind}: ${name}`;
}

function graphOf(source: Workflow | WorkflowRun | WorkflowGraph | undefined): WorkflowGraph | undefined {
  if (!source) return undefined;
  if ("Nodes" in source || "Edges" in source) return source as WorkflowGraph;
  return (source as Workflow | WorkflowRun).Graph;
}

/**
 * A Mermaid flowchart of a Glue workflow graph: triggers as hexagons, jobs as boxes, crawlers
 * as cylinders; in a run graph (GetWorkflowRun with IncludeGraph) each job or crawler shows the
 * state it ended in, coloured. Pass a Workflow, a WorkflowRun or a WorkflowGraph; they must
 * have been read with IncludeGraph: true.
 */
export function workflowGraphToMermaid(source: Workflow | WorkflowRun | WorkflowGraph | undefined, options: MermaidOptions = {}): string {
  const graph = graphOf(source);
  if (!graph) throw new TypeError("workflowGraphToMermaid needs a graph: read the workflow or the run with IncludeGraph: true");
  const lines = [`flowchart ${options.direction ?? "LR"}`];
  const ids = new Map<string, string>();
  const classes = new Map<string, string[]>();
  (graph.Nodes ?? []).forEach((node, index) => {
    const id = `n${index + 1}`;
    if (node.UniqueId) ids.set(node.UniqueId, id);
    lines.push(`  ${id}${shape(node, labelOf(node))}`);
    const state = node.Type === "TRIGGER" ? undefined : stateOf(node);
    const cls = state ? CLASS_OF[state] : undefined;
    if (cls) classes.set(cls, [...(classes.get(cls) ?? []), id]);
  });
  for (const edge of graph.Edges ?? []) {
    const from = ids.get(edge.SourceId ?? "");
    const to = ids.get(edge.DestinationId ?? "");
    if (from && to) lines.push(`  ${from} --> ${to}`);
  }
  if (classes.size > 0) {
    lines.push(...CLASS_DEFS.map((def) => `  ${def}`));
    for (const [cls, members] of classes) lines.push(`  class ${members.join(",")} ${cls}`);
  }
  return lines.join("\n");
}
