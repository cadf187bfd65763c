import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Alert, AlertChannel } from '../../preload/schemas/alerts.ts';
import type { MaintenanceWindow } from '../../preload/schemas/maintenance.ts';
import type { MethodResult } from '../../preload/contract.ts';
import { down, up } from '../helpers/fake-checks.ts';
import { closeServer, endlessAnswerServer, listen, waitFor } from '../helpers/loopback-servers.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startAlertCore } from './alert-harness.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

const SECRET_PATH = '/hooks/T0KEN-7f3a9c-never-stored';

async function vmWithThreeEndpoints(h: ReturnType<typeof startAlertCore>) {
  const vm = await h.save({ name: 'prod-vm', role: 'vm', target: { kind: 'ping', host: 'vm' } });
  const children = [];
  for (const host of ['api', 'web', 'db']) children.push(await h.save({ name: `${host} endpoint`, parentId: vm, target: { kind: 'tcp', host, port: 443 } }));
  for (const host of ['vm', 'api', 'web', 'db']) h.fake.set(host, up());
  await h.runAll([vm, ...children]);
  return { vm, children };
}

test('a VM outage that takes down three dependent endpoints sends exactly one alert, then one resolution', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call<AlertChannel>('saveAlertChannel', { name: 'ops hook', kind: 'webhook', url: receiver.url(SECRET_PATH) });
  const { vm, children } = await vmWithThreeEndpoints(h);
  assert.equal(receiver.received.length, 0, 'nothing is sent while everything is up');

  for (const host of ['vm', 'api', 'web', 'db']) h.fake.set(host, down('connect EHOSTUNREACH'));
  // Children first: the worst order, where an endpoint notices the outage before its VM does.
  await h.runAll([...children, vm], 3);
  await h.runAll([vm, ...children], 3);
  for (let i = 0; i < 3; i++) await h.core.alerts.tick();

  const open = receiver.json();
  assert.equal(open.length, 1, `one alert, got: ${open.map((b) => b.title).join(' | ')}`);
  assert.equal(open[0]!.kind, 'open');
  assert.equal(open[0]!.title, 'DOWN: prod-vm');
  assert.match(String(open[0]!.message), /Depending on it: api endpoint, web endpoint, db endpoint/);
  assert.equal(receiver.received[0]!.path, SECRET_PATH);
  assert.equal(receiver.received[0]!.headers['content-type'], 'application/json');

  for (const host of ['vm', 'api', 'web', 'db']) h.fake.set(host, up());
  await h.runAll([vm, ...children], 2);
  for (let i = 0; i < 3; i++) await h.core.alerts.tick();
  const all = receiver.json();
  assert.deepEqual(
    all.map((b) => `${b.kind} ${b.title}`),
    ['open DOWN: prod-vm', 'resolved RESOLVED: prod-vm'],
  );

  const log = await h.call<Alert[]>('listAlerts', {});
  const sent = log.filter((a) => a.state === 'queued');
  assert.equal(sent.length, 2);
  for (const a of sent) {
    assert.equal(a.deliveries.length, 1);
    assert.equal(a.deliveries[0]!.status, 'delivered');
    assert.equal(a.deliveries[0]!.log.length, 1);
    assert.equal(a.deliveries[0]!.log[0]!.httpStatus, 200);
  }
});

