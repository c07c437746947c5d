// AArch64's repair moves for `litmus fix` (issue 12): barriers to insert,
// acquire and release forms of loads, stores, exclusives and LSE atomics,
// and their default costs. The costs rank what the Arm ARM's ordering rules
// (B2.3) make each form do: a one-way barrier (DMB ISHLD orders loads before
// everything after, DMB ISHST stores before stores) or an annotation on one
// access costs less than a full DMB ISH, which orders every access before it
// with every access after; DMB SY also waits for the outer shareable domain.
// An artificial address dependency (EOR of a load's result with itself, used
// as an offset: dob's [R]; addr) costs least, but changes the code's shape,
// so `fix` offers it only when asked (--dependencies).

import { type Rewrite, type RepairTable, splitMnemonic } from '../../fix/table.js';

const COSTS: Record<string, number> = {
  'DMB ISHLD': 2,
  'DMB ISHST': 2,
  'DMB LD': 3,
  'DMB ST': 3,
  'DMB ISH': 4,
  'DMB SY': 5,
  LDAPR: 1,
  LDAR: 2,
  STLR: 2,
  LDAXR: 1,
  STLXR: 1,
  'atomic A': 1,
  'atomic L': 1,
  'atomic AL': 2,
  addr: 1,
};

const COST_NOTES: Record<string, string> = {
  'DMB ISHLD': 'barrier: loads before it, before every access after it (inner shareable)',
  'DMB ISHST': 'barrier: stores before it, before stores after it',
  'DMB LD': 'DMB ISHLD for the full system (only weakened, never inserted)',
  'DMB ST': 'DMB ISHST for the full system (only weakened, never inserted)',
  'DMB ISH': 'full barrier: every access before it, before every access after it',
  'DMB SY': 'full barrier for the full system (only weakened, never inserted)',
  LDAPR: 'load-acquire, processor consistent (RCpc): LDR → LDAPR',
  LDAR: 'load-acquire (RCsc, also ordered after an earlier STLR): LDR → LDAR',
  STLR: 'store-release: STR → STLR',
  LDAXR: 'acquire on a load-exclusive: LDXR → LDAXR, LDXP → LDAXP',
  STLXR: 'release on a store-exclusive: STXR → STLXR, STXP → STLXP',
  'atomic A': 'an LSE atomic with acquire: LDADD → LDADDA, SWP → SWPA, CAS → CASA',
  'atomic L': 'an LSE atomic with release: LDADD → LDADDL, STADD → STADDL',
  'atomic AL': 'an LSE atomic with both: LDADD → LDADDAL',
  addr: 'an artificial address dependency (fix --dependencies): EOR X9,X0,X0 then LDR W2,[X3,X9]',
};

const BARRIERS = new Set(Object.keys(COSTS).filter((key) => key.startsWith('DMB ')));

/** The ordering forms of one family of mnemonics, weakest first, with the cost-table entry of each ('' costs nothing). */
interface Family {
  match: RegExp;
  /** The mnemonic of each form, from the match of `match`. */
  forms: Array<{ key: string; mnemonic: (m: RegExpExecArray) => string }>;
  /** Which form a match is. */
  formOf: (m: RegExpExecArray) => number;
}

const SIZE = '(B|H)?';
const ATOMIC_OPS = 'SWP|CASP|CAS|LD(?:ADD|CLR|EOR|SET|SMAX|SMIN|UMAX|UMIN)';
const ORDERINGS = ['', 'A', 'L', 'AL'] as const;

const FAMILIES: Family[] = [
  {
    // LDR → LDAPR → LDAR (the acquire forms take a base register only: other addressing is refused when the test is read again).
    match: new RegExp(`^(LDR|LDAPR|LDAR)${SIZE}$`),
    forms: ['', 'LDAPR', 'LDAR'].map((key, i) => ({ key, mnemonic: (m) => `${['LDR', 'LDAPR', 'LDAR'][i]}${m[2] ?? ''}` })),
    formOf: (m) => ['LDR', 'LDAPR', 'LDAR'].indexOf(m[1]),
  },
  {
    match: new RegExp(`^(STR|STLR)${SIZE}$`),
    forms: ['', 'STLR'].map((key, i) => ({ key, mnemonic: (m) => `${['STR', 'STLR'][i]}${m[2] ?? ''}` })),
    formOf: (m) => ['STR', 'STLR'].indexOf(m[1]),
  },
  {
    match: new RegExp(`^(LDXR|LDAXR)${SIZE}$|^(LDXP|LDAXP)$`),
    forms: ['', 'LDAXR'].map((key, i) => ({ key, mnemonic: (m) => (m[3] ? ['LDXP', 'LDAXP'][i] : `${['LDXR', 'LDAXR'][i]}${m[2] ?? ''}`) })),
    formOf: (m) => (m[3] ? ['LDXP', 'LDAXP'].indexOf(m[3]) : ['LDXR', 'LDAXR'].indexOf(m[1])),
  },
  {
    match: new RegExp(`^(STXR|STLXR)${SIZE}$|^(STXP|STLXP)$`),
    forms: ['', 'STLXR'].map((key, i) => ({ key, mnemonic: (m) => (m[3] ? ['STXP', 'STLXP'][i] : `${['STXR', 'STLXR'][i]}${m[2] ?? ''}`) })),
    formOf: (m) => (m[3] ? ['STXP', 'STLXP'].indexOf(m[3]) : ['STXR', 'STLXR'].indexOf(m[1])),
  },
  {
    match: new RegExp(`^(${ATOMIC_OPS})(AL|A|L)?${SIZE}$`),
    forms: ORDERINGS.map((ordering) => ({ key: ordering === '' ? '' : `atomic ${ordering}`, mnemonic: (m) => `${m[1]}${ordering}${m[3] ?? ''}` })),
    formOf: (m) => ORDERINGS.indexOf((m[2] ?? '') as (typeof ORDERINGS)[number]),
  },
  {
    // ST<op>: an atomic whose result is discarded has a release form only.
    match: new RegExp(`^(ST(?:ADD|CLR|EOR|SET|SMAX|SMIN|UMAX|UMIN))(L)?${SIZE}$`),
    forms: ['', 'L'].map((ordering) => ({ key: ordering === '' ? '' : 'atomic L', mnemonic: (m) => `${m[1]}${ordering}${m[3] ?? ''}` })),
    formOf: (m) => (m[2] ? 1 : 0),
  },
];

