// A candidate execution as a Graphviz DOT picture: one column per thread,
// events in program order downward, the initial writes in a row above, and
// the communication and dependency edges coloured by kind. A rejecting
// witness, when given, is drawn over it in a highlight colour. The output is
// byte-for-byte deterministic so pictures can be compared and cached.

import type { ExecutionGraph, GraphEdge, GraphEvent } from '../analysis/execution.js';
import type { AxiomWitness, WitnessEdge } from '../cat/witness.js';
import { edgeLabel } from './witness-text.js';

/** Kinds of edges a picture can leave out: the relations, `deps` (addr, data, ctrl) and `cycle` (the witness's steps). */
export type EdgeKind = 'po' | 'rf' | 'co' | 'fr' | 'deps' | 'rmw' | 'cycle';

export interface ExecutionDotOptions {
  /** Shown above the picture, e.g. the test's name and final state. */
  title?: string;
  /** The reason the model rejects this execution, drawn bold over it. */
  witness?: AxiomWitness;
  /** Kinds of edges to leave out (po stays in the layout, drawn invisible): a picture that says one thing. */
  hidden?: ReadonlySet<EdgeKind>;
}

// A monospace font: Graphviz sizes boxes with Courier's widths, which every
// monospace font shares, so labels fit in standalone viewers (rsvg-convert,
// Inkscape) as in the browser, whatever fonts they have.
const FONT = 'Courier';
const HIGHLIGHT = '#d4007a';

/** How each kind of edge is drawn; relations not listed are drawn black. */
const EDGE_STYLES: Record<string, string> = {
  po: 'color="#aaaaaa", fontcolor="#888888", penwidth=0.6, arrowsize=0.5',
  rf: 'color="#d62728", fontcolor="#d62728"',
  co: 'color="#1f5fbf", fontcolor="#1f5fbf"',
  fr: 'color="#e8830c", fontcolor="#e8830c"',
  addr: 'color="#2a9d3a", fontcolor="#2a9d3a", style=dashed',
  data: 'color="#2a9d3a", fontcolor="#2a9d3a", style=dashed',
  ctrl: 'color="#2a9d3a", fontcolor="#2a9d3a", style=dashed',
  rmw: 'color="#8e44ad", fontcolor="#8e44ad"',
};

/** Draw order of edge kinds, so the output does not depend on the input's order. */
const RELATION_ORDER = ['po', 'rf', 'co', 'fr', 'addr', 'data', 'ctrl', 'rmw'];

/**
 * A Graphviz DOT picture of an execution: threads in columns, po downward,
 * the witness's edges highlighted when given. Same graph, same bytes.
 */
