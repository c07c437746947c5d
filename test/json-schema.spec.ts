// Every JSON document litmus prints follows schema/litmus-json.schema.json,
// with final states in one shape (an object from column to value), in run,
// explain, run --explain, compare and check --json alike (issue 16).

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const root = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'schema', 'litmus-json.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const mp = join(root, 'litmus', 'aarch64', 'MP.litmus');
const fenced = join(root, 'litmus', 'aarch64', 'MP+dmb.ishs.litmus');

async function json(...args: string[]): Promise<unknown> {
  const { out } = await cli(...args);
  return JSON.parse(out);
}

function valid(doc: unknown): true | string {
  return validate(doc) ? true : JSON.stringify(validate.errors?.slice(0, 3));
}

describe('JSON output against its schema', () => {
  it('run, explain, run --explain and compare, on an allowed and a forbidden test, and a failure', async () => {
    const docs = [
      await json('run', '--format', 'json', mp, fenced, join(root, 'test', 'fixtures', 'bad-syntax.litmus')),
      await json('explain', '--format', 'json', mp, fenced, join(root, 'test', 'fixtures', 'bad-syntax.litmus')),
      await json('run', '--format', 'json', '--explain', fenced),
      await json('compare', '--format', 'json', mp, join(root, 'test', 'fixtures', 'bad-syntax.litmus')),
      await json('fix', '--format', 'json', mp, fenced, join(root, 'test', 'fixtures', 'bad-syntax.litmus')),
      await json('fix', '--redundant', '--format', 'json', fenced),
      await json('explain', '--all-candidates', '--format', 'json', mp),
      await json('compare', '--levels', '--format', 'json', join(root, 'litmus', 'qemu', 'qemu-aio.c.litmus'), join(root, 'litmus', 'linux', 'MP+locks.litmus'), join(root, 'test', 'fixtures', 'bad-syntax.litmus')),
    ];
    for (const doc of docs) expect(valid(doc)).toBe(true);
  });

  it('check --json, with an answer and an error', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'litmus-json-')), 'r.json');
    await cli('check', '--jobs', '1', '--json', file, join(root, 'litmus', 'qemu'), join(root, 'test', 'fixtures', 'bad-syntax.litmus'));
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(valid(doc)).toBe(true);
    expect(doc.results.find((r: { error: string | null }) => r.error !== null)).toMatchObject({ model: null, expected: null });
  });

  it('every command lists the tests that failed, as run does', async () => {
    const bad = join(root, 'test', 'fixtures', 'bad-syntax.litmus');
    for (const [command, key] of [['run', 'tests'], ['explain', 'explanations'], ['compare', 'comparisons'], ['fix', 'fixes']]) {
      const doc = (await json(command, '--format', 'json', bad)) as Record<string, Array<{ file?: string; error?: string }>>;
      expect([command, doc[key][0].file, doc[key][0].error]).toEqual([command, bad, expect.stringMatching(/bad-syntax\.litmus:\d+:\d+: /)]);
    }
  });

  it('one shape for a state everywhere: an object keyed by column', async () => {
    const run = (await json('run', '--format', 'json', mp)) as { tests: Array<{ states: unknown[] }> };
    const explain = (await json('explain', '--format', 'json', '--all-states', mp)) as { explanations: Array<{ result: { states: unknown[] }; states: Array<{ values: unknown }> }> };
    const compare = (await json('compare', '--format', 'json', mp)) as { comparisons: Array<{ states: Array<{ values: unknown }> }> };
    // Hand derivation: MP's four states, the relaxed one (1:X0=1, 1:X2=0) among them.
    const relaxed = { '1:X0': '1', '1:X2': '0' };
    expect(run.tests[0].states).toContainEqual(relaxed);
    expect(explain.explanations[0].result.states).toContainEqual(relaxed);
    expect(explain.explanations[0].states.map((s) => s.values)).toContainEqual(relaxed);
    expect(compare.comparisons[0].states.map((s) => s.values)).toContainEqual(relaxed);
  });

  it('the schema rejects the old explain shape (values as an array)', () => {
    expect(valid({ explanations: [{ result: {}, states: [{ values: ['1', '0'], satisfies: true, allowed: true, rejections: [] }] }] })).not.toBe(true);
  });
});
