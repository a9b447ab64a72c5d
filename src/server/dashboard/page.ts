import { CONTROL_PREFIX } from "../control.js";
import type { GlueRunView } from "./glue-runs.js";
import { serviceOfKind, snapshot, type RunningView, type ScopeView, type Snapshot, type TableView } from "./snapshot.js";

/**
 * The dashboard: one plain HTML page rendered on the server from the engine's state (no build
 * step, no library). A small inline script fetches the page's content again every
 * REFRESH_MS and swaps it in, so it follows the tests as they run; without JavaScript the
 * page is still complete, just static.
 */
const REFRESH_MS = 1500;

function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A CSS class for a state, by what it means (so any service's states get a colour). */
export function stateClass(state: string | undefined): string {
  if (!state) return "none";
  const s = state.toUpperCase();
  if (/FAIL|ERROR|TIMEOUT|CANCELLED|DEPRECATED|DELETE_FAILED/.test(s)) return "failed";
  if (/SUCCEEDED|COMPLETED|AVAILABLE|ACTIVE|PUBLISHED|REGISTERED|ENABLED|READY|DEPLOYED|ACTIVATED/.test(s)) return "ok";
  if (/STOPPED|DISABLED|DELETED|INACTIVE|ARCHIVED/.test(s)) return "stopped";
  return "running";
}

function badge(state: string | undefined): string {
  return state ? `<span class="state ${stateClass(state)}" data-state="${esc(state)}">${esc(state)}</span>` : "";
}

function attributes(attrs: Record<string, unknown>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${esc(k)}=${esc(typeof v === "object" ? JSON.stringify(v) : v)}`)
    .join(" · ");
}

function runningTable(running: RunningView[]): string {
  if (running.length === 0) return `<p class="quiet">Nothing running.</p>`;
  const rows = running.map((p) => `<tr class="process" data-kind="${esc(p.kind)}"><td>${esc(p.kind)}</td><td>${badge(p.state)}</td><td class="attrs">${attributes(p.attributes)}</td></tr>`).join("");
  return `<table class="running"><thead><tr><th>Running</th><th>State</th><th>Attributes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function resourceTable(table: TableView): string {
  const items = table.items.map((item) => `<li class="item" data-id="${esc(item.id)}"><code>${esc(item.id)}</code> ${badge(item.state)}</li>`).join("");
  const more = table.count > table.items.length ? `<li class="quiet">… and ${table.count - table.items.length} more</li>` : "";
  return `<div class="resource" data-table="${esc(table.name)}"><h4>${esc(table.name)} <span class="count">${table.count}</span></h4><ul>${items}${more}</ul></div>`;
}

/** A Glue run's graph as SVG: triggers, jobs and crawlers in columns by depth, coloured by state. */
function glueRunGraph(run: GlueRunView): string {
  const depth = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const e of run.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const levelOf = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0; // a cycle (a trigger watching its own job): drawn, not looped
    seen.add(id);
    const parents = incoming.get(id) ?? [];
    const level = parents.length === 0 ? 0 : Math.max(...parents.map((p) => levelOf(p, seen))) + 1;
    depth.set(id, level);
    return level;
  };
  const columns = new Map<number, string[]>();
  for (const node of run.nodes) {
    const level = levelOf(node.id, new Set());
    columns.set(level, [...(columns.get(level) ?? []), node.id]);
  }
  const W = 170;
  const H = 46;
  const GX = 50;
  const GY = 18;
  const position = new Map<string, { x: number; y: number }>();
  for (const [level, ids] of columns) ids.forEach((id, row) => position.set(id, { x: 10 + level * (W + GX), y: 10 + row * (H + GY) }));
  const width = 20 + Math.max(1, columns.size) * (W + GX);
  const height = 20 + Math.max(1, ...[...columns.values()].map((c) => c.length)) * (H + GY);
  const edges = run.edges
    .map((e) => {
      const a = position.get(e.from);
      const b = position.get(e.to);
      if (!a || !b) return "";
      return `<line class="edge" x1="${a.x + W}" y1="${a.y + H / 2}" x2="${b.x}" y2="${b.y + H / 2}" marker-end="url(#arrow)"/>`;
    })
    .join("");
  const nodes = run.nodes
    .map((node) => {
      const p = position.get(node.id)!;
      const cls = node.type === "TRIGGER" ? "trigger" : stateClass(node.state);
      const kind = node.type === "TRIGGER" ? "trigger" : node.type === "CRAWLER" ? "crawler" : "job";
      const name = node.name.length > 22 ? `${node.name.slice(0, 21)}…` : node.name;
      return `<g class="node ${cls}" data-node="${esc(node.name)}" data-type="${esc(node.type)}" data-state="${esc(node.state ?? "")}"><title>${esc(kind)}: ${esc(node.name)}${node.state ? ` (${esc(node.state)})` : ""}</title><rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="${node.type === "TRIGGER" ? 16 : 4}"/><text x="${p.x + 8}" y="${p.y + 18}">${esc(kind)}: ${esc(name)}</text><text class="node-state" x="${p.x + 8}" y="${p.y + 36}">${esc(node.state ?? (node.type === "TRIGGER" ? "" : "not started"))}</text></g>`;
    })
    .join("");
  return `<svg class="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Workflow run graph of ${esc(run.workflow)}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>${edges}${nodes}</svg>`;
}

function glueRuns(runs: GlueRunView[]): string {
  if (runs.length === 0) return "";
  return runs
    .map(
      (run) =>
        `<div class="glue-run" data-workflow="${esc(run.workflow)}" data-run="${esc(run.runId)}"><h4>Workflow run ${esc(run.workflow)} <code>${esc(run.runId)}</code> ${badge(run.status)}</h4>${run.errorMessage ? `<p class="error-text">${esc(run.errorMessage)}</p>` : ""}${glueRunGraph(run)}</div>`,
    )
    .join("");
}

function scopeSection(serviceId: string, scope: ScopeView): string {
  return `<section class="scope" data-service="${esc(serviceId)}" data-account="${esc(scope.accountId)}" data-region="${esc(scope.region)}"><h3>${esc(serviceId)} · account ${esc(scope.accountId)} · ${esc(scope.region)}</h3>${runningTable(scope.running)}${glueRuns(scope.glueRuns)}<div class="resources">${scope.resources.length ? scope.resources.map(resourceTable).join("") : `<p class="quiet">No resources.</p>`}</div></section>`;
}

function callsTable(state: Snapshot): string {
  if (state.calls.recent.length === 0) return `<p class="quiet">No calls yet.</p>`;
  const rows = state.calls.recent
    .map(
      (c) =>
        `<tr class="call${c.error ? " error" : ""}" data-operation="${esc(c.operation)}"><td>${c.index}</td><td>${esc(c.service)}</td><td>${esc(c.operation)}</td><td>${esc(c.accountId)}</td><td>${esc(c.region)}</td><td>${c.error ? `<strong>${esc(c.error.name)}</strong> (${c.error.statusCode}): ${esc(c.error.message)}` : "OK"}</td></tr>`,
    )
    .join("");
  return `<table class="calls"><thead><tr><th>#</th><th>Service</th><th>Operation</th><th>Account</th><th>Region</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function content(state: Snapshot): string {
  const errors = state.calls.recent.filter((c) => c.error).length;
  const services = state.services.length
    ? state.services.map((s) => `<section class="service" data-service="${esc(s.serviceId)}"><h2>${esc(s.serviceId)}</h2>${s.scopes.map((scope) => scopeSection(s.serviceId, scope)).join("")}</section>`).join("")
    : `<p class="quiet">No service has been called yet. Point a client at <code>${esc(state.url)}</code>.</p>`;
  const unplaced = state.unplaced.length
    ? `<section class="service"><h2>Other running processes</h2>${runningTable(state.unplaced.map((p) => ({ ...p, kind: `${p.kind} (${serviceOfKind(p.kind)})` })))}</section>`
    : "";
  return `<p class="summary">Virtual clock <time>${esc(state.now.toISOString())}</time> · transitions: ${esc(state.transitions)} · ${state.calls.total} recorded calls, ${errors} errors among the last ${state.calls.recent.length}</p>${services}${unplaced}<section class="recent"><h2>Recent calls</h2>${callsTable(state)}</section>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#232f3e;color:#fff;padding:10px 18px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:18px;margin:0} header code{color:#ffd479}
header button{background:#ff9900;border:0;border-radius:3px;padding:4px 10px;cursor:pointer;font-weight:600}
main{padding:8px 18px 40px} h2{margin:18px 0 6px;font-size:17px} h3{font-size:15px;margin:10px 0 6px} h4{margin:6px 0;font-size:13px}
section.scope{background:#fff;border:1px solid #d5dbe1;border-radius:6px;padding:8px 12px;margin:8px 0}
.resources{display:flex;flex-wrap:wrap;gap:10px}.resource{min-width:200px;max-width:420px}
.resource ul{margin:0;padding-left:16px;max-height:220px;overflow:auto}.count{background:#e4e8ec;border-radius:8px;padding:0 6px;font-weight:400}
table{border-collapse:collapse;margin:4px 0;width:100%;background:#fff}td,th{border-bottom:1px solid #e4e8ec;padding:3px 6px;text-align:left;vertical-align:top}
.attrs{color:#555;font-size:12px}.quiet{color:#777}.error-text{color:#b71c1c}
tr.call.error{background:#fdecee} .state{border-radius:3px;padding:0 5px;font-size:12px;font-weight:600}
.state.ok{background:#d4edda;color:#1b5e20}.state.failed{background:#f8d7da;color:#b71c1c}.state.running{background:#fff3cd;color:#6d4c00}.state.stopped{background:#e2e3e5;color:#424242}
svg.graph{background:#fbfcfd;border:1px solid #e4e8ec;border-radius:4px;max-width:100%}
svg .edge{stroke:#8896a5;stroke-width:1.5} svg marker path{fill:#8896a5}
svg .node rect{stroke-width:1.5} svg text{font-size:12px;fill:#1d2430} svg .node-state{font-weight:600}
svg .node.ok rect{fill:#d4edda;stroke:#2e7d32}svg .node.failed rect{fill:#f8d7da;stroke:#c62828}svg .node.running rect{fill:#fff3cd;stroke:#f9a825}
svg .node.stopped rect{fill:#e2e3e5;stroke:#616161}svg .node.none rect{fill:#fff;stroke:#9aa5b1}svg .node.trigger rect{fill:#e8eefc;stroke:#5c6bc0}
`;

function script(): string {
  return `
const base = ${JSON.stringify(CONTROL_PREFIX)};
async function refresh() {
  try {
    const response = await fetch(base + "/dashboard?fragment=1", { cache: "no-store" });
    if (response.ok) {
      document.getElementById("content").innerHTML = await response.text();
      document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
    }
  } catch { document.getElementById("updated").textContent = "server unreachable"; }
}
async function act(path) { await fetch(base + path, { method: "POST" }); await refresh(); }
setInterval(() => { if (!document.hidden) refresh(); }, ${REFRESH_MS});
`;
}

/** The whole page, or (fragment) only what the refresh swaps in. */
export function renderDashboard(url: string, fragment: boolean): string {
  const body = content(snapshot(url));
  if (fragment) return body;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>aws-doubles server</title><meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body><header><h1>aws-doubles</h1><code>${esc(url)}</code><button onclick="act('/settle')">Settle</button><button onclick="act('/step')">Step</button><button onclick="act('/reset')">Reset</button><span id="updated" class="quiet">refreshes every ${REFRESH_MS / 1000} s</span></header><main id="content">${body}</main><script>${script()}</script></body></html>`;
}
