// Explanations in words: for each state the condition asks about, why the
// model forbids it (axiom and cycle) or one execution that reaches it.

import chalk from 'chalk';
import type { TestExplanation } from '../analysis/explain.js';
import { UNDEFINED_FLAG } from '../cat/api.js';
import { UNDEFINED_NOTE, verdictWord } from '../outcome/result.js';
import { stateLine } from './herd.js';
import { describeWitness, witnessSteps } from './witness-text.js';

/** An explanation in words, with colours on a terminal. */
export function explanationText(explanation: TestExplanation): string {
  const { result } = explanation;
  const lines = [
    `${chalk.bold(result.name)}  ${chalk.dim(`${result.arch}, model ${result.model}`)}`,
    `  ${result.condition}  →  ${(verdictWord(result) === 'Ok' ? chalk.green : chalk.red)(`${result.loop ? 'Loop ' : ''}${verdictWord(result)}`)} (${result.observation})`,
  ];
  if (result.flags.includes(UNDEFINED_FLAG)) lines.push(chalk.magenta(`  ${UNDEFINED_NOTE}`));
  if (result.loop) {
    lines.push(chalk.yellow('  Loop: executions that go round a loop more often than the unrolling bound are left out (as herd7 does)'));
  }
  if (explanation.states.length === 0) {
    // The states explained are those that decide the condition: where the
    // proposition holds (exists, ~exists) or where it fails (forall).
    const where = result.quantifier === 'forall' ? 'fails' : 'holds';
    lines.push(chalk.dim(`  no candidate execution ends in a state where the condition's proposition ${where}`));
  }
  for (const state of explanation.states) {
    const where = stateLine(result.columns, state.values);
    if (state.allowed) {
      lines.push(`  ${where}  ${chalk.green('allowed')}${state.satisfies ? '' : chalk.dim(' (condition false)')}, for example:`);
      for (const line of state.witness ? describeWitness(state.witness.graph) : []) lines.push(`    ${line}`);
      continue;
    }
    const axioms = state.rejections.map((r) => r.axiom).join(', ');
    lines.push(`  ${where}  ${chalk.red(`forbidden by ${axioms || 'the model'}`)}`);
    for (const rejection of state.rejections) {
      const { kind, negated } = rejection.witness;
      if (negated) {
        const wanted = kind === 'empty' ? 'to be non-empty' : kind === 'acyclic' ? 'a cycle' : 'an event related to itself';
        lines.push(`    ${chalk.bold(rejection.axiom)} (~${kind}) requires ${wanted}; this execution has none`);
        continue;
      }
      lines.push(`    ${chalk.bold(rejection.axiom)} (${kind}) ${kind === 'empty' ? 'fails on' : 'fails on this cycle'}:`);
      for (const step of witnessSteps(rejection.witness, rejection.graph)) {
        lines.push(`      ${step.event}`, `        ${chalk.cyan(`—${step.edge}→`)}${kind === 'empty' ? ` ${step.to}` : ''}`);
      }
      if (kind !== 'empty' && rejection.witness.edges.length > 0) lines.push(`      ${chalk.dim(`back to ${rejection.graph.events[rejection.witness.edges[0].from].name}`)}`);
    }
  }
  return lines.join('\n') + '\n\n';
}
