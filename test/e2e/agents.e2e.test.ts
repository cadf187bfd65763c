import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, watchPageProblems } from '../helpers/browser.ts';
import { filesContaining, startKeyringSession } from '../helpers/keyring-session.ts';
import { startServe } from '../helpers/serve-process.ts';
import { E2E_OUTPUT_DIR, callServe } from '../helpers/serve-api.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const LIVE_TIMEOUT_MS = 10_000;

/** What an agent's script does, per the snippet the view shows. */
async function report(ingest: string, token: string, kind: '' | 'start' | 'finish' | 'status', body?: unknown): Promise<number> {
  const res = await fetch(`${ingest}ping/${token}${kind ? `/${kind}` : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  await res.arrayBuffer();
  return res.status;
}

const card = (page: Page, code: string): Locator => page.locator(`article[data-agent="${code}"]`);

test('agents: an agent reports in through the push endpoint and its card updates live', { timeout: 90_000 }, async (t) => {
  fs.mkdirSync(E2E_OUTPUT_DIR, { recursive: true });
  const data = makeTempDir('photon-e2e-agents-');
  t.after(() => data.cleanup());
  // photon serve keeps push tokens in the OS keychain: a private gnome-keyring for this test.
  const keyring = await startKeyringSession();
  t.after(() => keyring.stop());
  const [serve, browser] = await Promise.all([startServe({ dataDir: data.dir, env: keyring.env }), launchBrowser()]);
  t.after(() => serve.stop());
  t.after(() => browser.close());
  assert.match(serve.output(), /Agents report to http:\/\/127\.0\.0\.1:\d+\/ping\/<token>/);

  const project = await callServe(serve, 'addProject', { name: 'shop' });
  const ingest = (await callServe(serve, 'getAgentIngestInfo', {})).url!;
  assert.match(ingest, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const roster = await callServe(serve, 'listAgents', { projectId: project.id });
  const byCode = Object.fromEntries(roster.map((a) => [a.code, a]));

  // A history for agent C before the page opens, so its trust has something to stand on.
  const c = await callServe(serve, 'createAgentToken', { id: byCode.C!.id });
  for (let i = 0; i < 14; i++) {
    assert.equal(await report(ingest, c.token, ''), 200);
    assert.equal(await report(ingest, c.token, 'finish', { taskId: `api-${i}`, outcome: i === 3 ? 'failure' : 'success', durationMs: 40_000 + (i % 3) * 5_000, quality: 0.8, key: `api-${i}` }), 200);
  }

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // The bad-threshold step makes the server answer 400 on purpose, and Chromium logs every 4xx fetch.
  const problems = watchPageProblems(page, [/Failed to load resource: the server responded with a status of 400/]);
  await page.goto(serve.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Agents' }).waitFor();

  const a = card(page, 'A');
  await a.getByTestId('presence').filter({ hasText: /^OFFLINE$/ }).waitFor();
  assert.equal(await a.getByTestId('last-heartbeat').textContent(), 'never');
  assert.match((await a.getByTestId('trust').textContent()) ?? '', /insufficient data/);
  await card(page, 'C').getByTestId('trust').filter({ hasText: /MEDIUM|HIGH/ }).waitFor();

  // The token is created in the UI and shown once, with the curl snippet filled in.
  await a.getByRole('button', { name: 'Create push token' }).click();
  const fresh = page.getByTestId('fresh-token');
  await fresh.waitFor();
  const token = ((await fresh.locator('pre').textContent()) ?? '').trim();
  assert.match(token, /^pht_[A-Za-z0-9_-]{43}$/);
  const snippet = (await page.getByTestId('curl-snippet').textContent()) ?? '';
  assert.ok(snippet.includes(`curl -fsS -m 10 -X POST ${ingest}ping/${token}`), snippet);

  // The token is in the keychain, and nowhere in the data directory (database, WAL, settings).
  const stored = await keyring.secretTool(['search', '--all', 'service', 'photon-console']);
  assert.ok(`${stored.stdout}${stored.stderr}`.includes(token), 'secret-tool finds the token in the keyring');
  assert.deepEqual(filesContaining([data.dir], [token, token.slice(4)]), []);

  // The agent reports; the card follows by events alone (no reload, no polling).
  assert.equal(await report(ingest, token, ''), 200);
  await a.getByTestId('presence').filter({ hasText: /^IDLE$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await a.getByTestId('last-heartbeat').filter({ hasText: /just now|s ago/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await report(ingest, token, 'start', { taskId: 'ui-17', title: 'Checkout page redesign', key: 'ui-17:start' }), 200);
  assert.equal(await report(ingest, token, 'status', { text: 'polishing the checkout form' }), 200);
  await a.getByTestId('presence').filter({ hasText: /^ONLINE$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await a.getByTestId('current-task').filter({ hasText: 'Checkout page redesign' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await a.getByTestId('status-text').filter({ hasText: 'polishing the checkout form' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await report(ingest, token, 'start', { taskId: 'ui-17', title: 'Checkout page redesign', key: 'ui-17:start' }), 409, 'a replay is refused');

  // The trust score shows its formula and inputs right there.
  const details = card(page, 'C').locator('details.trust-details');
  await details.locator('summary').click();
  await details.locator('dt', { hasText: 'Reliability' }).waitFor();
  assert.match((await details.textContent()) ?? '', /Beta\(2,2\)/);

  await page.getByRole('button', { name: 'I have copied it' }).click();
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'agents.png'), fullPage: true });

  // History charts of C: outcomes and durations from its reports.
  await card(page, 'C').getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('region', { name: /History of C/ });
  await history.waitFor();
  await history.locator('figure[data-points]').first().waitFor();
  const outcomes = history.locator('figure', { hasText: 'Outcomes' });
  assert.ok(Number(await outcomes.getAttribute('data-points')) >= 1);
  assert.match((await outcomes.textContent()) ?? '', /14 finished tasks, 1 failed/);
  assert.match((await history.locator('figure', { hasText: 'Durations' }).textContent()) ?? '', /14 timed tasks/);
  await history.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'agent-history.png') });

  // Finishing the task moves A back to IDLE, live.
  assert.equal(await report(ingest, token, 'finish', { taskId: 'ui-17', outcome: 'success', key: 'ui-17:finish' }), 200);
  await a.getByTestId('presence').filter({ hasText: /^IDLE$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  await a.getByTestId('current-task').filter({ hasText: 'none' }).waitFor({ timeout: LIVE_TIMEOUT_MS });

  // A bad threshold is refused under its field.
  const thresholds = page.getByRole('form', { name: 'Presence thresholds' });
  await thresholds.getByLabel('Offline after (s)').fill('10');
  await thresholds.getByRole('button', { name: 'Save thresholds' }).click();
  await thresholds.getByText('offlineAfterSeconds must be longer than staleAfterSeconds').waitFor();

  // The roster is editable: rename, add (a refused empty name first), retire — history stays.
  await a.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit agent A' });
  await edit.getByLabel('Name').fill('Frontend bot');
  await edit.getByLabel('Model or person').fill('claude-sonnet');
  await edit.getByRole('button', { name: 'Save agent' }).click();
  await a.getByRole('heading', { name: 'A Frontend bot' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.match((await a.textContent()) ?? '', /claude-sonnet/);
  assert.match((await a.textContent()) ?? '', /1 succeeded, 0 failed/, 'the renamed agent keeps its history');

  await page.getByRole('button', { name: 'Add agent', exact: true }).first().click();
  const add = page.getByRole('form', { name: 'Add an agent' });
  await add.getByRole('button', { name: 'Add agent' }).click();
  await add.getByText('saveAgent: name is required').or(add.getByText('saveAgent: name must not be empty')).waitFor();
  await add.getByLabel('Name').fill('Agent G');
  await add.getByLabel('Role').fill('Quality');
  await add.getByRole('button', { name: 'Add agent' }).click();
  await card(page, 'G').getByTestId('presence').filter({ hasText: /^OFFLINE$/ }).waitFor({ timeout: LIVE_TIMEOUT_MS });

  await card(page, 'B').getByRole('button', { name: 'Retire' }).click();
  await page.getByRole('dialog', { name: /Retire agent B/ }).getByRole('button', { name: 'Retire agent' }).click();
  await card(page, 'B').getByText('RETIRED').waitFor({ timeout: LIVE_TIMEOUT_MS });
  assert.equal(await card(page, 'B').getByRole('button', { name: 'Retire' }).count(), 0);

  assert.deepEqual(problems, [], 'no page errors, CSP violations or unexpected console errors');
});
