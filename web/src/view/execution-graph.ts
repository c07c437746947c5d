// An execution drawn as SVG (the CLI's own DOT picture, through Graphviz in
// WebAssembly), with the forbidding cycle highlighted, at a size a class can
// read: drawn at its natural size (text never below it unless asked), with
// zoom, drag to pan, a full-size view, edge filters (by default the cycle
// and rf/co only, so the picture says one thing) and export as SVG or PNG.
// Hovering an event reports the instruction it came from, so the editor can
// light it up.

import { type AxiomWitness, type EdgeKind, type ExecutionGraph, executionDot, type GraphEvent, renderSvg } from '../../../src/browser.js';
import { h } from './dom.js';

export type EventHover = (event: GraphEvent | null) => void;

/** The filters a picture offers, in toolbar order, with what each shows. */
const FILTERS: ReadonlyArray<{ kind: EdgeKind; label: string; title: string }> = [
  { kind: 'cycle', label: 'cycle', title: "the rejecting axiom's cycle (barrier-ordering steps among them)" },
  { kind: 'rf', label: 'rf', title: 'reads-from: the write each read takes its value from' },
  { kind: 'co', label: 'co', title: "coherence: each location's writes in order" },
  { kind: 'fr', label: 'fr', title: 'from-reads: a read before the writes after its source' },
  { kind: 'po', label: 'po', title: 'program order (the columns show it anyway)' },
  { kind: 'deps', label: 'deps', title: 'address, data and control dependencies' },
  { kind: 'rmw', label: 'rmw', title: 'the read and write of one atomic operation' },
];

/** Shown by default: the cycle and rf/co, so the picture says one thing. */
const DEFAULT_SHOWN: ReadonlySet<EdgeKind> = new Set(['cycle', 'rf', 'co']);

/** Zoom steps, and the smallest scale "Fit" goes to (below it, text gets too small to read on a projector). */
const ZOOM_STEP = 1.25;
const MIN_FIT_SCALE = 0.75;

/**
 * How pictures are shown, kept from one picture to the next (stepping
 * through candidates keeps the zoom and filters the teacher chose): fitted
 * to the panel (the default), or at a chosen scale.
 */
const settings: { fit: boolean; scale: number; shown: Set<EdgeKind> } = { fit: true, scale: 1, shown: new Set(DEFAULT_SHOWN) };

/**
 * `graph` as a picture with its toolbar (zoom, full size, export, edge
 * filters), `witness`'s cycle drawn over it; `onHover` hears the event under
 * the pointer (null when it leaves). Draws asynchronously (Graphviz in
 * WebAssembly): the element is returned at once and filled when drawn.
 */