export function executionDot(graph: ExecutionGraph, options: ExecutionDotOptions = {}): string {
  const events = [...graph.events].sort((a, b) => a.id - b.id);
  const initial = events.filter((e) => e.thread < 0);
  const columns = threadColumns(events);
  const hidden = options.hidden ?? new Set<EdgeKind>();
  const { plain, highlighted } = splitWitness(graph.edges, hidden.has('cycle') ? undefined : options.witness);

  const lines = [
    'digraph execution {',
    `  graph [newrank=true, nodesep=0.7, ranksep=0.45, fontname="${FONT}", labelloc=t${graphLabel(options)}];`,
    `  node [shape=box, style=rounded, fontname="${FONT}", fontsize=12, margin="0.10,0.09"];`,
    `  edge [fontname="${FONT}", fontsize=10, arrowsize=0.7];`,
  ];
  if (initial.length > 0) {
    lines.push('  subgraph cluster_init {', '    label="initial state"; style=dashed; color="#cccccc"; fontcolor="#888888";');
    for (const e of initial) lines.push(`    ${nodeStatement(e)}`);
    lines.push('  }');
  }
  columns.forEach((column, thread) => {
    lines.push(`  subgraph cluster_P${thread} {`, `    label="P${thread}"; color="#bbbbbb";`);
    if (column.length === 0) lines.push(`    ${emptyThreadId(thread)} [shape=plaintext, label="no memory events", fontcolor="#888888"];`);
    for (const e of column) lines.push(`    ${nodeStatement(e)}`);
    lines.push('  }');
  });
  lines.push(...gridLayout(initial, columns));
  for (const edge of plain) {
    const kind = edgeKind(edge.relation);
    // Hidden po still shapes the layout (threads downward); other hidden edges are left out.
    if (hidden.has(kind) && kind !== 'po') continue;
    lines.push(`  ${edgeStatement(edge, hidden.has(kind))}`);
  }
  for (const edge of highlighted) lines.push(`  ${witnessEdgeStatement(edge)}`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** The events of each thread in program order (event ids follow program order). */
function threadColumns(events: GraphEvent[]): GraphEvent[][] {
  const threadCount = Math.max(-1, ...events.map((e) => e.thread)) + 1;
  const columns: GraphEvent[][] = Array.from({ length: threadCount }, () => []);
  for (const e of events) if (e.thread >= 0) columns[e.thread].push(e);
  return columns;
}

function nodeId(id: number): string {
  return `e${id}`;
}

function emptyThreadId(thread: number): string {
  return `empty_P${thread}`;
}

/** A thread's events grouped by access, in program order: the pieces of one mixed-size access make one group. */
function accessGroups(column: GraphEvent[]): GraphEvent[][] {
  const groups: GraphEvent[][] = [];
  for (const e of column) {
    const last = groups[groups.length - 1];
    if (last && last[0].access === e.access) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

/**
 * Rows across threads (the i-th access of every thread side by side, like
 * herd7's pictures; the pieces of one mixed-size access side by side in
 * its row), the initial row above them, and threads ordered left to right —
 * all with invisible edges so nothing extra is drawn.
 */
function gridLayout(initial: GraphEvent[], columns: GraphEvent[][]): string[] {
  const rows: string[][] = [];
  if (initial.length > 0) rows.push(initial.map((e) => nodeId(e.id)));
  const grouped = columns.map(accessGroups);
  const height = Math.max(1, ...grouped.map((c) => c.length));
  for (let i = 0; i < height; i++) {
    const row = grouped.flatMap((column, thread) => {
      if (column.length === 0) return i === 0 ? [emptyThreadId(thread)] : [];
      return i < column.length ? column[i].map((e) => nodeId(e.id)) : [];
    });
    if (row.length > 0) rows.push(row);
  }
  const lines = rows.map((row) => `  { rank=same; ${row.join('; ')}; }`);
  for (const row of rows) {
    for (let i = 0; i + 1 < row.length; i++) lines.push(`  ${row[i]} -> ${row[i + 1]} [style=invis];`);
  }
  // Program order stacks the thread rows; only the initial row needs pushing up.
  if (initial.length > 0 && rows.length > 1) lines.push(`  ${rows[0][0]} -> ${rows[1][0]} [style=invis];`);
  return lines;
}

function nodeStatement(e: GraphEvent): string {
  const head = `<b>${escapeHtml(e.name)}</b>: ${escapeHtml(e.label)}`;
  const detail = e.instruction ? `<br/><font point-size="9" color="#555555">${escapeHtml(e.instruction.text)}</font>` : '';
  const style = e.kind === 'F' ? ', style="rounded,dashed"' : '';
  return `${nodeId(e.id)} [label=<${head}${detail}>${style}];`;
}

/** The kind a relation's edges are filtered by. */
function edgeKind(relation: string): EdgeKind {
  if (relation === 'addr' || relation === 'data' || relation === 'ctrl') return 'deps';
  return relation as EdgeKind;
}

function edgeStatement(edge: GraphEdge, invisible = false): string {
  if (invisible) return `${nodeId(edge.from)} -> ${nodeId(edge.to)} [style=invis];`;
  const style = EDGE_STYLES[edge.relation] ?? 'color="#000000"';
  // Only po shapes the layout; the other edges must not pull rows apart.
  const constraint = edge.relation === 'po' ? '' : ', constraint=false';
  return `${nodeId(edge.from)} -> ${nodeId(edge.to)} [label=${quote(edge.relation)}, ${style}${constraint}];`;
}

interface HighlightedEdge {
  step: WitnessEdge;
  /** Does it stand in for a po edge, and so keep that edge's place in the layout? */
  replacesProgramOrder: boolean;
}

function witnessEdgeStatement({ step, replacesProgramOrder }: HighlightedEdge): string {
  const constraint = replacesProgramOrder ? '' : ', constraint=false';
  const attributes = `color="${HIGHLIGHT}", fontcolor="${HIGHLIGHT}", penwidth=2.4`;
  return `${nodeId(step.from)} -> ${nodeId(step.to)} [label=${quote(witnessLabel(step))}, ${attributes}${constraint}];`;
}

/** `bob (po; [dmb.full]; po)`, or just `rfe` when the step is the relation itself: as the text says it (witness-text.ts). */
export function witnessLabel(step: WitnessEdge): string {
  return edgeLabel(step);
}

/**
 * The graph's edges minus those a witness step draws over, and the witness
 * steps, both in a fixed order. A step coincides with an edge when it joins
 * the same events and is made of that one edge's relation (`rfe` over `rf`).
 */
function splitWitness(edges: GraphEdge[], witness: AxiomWitness | undefined): { plain: GraphEdge[]; highlighted: HighlightedEdge[] } {
  const steps = uniqueSteps(witness?.edges ?? []);
  const replaced = new Set<GraphEdge>();
  const highlighted = steps.map((step) => {
    const covered = edges.filter((edge) => coincides(step, edge));
    covered.forEach((edge) => replaced.add(edge));
    return { step, replacesProgramOrder: covered.some((edge) => edge.relation === 'po') };
  });
  const plain = edges.filter((edge) => !replaced.has(edge)).sort(compareEdges);
  return { plain, highlighted };
}

function coincides(step: WitnessEdge, edge: GraphEdge): boolean {
  return step.from === edge.from && step.to === edge.to && step.primitives.length === 1 && baseRelation(step.primitives[0]) === edge.relation;
}

/** The drawn relation a primitive refines: `rfe` → `rf`, `po-loc` → `po`, `coi` → `co`. */
function baseRelation(primitive: string): string {
  const match = /^(rf|co|fr|po)(e|i|-loc)?$/.exec(primitive);
  return match ? match[1] : primitive;
}

/** Steps sorted and without repeats (an `empty` witness may list a pair twice). */
function uniqueSteps(steps: WitnessEdge[]): WitnessEdge[] {
  const byKey = new Map<string, WitnessEdge>();
  for (const step of steps) byKey.set(`${step.from}\u0000${step.to}\u0000${witnessLabel(step)}`, step);
  return [...byKey.values()].sort((a, b) => a.from - b.from || a.to - b.to || compareText(witnessLabel(a), witnessLabel(b)));
}

function compareEdges(a: GraphEdge, b: GraphEdge): number {
  return relationRank(a.relation) - relationRank(b.relation) || compareText(a.relation, b.relation) || a.from - b.from || a.to - b.to;
}

function relationRank(relation: string): number {
  const rank = RELATION_ORDER.indexOf(relation);
  return rank < 0 ? RELATION_ORDER.length : rank;
}

/** Code-unit order, independent of the runtime's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function graphLabel(options: ExecutionDotOptions): string {
  const parts: string[] = [];
  if (options.title) parts.push(`<b>${escapeHtml(options.title)}</b>`);
  if (options.witness) parts.push(`<font color="${HIGHLIGHT}">forbidden by ${escapeHtml(options.witness.axiom)}</font>`);
  return parts.length > 0 ? `, label=<${parts.join('<br/>')}>` : '';
}

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks kept as `\n`. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Text inside a DOT HTML-like label, where markup characters must be entities. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, ' ');
}
