// The models we ship and the architectures each is written for. Pure, so the
// CLI and the playground share one rule: a model applies to the
// architectures it is written for; sc and a user's own file apply to all.

export const STOCK_MODELS = ['aarch64', 'x86tso', 'sc'] as const;

const MODEL_ARCHES: Record<string, readonly string[]> = { aarch64: ['AArch64'], x86tso: ['X86', 'X86_64'] };

/**
 * What each stock model follows, for `litmus --version` and the README: a
 * CI gate that pins litmus's version can see which reference its answers track.
 */
export const STOCK_MODEL_SOURCES: Record<(typeof STOCK_MODELS)[number], string> = {
  aarch64: "Arm's AArch64 model (Arm ARM B2.3), plain memory, as herdtools7 rev 5feffe4 (herd7 7.58+1, Aug 2026) ships it",
  x86tso: 'x86-TSO (Owens, Sarkar, Sewell 2009); answers as herd7 7.58+1 (rev 5feffe4) x86tso.cat gives them',
  sc: 'sequential consistency (Lamport 1979)',
};

export function isStockModel(name: string): boolean {
  return (STOCK_MODELS as readonly string[]).includes(name);
}

export function modelAppliesTo(model: string, arch: string): boolean {
  const arches = MODEL_ARCHES[model];
  return !arches || arches.some((a) => a.toLowerCase() === arch.toLowerCase());
}
