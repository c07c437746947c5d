// The shipped tests (litmus/), bundled at build time: the QEMU family first,
// in the order of each folder's @all index, so the page's story reads top down.

export interface LibraryTest {
  /** Folder and name, e.g. `qemu/qemu-aio-llsc`: stable across builds, used in the picker. */
  id: string;
  name: string;
  group: string;
  text: string;
}

export interface LibraryGroup {
  folder: string;
  title: string;
  tests: LibraryTest[];
}

const sources = import.meta.glob<string>('../../litmus/**/*.litmus', { query: '?raw', import: 'default', eager: true });
const indexes = import.meta.glob<string>('../../litmus/*/@all', { query: '?raw', import: 'default', eager: true });

const GROUP_TITLES: Record<string, string> = {
  qemu: 'QEMU aio_ctx_prepare (the 2020 hang)',
  aarch64: 'AArch64 classics',
  x86: 'x86 classics',
};
const GROUP_ORDER = ['qemu', 'aarch64', 'x86'];

export const LIBRARY: LibraryGroup[] = buildLibrary();

export function findLibraryTest(id: string): LibraryTest | undefined {
  for (const group of LIBRARY) {
    const test = group.tests.find((t) => t.id === id || t.name === id);
    if (test) return test;
  }
  return undefined;
}

function buildLibrary(): LibraryGroup[] {
  const byFolder = new Map<string, LibraryTest[]>();
  for (const [path, text] of Object.entries(sources)) {
    const [folder, file] = path.replace(/^.*\/litmus\//, '').split('/');
    if (!file) continue;
    const name = file.replace(/\.litmus$/, '');
    const tests = byFolder.get(folder) ?? [];
    tests.push({ id: `${folder}/${name}`, name, group: folder, text });
    byFolder.set(folder, tests);
  }
  const rank = (folder: string) => (GROUP_ORDER.includes(folder) ? GROUP_ORDER.indexOf(folder) : GROUP_ORDER.length);
  return [...byFolder.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([folder, tests]) => ({ folder, title: GROUP_TITLES[folder] ?? folder, tests: inIndexOrder(tests, indexes[`../../litmus/${folder}/@all`]) }));
}

/** Tests listed in the folder's @all come first, in its order; the rest alphabetically. */
function inIndexOrder(tests: LibraryTest[], index: string | undefined): LibraryTest[] {
  const listed = (index ?? '')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().replace(/\.litmus$/, ''))
    .filter((line) => line !== '');
  const position = (name: string) => (listed.includes(name) ? listed.indexOf(name) : listed.length);
  return [...tests].sort((a, b) => position(a.name) - position(b.name) || a.name.localeCompare(b.name));
}
