// Runs the command line in-process and captures what it prints.

import { main } from '../../src/cli/main.js';

export async function cli(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { status, out, err };
}
