// Bitset relation algebra over the events of one candidate execution.
export { EventSet } from './set.js';
export {
  Relation,
  union,
  intersection,
  difference,
  complement,
  copyInto,
  same,
  sequence,
  inverse,
  transitiveClosure,
  reflexiveTransitiveClosure,
  reflexive,
  identityOn,
  cartesian,
  domain,
  range,
  reflexiveWitness,
} from './relation.js';
export { CycleFinder, findCycle } from './cycle.js';
