import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, watchPageProblems } from '../helpers/browser.ts';
import { startKeyringSession } from '../helpers/keyring-session.ts';
import { startServe } from '../helpers/serve-process.ts';
import { E2E_OUTPUT_DIR } from '../helpers/serve-api.ts';
import { startSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const DOCS_DIR = new URL('../../docs/screenshots/', import.meta.url);
const RUN_TIMEOUT_MS = 60_000;
const HOST = 'e2e-vm';
const TOKEN_VALUE = `tok-e2e-${process.pid}-never-shown`;
// Every character a shell would act on; it must come back from the host exactly as typed.
const HOSTILE = 'x; rm -rf / $(id) `id` "q" \'s\' | cat > /tmp/pwned & $HOME';
// The form-error step makes the server answer 400 on purpose, and Chromium logs every 4xx fetch.
const EXPECTED_CONSOLE_ERRORS = [/Failed to load resource: the server responded with a status of 400/];

/**
 * Saves a screenshot for the test output and the copy the README shows. A whole page is shot in a
 * viewport as tall as the page, so the sticky sidebar sits where a reader expects it.
 */
async function shoot(target: Page | Locator, name: string): Promise<void> {
  const file = path.join(E2E_OUTPUT_DIR, name);
  if ('goto' in target) {
    const size = target.viewportSize()!;
    const height = await target.evaluate(() => document.documentElement.scrollHeight);
    await target.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
    await target.screenshot({ path: file });
    await target.setViewportSize(size);
  } else {
    await target.screenshot({ path: file });
  }
  fs.copyFileSync(file, new URL(name, DOCS_DIR));
}

async function goTo(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

async function openHostsAndCredentials(page: Page): Promise<void> {
  await goTo(page, 'Settings');
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Hosts & Credentials' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hosts & Credentials' }).waitFor();
}

