// Why a candidate execution is rejected, as the model file itself says it:
// the failing axiom and a cycle (or self-loop, or offending pair) whose every
// edge names the model relation it came from and the branch of that
// relation's definition that produced it. Plain data, for words, JSON and
// pictures alike.

/** One step of a witness: from event `from` to event `to`. */
export interface WitnessEdge {
  from: number;
  to: number;
  /**
   * The relation of the axiom's expression this step belongs to, by the name
   * the model gives it, e.g. `bob`, `obs`, `dob` — or the primitive itself when
   * the expression names it directly (`rfe`, `po-loc`).
   */
  relation: string;
  /**
   * The branch of that relation's definition that produced the step, as text
   * of the model, e.g. `po; [dmb.full]; po` or `rfe`; undefined when the
   * relation is not a union (or is a primitive).
   */
  branch?: string;
  /** The primitive relations the step is made of, in order, e.g. ['po', 'po'] or ['rfe']. */
  primitives: string[];
  /**
   * The events the step passes through between its ends, in order: the
   * barrier of `po; [dmb.full]; po`, the write of `rf; po`. Empty for a
   * primitive step.
   */
  via: number[];
}

export interface AxiomWitness {
  /** The axiom's name (`external`, `sc`, …) or its text when unnamed. */
  axiom: string;
  kind: 'acyclic' | 'irreflexive' | 'empty';
  /**
   * A negated check (`~acyclic`, `~empty`, …) fails when the relation has no
   * cycle / is empty: then there is nothing to show and `edges` is empty.
   */
  negated: boolean;
  /**
   * For acyclic and irreflexive: edges forming a closed chain (the last edge
   * ends where the first starts). For empty: the offending pairs.
   */
  edges: WitnessEdge[];
}
