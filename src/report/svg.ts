// DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz), so the same
// code draws pictures in the CLI and in the browser playground. The module
// is loaded on first use only: it is large, and most runs draw nothing.

import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz')
    .then((module) => module.instance())
    .catch((error: unknown) => {
      viz = undefined; // a failed load (e.g. offline in a browser) may succeed next time
      throw error;
    });
  return viz;
}

/** The picture as a standalone SVG document; identical input gives identical bytes. */
export async function renderSvg(dot: string): Promise<string> {
  const result = (await graphviz()).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    // Our own DOT is always valid; a failure here is a bug, not bad user input.
    throw new Error(`Graphviz could not draw the picture: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return withoutComments(result.output);
}

/** Graphviz's comments name its version and echo node ids: noise that can vary between builds. */
function withoutComments(svg: string): string {
  return svg.replace(/<!--[\s\S]*?-->\n?/g, '');
}
