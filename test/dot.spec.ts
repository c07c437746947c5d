// Pictures of executions: the DOT we write (layout, edge kinds, witness
// highlighting, escaping, determinism) and the SVG Graphviz draws from it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../src/node/models.js';
import { type ExecutionGraph, executionGraph } from '../src/analysis/execution.js';
import type { AxiomWitness } from '../src/cat/witness.js';
import { executionDot } from '../src/report/dot.js';
import { renderSvg } from '../src/report/svg.js';
import { simulate } from '../src/simulate.js';
import { parseLitmus } from '../src/syntax/parse.js';

const HIGHLIGHT = '#d4007a';

/** The MP+dmb.ishs candidate where P1 sees the new y but the old x (the one the condition asks about). */
function relaxedMessagePassing(): ExecutionGraph {
  const file = join(import.meta.dirname, '..', 'litmus', 'aarch64', 'MP+dmb.ishs.litmus');
  const graphs: ExecutionGraph[] = [];
  simulate(parseLitmus(readFileSync(file, 'utf8'), file), loadModel('aarch64'), {
    onCandidate: (candidate) => {
      if (candidate.satisfies) graphs.push(executionGraph(candidate));
    },
  });
  expect(graphs).toHaveLength(1);
  return graphs[0];
}

/** Every `from -> to [attributes]` statement that is drawn (invisible layout edges left out). */
function drawnEdges(dot: string): { from: string; to: string; label: string; attributes: string }[] {
  return [...dot.matchAll(/^\s*(\w+) -> (\w+) \[(.*)\];$/gm)]
    .filter((m) => !m[3].includes('style=invis'))
    .map((m) => ({ from: m[1], to: m[2], attributes: m[3], label: /label="((?:[^"\\]|\\.)*)"/.exec(m[3])?.[1] ?? '' }));
}

