import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, watchPageProblems } from '../helpers/browser.ts';
import { startServe } from '../helpers/serve-process.ts';
import { E2E_OUTPUT_DIR } from '../helpers/serve-api.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

test('settings: startup notice, about block, validation, theme saved and applied', { timeout: 60_000 }, async (t) => {
  fs.mkdirSync(E2E_OUTPUT_DIR, { recursive: true });
  const data = makeTempDir('photon-e2e-');
  t.after(() => data.cleanup());
  // A database file SQLite cannot read: the core must move it aside and say so, not start silently empty.
  fs.writeFileSync(path.join(data.dir, 'photon.db'), 'not a database, just text\n'.repeat(200));
  const serve = await startServe({ dataDir: data.dir });
  t.after(() => serve.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(10_000);
  const problems = watchPageProblems(page);

  await page.goto(serve.url);
  const notice = page.getByRole('alert').filter({ hasText: 'Startup notice' });
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /photon\.db was unreadable/);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  const about = page.getByRole('region', { name: 'About' });
  await about.getByText('Browser, through photon serve (HTTP)').waitFor();
  assert.equal(await about.getByText(VERSION, { exact: true }).count(), 1, 'version');
  assert.equal(await about.getByText(path.resolve(data.dir), { exact: true }).count(), 1, 'data directory');
  assert.match((await about.getByRole('list', { name: 'Startup notices' }).textContent()) ?? '', /moved to/);

  const form = page.getByRole('form', { name: 'Display and freshness' });
  const stale = form.getByLabel('Stale after (seconds)');
  assert.equal(await stale.inputValue(), '300', 'the default comes from the core');
  await stale.fill('5');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.getByText('Must be from 10 to 86400 seconds.').waitFor();
  assert.equal(await stale.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true', 'focus goes to the field to fix');

  await stale.fill('600');
  await form.getByLabel('Dark').check();
  await form.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'settings.png'), fullPage: true });

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('form', { name: 'Display and freshness' }).getByLabel('Stale after (seconds)').inputValue(), '600');
  assert.equal(await page.getByLabel('Dark').isChecked(), true);

  assert.deepEqual(problems, [], 'no page errors, CSP violations or console errors');
});