export function renderExecutionGraph(graph: ExecutionGraph, witness: AxiomWitness | undefined, onHover: EventHover): HTMLElement {
  const { shown } = settings;
  let svgText = '';
  const viewport = h('div', { class: 'graph-viewport', 'data-testid': 'graph-viewport' }, h('p', { class: 'muted' }, 'Drawing…'));
  const zoomLabel = h('span', { class: 'zoom-level', 'data-testid': 'zoom-level' }, '100%');
  const svgElement = () => viewport.querySelector('svg');

  const applyScale = () => {
    const svg = svgElement();
    if (!svg) return;
    const natural = naturalSize(svg);
    // Fitted: to the panel's width, never below MIN_FIT_SCALE (then the picture pans), never above its natural size.
    const scale = settings.fit ? Math.max(MIN_FIT_SCALE, Math.min(1, (viewport.clientWidth - 4) / natural.width)) : settings.scale;
    svg.style.width = `${natural.width * scale}px`;
    svg.style.height = `${natural.height * scale}px`;
    zoomLabel.textContent = `${Math.round(scale * 100)}%`;
    settings.scale = scale;
  };
  let drawing = 0;
  const draw = () => {
    const hidden = new Set(FILTERS.map((f) => f.kind).filter((k) => !shown.has(k)));
    // Quick filter clicks start several drawings: only the last one's picture is shown.
    const number = ++drawing;
    renderSvg(executionDot(graph, { witness, hidden }))
      .then((svg) => {
        if (number !== drawing) return;
        svgText = svg;
        viewport.innerHTML = svg;
        connectHover(viewport, graph, onHover);
        applyScale();
      })
      .catch((error: unknown) => {
        viewport.replaceChildren(h('p', { class: 'error' }, `The picture could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
      });
  };

  const button = (label: string, title: string, action: () => void, testid: string) => {
    const b = h('button', { type: 'button', class: 'secondary small', title, 'data-testid': testid }, label);
    b.addEventListener('click', action);
    return b;
  };
  const zoom = (factor: number) => {
    settings.fit = false;
    settings.scale = Math.min(4, Math.max(0.25, settings.scale * factor));
    applyScale();
  };
  const fit = () => {
    settings.fit = true;
    applyScale();
  };
  const filters = FILTERS.filter((f) => f.kind !== 'cycle' || witness).map((f) => {
    const box = h('input', { type: 'checkbox', 'data-edge': f.kind });
    box.checked = shown.has(f.kind);
    box.addEventListener('change', () => {
      if (box.checked) shown.add(f.kind);
      else shown.delete(f.kind);
      draw();
    });
    return h('label', { class: 'edge-filter', title: f.title }, box, ` ${f.label}`);
  });
  const name = `execution-${graph.events.length}`;
  const toolbar = h(
    'div',
    { class: 'graph-toolbar' },
    button('−', 'smaller', () => zoom(1 / ZOOM_STEP), 'zoom-out'),
    zoomLabel,
    button('+', 'larger', () => zoom(ZOOM_STEP), 'zoom-in'),
    button('Fit', `fit the panel's width (never below ${MIN_FIT_SCALE * 100}%)`, fit, 'zoom-fit'),
    button('1:1', 'natural size', () => ((settings.fit = false), (settings.scale = 1), applyScale()), 'zoom-reset'),
    // Nothing to show or save until the picture is drawn.
    button('Full size', 'open the picture at full size over the page', () => svgText && openFullSize(svgText), 'full-size'),
    button('SVG', 'download the picture as SVG', () => svgText && download(new Blob([svgText], { type: 'image/svg+xml' }), `${name}.svg`), 'export-svg'),
    button('PNG', 'download the picture as PNG (twice its natural size)', () => svgText && void exportPng(svgText, `${name}.png`).catch(() => undefined), 'export-png'),
    h('span', { class: 'edge-filters' }, 'edges:', ...filters),
  );
  enableDragPan(viewport);
  draw();
  return h('div', { class: 'graph', 'data-testid': 'graph' }, toolbar, viewport);
}

/** The picture's own size in CSS pixels (Graphviz gives it in points). */
function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox.baseVal;
  const points = (value: string | null, fallback: number) => (value ? parseFloat(value) : fallback);
  // 1pt = 4/3 px.
  return { width: points(svg.getAttribute('width'), box.width) * (4 / 3), height: points(svg.getAttribute('height'), box.height) * (4 / 3) };
}

/** Dragging with the mouse scrolls the picture (pan), as a map does. */
function enableDragPan(viewport: HTMLElement): void {
  let from: { x: number; y: number; left: number; top: number } | undefined;
  viewport.addEventListener('pointerdown', (e) => {
    if ((e.target as Element).closest('g.node')) return; // events keep their hover
    from = { x: e.clientX, y: e.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
    viewport.setPointerCapture(e.pointerId);
    viewport.classList.add('panning');
  });
  viewport.addEventListener('pointermove', (e) => {
    if (!from) return;
    viewport.scrollLeft = from.left - (e.clientX - from.x);
    viewport.scrollTop = from.top - (e.clientY - from.y);
  });
  const stop = () => {
    from = undefined;
    viewport.classList.remove('panning');
  };
  viewport.addEventListener('pointerup', stop);
  viewport.addEventListener('pointercancel', stop);
}

/** The picture over the page, as large as the window allows (1:1 shows it at its natural size, scrolling), closed by its button or Escape. */
function openFullSize(svgText: string): void {
  const dialog = h('dialog', { class: 'full-size', 'data-testid': 'full-size-view' });
  const close = h('button', { type: 'button', class: 'secondary', 'data-testid': 'close-full-size' }, 'Close');
  close.addEventListener('click', () => dialog.close());
  const body = h('div', { class: 'full-size-body fit' });
  body.innerHTML = svgText;
  const natural = h('button', { type: 'button', class: 'secondary', title: 'natural size, or the whole picture in the window' }, '1:1');
  natural.addEventListener('click', () => {
    body.classList.toggle('fit');
    natural.textContent = body.classList.contains('fit') ? '1:1' : 'Whole';
  });
  dialog.append(h('div', { class: 'full-size-tools' }, close, natural), body);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

function download(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: file });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The SVG drawn on a canvas at twice its natural size, downloaded as PNG. */
async function exportPng(svgText: string, file: string): Promise<void> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the picture could not be read as an image'));
      image.src = url;
    });
    const canvas = h('canvas', {});
    canvas.width = image.naturalWidth * 2;
    canvas.height = image.naturalHeight * 2;
    const context = canvas.getContext('2d');
    if (!context) return;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) download(blob, file);
  } finally {
    URL.revokeObjectURL(url);
  }
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
