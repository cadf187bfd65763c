import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, watchPageProblems } from '../helpers/browser.ts';
import { startServe } from '../helpers/serve-process.ts';
import { E2E_OUTPUT_DIR, callServe } from '../helpers/serve-api.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { makeFixture, POOR_FILES } from '../scorecard/fixtures.ts';

// The README shows these.
const DOCS_DIR = path.resolve('docs/screenshots');

test('scorecard: assess a fixture project, drill into a failing check, export Markdown, re-assess and see the change', { timeout: 120_000 }, async (t) => {
  fs.mkdirSync(E2E_OUTPUT_DIR, { recursive: true });
  fs.mkdirSync(DOCS_DIR, { recursive: true });
  const data = makeTempDir('photon-e2e-');
  t.after(() => data.cleanup());
  const repo = makeFixture('e2e', POOR_FILES, { git: true });
  t.after(repo.cleanup);
  const serve = await startServe({ dataDir: data.dir });
  t.after(() => serve.stop());
  await callServe(serve, 'addProject', { name: 'Poor service', repoPath: repo.dir });

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = watchPageProblems(page);
  await page.goto(serve.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor();
  await page.getByText('Not assessed yet.').waitFor();

  // ── Assess ──
  await page.getByRole('button', { name: 'Assess', exact: true }).click();
  const score = page.getByTestId('overall-score');
  await score.waitFor();
  const stored = await callServe(serve, 'listAssessments', { projectId: (await callServe(serve, 'listProjects', {}))[0]!.id });
  assert.equal(stored.length, 1);
  assert.equal(await score.textContent(), `${stored[0]!.overall}%`, 'the view shows the stored score, not its own');
  const table = page.getByRole('table', { name: 'Readiness by category' });
  assert.equal(await table.getByRole('row').count(), 9, 'a header and eight categories');
  const security = stored[0]!.categories.find((c) => c.name === 'Security')!;
  await table.getByRole('row', { name: new RegExp(`^Security ${security.current}%`) }).waitFor();
  await page.getByRole('button', { name: 'Re-assess' }).waitFor();
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'scorecard.png') });

  // ── Drill into a failing check ──
  const checks = page.getByRole('table', { name: 'Checks' });
  await page.getByRole('group', { name: 'Show checks' }).getByRole('button', { name: /^Failing/ }).click();
  await checks.getByRole('button', { name: 'JWT signing secret comes from the environment, not a literal' }).click();
  const detail = page.getByRole('region', { name: 'JWT signing secret comes from the environment, not a literal' });
  await detail.waitFor();
  await detail.getByText('index.js:15').waitFor();
  await detail.getByText('a JWT secret is written into the code').waitFor();
  await detail.getByText(/Read the signing secret from the environment/).waitFor();
  assert.match((await detail.textContent()) ?? '', /FAIL/);
  await detail.scrollIntoViewIfNeeded();
  await detail.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'scorecard-check.png') });

  // ── Export Markdown ──
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  assert.match(download.suggestedFilename(), /^readiness-\d+-\d{4}-\d{2}-\d{2}\.md$/);
  const saved = path.join(E2E_OUTPUT_DIR, 'scorecard-export.md');
  await download.saveAs(saved);
  const md = fs.readFileSync(saved, 'utf8');
  assert.match(md, /## 📊 Deployment Readiness Scorecard/);
  assert.ok(md.includes(`**Overall Deployment Readiness**: ${stored[0]!.overall}%`));

  // ── Fix something, re-assess: the trend grows and the change is listed ──
  await page.getByText(/^Targets per category/).click();
  const targets = page.getByRole('form', { name: 'Targets per category' });
  await targets.getByLabel('Documentation (%)').fill('140');
  await targets.getByRole('button', { name: 'Save targets' }).click();
  await targets.getByText('a whole number from 0 to 100, or empty for the tier default').waitFor();
  await targets.getByLabel('Documentation (%)').fill('40');
  await targets.getByRole('button', { name: 'Save targets' }).click();
  await page.getByText(/^Targets per category \(production tier, 1 overridden\)/).waitFor();
  fs.writeFileSync(path.join(repo.dir, 'SECURITY.md'), '# Security\n');
  await page.getByRole('button', { name: 'Re-assess' }).click();
  await page.getByRole('list', { name: 'Checks that changed' }).getByText('Security policy (SECURITY.md): FAIL → PASS').waitFor();
  await page.locator('figure.chart[data-points="2"]').waitFor();
  const docs = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Documentation' }) });
  assert.equal(await docs.getByRole('cell').nth(1).textContent(), '40%', 'the overridden target is used by the next assessment');
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'scorecard-trend.png'), fullPage: true });

  for (const shot of ['scorecard.png', 'scorecard-check.png']) fs.copyFileSync(path.join(E2E_OUTPUT_DIR, shot), path.join(DOCS_DIR, shot));
  assert.deepEqual(problems, []);
});