test('a receiver that first answers 500 gets the alert on a retry, and every attempt is logged', async (t) => {
  const receiver = await startWebhookReceiver({ failFirst: 2 });
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'flaky receiver', kind: 'slack', url: receiver.url('/services/abc') });
  const api = await h.save({ name: 'api', target: { kind: 'tcp', host: 'api', port: 443 } });
  h.fake.set('api', up());
  await h.runAll([api]);
  h.fake.set('api', down());
  await h.runAll([api], 2);

  await waitFor('the alert to be delivered after retries', async () => {
    await h.core.alerts.tick();
    const [alert] = await h.call<Alert[]>('listAlerts', { limit: 1 });
    return alert?.deliveries[0]?.status === 'delivered';
  });
  const [alert] = await h.call<Alert[]>('listAlerts', { limit: 1 });
  const delivery = alert!.deliveries[0]!;
  assert.equal(delivery.attempts, 3);
  assert.deepEqual(
    delivery.log.map((a) => [a.ok, a.httpStatus]),
    [
      [false, 500],
      [false, 500],
      [true, 200],
    ],
  );
  assert.match(delivery.log[0]!.error!, /answered HTTP 500/);
  assert.equal(receiver.received.length, 3, 'three POSTs reached the receiver');
  const slack = JSON.parse(receiver.received[2]!.body) as { text: string };
  assert.match(slack.text, /\*DOWN: api\*/);
});

test('a maintenance window holds alerts but checks keep running and results are recorded', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'ops', kind: 'webhook', url: receiver.url('/m') });
  const { vm, children } = await vmWithThreeEndpoints(h);
  const now = Date.now();
  const window = await h.call<MaintenanceWindow>('saveMaintenanceWindow', {
    name: 'kernel upgrade',
    monitorId: vm,
    scope: 'host',
    schedule: { type: 'once', startsAt: now - 60_000, endsAt: now + 3_600_000 },
  });
  assert.ok(window.activeNow, 'the window is in force now');

  for (const host of ['vm', 'api', 'web', 'db']) h.fake.set(host, down('host rebooting'));
  await h.runAll([vm, ...children], 3);
  for (const host of ['vm', 'api', 'web', 'db']) h.fake.set(host, up());
  await h.runAll([vm, ...children], 2);
  h.fake.set('api', down('api did not come back'));
  await h.runAll([children[0]!, vm], 3);
  for (let i = 0; i < 3; i++) await h.core.alerts.tick();

  assert.equal(receiver.received.length, 0, 'nothing was sent during maintenance');
  const detail = await h.call<MethodResult<'getMonitor'>>('getMonitor', { id: vm });
  assert.ok(detail.recentResults.length >= 6, 'the VM kept being checked');
  assert.ok(detail.recentResults.some((r) => r.outcome === 'down'), 'failures during maintenance are recorded');
  assert.ok(detail.incidents.length >= 1, 'the incident itself is recorded');
  const alerts = await h.call<Alert[]>('listAlerts', {});
  assert.ok(alerts.length >= 1 && alerts.every((a) => a.state === 'held' && a.deliveries.length === 0), 'alerts exist but are held');
  assert.match(alerts[0]!.note, /held: maintenance window "kernel upgrade"/);

  const occurrences = await h.call<MethodResult<'getMonitorMaintenance'>>('getMonitorMaintenance', { id: children[1]!, range: '24h' });
  assert.deepEqual(occurrences.map((o) => o.name), ['kernel upgrade'], 'a host window covers its children on their charts');

  // The window ends with the api still down: the held alert goes out then, once.
  await h.call('saveMaintenanceWindow', { id: window.id, name: 'kernel upgrade', monitorId: vm, scope: 'host', schedule: { type: 'once', startsAt: now - 60_000, endsAt: now - 1 } });
  for (let i = 0; i < 3; i++) await h.core.alerts.tick();
  const sent = receiver.json();
  assert.deepEqual(sent.map((b) => b.title), ['DOWN: api endpoint']);
});