test('recovery: import a host from an ssh config, pin its key by typing it, run Diagnose with live output, audit entry, key mismatch', { timeout: 180_000 }, async (t) => {
  fs.mkdirSync(E2E_OUTPUT_DIR, { recursive: true });
  const data = makeTempDir('photon-e2e-');
  t.after(() => data.cleanup());
  const ssh = makeTempDir('photon-e2e-ssh-');
  t.after(() => ssh.cleanup());
  const [sshd, keyring, browser] = await Promise.all([startSshd(), startKeyringSession('unlocked-keyring'), launchBrowser()]);
  t.after(() => sshd.stop());
  t.after(() => keyring.stop());
  t.after(() => browser.close());
  // The person's own ~/.ssh stays out of it: both files are named in the form.
  const configFile = path.join(ssh.dir, 'config');
  const knownHostsFile = path.join(ssh.dir, 'known_hosts');
  fs.writeFileSync(configFile, `Host ${HOST}\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n  IdentityFile ${sshd.clientKeyPath}\n`);
  fs.writeFileSync(knownHostsFile, '');
  const serve = await startServe({ dataDir: data.dir, env: keyring.env });
  t.after(() => serve.stop());

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = watchPageProblems(page);
  await page.goto(serve.url);
  await page.getByText('Live updates: on').waitFor();

  // ── The keychain is there; a secret goes in and never comes back ──
  await openHostsAndCredentials(page);
  const credentials = page.getByRole('region', { name: 'Credentials', exact: true });
  await credentials.getByText('AVAILABLE', { exact: true }).waitFor();
  const addSecret = credentials.getByRole('form', { name: 'Store a secret' });
  await addSecret.getByLabel('Kind').selectOption('api-token');
  await addSecret.getByRole('textbox', { name: 'Label' }).fill('deploy token');
  await addSecret.getByLabel('Value').fill(TOKEN_VALUE);
  await addSecret.getByRole('button', { name: 'Store secret' }).click();
  await addSecret.getByText('Stored “deploy token”.').waitFor();
  assert.equal(await addSecret.getByLabel('Value').inputValue(), '', 'the value field is emptied');
  const secrets = credentials.getByRole('table', { name: 'Stored secrets' });
  await secrets.getByRole('rowheader', { name: 'deploy token' }).waitFor();
  await secrets.getByRole('button', { name: 'Test deploy token' }).click();
  await secrets.getByText('Present in the keychain.').waitFor();
  await secrets.getByRole('button', { name: 'Replace deploy token' }).click();
  const replace = secrets.getByRole('form', { name: 'Replace deploy token' });
  await replace.getByLabel('New value').fill(`${TOKEN_VALUE}-2`);
  await replace.getByRole('button', { name: 'Save new value' }).click();
  await secrets.getByText('Replaced.').waitFor();
  assert.doesNotMatch(await page.content(), new RegExp(TOKEN_VALUE), 'the value is nowhere on the page');
  await addSecret.getByLabel('Kind').selectOption('webhook-url');
  await addSecret.getByRole('textbox', { name: 'Label' }).fill('to delete');
  await addSecret.getByLabel('Value').fill('https://hooks.example.test/x');
  await addSecret.getByRole('button', { name: 'Store secret' }).click();
  await secrets.getByRole('button', { name: 'Delete to delete' }).click();
  await page.getByRole('dialog', { name: 'Delete “to delete”?' }).getByRole('button', { name: 'Delete secret' }).click();
  await secrets.getByRole('rowheader', { name: 'to delete' }).waitFor({ state: 'detached' });

  // ── Import from the ssh config: found hosts, then the one ticked ──
  const importer = page.getByRole('region', { name: 'Import from ~/.ssh' });
  await importer.getByRole('textbox', { name: 'SSH config file' }).fill(configFile);
  await importer.getByRole('textbox', { name: 'known_hosts file' }).fill(knownHostsFile);
  await importer.getByRole('button', { name: 'Read hosts' }).click();
  const found = importer.getByRole('table', { name: 'Hosts found' });
  await found.getByRole('rowheader', { name: new RegExp(`^${HOST}`) }).waitFor();
  assert.match((await found.textContent()) ?? '', new RegExp(`root@127\\.0\\.0\\.1:${sshd.port}`));
  assert.equal(await found.getByRole('checkbox', { name: `Import ${HOST}` }).isChecked(), true);
  assert.equal(await importer.getByRole('checkbox', { name: 'Trust keys recorded in known_hosts' }).isChecked(), false, 'trusting known_hosts is opt-in');
  await importer.getByRole('button', { name: 'Import 1 host' }).click();
  await importer.getByText(new RegExp(`Imported ${HOST}`)).waitFor();
  await found.getByText('already a host').waitFor();

  // ── Check its key: the pin button works only once the offered fingerprint is typed exactly ──
  const hostItem = page.getByRole('article', { name: HOST });
  await hostItem.getByText(/not pinned/).waitFor();
  await hostItem.getByRole('button', { name: `Check host key of ${HOST}` }).click();
  const pinDialog = page.getByRole('dialog', { name: `Trust the host key of ${HOST}?` });
  await pinDialog.waitFor();
  assert.match((await pinDialog.textContent()) ?? '', new RegExp(sshd.hostKeyFingerprint.replace(/[+/]/g, '\\$&')), 'the offered fingerprint is shown');
  const pinButton = pinDialog.getByRole('button', { name: 'Pin this key' });
  const typed = pinDialog.getByRole('textbox', { name: 'Type or paste the fingerprint to pin it' });
  await typed.fill(sshd.hostKeyFingerprint.slice(0, -1));
  assert.equal(await pinButton.isDisabled(), true, 'one character short does not pin');
  await typed.fill(sshd.hostKeyFingerprint);
  await shoot(pinDialog, 'host-key-pin.png');
  await pinButton.click();
  await pinDialog.waitFor({ state: 'detached' });
  await hostItem.getByText(sshd.hostKeyFingerprint, { exact: true }).waitFor();
  await shoot(page, 'hosts-credentials.png');

  // ── Recovery: Diagnose, previewed, confirmed by typing, streamed, recorded ──
  await goTo(page, 'Recovery');
  const hostsTable = page.getByRole('table', { name: 'Hosts' });
  await hostsTable.getByRole('link', { name: HOST, exact: true }).click();
  const runbooks = page.getByRole('navigation', { name: `Runbooks for ${HOST}` });
  await runbooks.getByRole('link', { name: 'Diagnose' }).click();
  await page.getByRole('form', { name: 'Parameters of Diagnose' }).getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.waitFor();
  const plan = (await preview.textContent()) ?? '';
  for (const command of ["'uptime'", "'df' '-h'", "'free' '-m'"]) assert.ok(plan.includes(command), `the preview shows ${command}: ${plan}`);
  await preview.getByRole('button', { name: 'Run Diagnose…' }).click();
  const confirm = page.getByRole('dialog', { name: `Run “Diagnose” on ${HOST}?` });
  assert.equal(await confirm.getByRole('button', { name: 'Run now' }).isDisabled(), true, 'nothing runs before the phrase is typed');
  await confirm.getByRole('textbox', { name: 'Type yes to confirm' }).fill('yes');
  await confirm.getByRole('button', { name: 'Run now' }).click();
  await confirm.waitFor({ state: 'detached' });
  const output = page.getByRole('log', { name: /^Output of run \d+$/ });
  await output.getByText(/load average/).waitFor({ timeout: RUN_TIMEOUT_MS });
  await page.getByText('Finished.').waitFor({ timeout: RUN_TIMEOUT_MS });
  const progress = page.getByRole('region', { name: /^Run \d+$/ });
  const facts = (await progress.textContent()) ?? '';
  assert.match(facts, /SUCCEEDED/, facts);
  assert.match(facts, /SHA-256 [0-9a-f]{64}/, 'the output digest');
  assert.match(facts, /NOT VERIFIED \(NO MONITORS\)/, 'no monitor watches it, and the page says so rather than guessing');
  const liveText = (await output.textContent()) ?? '';
  await shoot(page, 'recovery.png');

  const audit = page.getByRole('table', { name: 'Runs' });
  const entry = audit.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Diagnose' }) });
  await entry.getByText('SUCCEEDED').waitFor();
  assert.match((await entry.textContent()) ?? '', new RegExp(`${HOST}.*Diagnose.*Console`));
  await page.getByLabel('Status', { exact: true }).selectOption('failed');
  await page.getByText('No run matches this filter.').waitFor();
  await page.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await entry.waitFor();
  await entry.getByRole('button', { name: /^Details/ }).click();
  const drawer = page.getByRole('dialog', { name: new RegExp(`^Run \\d+: Diagnose on ${HOST}$`) });
  const stored = drawer.getByLabel(/^Stored output of run \d+$/);
  await stored.waitFor();
  assert.ok(liveText.includes(((await stored.textContent()) ?? '').split('\n').find((l) => /load average/.test(l)) ?? '<none>'), 'the stored output holds what streamed');
  await shoot(drawer, 'recovery-audit-detail.png');
  await drawer.getByRole('button', { name: 'Close' }).click();

  // ── A new host key: refused, both fingerprints shown, re-pinned only deliberately ──
  const oldFingerprint = sshd.hostKeyFingerprint;
  await sshd.regenerateHostKey();
  await openHostsAndCredentials(page);
  await hostItem.getByRole('button', { name: `Check host key of ${HOST}` }).click();
  const mismatch = page.getByRole('dialog', { name: `Host key of ${HOST} has changed: connections are refused` });
  await mismatch.waitFor();
  const refusal = (await mismatch.textContent()) ?? '';
  assert.ok(refusal.includes(oldFingerprint), 'the pinned fingerprint');
  assert.ok(refusal.includes(sshd.hostKeyFingerprint), 'the offered fingerprint');
  await shoot(mismatch, 'host-key-mismatch.png');
  await mismatch.getByRole('textbox', { name: 'To re-pin deliberately, type or paste the new fingerprint' }).fill(sshd.hostKeyFingerprint);
  await mismatch.getByRole('button', { name: 'Re-pin to the new key' }).click();
  await mismatch.waitFor({ state: 'detached' });
  await hostItem.getByText(sshd.hostKeyFingerprint, { exact: true }).waitFor();

  assert.deepEqual(problems, [], 'no page errors, CSP violations or console errors');
});