function nodeIds(dot: string): string[] {
  return [...dot.matchAll(/^\s*(\w+) \[label=</gm)].map((m) => m[1]);
}

// Hand derivation for MP+dmb.ishs in the relaxed state: initial writes x0 (id 0)
// and y0 (1); P0: a W[x]=1 (2), b DMB (3), c W[y]=1 (4); P1: d R[y]=1 (5),
// e DMB (6), f R[x]=0 (7). d reads c, f reads the initial x, so f is fr-before a.
const EXPECTED_EDGES = [
  'po e2 e3', 'po e3 e4', 'po e5 e6', 'po e6 e7',
  'rf e4 e5', 'rf e0 e7',
  'co e0 e2', 'co e1 e4',
  'fr e7 e2',
].sort();


/** A witness of Arm's `external` axiom (acyclic) made of these edges. */
function externalCycle(...edges: AxiomWitness['edges']): AxiomWitness {
  return { axiom: 'external', kind: 'acyclic', negated: false, edges };
}

describe('executionDot', () => {
  let graph: ExecutionGraph;
  beforeAll(() => {
    graph = relaxedMessagePassing();
  });

  it('has one node per event, threads as clusters and the initial writes in their own row', () => {
    const dot = executionDot(graph);
    expect(nodeIds(dot).sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(dot).toMatch(/subgraph cluster_P0 \{\n\s+label="P0";[^\n]*\n\s+e2 .*\n\s+e3 .*\n\s+e4 /);
    expect(dot).toMatch(/subgraph cluster_P1 \{\n\s+label="P1";[^\n]*\n\s+e5 .*\n\s+e6 .*\n\s+e7 /);
    expect(dot.indexOf('cluster_P0')).toBeLessThan(dot.indexOf('cluster_P1'));
    expect(dot).toContain('{ rank=same; e0; e1; }');
    // The i-th events of the threads share a row, P0 left of P1.
    expect(dot).toContain('{ rank=same; e2; e5; }');
    expect(dot).toContain('e2 -> e5 [style=invis];');
  });

  it('labels nodes with the event and, smaller, its instruction', () => {
    const dot = executionDot(graph);
    expect(dot).toContain('e2 [label=<<b>a</b>: W[x]=1<br/><font point-size="9" color="#555555">STR W0,[X1]</font>>];');
    expect(dot).toContain('e7 [label=<<b>f</b>: R[x]=0<br/><font point-size="9" color="#555555">LDR W2,[X3]</font>>];');
    expect(dot).toContain('e0 [label=<<b>x0</b>: W[x]=0>];');
  });

  it('draws each edge of the execution once, labelled and coloured by kind', () => {
    const edges = drawnEdges(executionDot(graph));
    expect(edges.map((e) => `${e.label} ${e.from} ${e.to}`).sort()).toEqual(EXPECTED_EDGES);
    const colourOf = (label: string) => new Set(edges.filter((e) => e.label === label).map((e) => /color="(#\w+)"/.exec(e.attributes)![1]));
    expect(colourOf('rf')).toEqual(new Set(['#d62728']));
    expect(colourOf('co')).toEqual(new Set(['#1f5fbf']));
    expect(colourOf('fr')).toEqual(new Set(['#e8830c']));
    // Only po may move events between rows.
    for (const e of edges) expect(e.attributes.includes('constraint=false')).toBe(e.label !== 'po');
  });

  it('draws dependencies green and dashed, rmw purple', () => {
    const small: ExecutionGraph = {
      events: [
        { id: 0, access: 0, name: 'x0', thread: -1, kind: 'W', label: 'W[x]=0' },
        { id: 1, access: 1, name: 'a', thread: 0, kind: 'R', label: 'R[x]=0 (X)' },
        { id: 2, access: 2, name: 'b', thread: 0, kind: 'W', label: 'W[x]=1 (X)' },
      ],
      edges: [
        { from: 1, to: 2, relation: 'rmw' },
        { from: 1, to: 2, relation: 'data' },
        { from: 1, to: 2, relation: 'po' },
      ],
    };
    const edges = drawnEdges(executionDot(small));
    expect(edges.find((e) => e.label === 'data')!.attributes).toMatch(/color="#2a9d3a".*style=dashed/);
    expect(edges.find((e) => e.label === 'rmw')!.attributes).toContain('color="#8e44ad"');
  });

  it('is the same text whatever order the edges come in', () => {
    const reversed = { events: [...graph.events].reverse(), edges: [...graph.edges].reverse() };
    expect(executionDot(reversed, { title: 'MP' })).toBe(executionDot(graph, { title: 'MP' }));
  });

  it('highlights a witness, replacing the edges it coincides with', () => {
    const witness = externalCycle(
      { from: 4, to: 5, relation: 'obs', branch: 'rfe', primitives: ['rfe'], via: [] },
      { from: 2, to: 4, relation: 'bob', branch: 'po; [dmb.full]; po', primitives: ['po', 'po'], via: [] },
    );
    const dot = executionDot(graph, { title: 'MP+dmb.ishs', witness });
    expect(dot).toContain('forbidden by external');
    const edges = drawnEdges(dot);
    const highlighted = edges.filter((e) => e.attributes.includes(HIGHLIGHT));
    expect(highlighted.map((e) => `${e.from} ${e.to} ${e.label}`).sort()).toEqual(['e2 e4 bob (po; [dmb.full]; po)', 'e4 e5 obs (rfe)']);
    for (const e of highlighted) expect(e.attributes).toContain('penwidth=2.4');
    // The rf edge c → d became the witness's edge; the other rf stays.
    expect(edges.filter((e) => e.from === 'e4' && e.to === 'e5')).toHaveLength(1);
    expect(edges.filter((e) => e.label === 'rf').map((e) => `${e.from} ${e.to}`)).toEqual(['e0 e7']);
  });

  it('escapes text that would break DOT or its HTML labels', () => {
    const odd: ExecutionGraph = {
      events: [
        { id: 0, access: 0, name: 'a', thread: 0, kind: 'W', label: 'W[x<y>]=1 & "2"', instruction: { text: 'st "a" <b>', line: 1, column: 1 } },
        { id: 1, access: 1, name: 'b', thread: 1, kind: 'R', label: 'R[x]=1' },
      ],
      edges: [{ from: 0, to: 1, relation: 'my"rel\\' }],
    };
    const dot = executionDot(odd, { title: 'T <&>' });
    expect(dot).toContain('W[x&lt;y&gt;]=1 &amp; &quot;2&quot;');
    expect(dot).toContain('st &quot;a&quot; &lt;b&gt;');
    expect(dot).toContain('<b>T &lt;&amp;&gt;</b>');
    expect(dot).toContain('label="my\\"rel\\\\"');
  });
});

describe('renderSvg', () => {
  it('draws valid SVG with a node per event, identical bytes each time', async () => {
    const graph = relaxedMessagePassing();
    const witness = externalCycle(
      { from: 4, to: 5, relation: 'obs', branch: 'rfe', primitives: ['rfe'], via: [] },
      { from: 7, to: 2, relation: 'obs', branch: 'fre', primitives: ['fre'], via: [] },
    );
    const dot = executionDot(graph, { title: 'MP+dmb.ishs', witness });
    const [first, second] = [await renderSvg(dot), await renderSvg(dot)];
    expect(second).toBe(first);
    expect(XMLValidator.validate(first)).toBe(true);
    expect(first).not.toContain('<!--');

    const svg = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'g' }).parse(first).svg;
    const groups: { '@_class': string; title: string }[] = svg.g[0].g;
    const nodes = groups.filter((g) => g['@_class'] === 'node').map((g) => g.title);
    expect(nodes.sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    // Invisible layout edges are not drawn; the witness's two edges stand in for rf c→d and fr f→a.
    expect(groups.filter((g) => g['@_class'] === 'edge')).toHaveLength(9);
    expect(first.match(new RegExp(`stroke="${HIGHLIGHT}"`, 'g'))).toHaveLength(2 * 2); // path and arrowhead
    expect(first).toContain('forbidden by external');
  });

  // A mixed-size read of two pieces after a write: the pieces share a row, beside each other, below the write.
  it('puts the pieces of one access side by side in one row', () => {
    const graph: ExecutionGraph = {
      events: [
        { id: 0, access: 0, name: 'a', thread: 0, kind: 'W', label: 'W[x]=1' },
        { id: 1, access: 1, name: 'b', thread: 0, kind: 'R', label: 'R[y+0]=0x0' },
        { id: 2, access: 1, name: 'c', thread: 0, kind: 'R', label: 'R[y+1]=0x0' },
      ],
      edges: [{ from: 0, to: 1, relation: 'po' }],
    };
    const dot = executionDot(graph);
    expect(dot).toContain('{ rank=same; e0; }');
    expect(dot).toContain('{ rank=same; e1; e2; }');
  });

  it('draws a thread without memory events as a labelled empty column', async () => {
    const graph: ExecutionGraph = {
      events: [{ id: 0, access: 0, name: 'a', thread: 1, kind: 'W', label: 'W[x]=1' }],
      edges: [],
    };
    const svg = await renderSvg(executionDot(graph));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('>P0</text>');
    expect(svg).toContain('no memory events');
  });
});