test('many incidents in the window fold into one "flapping" alert, then one "stable" notice', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'ops', kind: 'webhook', url: receiver.url('/f') });
  await h.call('updateAlertPolicy', { reminderMinutes: 0, flapWindowMinutes: 30, flapThreshold: 3 });
  const api = await h.save({ name: 'api', target: { kind: 'tcp', host: 'api', port: 443 } });
  for (let i = 0; i < 6; i++) {
    h.fake.set('api', down());
    await h.runAll([api], 2);
    h.fake.set('api', up());
    await h.runAll([api], 1);
  }
  const kinds = receiver.json().map((b) => b.kind);
  // Incidents 1 and 2 are alerted and resolved; the 3rd within 30 min is flapping; 4–6 are folded.
  assert.deepEqual(kinds, ['open', 'resolved', 'open', 'resolved', 'flapping']);
  assert.match(String(receiver.json()[4]!.message), /3 incidents in the last 30 min/);

  await h.core.alerts.tick();
  assert.equal(receiver.received.length, 5, 'still flapping: nothing new');
  // Half an hour without a change ends the episode with one "stable" notice.
  h.clock.skewMs = 31 * 60_000;
  await h.core.alerts.tick();
  await h.core.alerts.tick();
  assert.deepEqual(receiver.json().map((b) => b.kind).slice(5), ['flapping-ended']);
  assert.match(String(receiver.json()[5]!.message), /now UP/);
});

test('reminders repeat at the configured interval while the incident stays open', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'ops', kind: 'ntfy', url: receiver.url('/photon-alerts') });
  const api = await h.save({ name: 'api', target: { kind: 'tcp', host: 'api', port: 443 } });
  h.fake.set('api', down('connection refused'));
  await h.runAll([api], 2);
  assert.equal(receiver.received.length, 1);
  assert.equal(receiver.received[0]!.headers.title, 'DOWN: api');
  assert.equal(receiver.received[0]!.headers.priority, '5');
  await h.core.alerts.tick();
  assert.equal(receiver.received.length, 1, 'no reminder before the interval');
  h.clock.skewMs = 61 * 60_000;
  await h.core.alerts.tick();
  await h.core.alerts.tick();
  assert.equal(receiver.received.length, 2, 'one reminder after an hour (the default interval), not one per tick');
  assert.equal(receiver.received[1]!.headers.title, 'STILL DOWN: api');
  assert.match(receiver.received[1]!.body, /Down for 1 h 1 min \(incident #\d+\): connection refused/);
  h.fake.set('api', up());
  await h.runAll([api], 1);
  assert.equal(receiver.received.at(-1)!.headers.title, 'RESOLVED: api');
});

test('the webhook URL lives only in the vault: not in the data dir, settings, logs or any answer', async (t) => {
  const receiver = await startWebhookReceiver();
  const temp = makeTempDir();
  const h = startAlertCore(temp.dir);
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
    temp.cleanup();
  });
  const url = receiver.url(SECRET_PATH);
  const channel = await h.call<AlertChannel>('saveAlertChannel', { name: 'ops', kind: 'discord', url });
  assert.equal(channel.urlStored, true);
  const sent = await h.call<{ delivery: Alert['deliveries'][number] }>('testAlertChannel', { id: channel.id });
  assert.equal(sent.delivery.status, 'delivered');
  const discord = JSON.parse(receiver.received[0]!.body) as { embeds: Array<{ title: string }>; allowed_mentions: unknown };
  assert.equal(discord.embeds[0]!.title, 'TEST: ops');
  assert.deepEqual(discord.allowed_mentions, { parse: [] });

  const answers = JSON.stringify([await h.call('listAlertChannels', {}), await h.call('listAlerts', {}), sent]);
  assert.ok(!answers.includes('T0KEN-7f3a9c'), 'no contract answer carries the URL');
  await h.core.dispose();
  const token = Buffer.from('T0KEN-7f3a9c');
  for (const file of walk(h.core.dataDir)) {
    assert.equal(fs.readFileSync(file).includes(token), false, `${file} must not contain the webhook URL`);
  }
});

