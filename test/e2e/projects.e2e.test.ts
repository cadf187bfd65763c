import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchPageProblems } from '../helpers/browser.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';
import { E2E_OUTPUT_DIR } from '../helpers/serve-api.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const VIEW_LABELS = ['Overview', 'Projects', 'Scorecard', 'Monitors', 'Agents', 'Recovery', 'Backups', 'Settings'];
// The duplicate-name step makes the server answer 409 on purpose, and Chromium logs every 4xx fetch.
const EXPECTED_CONSOLE_ERRORS = [/Failed to load resource: the server responded with a status of 409/];

const project = (page: Page, name: string) => page.getByRole('article', { name, exact: true });
const addForm = (page: Page) => page.getByRole('form', { name: 'Add a project' });

async function openConsole(context: BrowserContext, serve: ServeProcess, problems: string[][]): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  problems.push(watchPageProblems(page, EXPECTED_CONSOLE_ERRORS));
  await page.goto(serve.url);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}

async function goToProjects(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  await page.getByText('Loading projects…').waitFor({ state: 'detached' });
}

test('projects: add, live update, persistence across reload and restart, conflict, rename, remove', { timeout: 120_000 }, async (t) => {
  fs.mkdirSync(E2E_OUTPUT_DIR, { recursive: true });
  const data = makeTempDir('photon-e2e-');
  t.after(() => data.cleanup());
  let serve = await startServe({ dataDir: data.dir });
  t.after(() => serve.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const problems: string[][] = [];

  // ── The shell ──
  const page = await openConsole(context, serve, problems);
  assert.ok(!page.url().includes('token'), `the token must leave the address bar, URL is ${page.url()}`);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of VIEW_LABELS) {
    assert.equal(await nav.getByRole('link', { name: label }).count(), 1, `sidebar link ${label}`);
  }
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Production environment status' }).waitFor();
  await page.getByText('Live updates: on').waitFor();
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'shell.png') });

  await goToProjects(page);
  assert.match(page.url(), /#\/projects$/);

  // A second tab that takes no action: whatever it shows can only have come through the event stream.
  // It must have its list and a live stream before the add, or the list could have come from listProjects.
  const watcher = await openConsole(context, serve, problems);
  await goToProjects(watcher);
  await watcher.getByText('No projects yet', { exact: false }).waitFor();
  await watcher.getByText('Live updates: on').waitFor();

  // ── Add ──
  const form = addForm(page);
  await form.getByLabel('Name').fill('payments-api');
  await form.getByLabel('Repository path').fill('/srv/repos/payments-api');
  await form.getByLabel('Notes').fill('Owned by the payments team.');
  await form.getByRole('button', { name: 'Add project' }).click();
  await project(page, 'payments-api').waitFor();
  await project(watcher, 'payments-api').waitFor();
  assert.equal(await form.getByLabel('Name').inputValue(), '', 'the add form is cleared after success');
  const card = project(page, 'payments-api');
  assert.equal(await card.getByText('/srv/repos/payments-api', { exact: true }).count(), 1);
  assert.equal(await card.getByText('Owned by the payments team.', { exact: true }).count(), 1);
  assert.equal(await card.locator('time').count(), 2, 'created and updated times are shown');

  // ── Reload keeps the view and the data (token now from sessionStorage) ──
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  await project(page, 'payments-api').waitFor();

  // ── Restart photon serve on the same data directory: new port, new token, same projects ──
  await page.close();
  await watcher.close();
  await serve.stop();
  serve = await startServe({ dataDir: data.dir });
  const again = await openConsole(context, serve, problems);
  await goToProjects(again);
  await project(again, 'payments-api').getByText('/srv/repos/payments-api', { exact: true }).waitFor();

  // ── Duplicate name (names are unique regardless of case): the conflict shows at the Name field ──
  const form2 = addForm(again);
  const nameInput = form2.getByLabel('Name');
  await nameInput.fill('PAYMENTS-API');
  await form2.getByRole('button', { name: 'Add project' }).click();
  await form2.locator('input[aria-invalid="true"]').waitFor();
  const describedBy = (await nameInput.getAttribute('aria-describedby')) ?? '';
  const errorText = await again.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent();
  assert.match(errorText ?? '', /already exists/, 'the conflict message is tied to the Name input');
  assert.equal(await nameInput.locator('xpath=..').getByText(/already exists/).count(), 1, 'and sits beside it');
  assert.equal(await form2.getByLabel('Repository path').getAttribute('aria-invalid'), null, 'no other field is blamed');
  assert.equal(await again.getByRole('article').count(), 1, 'the duplicate was not added');

  // ── Rename in place ──
  await again.getByRole('button', { name: 'Edit payments-api' }).click();
  const edit = again.getByRole('form', { name: 'Edit payments-api' });
  await edit.getByLabel('Name').fill('payments-gateway');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await project(again, 'payments-gateway').waitFor();
  await project(again, 'payments-api').waitFor({ state: 'detached' });
  assert.equal(await project(again, 'payments-gateway').getByText('Owned by the payments team.').count(), 1, 'notes survive a rename');

  // ── Remove asks first; Escape keeps the project ──
  await nameInput.fill('scratch');
  await form2.getByRole('button', { name: 'Add project' }).click();
  await project(again, 'scratch').waitFor();
  await again.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'projects.png'), fullPage: true });

  await again.getByRole('button', { name: 'Remove scratch' }).click();
  const dialog = again.getByRole('dialog', { name: 'Remove “scratch”?' });
  await dialog.waitFor();
  assert.equal(await again.evaluate(() => document.activeElement?.textContent), 'Cancel', 'focus starts on the safe choice');
  await again.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await project(again, 'scratch').count(), 1, 'Escape cancels the removal');
  await again.getByRole('button', { name: 'Remove scratch' }).click();
  await dialog.getByRole('button', { name: 'Remove project' }).click();
  await project(again, 'scratch').waitFor({ state: 'detached' });
  assert.equal(await project(again, 'payments-gateway').count(), 1);

  assert.deepEqual(problems.flat(), [], 'no page errors, CSP violations or unexpected console errors');
});
