import type { Edge, Node, WorkflowGraph } from "@aws-sdk/client-glue";
import { deepCopy } from "../../engine/canonical.js";
import { randomHex } from "../../engine/ids.js";
import { nodeKey } from "./actions.js";
import type { GlueBackend } from "./backend.js";
import { renderTrigger, START_TYPES, type TriggerRecord } from "./triggers.js";
import type { WorkflowRecord } from "./workflows.js";

export type GraphNodeType = "TRIGGER" | "JOB" | "CRAWLER";

export interface GraphNode {
  readonly Type: GraphNodeType;
  readonly Name: string;
  readonly UniqueId: string;
  /** `TYPE:name`: one node per component in a graph. */
  readonly key: string;
}

/**
 * A workflow graph as Glue derives it from the workflow's triggers (AWS Glue developer guide,
 * "Workflow concepts"): a node per trigger and per job or crawler they name, an edge from a
 * trigger to each action it starts and from each watched job or crawler to the trigger. A run
 * keeps the graph of its start ("Snapshots make only triggers immutable"): the triggers are
 * copies, while jobs and crawlers are looked up by name when a trigger fires.
 */
export interface GraphSnapshot {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly Edge[];
  /** The workflow's triggers as they were when the snapshot was taken, by name. */
  readonly triggers: ReadonlyMap<string, TriggerRecord>;
  readonly byId: ReadonlyMap<string, GraphNode>;
  readonly byKey: ReadonlyMap<string, GraphNode>;
}

/** Node ids are `wnode_` + 64 hex, stable for a component of a workflow. */
function nodeId(workflow: WorkflowRecord, key: string): string {
  let id = workflow.nodeIds.get(key);
  if (!id) {
    id = `wnode_${randomHex(64)}`;
    workflow.nodeIds.set(key, id);
  }
  return id;
}

/** The current graph of a workflow, with copies of its triggers (a snapshot for a run). */
export function buildGraph(backend: GlueBackend, workflow: WorkflowRecord): GraphSnapshot {
  const byKey = new Map<string, GraphNode>();
  const edges: Edge[] = [];
  const edgeKeys = new Set<string>();
  const triggers = new Map<string, TriggerRecord>();
  const node = (type: GraphNodeType, name: string): GraphNode => {
    const key = nodeKey(type, name);
    let found = byKey.get(key);
    if (!found) {
      found = { Type: type, Name: name, UniqueId: nodeId(workflow, key), key };
      byKey.set(key, found);
    }
    return found;
  };
  const edge = (from: GraphNode, to: GraphNode): void => {
    const key = `${from.UniqueId}>${to.UniqueId}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ SourceId: from.UniqueId, DestinationId: to.UniqueId });
  };
  for (const name of [...workflow.triggerNames].sort()) {
    const trigger = backend.triggers.get(name);
    if (!trigger) continue;
    triggers.set(name, deepCopy(trigger));
    const triggerNode = node("TRIGGER", name);
    for (const condition of trigger.Predicate?.Conditions ?? []) {
      const source = condition.JobName !== undefined ? node("JOB", condition.JobName) : condition.CrawlerName !== undefined ? node("CRAWLER", condition.CrawlerName) : undefined;
      if (source) edge(source, triggerNode);
    }
    for (const action of trigger.Actions) {
      const target = action.JobName !== undefined ? node("JOB", action.JobName) : action.CrawlerName !== undefined ? node("CRAWLER", action.CrawlerName) : undefined;
      if (target) edge(triggerNode, target);
    }
  }
  const nodes = flowOrder([...byKey.values()], edges, triggers);
  return { nodes, edges, triggers, byKey, byId: new Map(nodes.map((n) => [n.UniqueId, n])) };
}

/** Each node's successors, by node id. */
function successors(edges: readonly Edge[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.SourceId!);
    if (list) list.push(e.DestinationId!);
    else next.set(e.SourceId!, [e.DestinationId!]);
  }
  return next;
}

/** Nodes in the order the work flows: from the start trigger along the edges, the rest after. */
function flowOrder(nodes: GraphNode[], edges: readonly Edge[], triggers: ReadonlyMap<string, TriggerRecord>): GraphNode[] {
  const next = successors(edges);
  const byId = new Map(nodes.map((n) => [n.UniqueId, n]));
  const isStart = (n: GraphNode) => n.Type === "TRIGGER" && START_TYPES.has(triggers.get(n.Name)?.Type ?? "");
  const hasParent = new Set(edges.map((e) => e.DestinationId!));
  const queue = [...nodes.filter(isStart), ...nodes.filter((n) => !isStart(n) && !hasParent.has(n.UniqueId))].map((n) => n.UniqueId);
  const ordered: GraphNode[] = [];
  const seen = new Set<string>();
  // A read cursor, not shift(): the walk stays linear in the size of the graph.
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    if (seen.has(id)) continue;
    seen.add(id);
    ordered.push(byId.get(id)!);
    for (const to of next.get(id) ?? []) queue.push(to);
  }
  return [...ordered, ...nodes.filter((n) => !seen.has(n.UniqueId))];
}

/** Every node reachable from `starts` along the edges (the starts themselves excluded unless reached again). */
export function downstreamOf(graph: GraphSnapshot, starts: Iterable<string>): Set<string> {
  const next = successors(graph.edges);
  const seen = new Set<string>();
  const queue = [...starts].flatMap((id) => next.get(id) ?? []);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const to of next.get(id) ?? []) queue.push(to);
  }
  return seen;
}

/** The triggers with an edge into a node (the ones that start it). */
export function triggersStarting(graph: GraphSnapshot, node: GraphNode): TriggerRecord[] {
  return graph.edges
    .filter((e) => e.DestinationId === node.UniqueId)
    .map((e) => graph.byId.get(e.SourceId!))
    .filter((n): n is GraphNode => n?.Type === "TRIGGER")
    .map((n) => graph.triggers.get(n.Name)!)
    .filter((t) => t !== undefined);
}

/** A node as Glue returns it; `details` adds the run details of a job or crawler node. */
export function renderNode(graph: GraphSnapshot, node: GraphNode, details?: Pick<Node, "JobDetails" | "CrawlerDetails">): Node {
  const out: Node = { Type: node.Type, Name: node.Name, UniqueId: node.UniqueId };
  if (node.Type === "TRIGGER") {
    const trigger = graph.triggers.get(node.Name);
    if (trigger) out.TriggerDetails = { Trigger: renderTrigger(trigger) };
  }
  return { ...out, ...details };
}

/** The static graph of GetWorkflow (no run details). */
export function renderGraph(graph: GraphSnapshot): WorkflowGraph {
  return { Nodes: graph.nodes.map((n) => renderNode(graph, n)), Edges: graph.edges.map((e) => ({ ...e })) };
}