test('bad channel input is refused with the field named and nothing stored', async (t) => {
  const h = startAlertCore();
  t.after(() => h.core.dispose());
  const missing = await h.core.dispatch('saveAlertChannel', { name: 'x', kind: 'slack' });
  assert.equal(missing.ok, false);
  assert.match(!missing.ok ? missing.error.message : '', /url: a slack channel needs its webhook URL/);
  const desktopUrl = await h.core.dispatch('saveAlertChannel', { name: 'x', kind: 'desktop', url: 'http://127.0.0.1:9/' });
  assert.match(!desktopUrl.ok ? desktopUrl.error.message : '', /a desktop channel has no URL/);
  const gone = await h.core.dispatch('testAlertChannel', { id: 999 });
  assert.equal(!gone.ok && gone.error.code, 'NOT_FOUND');
  assert.deepEqual(await h.call('listAlertChannels', {}), []);
});

test('a desktop channel turns an alert into a desktopNotification event; an unreachable webhook logs why', async (t) => {
  const h = startAlertCore();
  t.after(() => h.core.dispose());
  const shown: unknown[] = [];
  h.core.events.onAny((name, payload) => {
    if (name === 'desktopNotification') shown.push(payload);
  });
  const desktop = await h.call<AlertChannel>('saveAlertChannel', { name: 'this computer', kind: 'desktop' });
  const result = await h.call<{ delivery: Alert['deliveries'][number] }>('testAlertChannel', { id: desktop.id });
  assert.equal(result.delivery.status, 'delivered');
  assert.equal(shown.length, 1);
  assert.match((shown[0] as { title: string }).title, /TEST: this computer/);

  const receiver = await startWebhookReceiver();
  const deadUrl = receiver.url('/gone');
  await receiver.close();
  const dead = await h.call<AlertChannel>('saveAlertChannel', { name: 'dead', kind: 'webhook', url: deadUrl });
  const failed = await h.call<{ delivery: Alert['deliveries'][number] }>('testAlertChannel', { id: dead.id });
  assert.equal(failed.delivery.status, 'failed');
  assert.match(failed.delivery.lastError!, /ECONNREFUSED \(nothing listening\)/);
  assert.ok(!failed.delivery.lastError!.includes('/gone'), 'the error names the origin, not the secret path');
});

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else yield p;
  }
}

test('with no keychain a webhook channel is refused with the vault\'s reason, and nothing is stored anywhere', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const core = startTestCore(temp.dir, { secrets: new MemorySecretStore({ unavailableReason: 'No Secret Service on the session bus.' }) });
  t.after(() => core.close());
  const refused = await core.dispatch('saveAlertChannel', { name: 'ops', kind: 'slack', url: 'https://hooks.example.invalid/services/T0KEN-nokeychain' });
  assert.equal(!refused.ok && refused.error.code, 'UNAVAILABLE');
  assert.match(!refused.ok ? refused.error.message : '', /Cannot store the webhook URL: .*No Secret Service on the session bus/);
  assert.deepEqual(((await core.dispatch('listAlertChannels', {})) as { value: unknown[] }).value, []);
  await core.close();
  for (const file of walk(temp.dir)) assert.equal(fs.readFileSync(file).includes(Buffer.from('T0KEN-nokeychain')), false, file);
});

test('flapping during maintenance is held, and sent once the window is over if it is still flapping', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'ops', kind: 'webhook', url: receiver.url('/fm') });
  const api = await h.save({ name: 'api', target: { kind: 'tcp', host: 'api', port: 443 } });
  const now = Date.now();
  const w = await h.call<MaintenanceWindow>('saveMaintenanceWindow', { name: 'deploy', monitorId: api, scope: 'monitor', schedule: { type: 'once', startsAt: now - 60_000, endsAt: now + 3_600_000 } });
  for (let i = 0; i < 4; i++) {
    h.fake.set('api', down());
    await h.runAll([api], 2);
    h.fake.set('api', up());
    await h.runAll([api], 1);
  }
  assert.equal(receiver.received.length, 0, 'held');
  const held = (await h.call<Alert[]>('listAlerts', {})).find((a) => a.kind === 'flapping')!;
  assert.equal(held.state, 'held');
  await h.call('saveMaintenanceWindow', { id: w.id, name: 'deploy', monitorId: api, scope: 'monitor', schedule: { type: 'once', startsAt: now - 60_000, endsAt: now - 1 } });
  await h.core.alerts.tick();
  await h.core.alerts.tick();
  assert.deepEqual(receiver.json().map((b) => b.kind), ['flapping']);
  const sent = (await h.call<Alert[]>('listAlerts', {})).find((a) => a.id === held.id)!;
  assert.equal(sent.state, 'queued');
  assert.match(sent.note, /still flapping after it ended/);
});

