// The models we ship and the architectures each is written for. Pure, so the
// CLI and the playground share one rule: a model applies to the
// architectures it is written for; sc and a user's own file apply to all.

export const STOCK_MODELS = ['aarch64', 'x86tso', 'sc'] as const;

const MODEL_ARCHES: Record<string, readonly string[]> = { aarch64: ['AArch64'], x86tso: ['X86', 'X86_64'] };

export function isStockModel(name: string): boolean {
  return (STOCK_MODELS as readonly string[]).includes(name);
}

export function modelAppliesTo(model: string, arch: string): boolean {
  const arches = MODEL_ARCHES[model];
  return !arches || arches.some((a) => a.toLowerCase() === arch.toLowerCase());
}
