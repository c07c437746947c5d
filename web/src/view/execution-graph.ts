// An execution drawn as SVG (the CLI's own DOT picture, through Graphviz in
// WebAssembly), with the forbidding cycle highlighted. Hovering an event
// reports the instruction it came from, so the editor can light it up.

import { type AxiomWitness, type ExecutionGraph, executionDot, type GraphEvent, renderSvg } from '../../../src/browser.js';
import { h } from './dom.js';

export type EventHover = (event: GraphEvent | null) => void;

export function renderExecutionGraph(graph: ExecutionGraph, witness: AxiomWitness | undefined, onHover: EventHover): HTMLElement {
  const container = h('div', { class: 'graph', 'data-testid': 'graph' }, h('p', { class: 'muted' }, 'Drawing…'));
  renderSvg(executionDot(graph, { witness }))
    .then((svg) => {
      container.innerHTML = svg;
      connectHover(container, graph, onHover);
    })
    .catch((error: unknown) => {
      container.replaceChildren(h('p', { class: 'error' }, `The picture could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
    });
  return container;
}

/** Graphviz names each node group by its DOT id in a <title>: `e5` is event 5. */
function connectHover(container: HTMLElement, graph: ExecutionGraph, onHover: EventHover): void {
  const events = new Map(graph.events.map((e) => [`e${e.id}`, e]));
  for (const node of container.querySelectorAll<SVGGElement>('g.node')) {
    const event = events.get(node.querySelector('title')?.textContent ?? '');
    if (!event?.instruction) continue;
    node.classList.add('hoverable');
    node.dataset.event = event.name;
    node.addEventListener('mouseenter', () => onHover(event));
    node.addEventListener('mouseleave', () => onHover(null));
  }
}