test('a delivery claimed by a process killed mid-send is sent after restart once its lease runs out, exactly once', async (t) => {
  const { spawn } = await import('node:child_process');
  const temp = makeTempDir();
  t.after(temp.cleanup);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/alerts/fixtures/kill-mid-send.ts'), temp.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('frozen:mid-send')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' && out.includes('frozen:mid-send') ? resolve() : reject(new Error(`not killed mid-send (exit ${code}, ${signal}): ${out} ${err}`))));
  });

  const h = startAlertCore(temp.dir);
  t.after(() => h.core.dispose());
  const shown: string[] = [];
  h.core.events.onAny((name, payload) => {
    if (name === 'desktopNotification') shown.push((payload as { title: string }).title);
  });
  const [claimed] = await h.call<Alert[]>('listAlerts', {});
  assert.equal(claimed!.deliveries[0]!.status, 'pending');
  assert.equal(claimed!.deliveries[0]!.attempts, 0, 'the killed attempt never recorded');
  assert.ok(claimed!.deliveries[0]!.nextAttemptAt !== null, 'the claim is a lease, not a forever');

  await h.core.alerts.tick();
  assert.deepEqual(shown, [], 'within the lease it may still be in flight: not sent twice');
  h.clock.skewMs = 61_000;
  await h.core.alerts.tick();
  await h.core.alerts.tick();
  assert.deepEqual(shown, ['DOWN: api'], 'sent once after the lease ran out');
  const [sent] = await h.call<Alert[]>('listAlerts', {});
  assert.equal(sent!.deliveries[0]!.status, 'delivered');
  assert.equal(sent!.deliveries[0]!.attempts, 1);
});

test('an attempt that throws (a listener of the desktop event) is a failed attempt, retried, never stuck', async (t) => {
  const h = startAlertCore();
  t.after(() => h.core.dispose());
  let throwsLeft = 1;
  const shown: string[] = [];
  h.core.events.onAny((name, payload) => {
    if (name !== 'desktopNotification') return;
    if (throwsLeft-- > 0) throw new Error('renderer went away');
    shown.push((payload as { title: string }).title);
  });
  await h.call('saveAlertChannel', { name: 'desk', kind: 'desktop' });
  const api = await h.save({ name: 'api', target: { kind: 'tcp', host: 'api', port: 443 } });
  h.fake.set('api', up());
  await h.runAll([api]);
  h.fake.set('api', down());
  await h.runAll([api], 2);
  await new Promise((r) => setTimeout(r, 5));
  await h.core.alerts.tick();
  assert.deepEqual(shown, ['DOWN: api']);
  const [alert] = await h.call<Alert[]>('listAlerts', {});
  const delivery = alert!.deliveries[0]!;
  assert.equal(delivery.status, 'delivered');
  assert.deepEqual(delivery.log.map((a) => a.ok), [false, true]);
  assert.match(delivery.log[0]!.error!, /the attempt failed: renderer went away/);
});