test('hosts: no keychain is said plainly and blocks secrets; a host added by hand; a custom runbook echoes a hostile value literally', { timeout: 180_000 }, async (t) => {
  fs.mkdirSync(E2E_OUTPUT_DIR, { recursive: true });
  const data = makeTempDir('photon-e2e-');
  t.after(() => data.cleanup());
  // A session bus with no Secret Service on it: what a headless server without a keyring looks like.
  const [sshd, keyring, browser] = await Promise.all([startSshd(), startKeyringSession('bus-only'), launchBrowser()]);
  t.after(() => sshd.stop());
  t.after(() => keyring.stop());
  t.after(() => browser.close());
  const serve = await startServe({ dataDir: data.dir, env: keyring.env });
  t.after(() => serve.stop());

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = watchPageProblems(page, EXPECTED_CONSOLE_ERRORS);
  await page.goto(serve.url);
  await page.getByText('Live updates: on').waitFor();
  await openHostsAndCredentials(page);

  // ── No keychain: said in words, nothing can be stored, no plain-text fallback offered ──
  const credentials = page.getByRole('region', { name: 'Credentials', exact: true });
  const refusal = credentials.getByRole('alert').filter({ hasText: 'Secrets cannot be stored' });
  await refusal.waitFor();
  assert.match((await refusal.textContent()) ?? '', /never falls back to plain text/);
  const addSecret = credentials.getByRole('form', { name: 'Store a secret' });
  assert.equal(await addSecret.getByLabel('Value').isDisabled(), true);
  assert.equal(await addSecret.getByRole('button', { name: 'Store secret' }).isDisabled(), true);
  await shoot(credentials, 'vault-unavailable.png');

  // ── A host by hand: a bad port is named at its field; password login cannot get a new secret ──
  const hosts = page.getByRole('region', { name: 'Hosts', exact: true });
  await hosts.getByRole('button', { name: 'Add host' }).click();
  const form = hosts.getByRole('form', { name: 'Add a host' });
  await form.getByRole('textbox', { name: 'Name (required)' }).fill('lab');
  await form.getByRole('textbox', { name: 'Address (required)' }).fill('127.0.0.1');
  await form.getByRole('textbox', { name: 'User (required)' }).fill('root');
  await form.getByLabel('Authentication').selectOption('password');
  const passwordChoices = await form.getByLabel('Password', { exact: true }).locator('option').allTextContents();
  assert.ok(!passwordChoices.some((c) => /new/i.test(c)), `no way to store a new password without a keychain: ${passwordChoices.join(' | ')}`);
  await form.getByLabel('Authentication').selectOption('key');
  await form.getByRole('textbox', { name: 'Private key file' }).fill(sshd.clientKeyPath);
  await form.getByRole('spinbutton', { name: 'Port' }).fill('70000');
  await form.getByRole('button', { name: 'Add host' }).click();
  await form.getByText('Enter a port from 1 to 65535.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true', 'focus goes to the field to fix');
  await form.getByRole('spinbutton', { name: 'Port' }).fill(String(sshd.port));
  const services = form.getByRole('textbox', { name: /^Services/ });
  await services.fill('bad unit!');
  await form.getByRole('button', { name: 'Add host' }).click();
  await form.locator('input[aria-invalid="true"]').waitFor();
  assert.equal(await services.getAttribute('aria-invalid'), 'true', 'the core’s refusal is shown at the services field');
  const servicesError = (await page.locator(`[id="${((await services.getAttribute('aria-describedby')) ?? '').split(' ')[0]}"]`).textContent()) ?? '';
  assert.match(servicesError, /^saveHost: services/, servicesError);
  await services.fill('');
  await form.getByRole('button', { name: 'Add host' }).click();
  await hosts.getByText('Added lab.').waitFor();
  const lab = page.getByRole('article', { name: 'lab' });
  await lab.getByRole('button', { name: 'Check host key of lab' }).click();
  const pinDialog = page.getByRole('dialog', { name: 'Trust the host key of lab?' });
  await pinDialog.getByRole('textbox').fill(sshd.hostKeyFingerprint);
  await pinDialog.getByRole('button', { name: 'Pin this key' }).click();
  await lab.getByText(sshd.hostKeyFingerprint, { exact: true }).waitFor();

  // ── A custom runbook with a typed parameter; its value reaches the host as one literal argument ──
  await goTo(page, 'Recovery');
  await page.getByRole('table', { name: 'Hosts' }).getByRole('link', { name: 'lab', exact: true }).click();
  await page.getByRole('button', { name: 'New runbook' }).click();
  const editor = page.getByRole('form', { name: 'New runbook' });
  await editor.getByRole('textbox', { name: 'Name (required)' }).fill('Echo message');
  await editor.getByLabel('Read-only: it changes nothing on the host').check();
  await editor.getByRole('button', { name: 'Add parameter' }).click();
  await editor.getByRole('group', { name: 'Parameter 1' }).getByRole('textbox', { name: 'Name' }).fill('msg');
  const step = editor.getByRole('group', { name: 'Step 1' });
  await step.getByLabel('Command, one argument per line').fill('echo\nsaid: {{msg}}');
  await editor.getByRole('button', { name: 'Save runbook' }).click();
  await page.getByRole('form', { name: 'Parameters of Echo message' }).waitFor();
  const params = page.getByRole('form', { name: 'Parameters of Echo message' });
  await params.getByRole('textbox', { name: 'msg' }).fill(HOSTILE);
  await params.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await preview.waitFor();
  await preview.getByRole('button', { name: 'Run Echo message…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Run “Echo message” on lab?' });
  await confirm.getByRole('textbox', { name: 'Type yes to confirm' }).fill('yes');
  await confirm.getByRole('button', { name: 'Run now' }).click();
  const output = page.getByRole('log', { name: /^Output of run \d+$/ });
  await page.getByText('Finished.').waitFor({ timeout: RUN_TIMEOUT_MS });
  const stdout = (await output.locator('[data-stream="stdout"]').allTextContents()).join('');
  assert.equal(stdout, `said: ${HOSTILE}\n`, 'echoed back exactly, not interpreted');
  assert.equal(fs.existsSync('/tmp/pwned'), false);
  await shoot(page.getByRole('region', { name: 'Runbooks for lab' }), 'custom-runbook.png');

  // ── A long run is cancelled from the page; the audit record says so ──
  await page.getByRole('button', { name: 'New runbook' }).click();
  await editor.getByRole('textbox', { name: 'Name (required)' }).fill('Wait a while');
  await editor.getByRole('group', { name: 'Step 1' }).getByLabel('Command, one argument per line').fill('sleep\n300');
  await editor.getByRole('button', { name: 'Save runbook' }).click();
  const waitParams = page.getByRole('form', { name: 'Parameters of Wait a while' });
  await waitParams.getByRole('button', { name: 'Preview' }).click();
  await preview.getByRole('button', { name: 'Run Wait a while…' }).click();
  const confirmWait = page.getByRole('dialog', { name: 'Run “Wait a while” on lab?' });
  await confirmWait.getByRole('textbox', { name: 'Type yes to confirm' }).fill('yes');
  await confirmWait.getByRole('button', { name: 'Run now' }).click();
  await page.getByRole('button', { name: 'Cancel run' }).click();
  const cancelled = page.getByRole('region', { name: /^Run \d+$/ });
  await cancelled.getByText('CANCELLED', { exact: true }).waitFor({ timeout: RUN_TIMEOUT_MS });
  await page.getByRole('table', { name: 'Runs' }).getByRole('row').filter({ hasText: 'Wait a while' }).getByText('CANCELLED').waitFor();
  await page.getByRole('navigation', { name: 'Runbooks for lab' }).getByRole('link', { name: 'Echo message' }).click();

  // Removing it takes it off the list; its run stays in the audit log.
  await page.getByRole('button', { name: 'Remove runbook' }).click();
  await page.getByRole('dialog', { name: 'Remove “Echo message”?' }).getByRole('button', { name: 'Remove runbook' }).click();
  await page.getByRole('navigation', { name: 'Runbooks for lab' }).getByRole('link', { name: 'Echo message' }).waitFor({ state: 'detached' });
  await page.getByText('Choose a runbook to see exactly what it would run.').waitFor();
  await page.getByRole('table', { name: 'Runs' }).getByRole('rowheader', { name: 'Echo message' }).waitFor();

  // ── Edit and remove the host: the form starts from what is stored ──
  await openHostsAndCredentials(page);
  await lab.getByRole('button', { name: 'Edit lab' }).click();
  const edit = lab.getByRole('form', { name: 'Edit lab' });
  assert.equal(await edit.getByRole('textbox', { name: 'Private key file' }).inputValue(), sshd.clientKeyPath);
  assert.equal(await edit.getByRole('spinbutton', { name: 'Port' }).inputValue(), String(sshd.port));
  await edit.getByRole('textbox', { name: /^Services/ }).fill('ssh.service, cron.service');
  await edit.getByRole('button', { name: 'Save host' }).click();
  await lab.getByText('ssh.service, cron.service').waitFor();
  await lab.getByRole('button', { name: 'Remove lab' }).click();
  await page.getByRole('dialog', { name: 'Remove “lab”?' }).getByRole('button', { name: 'Remove host' }).click();
  await lab.waitFor({ state: 'detached' });
  await hosts.getByText('No hosts yet.').waitFor();

  assert.deepEqual(problems, [], 'no page errors, CSP violations or unexpected console errors');
});
