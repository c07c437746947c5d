// Explanations as JSON: the analysis's data, each witness edge as the model
// gives it, plus the same words the text report prints (`text` for a
// rejection's cycle, `lines` for an allowed execution), for readers that
// want one sentence rather than the graph.

import type { StateExplanation } from '../analysis/explain.js';
import type { WitnessEdge } from '../cat/witness.js';
import { describeWitness, witnessText } from './witness-text.js';

/**
 * One state's explanation as a JSON-ready object (stable field order); its
 * values keyed by column, as every JSON document of litmus gives a state
 * (schema/litmus-json.schema.json).
 */
export function stateExplanationJson(state: StateExplanation, columns: readonly string[]): object {
  const values = Object.fromEntries(columns.map((column, i) => [column, state.values[i]]));
  const head = { values, satisfies: state.satisfies, allowed: state.allowed };
  if (state.witness) {
    return { ...head, witness: { graph: state.witness.graph, lines: describeWitness(state.witness.graph) }, rejections: [] };
  }
  return {
    ...head,
    rejections: state.rejections.map((r) => ({
      axiom: r.axiom,
      text: witnessText(r.witness, r.graph),
      witness: { axiom: r.witness.axiom, kind: r.witness.kind, negated: r.witness.negated, edges: r.witness.edges.map(edgeJson) },
      graph: r.graph,
    })),
  };
}

function edgeJson(edge: WitnessEdge): object {
  const { from, to, relation, primitives, branch } = edge;
  return branch === undefined ? { from, to, relation, primitives } : { from, to, relation, primitives, branch };
}