test('flapping that settles DOWN is announced as an open outage, not "stable"; reminders and the resolution follow', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'ops', kind: 'webhook', url: receiver.url('/fd') });
  await h.call('updateAlertPolicy', { reminderMinutes: 0, flapWindowMinutes: 30, flapThreshold: 3 });
  const api = await h.save({ name: 'api', target: { kind: 'tcp', host: 'api', port: 443 } });
  for (let i = 0; i < 4; i++) {
    h.fake.set('api', up());
    await h.runAll([api], 1);
    h.fake.set('api', down('connect ECONNREFUSED'));
    await h.runAll([api], 2);
  }
  assert.deepEqual(receiver.json().map((b) => b.kind), ['open', 'resolved', 'open', 'resolved', 'flapping']);
  h.clock.skewMs = 31 * 60_000;
  await h.core.alerts.tick();
  await h.core.alerts.tick();
  const after = receiver.json().slice(5);
  assert.deepEqual(after.map((b) => `${b.kind} ${b.title}`), ['open DOWN: api'], 'red, not a green "stable"');
  assert.match(String(after[0]!.message), /settled down, not up/);

  h.fake.set('api', up());
  await h.runAll([api], 1);
  await h.core.alerts.tick();
  assert.deepEqual(receiver.json().slice(6).map((b) => b.kind), ['resolved']);
});

test('flapping that settles DOWN during maintenance is held, then sent as an outage when the window ends', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'ops', kind: 'webhook', url: receiver.url('/fdm') });
  await h.call('updateAlertPolicy', { reminderMinutes: 0, flapWindowMinutes: 30, flapThreshold: 3 });
  const api = await h.save({ name: 'api', target: { kind: 'tcp', host: 'api', port: 443 } });
  const now = Date.now();
  const w = await h.call<MaintenanceWindow>('saveMaintenanceWindow', { name: 'deploy', monitorId: api, scope: 'monitor', schedule: { type: 'once', startsAt: now - 60_000, endsAt: now + 3_600_000 } });
  for (let i = 0; i < 4; i++) {
    h.fake.set('api', up());
    await h.runAll([api], 1);
    h.fake.set('api', down('connect ECONNREFUSED'));
    await h.runAll([api], 2);
  }
  h.clock.skewMs = 31 * 60_000;
  await h.core.alerts.tick();
  await h.core.alerts.tick();
  assert.equal(receiver.received.length, 0, 'held during maintenance');
  const settled = (await h.call<Alert[]>('listAlerts', {}))[0]!;
  assert.equal(settled.kind, 'open');
  assert.equal(settled.state, 'held');

  await h.call('saveMaintenanceWindow', { id: w.id, name: 'deploy', monitorId: api, scope: 'monitor', schedule: { type: 'once', startsAt: now - 60_000, endsAt: now - 1 } });
  for (let i = 0; i < 3; i++) await h.core.alerts.tick();
  // The held flapping alert goes out as it always did (still flapping when the window ended? no:
  // the episode is over), and the outage is sent once.
  const kinds = receiver.json().map((b) => `${b.kind} ${b.title}`);
  assert.equal(kinds.filter((k) => k === 'open DOWN: api').length, 1, kinds.join(' | '));
  assert.equal(kinds.some((k) => k.startsWith('flapping-ended')), false);
});

test('a webhook that answers 200 with an endless body is delivered at once: the body is not read to the end', async (t) => {
  let posts = 0;
  const server = endlessAnswerServer('text/plain', () => posts++);
  const port = await listen(server);
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    server.closeAllConnections();
    await closeServer(server);
  });
  const channel = await h.call<AlertChannel>('saveAlertChannel', { name: 'chatty', kind: 'webhook', url: `http://127.0.0.1:${port}/hook` });
  const started = Date.now();
  const result = await h.call<{ delivery: { status: string; log: Array<{ durationMs: number; httpStatus: number | null }> } }>('testAlertChannel', { id: channel.id });
  assert.equal(result.delivery.status, 'delivered');
  assert.equal(result.delivery.log[0]!.httpStatus, 200);
  assert.ok(Date.now() - started < 5_000, `not held until the 10 s timeout (${Date.now() - started} ms)`);
  assert.equal(posts, 1);
});
