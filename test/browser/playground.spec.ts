// The playground end to end, in Debian's Chromium against the built site:
// the QEMU story (and its fix), diagnostics, shared links, filters, forall
// conditions and cancelling a long run.
// Expected verdicts come from litmus/qemu/README.md's hand derivations.

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, CHROMIUM_PATH } from './support/chromium.js';
import { conditionRow, conditionVerdicts, editorText, pickLibraryTest, sharedLink, typeIntoEditor, waitForAnalysis } from './support/playground-page.js';
import { serveFolder, type StaticSite } from './support/static-server.js';

const SITE = fileURLToPath(new URL('../../web/dist', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../test-output/playground.png', import.meta.url));

if (!hasChromium) console.warn(`Skipping the browser tests: ${CHROMIUM_PATH} is not installed (apt-get install -y chromium).`);

describe.skipIf(!hasChromium)('the playground in Chromium', () => {
  let site: StaticSite;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(`${SITE}/index.html`)) throw new Error('web/dist is missing: run `npm run web:build` first');
    site = await serveFolder(SITE);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  beforeEach(async () => {
    // A fresh context: no localStorage or service worker carried over between scenarios.
    context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    page = await context.newPage();
    await page.goto(site.url);
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  it('shows the QEMU LL/SC hang allowed under aarch64 and forbidden under sc', async () => {
    await pickLibraryTest(page, 'qemu/qemu-aio-llsc');
    expect(await conditionVerdicts(page)).toEqual({ aarch64: 'Allowed', sc: 'Forbidden' });
    expect(await conditionRow(page)).toEqual({ aarch64: 'allowed', sc: 'forbidden' });
    // The models disagree on the bad state, so its row stands out.
    expect(await page.$eval('tr.satisfies', (row) => row.classList.contains('disagree'))).toBe(true);
    // x86tso is not written for AArch64 tests.
    expect(await page.textContent('[data-testid=verdict]')).toContain('x86tso is not written for AArch64');
    mkdirSync(fileURLToPath(new URL('../../test-output', import.meta.url)), { recursive: true });
    await page.waitForSelector('[data-testid=graph] svg');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('runs the QEMU race written in C: allowed under rc11, which is the only C11 model; the kernel model is left out', async () => {
    await pickLibraryTest(page, 'qemu/qemu-aio.c');
    // By hand (the file's comment): nothing orders the relaxed read after the seq_cst RMW; under sc both reads cannot miss.
    expect(await conditionVerdicts(page)).toEqual({ sc: 'Forbidden', rc11: 'Allowed' });
    expect(await page.textContent('[data-testid=verdict]')).toContain("lkmm is written for C tests that call the kernel's primitives");
  });

  it('fixes the QEMU hang from the page: the acquire load first, and applying it makes the state forbidden', async () => {
    await pickLibraryTest(page, 'qemu/qemu-aio-llsc');
    await page.click('[data-testid=explanation] [data-model=aarch64] [data-testid=fix-it]');
    await page.waitForSelector('[data-testid=explanation] [data-model=aarch64] [data-testid=repair]');
    const repairs = await page.$$eval('[data-testid=explanation] [data-model=aarch64] [data-testid=repair]', (items) => items.map((li) => li.textContent ?? ''));
    // Hand-derived (README, test/fix.spec.ts): STLXR then LDAR is ordered (cost 2); the patch's DMB ISH (cost 4).
    expect(repairs[0]).toContain('LDR W3,[X4] → LDAR W3,[X4]');
    expect(repairs[1]).toContain('DMB ISH before LDR W3,[X4]');
    mkdirSync(fileURLToPath(new URL('../../test-output', import.meta.url)), { recursive: true });
    await (await page.$('[data-testid=explanation] [data-model=aarch64] .fix'))!.screenshot({ path: fileURLToPath(new URL('../../test-output/playground-fix.png', import.meta.url)) });
    // sc forbids the state already: no button there.
    expect(await page.$('[data-testid=explanation] [data-model=sc] [data-testid=fix-it]')).toBeNull();
    await page.click('[data-testid=explanation] [data-model=aarch64] [data-testid=apply-repair] >> nth=0');
    await page.waitForFunction(() => document.querySelector('#editor')?.textContent?.includes('LDAR W3,[X4]'));
    // The page runs the repaired test: its verdict under aarch64 turns Forbidden.
    await page.waitForFunction(() => document.querySelector('[data-testid=verdict] li[data-model=aarch64] .badge')?.textContent === 'Forbidden');
    expect(await conditionVerdicts(page)).toEqual({ aarch64: 'Forbidden', sc: 'Forbidden' });
  });

  it('explains CoRR\'s forbidden state with the model\'s own axiom, though the engine prunes its candidates', async () => {
    await pickLibraryTest(page, 'aarch64/CoRR');
    const explanation = await page.textContent('[data-testid=explanation] [data-model=aarch64]');
    // Hand-checked (test/teaching.spec.ts): W[x]=1 —rf→ R[x]=1 —po-loc→ R[x]=0 —fr→ back.
    expect(explanation).toContain('internal');
    expect(explanation).toContain('a: W[x]=1 P0 —rf→ b: R[x]=1 P1 —po-loc→ c: R[x]=0 P1 —ca (fr)→ a');
    expect(explanation).not.toContain('No candidate execution ends in this state');
    await page.waitForSelector('[data-testid=explanation] [data-model=aarch64] [data-testid=graph] svg');
    mkdirSync(fileURLToPath(new URL('../../test-output', import.meta.url)), { recursive: true });
    await (await page.$('[data-testid=explanation]'))!.screenshot({ path: fileURLToPath(new URL('../../test-output/playground-corr.png', import.meta.url)) });
  });

  it('draws pictures a class can read: natural size, zoom, edge filters, full size, SVG and PNG export', async () => {
    await pickLibraryTest(page, 'qemu/qemu-aio-llsc+dmb');
    const graph = '[data-testid=explanation] [data-model=aarch64] [data-testid=graph]';
    await page.waitForSelector(`${graph} svg`);
    // Fitted to the panel by default, but never below 75%: text stays readable, the rest pans.
    const fitted = Number((await page.textContent(`${graph} [data-testid=zoom-level]`))!.replace('%', ''));
    expect(fitted).toBeGreaterThanOrEqual(75);
    expect(fitted).toBeLessThanOrEqual(100);
    // 1:1 is the natural size: the SVG as wide as Graphviz drew it (points → pixels).
    await page.click(`${graph} [data-testid=zoom-reset]`);
    const natural = await page.$eval(`${graph} svg`, (svg) => [svg.getBoundingClientRect().width, parseFloat(svg.getAttribute('width')!) * (4 / 3)]);
    expect(Math.abs(natural[0] - natural[1])).toBeLessThan(2);
    await page.click(`${graph} [data-testid=zoom-in]`);
    expect(await page.textContent(`${graph} [data-testid=zoom-level]`)).toBe('125%');
    const zoomed = await page.$eval(`${graph} svg`, (svg) => svg.getBoundingClientRect().width);
    expect(zoomed / natural[0]).toBeCloseTo(1.25, 1);
    // By default the cycle and rf/co only: no po or fr edge labels; ticking fr draws them.
    const labels = () => page.$$eval(`${graph} g.edge text`, (texts) => texts.map((t) => t.textContent));
    expect(await labels()).not.toContain('fr');
    expect(await labels()).not.toContain('po');
    await page.check(`${graph} input[data-edge=fr]`);
    await page.waitForFunction((sel) => [...document.querySelectorAll(`${sel} g.edge text`)].some((t) => t.textContent === 'fr'), graph);
    mkdirSync(fileURLToPath(new URL('../../test-output', import.meta.url)), { recursive: true });
    await (await page.$(graph))!.screenshot({ path: fileURLToPath(new URL('../../test-output/playground-graph.png', import.meta.url)) });
    // Full size over the page, closed again.
    await page.click(`${graph} [data-testid=full-size]`);
    await page.waitForSelector('[data-testid=full-size-view] svg');
    await page.click('[data-testid=close-full-size]');
    expect(await page.$('[data-testid=full-size-view]')).toBeNull();
    // Export: the SVG as drawn, and a PNG.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click(`${graph} [data-testid=export-svg]`)]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click(`${graph} [data-testid=export-png]`)]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
  });

  it('steps through MP+dmb.ishs\'s candidates, and builds its forbidden execution by hand to see the failing axiom', async () => {
    await pickLibraryTest(page, 'aarch64/MP+dmb.ishs');
    const section = '[data-testid=explanation] [data-model=aarch64]';
    await page.click(`${section} [data-testid=step-it]`);
    await page.waitForSelector(`${section} [data-testid=stepper-candidate]`);
    // The condition's state (new y, old x): one candidate, rejected by external (hand-derived: bob on each side, rfe, fre).
    expect(await page.textContent(`${section} [data-testid=stepper-position]`)).toBe('1 / 1');
    expect(await page.textContent(`${section} [data-testid=stepper-summary]`)).toMatch(/^1 candidate execution ending in this state: 0 allowed, 1 rejected\./);
    expect(await page.textContent(`${section} [data-testid=stepper-candidate] .badge`)).toBe('rejected by external');
    expect(await page.textContent(`${section} [data-testid=axioms] li[data-axiom=external]`)).toMatch(/✗ external fails: a: W\[x\]=1 P0 —bob .*→ a/);
    expect(await page.textContent(`${section} [data-testid=axioms] li[data-axiom=internal]`)).toBe('✓ internal holds');
    // All states: four candidates (each read takes the initial value or P0's write); the one on screen stays (it is the 4th,
    // allowed ones first), and the keyboard walks them.
    await page.check(`${section} [data-testid=stepper-all]`);
    expect(await page.textContent(`${section} [data-testid=stepper-position]`)).toBe('4 / 4');
    const before = page.url();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.textContent(`${section} [data-testid=stepper-position]`)).toBe('2 / 4');
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent(`${section} [data-testid=stepper-position]`)).toBe('3 / 4');
    // The position is in the share link: a fresh page opens the stepper where it was.
    await page.waitForFunction((b) => location.href !== b, before);
    const link = page.url();
    const other = await context!.newPage();
    await other.goto(link);
    await other.waitForSelector(`${section} [data-testid=stepper-position]`);
    expect(await other.textContent(`${section} [data-testid=stepper-position]`)).toBe('3 / 4');
    await other.close();
    // Build by hand: P1's first read from P0's write of y, its second from the initial x.
    await page.click(`${section} [data-testid=stepper-build]`);
    await page.waitForSelector(`${section} [data-testid=build-view]`);
    const picks = await page.$$(`${section} [data-testid=pick-rf]`);
    expect(picks).toHaveLength(2);
    await picks[0].selectOption({ label: 'W[y]=1 on P0 (STR W2,[X3], line 12)' });
    expect(await page.textContent(`${section} [data-testid=build-left]`)).toMatch(/^2 candidates \(of every state\) match/);
    const beforeLastPick = page.url();
    await (await page.$$(`${section} [data-testid=pick-rf]`))[1].selectOption({ label: 'the initial value of x' });
    expect(await page.textContent(`${section} [data-testid=build-verdict]`)).toMatch(/rejected by external/);
    expect(await page.textContent(`${section} [data-testid=axioms] li[data-axiom=external]`)).toMatch(/✗ external fails/);
    // The picks are in the share link too: a fresh page comes back to the built execution.
    await page.waitForFunction((b) => location.href !== b, beforeLastPick);
    const built = await context!.newPage();
    await built.goto(page.url());
    await built.waitForSelector(`${section} [data-testid=build-verdict]`);
    expect(await built.textContent(`${section} [data-testid=build-verdict]`)).toMatch(/rejected by external/);
    await built.close();
    mkdirSync(fileURLToPath(new URL('../../test-output', import.meta.url)), { recursive: true });
    await (await page.$(`${section} [data-testid=stepper]`))!.screenshot({ path: fileURLToPath(new URL('../../test-output/playground-build.png', import.meta.url)) });
    await page.click(`${section} [data-testid=stepper-walk]`);
    await (await page.$(`${section} [data-testid=stepper]`))!.screenshot({ path: fileURLToPath(new URL('../../test-output/playground-stepper.png', import.meta.url)) });
  });

  it('keeps the state a user selected in the share link', async () => {
    await pickLibraryTest(page, 'aarch64/SB');
    const before = page.url();
    await page.click('[data-testid=outcomes] tr.state-row >> nth=2');
    expect(await page.$eval('[data-testid=outcomes] tr.state-row >> nth=2', (row) => row.classList.contains('satisfies'))).toBe(false);
    await page.waitForFunction((b) => location.href !== b, before);
    const selected = await page.textContent('[data-testid=outcomes] tr.state-row.selected');
    const other = await context!.newPage();
    await other.goto(page.url());
    await other.waitForSelector('[data-testid=outcomes] tr.state-row.selected');
    expect(await other.textContent('[data-testid=outcomes] tr.state-row.selected')).toBe(selected);
    await other.close();
  });

  it('shows the x86 version forbidden under x86tso', async () => {
    await pickLibraryTest(page, 'qemu/qemu-aio-x86-lockor');
    expect(await conditionVerdicts(page)).toEqual({ x86tso: 'Forbidden', sc: 'Forbidden' });
  });

  it('shows the patched Arm test forbidden, the explanation naming the barrier', async () => {
    await pickLibraryTest(page, 'qemu/qemu-aio-llsc+dmb');
    expect((await conditionVerdicts(page)).aarch64).toBe('Forbidden');
    const explanation = await page.textContent('[data-testid=explanation] [data-model=aarch64]');
    expect(explanation).toMatch(/dmb/i);
    expect(explanation).toContain('forbids');
    // The forbidding cycle is drawn, and hovering one of its events lights up its instruction.
    await page.waitForSelector('[data-testid=explanation] [data-model=aarch64] [data-testid=graph] g.node.hoverable');
    await page.hover('[data-testid=explanation] [data-model=aarch64] g.node.hoverable >> nth=0');
    expect(await page.$$eval('#editor .cm-event-instruction', (marks) => marks.length)).toBe(1);
  });

  it('underlines a syntax error with its message', async () => {
    await waitForAnalysis(page, 'qemu-aio-llsc');
    await typeIntoEditor(page, 'AArch64 broken\n{\n0:X1=x;\n}\n P0 ;\n LDR W0,[X1] ;\nexists (0:X0=1');
    await page.waitForSelector('#editor .cm-lintRange-error');
    await page.waitForSelector('#status[data-state=problems]');
    const status = await page.textContent('#status');
    expect(status).toContain('The test has errors');
    const message = /line 7, column \d+: (.*)/.exec(status ?? '')?.[1];
    expect(message).toBeTruthy();
    // The underline carries the same message as the CLI's diagnostic.
    await page.hover('#editor .cm-lintRange-error');
    expect(await (await page.waitForSelector('.cm-tooltip-lint')).textContent()).toContain(message);
    // The last run's results were for another test: they are gone.
    expect(await page.$$('#verdict *, #outcomes *, #explanation *')).toHaveLength(0);
  });

  it('underlines an error in the condition', async () => {
    await waitForAnalysis(page, 'qemu-aio-llsc');
    await typeIntoEditor(page, SB.replace(/^exists.*$/m, 'exists (5:X2=1)'));
    await page.waitForSelector('#status[data-state=problems]');
    expect(await page.textContent('#status')).toMatch(/line 8, column \d+: there is no thread P5/);
    await page.waitForSelector('#editor .cm-lintRange-error');
    await page.hover('#editor .cm-lintRange-error');
    expect(await (await page.waitForSelector('.cm-tooltip-lint')).textContent()).toContain('there is no thread P5');
  });

  it("leaves out the states the test's filter drops, as litmus run does", async () => {
    const text = SB.replace('SB+test', 'SB+filter').replace(/^exists/m, 'filter (0:X2=1)\nexists');
    await page.goto(sharedLink(site.url, { text, models: ['aarch64', 'sc'] }));
    await waitForAnalysis(page, 'SB+filter');
    // litmus run: States 2 (0:X2=1 with 1:X2=0 or 1), Never 0 2 under both models.
    expect(await stateRows(page)).toEqual([
      ['1', '0'],
      ['1', '1'],
    ]);
    expect(await conditionVerdicts(page)).toEqual({ aarch64: 'Forbidden', sc: 'Forbidden' });
  });

  it('selects a state breaking a forall condition by default', async () => {
    const text = SB.replace('SB+test', 'SB+forall').replace(/^exists.*$/m, 'forall (0:X2=1 \\/ 1:X2=1)');
    await page.goto(sharedLink(site.url, { text, models: ['aarch64', 'sc'] }));
    await waitForAnalysis(page, 'SB+forall');
    // aarch64 reaches 0:X2=0; 1:X2=0, which breaks the condition; sc forbids it.
    expect(await conditionVerdicts(page)).toEqual({ aarch64: 'Allowed', sc: 'Required' });
    const selected = await page.$eval('tr.selected', (row) => ({
      satisfies: row.classList.contains('satisfies'),
      values: [...row.querySelectorAll('td.state-column')].map((td) => td.textContent),
      verdicts: [...row.querySelectorAll('td.verdict')].map((td) => (td.classList.contains('allowed') ? 'allowed' : 'forbidden')),
    }));
    expect(selected).toEqual({ satisfies: false, values: ['0', '0'], verdicts: ['allowed', 'forbidden'] });
    expect(await page.textContent('[data-testid=explanation] [data-model=sc]')).toContain('forbids');
  });

  it('restores the test and models from a shared link', async () => {
    await waitForAnalysis(page, 'qemu-aio-llsc');
    const edited = (await editorText(page)).replace('qemu-aio-llsc', 'my-own-llsc');
    await typeIntoEditor(page, edited);
    await page.uncheck('#model-sc');
    await waitForAnalysis(page, 'my-own-llsc');
    const link = page.url();
    expect(link).toContain('#s=');
    const otherContext = await browser.newContext();
    try {
      const other = await otherContext.newPage();
      await other.goto(link);
      await waitForAnalysis(other, 'my-own-llsc');
      expect(await editorText(other)).toBe(edited);
      expect(await conditionVerdicts(other)).toEqual({ aarch64: 'Allowed' });
    } finally {
      await otherContext.close();
    }
  });

  it('runs a model pasted by the user, and points at its errors', async () => {
    await waitForAnalysis(page, 'qemu-aio-llsc');
    await page.check('#model-custom');
    await page.fill('#custom-cat', '"Mine"\nacyclic po | rf | co | fr as sc\n');
    await page.waitForSelector('[data-testid=verdict] li[data-model=custom]');
    // Sequential consistency written by hand forbids the hang, like the shipped sc.
    expect((await conditionVerdicts(page)).custom).toBe('Forbidden');
    await page.fill('#custom-cat', '"Mine"\nacyclic po | nonsense as sc\n');
    await page.waitForSelector('#status[data-state=problems]');
    expect(await page.textContent('#status')).toMatch(/Your model has errors:.*line 2, column \d+/);
  });

  it('says when a ticked .cat is empty, and clears the results when no model is left', async () => {
    await waitForAnalysis(page, 'qemu-aio-llsc');
    await page.check('#model-custom');
    await page.waitForFunction(() => document.querySelector('[data-testid=verdict]')?.textContent?.includes('Your .cat is empty'));
    expect(Object.keys(await conditionVerdicts(page))).toEqual(['aarch64', 'sc']);
    const stock = await page.$$eval('input[id^=model-]:not(#model-custom)', (boxes) => boxes.map((b) => b.id));
    expect(stock).toEqual(expect.arrayContaining(['model-aarch64', 'model-x86tso', 'model-sc']));
    for (const id of stock) await page.uncheck(`#${id}`);
    await page.waitForSelector('#status[data-state=failed]');
    expect(await page.textContent('#status')).toContain('Your .cat is empty');
    expect(await page.$$('#verdict *, #outcomes *, #explanation *')).toHaveLength(0);
    await page.uncheck('#model-custom');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('Choose at least one model'));
  });

  it('works offline once loaded', async () => {
    await waitForAnalysis(page, 'qemu-aio-llsc');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.context().setOffline(true);
    await page.reload();
    await pickLibraryTest(page, 'qemu/qemu-aio-llsc+dmb');
    expect((await conditionVerdicts(page)).aarch64).toBe('Forbidden');
    await page.waitForSelector('[data-testid=graph] svg');
  });

  it('cancels a long enumeration and stays responsive', async () => {
    // A fresh load (not a hash change in the page of beforeEach), so the only run is this test's.
    await page.goto('about:blank');
    await page.goto(sharedLink(site.url, { text: largeTest(), models: ['aarch64'] }));
    const cancel = await page.waitForSelector('#status[data-state=running] [data-testid=cancel]');
    // The engine runs in a worker: the page answers while it works.
    const started = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - started).toBeLessThan(1000);
    // Progress keeps coming (at least the clock moves), and the Cancel button is the same element throughout.
    const progress = await page.textContent('#status');
    await page.waitForFunction((before) => document.getElementById('status')?.textContent !== before, progress);
    // It says what the engine does, before and after the first candidate: a phase or a count, under the model
    // (once the worker has started on the model: waited for, not timed).
    await page.waitForFunction(() => /Enumerating… .+ under aarch64/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await cancel.evaluate((button) => button.isConnected)).toBe(true);
    expect(await page.getAttribute('#status', 'data-state')).toBe('running');
    await cancel.click();
    await page.waitForSelector('#status[data-state=cancelled]');
    // A fresh worker takes the next run.
    await page.click('[data-story="qemu/qemu-aio-llsc"]');
    await waitForAnalysis(page, 'qemu-aio-llsc');
    expect((await conditionVerdicts(page)).aarch64).toBe('Allowed');
  });
});

/** Store buffering, the condition and the filter to be edited by each scenario. */
const SB = [
  'AArch64 SB+test',
  '{ 0:X1=x; 0:X3=y; 1:X1=y; 1:X3=x; }',
  ' P0          | P1          ;',
  ' MOV W0,#1   | MOV W0,#1   ;',
  ' STR W0,[X1] | STR W0,[X1] ;',
  ' LDR W2,[X3] | LDR W2,[X3] ;',
  '',
  'exists (0:X2=0 /\\ 1:X2=0)',
  '',
].join('\n');

/**
 * Six threads storing to ten shared locations (three writers each) and each
 * to a private one twenty times: millions of coherence orders, each a costly
 * candidate (about 10,000 a second), so the search runs for minutes before
 * any limit. (Tests with loads are pruned so fast they hit the search-step
 * limit within seconds.)
 */
function largeTest(): string {
  const threads = [0, 1, 2, 3, 4, 5];
  const shared = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const code: string[][] = threads.map(() => []);
  for (const l of shared) for (const k of [0, 1, 2]) code[(l + k) % threads.length].push(`MOV W0,#${((l + k) % threads.length) + 1}`, `STR W0,[X${l + 1}]`);
  for (const t of threads) for (let i = 0; i < 20; i++) code[t].push('STR W0,[X11]');
  const height = Math.max(...code.map((c) => c.length));
  const rows = Array.from({ length: height }, (_, r) => `${code.map((c) => c[r] ?? '').join(' | ')} ;`);
  return [
    'AArch64 never-finishes',
    '{',
    ...threads.map((t) => [...shared.map((l) => `${t}:X${l + 1}=l${l};`), `${t}:X11=p${t};`].join(' ')),
    '}',
    `${threads.map((t) => `P${t}`).join(' | ')} ;`,
    ...rows,
    'exists (l0=1)',
    '',
  ].join('\n');
}

/** The state columns of every row of the outcome table. */
async function stateRows(page: Page): Promise<string[][]> {
  return page.$$eval('[data-testid=outcomes] tr.state-row', (rows) =>
    rows.map((row) => [...row.querySelectorAll('td.state-column')].map((td) => td.textContent ?? '')),
  );
}
