// `litmus explain --all-candidates` in words and as JSON: each candidate
// execution numbered, with its state, the model's verdict, where each read
// reads from and each location's coherence order, and for a rejected one
// every failing axiom with its cycle.

import chalk from 'chalk';
import type { CandidateExplanation, CandidateList } from '../analysis/candidates.js';
import { stateLine } from './herd.js';
import { describeWitness, witnessText } from './witness-text.js';

/** The list in words: allowed candidates first, then the rejected ones, each with its reason. */
export function candidatesText(list: CandidateList): string {
  const { result, candidates } = list;
  const allowed = list.totals.reduce((n, t) => n + t.allowed, 0);
  const rejected = list.totals.reduce((n, t) => n + t.rejected, 0);
  const total = allowed + rejected;
  const how = list.pruned
    ? 'those breaking coherence or atomicity left out (a path only they take faults)'
    : 'none pruned before the model judged';
  const listed = list.unlisted > 0 ? `; the first ${candidates.length} listed, allowed first` : '';
  const lines = [`  ${total} candidate execution${total === 1 ? '' : 's'} (${allowed} allowed, ${rejected} rejected), ${how}${listed}:`];
  candidates.forEach((candidate, i) => {
    const verdict = candidate.allowed ? chalk.green('allowed') : chalk.red(`rejected by ${candidate.axiom}`);
    lines.push(`  #${i + 1} ${verdict}  ${stateLine(result.columns, candidate.values)}`);
    for (const line of describeWitness(candidate.graph)) lines.push(`      ${line}`);
    // Every axiom that fails, each with its own cycle (the first is the verdict's).
    for (const axiom of candidate.axioms.filter((a) => !a.holds)) {
      lines.push(`      ${chalk.cyan(`${axiom.name}: ${axiom.witness ? witnessText(axiom.witness, candidate.graph) : 'fails'}`)}`);
    }
  });
  if (list.unlisted > 0) lines.push(chalk.dim(`  … and ${list.unlisted} more, not listed`));
  return lines.join('\n') + '\n\n';
}

/** One candidate as JSON: its state keyed by column, verdict, reads and coherence in words, and the rejecting cycle. */
export function candidateJson(candidate: CandidateExplanation, columns: readonly string[]) {
  return {
    values: Object.fromEntries(columns.map((c, i) => [c, candidate.values[i]])),
    satisfies: candidate.satisfies,
    allowed: candidate.allowed,
    ...(candidate.axiom && { axiom: candidate.axiom }),
    execution: describeWitness(candidate.graph),
    ...(candidate.witness && { cycle: witnessText(candidate.witness, candidate.graph) }),
    axioms: candidate.axioms.map((a) => ({ name: a.name, holds: a.holds, ...(a.witness && { cycle: witnessText(a.witness, candidate.graph) }) })),
  };
}
