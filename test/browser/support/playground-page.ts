// What the tests read off and do to the playground page, by its visible
// structure, so each scenario reads as the steps a student would take.

import { deflateRawSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export type CellVerdict = 'allowed' | 'forbidden';

/** Waits until the page shows the finished analysis of the test named `testName`. */
export async function waitForAnalysis(page: Page, testName: string): Promise<void> {
  await page.waitForSelector(`#status[data-state=idle] ~ #verdict [data-test-name="${testName}"]`);
}

export async function pickLibraryTest(page: Page, id: string): Promise<void> {
  await page.selectOption('#test-picker', id);
  await waitForAnalysis(page, id.split('/').pop()!);
}

/** The verdict badge ("Allowed"/"Forbidden") for the condition under each model. */
export async function conditionVerdicts(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-testid=verdict] li[data-model]', (items) =>
    Object.fromEntries(items.map((li) => [(li as HTMLElement).dataset.model, li.querySelector('.badge')?.textContent ?? ''])),
  );
}

/** The table cells (per model) of the first row satisfying the condition. */
export async function conditionRow(page: Page): Promise<Record<string, CellVerdict>> {
  return page.$eval('[data-testid=outcomes]', (table) => {
    const models = [...table.querySelectorAll('th.model-column')].map((th) => th.textContent ?? '');
    const cells = [...table.querySelectorAll('tr.satisfies td.verdict')];
    return Object.fromEntries(models.map((model, i) => [model, cells[i]?.classList.contains('allowed') ? 'allowed' : 'forbidden']));
  }) as Promise<Record<string, CellVerdict>>;
}

export async function editorText(page: Page): Promise<string> {
  return page.$$eval('#editor .cm-line', (lines) => lines.map((line) => line.textContent ?? '').join('\n'));
}

/** Replaces the editor's text as a user would (select all, type). */
export async function typeIntoEditor(page: Page, text: string): Promise<void> {
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** A link to the playground with this state, encoded as the page does (deflate-raw, base64url). */
export function sharedLink(siteUrl: string, state: { text: string; models: string[]; cat?: string }): string {
  const packed = deflateRawSync(Buffer.from(JSON.stringify({ cat: '', ...state }))).toString('base64url');
  return `${siteUrl}#s=${packed}`;
}
