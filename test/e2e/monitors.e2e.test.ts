import { VIEWS } from '../../renderer/state/views.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, watchPageProblems } from '../helpers/browser.ts';
import { closeServer, freePort, listen } from '../helpers/loopback-servers.ts';
import { startServe } from '../helpers/serve-process.ts';
import { E2E_OUTPUT_DIR, callServe } from '../helpers/serve-api.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

// The bad-condition step makes the server answer 400 on purpose, and Chromium logs every 4xx fetch.
const EXPECTED_CONSOLE_ERRORS = [/Failed to load resource: the server responded with a status of 400/];
// First runs are jittered over one interval (5 s); a DOWN behind a parent needs that parent's result first.
const RESULT_TIMEOUT_MS = 20_000;

async function startTargets() {
  const web = http.createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', errors: { rate: 0.25 } }));
    } else {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end('maintenance');
    }
  });
  const tcp = net.createServer((socket) => socket.end());
  const [webPort, tcpPort, closedPort] = await Promise.all([listen(web), listen(tcp), freePort()]);
  return { webPort, tcpPort, closedPort, close: () => Promise.all([closeServer(web), closeServer(tcp)]) };
}

const BAD_CONFIG = `environment:
  domain: shop.example.test
monitors:
  - name: db
    kind: tcp
    host: 127.0.0.1
    port: 1
    conditions:
      - "[CONNECTED] =="
`;

const goodConfig = (tcpPort: number) => `environment:
  domain: shop.example.test
  vmAddress: 127.0.0.1
  provider: Local test
  monthlyCost: "$0"
monitors:
  - name: db
    kind: tcp
    host: 127.0.0.1
    port: ${tcpPort}
    interval: 5s
    role: database
`;

const row = (table: Locator, name: string) => table.getByRole('row').filter({ has: table.page().getByRole('link', { name, exact: true }) });

async function waitForStatus(table: Locator, name: string, status: string): Promise<void> {
  await row(table, name).locator('.badge', { hasText: new RegExp(`^${status}$`) }).waitFor({ timeout: RESULT_TIMEOUT_MS });
}

async function statusCount(page: Page, status: string): Promise<number> {
  const text = await page.getByRole('group', { name: 'Monitors per status' }).getByRole('button', { name: new RegExp(`^${status} \\d+$`) }).textContent();
  return Number(/(\d+)$/.exec(text ?? '')?.[1]);
}

