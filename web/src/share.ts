// The page's state (test text, chosen models, the user's .cat text) in the
// URL hash — deflated and base64url-encoded, so a link carries the whole test —
// and in localStorage, so a reload comes back to where the user was.

export interface PlaygroundState {
  text: string;
  models: string[];
  /** The user's own .cat text ('' when none). */
  cat: string;
  /** The state selected in the outcome table (its values), when the user picked one. */
  row?: string[];
  /** Where the stepping view stands, when it is open: the model, the state walked (its values), and the position. */
  step?: { model: string; values?: string[]; scope: 'state' | 'all'; index: number; mode: 'walk' | 'build'; picks?: { rf: Array<[string, string]>; co: Array<[string, string]> } };
}

const HASH_KEY = 's';
const STORAGE_KEY = 'litmus-playground';

export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const deflated = await pipe(json, new CompressionStream('deflate-raw'));
  return `${HASH_KEY}=${toBase64Url(deflated)}`;
}

/** The state in a URL hash (`#s=…`), or undefined when there is none or it is damaged. */
export async function decodeState(hash: string): Promise<PlaygroundState | undefined> {
  const encoded = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);
  if (!encoded) return undefined;
  try {
    const json = await pipe(fromBase64Url(encoded), new DecompressionStream('deflate-raw'));
    return validState(JSON.parse(new TextDecoder().decode(json)));
  } catch {
    return undefined;
  }
}

export function saveLocally(state: PlaygroundState): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage full or disabled (private mode): the URL still carries the state.
  }
}

export function loadLocally(): PlaygroundState | undefined {
  try {
    return validState(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
  } catch {
    return undefined;
  }
}

function validState(value: unknown): PlaygroundState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { text, models, cat, step, row } = value as Record<string, unknown>;
  if (typeof text !== 'string' || !Array.isArray(models) || !models.every((m) => typeof m === 'string')) return undefined;
  const validRow = Array.isArray(row) && row.every((v) => typeof v === 'string');
  return { text, models, cat: typeof cat === 'string' ? cat : '', ...(validStep(step) && { step }), ...(validRow && { row: row as string[] }) };
}

function validStep(step: unknown): step is NonNullable<PlaygroundState['step']> {
  if (typeof step !== 'object' || step === null) return false;
  const s = step as Record<string, unknown>;
  return typeof s.model === 'string' && (s.values === undefined || (Array.isArray(s.values) && s.values.every((v) => typeof v === 'string')))
    && (s.scope === 'state' || s.scope === 'all') && typeof s.index === 'number' && Number.isInteger(s.index) && s.index >= 0 && (s.mode === 'walk' || s.mode === 'build')
    && (s.picks === undefined || validPicks(s.picks));
}

/** Building by hand's picks: two lists of pairs of strings. */
function validPicks(picks: unknown): boolean {
  const pairs = (list: unknown) => Array.isArray(list) && list.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'));
  return typeof picks === 'object' && picks !== null && pairs((picks as Record<string, unknown>).rf) && pairs((picks as Record<string, unknown>).co);
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
