// The layering of ../shared/design/ARCHITECTURE.md holds: dependency-cruiser
// with .dependency-cruiser.cjs finds no module importing from a stage above
// its own (type-only imports included), no cycle, and no Node API in the core.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('the layering', () => {
  it('has no upward import, no cycle and no Node API in the core', () => {
    const bin = join(ROOT, 'node_modules', '.bin', 'depcruise');
    let report = '';
    try {
      report = execFileSync(bin, ['src', 'web/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {
        cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      report = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(report).toMatch(/no dependency violations found/);
  });
});