async function goTo(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

test('monitors: live list with statuses, form errors by field, detail charts, photon.yml import, overview', { timeout: 90_000 }, async (t) => {
  fs.mkdirSync(E2E_OUTPUT_DIR, { recursive: true });
  const data = makeTempDir('photon-e2e-');
  t.after(() => data.cleanup());
  const repo = makeTempDir('photon-e2e-repo-');
  t.after(() => repo.cleanup());
  fs.writeFileSync(path.join(repo.dir, 'photon.yml'), BAD_CONFIG);
  const targets = await startTargets();
  t.after(() => targets.close());
  const [serve, browser] = await Promise.all([startServe({ dataDir: data.dir }), launchBrowser()]);
  t.after(() => serve.stop());
  t.after(() => browser.close());

  // ── Monitors created through the HTTP API, as a script would ──
  const project = await callServe(serve, 'addProject', { name: 'shop', repoPath: repo.dir });
  const base = { projectId: project.id, intervalSeconds: 5 } as const;
  const web = `http://127.0.0.1:${targets.webPort}`;
  await callServe(serve, 'saveMonitor', {
    ...base,
    name: 'api-health',
    role: 'api',
    target: { kind: 'http', url: `${web}/health` },
    conditions: ['[STATUS] == 200'],
    metric: { name: 'error rate', source: '[BODY].errors.rate' },
  });
  const broken = await callServe(serve, 'saveMonitor', { ...base, name: 'api-broken', role: 'api', failureThreshold: 1, target: { kind: 'http', url: `${web}/broken` } });
  await callServe(serve, 'saveMonitor', { ...base, name: 'prod-vm', role: 'vm', target: { kind: 'tcp', host: '127.0.0.1', port: targets.tcpPort } });
  // Refused, but behind a failing parent: it must show as blocked by that parent, not as a second outage.
  await callServe(serve, 'saveMonitor', {
    ...base,
    name: 'worker-behind-api',
    parentId: broken.id,
    failureThreshold: 3,
    target: { kind: 'tcp', host: '127.0.0.1', port: targets.closedPort },
  });

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  const problems = watchPageProblems(page, EXPECTED_CONSOLE_ERRORS);
  await page.goto(serve.url);
  await page.getByText('Live updates: on').waitFor();
  const unbuilt = VIEWS.filter((v) => !v.available).length;
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByText('not yet').count(), unbuilt, 'exactly the unbuilt views are marked "not yet"');

  // ── The list: statuses as words, from live events ──
  await goTo(page, 'Monitors');
  const table = page.getByRole('table', { name: 'Monitors' });
  await waitForStatus(table, 'api-health', 'UP');
  await waitForStatus(table, 'prod-vm', 'UP');
  await waitForStatus(table, 'api-broken', 'DOWN');
  await row(table, 'worker-behind-api').getByText('blocked by api-broken').waitFor({ timeout: RESULT_TIMEOUT_MS });
  assert.match((await row(table, 'api-broken').textContent()) ?? '', /HTTP 503/, 'the reason is in the row');
  assert.match((await row(table, 'api-health').textContent()) ?? '', /\d+(\.\d)? ms/, 'a measured latency');
  assert.equal(await row(table, 'api-health').locator('time').count(), 1, 'last checked is a <time>');
  assert.ok(await row(table, 'api-health').locator('time').getAttribute('title'), 'with its absolute time');
  assert.equal(await row(table, 'api-health').getByRole('img', { name: /Last 24 hours/ }).count(), 1, 'a sparkline');
  assert.match((await row(table, 'api-health').textContent()) ?? '', /http · UI/, 'kind and source');
  assert.equal(await statusCount(page, 'UP'), 2);
  assert.equal(await statusCount(page, 'DOWN'), 1);
  assert.equal(await statusCount(page, 'UNKNOWN'), 1);

  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('prod-vm');
  await page.getByText('Showing 1 of 4 monitors').waitFor();
  await search.fill('');
  await page.getByLabel('Status', { exact: true }).selectOption('UP');
  await page.getByText('Showing 2 of 4 monitors').waitFor();
  assert.equal(await row(table, 'api-broken').count(), 0, 'the DOWN monitor is filtered out');
  await page.getByLabel('Status', { exact: true }).selectOption('all');
  await page.getByText('4 monitors', { exact: true }).waitFor();
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'monitors.png'), fullPage: true });

  // ── The form: a bad condition is refused by the core and shown at the Conditions input, with its column ──
  await page.getByRole('link', { name: 'Add monitor' }).click();
  const form = page.getByRole('form', { name: 'Add a monitor' });
  await form.getByRole('textbox', { name: 'Name (required)' }).fill('form-tcp');
  await form.getByLabel('Kind').selectOption('tcp');
  await form.getByRole('textbox', { name: /^Host/ }).fill('127.0.0.1');
  await form.getByRole('spinbutton', { name: /^Port/ }).fill(String(targets.tcpPort));
  await form.getByLabel('Interval (seconds)').fill('5');
  const conditions = form.getByLabel('Conditions');
  await conditions.fill('[CONNECTED] == true\n[RESPONSE_TIME] <');
  await form.getByRole('button', { name: 'Add monitor' }).click();
  await form.locator('textarea[aria-invalid="true"]').waitFor();
  const errorId = ((await conditions.getAttribute('aria-describedby')) ?? '').split(' ')[0];
  const conditionError = (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
  assert.match(conditionError, /Line 2/, `the message names the line: ${conditionError}`);
  assert.match(conditionError, /column \d+/, `and the column: ${conditionError}`);
  assert.equal(await form.locator('[aria-invalid="true"]').count(), 1, 'no other field is blamed');
  await form.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'monitor-form-error.png') });
  await conditions.fill('[CONNECTED] == true');
  await form.getByRole('button', { name: 'Add monitor' }).click();
  await page.getByRole('heading', { level: 1, name: 'form-tcp' }).waitFor();
  assert.match(page.url(), /#\/monitors\/\d+$/);

  // ── Pause, resume and remove: what is shown changes only when the core's event says so ──
  await page.getByRole('button', { name: 'Pause checks' }).click();
  await page.locator('.monitor-header .badge', { hasText: 'PAUSED' }).waitFor();
  await page.getByRole('button', { name: 'Resume checks' }).click();
  await page.locator('.monitor-header .badge', { hasText: 'PAUSED' }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove “form-tcp”?' });
  await dialog.getByRole('button', { name: 'Remove monitor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Monitors' }).waitFor();
  await page.getByText('4 monitors', { exact: true }).waitFor();
  assert.equal(await row(table, 'form-tcp').count(), 0, 'the removed monitor left the list');

  // ── Detail: charts from the rollups, raw results, evidence ──
  await row(table, 'api-health').getByRole('link', { name: 'api-health' }).click();
  await page.getByRole('heading', { level: 1, name: 'api-health' }).waitFor();
  const latency = page.locator('figure.chart', { hasText: 'Latency' });
  const uptime = page.locator('figure.chart', { hasText: 'Uptime' });
  const metric = page.locator('figure.chart', { hasText: 'Metric: error rate' });
  // The first read may predate the first minute rollup; the next monitorsUpdated re-reads it.
  await latency.locator('.recharts-surface').waitFor({ timeout: RESULT_TIMEOUT_MS });
  await uptime.locator('.recharts-surface').waitFor();
  await metric.locator('.recharts-surface').waitFor();
  assert.ok(Number(await latency.getAttribute('data-points')) >= 1, 'latency has data points');
  assert.ok((await latency.locator('.lat-avg path.recharts-curve, .lat-dot').count()) >= 1, 'a line or a dot is drawn');
  assert.ok((await uptime.locator('.bar-up .recharts-rectangle').count()) >= 1, 'at least one "up" bar');
  assert.match((await uptime.textContent()) ?? '', /\d+ results: \d+ up, 0 degraded, 0 down, 0 unknown/);
  assert.match((await metric.textContent()) ?? '', /0\.25/, 'the metric read from the body');
  const results = page.getByRole('region', { name: 'Last results' });
  assert.ok((await results.getByRole('row').count()) >= 2, 'raw results are listed');
  // Stored messages carry no timings (the latency column has them): "HTTP 200", not "HTTP 200 in 3 ms".
  const resultsText = (await results.textContent()) ?? '';
  assert.match(resultsText, /HTTP 200/);
  assert.doesNotMatch(resultsText, /HTTP 200 in/);
  const evidence = page.getByRole('region', { name: 'Evidence of the last result' });
  assert.match((await evidence.textContent()) ?? '', /status200/, 'the evidence as key and value');
  await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '24h' }).click();
  await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '24h', pressed: true }).waitFor();
  await latency.locator('.recharts-surface').waitFor();
  await page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '1h' }).click();
  await page.locator('.charts[aria-busy="false"]').waitFor();
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'monitor-detail.png'), fullPage: true });

  // Edit: the stored definition fills the form, and the saved change shows on the detail page.
  await page.getByRole('link', { name: 'Edit' }).click();
  const editForm = page.getByRole('form', { name: 'Definition' });
  assert.equal(await editForm.getByRole('textbox', { name: /^URL/ }).inputValue(), `${web}/health`);
  await editForm.getByLabel('Conditions').fill('[STATUS] == 200\n[RESPONSE_TIME] < 5000');
  await editForm.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 1, name: 'api-health' }).waitFor();
  await page.locator('.monitor-header').getByText('[RESPONSE_TIME] < 5000').waitFor();

  // ── photon.yml: problems are listed with file:line:column and nothing is applied; a fixed file imports ──
  await goTo(page, 'Monitors');
  const importButton = page.getByRole('button', { name: 'Import photon.yml of shop' });
  await importButton.click();
  const problemList = page.getByRole('list', { name: 'Problems in photon.yml' });
  await problemList.waitFor();
  assert.match((await problemList.textContent()) ?? '', /photon\.yml:9:\d+ — /);
  await page.getByText('Nothing was applied').waitFor();
  await page.getByRole('region', { name: 'Monitors from photon.yml' }).screenshot({ path: path.join(E2E_OUTPUT_DIR, 'import-problems.png') });
  assert.equal(await row(table, 'db').count(), 0, 'nothing was imported');
  fs.writeFileSync(path.join(repo.dir, 'photon.yml'), goodConfig(targets.tcpPort));
  await importButton.click();
  await page.getByText(/Imported 1 monitor from/).waitFor();
  await row(table, 'db').getByText('photon.yml:7').waitFor();

  // ── Overview of the project: measured status with times, declared facts with their file, rows per role ──
  await goTo(page, 'Overview');
  await page.getByLabel('Project').selectOption({ label: 'shop' });
  const production = page.getByRole('region', { name: 'Production environment status — shop' });
  await production.waitFor();
  await production.locator('.production-status .badge', { hasText: /^UP$/ }).waitFor();
  assert.equal(await production.locator('dd').filter({ has: page.locator('time') }).count(), 2, 'measured at and last known good are times');
  assert.match((await production.textContent()) ?? '', /shop\.example\.test declared in .*photon\.yml/);
  assert.match((await production.textContent()) ?? '', /RegionNot declared/i);
  const health = page.getByRole('region', { name: 'Infrastructure health' });
  const healthRow = (label: string) => health.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${label}`) }) });
  await healthRow('Production VM').getByText('UP', { exact: true }).waitFor();
  await healthRow('API Endpoints').getByText('DOWN', { exact: true }).waitFor();
  assert.equal(await healthRow('API Endpoints').locator('time').count(), 1, 'measured at');
  assert.equal(await healthRow('SSL Certificate').getByRole('link', { name: 'add one for SSL Certificate' }).count(), 1, 'no monitor, with a way to add one');
  assert.match((await healthRow('Monitoring systems').textContent()) ?? '', /\d+ of \d+ loops healthy/);
  const loops = page.getByRole('region', { name: 'Monitoring loops' });
  await loops.getByRole('rowheader', { name: /^checks/ }).waitFor();
  await healthRow('Database Connectivity').getByText('UP', { exact: true }).waitFor({ timeout: RESULT_TIMEOUT_MS });
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'overview.png'), fullPage: true });

  // A role without a monitor links to the form with that role and project already chosen.
  await healthRow('SSL Certificate').getByRole('link', { name: 'add one for SSL Certificate' }).click();
  const newForm = page.getByRole('form', { name: 'Add a monitor' });
  await newForm.waitFor();
  assert.equal(await newForm.getByLabel('Role').inputValue(), 'tls');
  assert.equal(await newForm.getByLabel('Project').inputValue(), project.id);

  // ── 500 more monitors: the list still renders only the rows in view ──
  const names = Array.from({ length: 500 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(
      names.slice(i, i + 50).map((name) =>
        // A day's interval: their first run is jittered over that day, so they stay PENDING during the test.
        callServe(serve, 'saveMonitor', { name, intervalSeconds: 86_400, target: { kind: 'tcp', host: '127.0.0.1', port: targets.closedPort } }),
      ),
    );
  }
  await goTo(page, 'Monitors');
  await page.getByText('505 monitors', { exact: true }).waitFor();
  assert.equal(await table.getAttribute('aria-rowcount'), '506');
  const rendered = await table.getByRole('row').count();
  assert.ok(rendered < 60, `only the rows in view are in the DOM (${rendered})`);
  await table.locator('.vlist-viewport').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await table.locator('[aria-rowindex="506"]').waitFor();
  assert.equal(await table.locator('[aria-rowindex="2"]').count(), 0, 'the first rows left the DOM');
  await page.screenshot({ path: path.join(E2E_OUTPUT_DIR, 'monitors-scrolled.png') });

  assert.deepEqual(problems, [], 'no page errors, CSP violations or unexpected console errors');
});
