// The playground end to end, in Debian's Chromium against the built site:
// the QEMU story, diagnostics, shared links and cancelling a long run.
// Expected verdicts come from litmus/qemu/README.md's hand derivations.

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, CHROMIUM_PATH } from './support/chromium.js';
import { conditionRow, conditionVerdicts, editorText, pickLibraryTest, sharedLink, typeIntoEditor, waitForAnalysis } from './support/playground-page.js';
import { serveFolder, type StaticSite } from './support/static-server.js';

const SITE = fileURLToPath(new URL('../../web/dist', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../test-output/playground.png', import.meta.url));

if (!hasChromium) console.warn(`Skipping the browser tests: ${CHROMIUM_PATH} is not installed (apt-get install -y chromium).`);

describe.skipIf(!hasChromium)('the playground in Chromium', () => {
  let site: StaticSite;
  let browser: Browser;
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
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    page = await context.newPage();
    await page.goto(site.url);
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
  });

  it('restores the test and models from a shared link', async () => {
    await waitForAnalysis(page, 'qemu-aio-llsc');
    const edited = (await editorText(page)).replace('qemu-aio-llsc', 'my-own-llsc');
    await typeIntoEditor(page, edited);
    await page.uncheck('#model-sc');
    await waitForAnalysis(page, 'my-own-llsc');
    const link = page.url();
    expect(link).toContain('#s=');
    const other = await (await browser.newContext()).newPage();
    await other.goto(link);
    await waitForAnalysis(other, 'my-own-llsc');
    expect(await editorText(other)).toBe(edited);
    expect(await conditionVerdicts(other)).toEqual({ aarch64: 'Allowed' });
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
    await page.goto(sharedLink(site.url, { text: largeTest(), models: ['aarch64'] }));
    await page.waitForSelector('[data-testid=cancel]');
    // The engine runs in a worker: the page answers while it works.
    const started = Date.now();
    await page.evaluate(() => document.title);
    expect(Date.now() - started).toBeLessThan(1000);
    await page.click('[data-testid=cancel]');
    await page.waitForSelector('#status[data-state=cancelled]');
    // A fresh worker takes the next run.
    await page.click('[data-story="qemu/qemu-aio-llsc"]');
    await waitForAnalysis(page, 'qemu-aio-llsc');
    expect((await conditionVerdicts(page)).aarch64).toBe('Allowed');
  });
});

/** Four threads of stores and loads on two locations: far too many candidates to finish quickly. */
function largeTest(): string {
  const threads = [0, 1, 2, 3];
  const cells = threads.map((t) =>
    [0, 1, 2, 3].flatMap((i) => [`MOV W0,#${t * 10 + i + 1}`, `STR W0,[X${1 + ((t + i) % 2)}]`, `LDR W${3 + i},[X${1 + ((t + i + 1) % 2)}]`]),
  );
  const rows = cells[0].map((_, r) => `${cells.map((column) => column[r]).join(' | ')} ;`);
  return [
    'AArch64 big-generated',
    '{',
    threads.map((t) => `${t}:X1=x; ${t}:X2=y;`).join(' '),
    '}',
    `${threads.map((t) => `P${t}`).join(' | ')} ;`,
    ...rows,
    'exists (0:X3=0)',
    '',
  ].join('\n');
}