/** Which forms are stronger than which: AL is above A and L, which are not comparable. */
function stronger(a: string, b: string): boolean {
  const rank = (key: string) => (key === '' ? 0 : (COSTS[key] ?? 0));
  if (a === 'atomic A' && b === 'atomic L') return false;
  if (a === 'atomic L' && b === 'atomic A') return false;
  return rank(a) > rank(b);
}

function familyOf(text: string): { family: Family; match: RegExpExecArray; form: number; rest: string } | undefined {
  const { mnemonic, rest } = splitMnemonic(text);
  for (const family of FAMILIES) {
    const match = family.match.exec(mnemonic);
    if (match) return { family, match, form: family.formOf(match), rest };
  }
  return undefined;
}

/** `DMB ISH` as the cost table names it, whatever the spacing and case. */
function barrierKey(text: string): string | undefined {
  const key = text.trim().toUpperCase().replace(/\s+/g, ' ');
  return BARRIERS.has(key) ? key : undefined;
}

/** The barriers a barrier may be weakened to (removal last), by the ordering each keeps. */
const WEAKER_BARRIERS: Record<string, string[]> = {
  'DMB SY': ['DMB ISH', 'DMB LD', 'DMB ST'],
  'DMB ISH': ['DMB ISHLD', 'DMB ISHST'],
  'DMB LD': ['DMB ISHLD'],
  'DMB ST': ['DMB ISHST'],
  'DMB ISHLD': [],
  'DMB ISHST': [],
};

/** The barriers a barrier may be strengthened to (a repair that upgrades an existing DMB ISHST costs less than a second barrier). */
const STRONGER_BARRIERS: Record<string, string[]> = {
  'DMB ISHLD': ['DMB ISH'],
  'DMB ISHST': ['DMB ISH'],
  'DMB LD': ['DMB SY'],
  'DMB ST': ['DMB SY'],
  'DMB ISH': [],
  'DMB SY': [],
};

export const aarch64Repairs: RepairTable = {
  costs: COSTS,
  order: [
    ['LDAPR', 'LDAR'], ['atomic A', 'atomic AL'], ['atomic L', 'atomic AL'],
    ['DMB ISHLD', 'DMB ISH'], ['DMB ISHST', 'DMB ISH'], ['DMB ISHLD', 'DMB LD'], ['DMB ISHST', 'DMB ST'],
    ['DMB ISH', 'DMB SY'], ['DMB LD', 'DMB SY'], ['DMB ST', 'DMB SY'],
  ],
  costNotes: COST_NOTES,
  barriers: ['DMB ISHLD', 'DMB ISHST', 'DMB ISH'].map((text) => ({ text, key: text })),
  scratchRegisters: ['X9', 'X10', 'X11', 'X12', 'X13', 'X14', 'X15'],
  isBarrier: (text) => barrierKey(text) !== undefined,
  strength(text) {
    const barrier = barrierKey(text);
    if (barrier) return barrier;
    const found = familyOf(text);
    return found ? found.family.forms[found.form].key : '';
  },
  stronger(text) {
    const barrier = barrierKey(text);
    if (barrier) return STRONGER_BARRIERS[barrier].map((b) => ({ text: b, key: b }));
    const found = familyOf(text);
    if (!found) return [];
    const current = found.family.forms[found.form].key;
    return found.family.forms
      .filter((form) => stronger(form.key, current))
      .map((form) => ({ text: form.mnemonic(found.match) + found.rest, key: form.key }));
  },
  weaker(text) {
    const barrier = barrierKey(text);
    if (barrier) return [...WEAKER_BARRIERS[barrier].map((b) => ({ text: b, key: b })), { text: '', key: '' }];
    const found = familyOf(text);
    if (!found) return [];
    const current = found.family.forms[found.form].key;
    return found.family.forms
      .filter((form) => stronger(current, form.key))
      .map((form): Rewrite => ({ text: form.mnemonic(found.match) + found.rest, key: form.key }));
  },
  addressDependency(load, access, scratch) {
    // From a plain or acquire load's destination to an LDR/STR (any size) whose address is a base register alone.
    const source = /^LD(?:R|AR|APR)[BH]?\s+([WX]\d+)\s*,/i.exec(load.trim());
    const target = /^((?:LDR|STR)[BH]?\s+[WX](?:\d+|ZR)\s*,\s*)\[\s*(X\d+|SP)\s*\]\s*$/i.exec(access.trim());
    if (!source || !target) return undefined;
    const register = `X${source[1].slice(1)}`;
    return { before: `EOR ${scratch},${register},${register}`, text: `${target[1]}[${target[2]},${scratch}]` };
  },
  opensSequence: (text) => /^LDA?X[RP]/.test(splitMnemonic(text).mnemonic),
  closesSequence: (text) => /^STL?X[RP]/.test(splitMnemonic(text).mnemonic),
};
