import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunbookParam } from '../../../../preload/schemas/recovery.ts';
import { ApiError } from '../../../../renderer/api/api-error.ts';
import { mergeRuns } from '../../../../renderer/state/run-list.ts';
import { appendOutput, EMPTY_OUTPUT } from '../../../../renderer/state/run-output.ts';
import { parseRecoveryRoute, runbookHref } from '../../../../renderer/views/recovery/recovery-route.ts';
import { buildParams, initialParams, placeParamError } from '../../../../renderer/views/recovery/runbook-params.ts';
import { recoveryText } from '../../../../renderer/views/recovery/run-labels.ts';
import { EMPTY_HOST, hostToDraft, NEW_SECRET, placeHostError, toHostInput } from '../../../../renderer/views/settings/hosts/host-draft.ts';
import { parseSettingsRoute } from '../../../../renderer/views/settings/settings-route.ts';
import { finished, hostNamed, runNamed } from '../../recovery-fixtures.ts';

test('output: the newest text is kept under the cap, and the pane is told the start was dropped', () => {
  let out = appendOutput(EMPTY_OUTPUT, 'stdout', 'aaaa', 10);
  out = appendOutput(out, 'stderr', 'bbbb', 10);
  assert.equal(out.droppedStart, false);
  out = appendOutput(out, 'stdout', 'cccccc', 10);
  assert.deepEqual(out.segments, [{ stream: 'stderr', text: 'bbbb' }, { stream: 'stdout', text: 'cccccc' }]);
  out = appendOutput(out, 'stdout', 'dd', 10);
  assert.deepEqual(out.segments, [{ stream: 'stderr', text: 'bb' }, { stream: 'stdout', text: 'ccccccdd' }]);
  assert.equal(out.chars, 10);
  assert.equal(out.droppedStart, true);
  assert.equal(appendOutput(out, 'stdout', ''), out, 'an empty chunk changes nothing');
});

test('audit list: newest first, limited, and a summary never goes back from finished to running', () => {
  const list = mergeRuns([], [runNamed(1), runNamed(2), runNamed(3)], {}, 2);
  assert.deepEqual(list.map((r) => r.id), [3, 2]);
  const done = mergeRuns(list, [finished(runNamed(2))], {});
  assert.equal(done[1]!.status, 'succeeded');
  assert.equal(mergeRuns(done, [runNamed(2)], {})[1]!.status, 'succeeded');
  assert.deepEqual(mergeRuns(done, [finished(runNamed(3), { status: 'failed' })], { status: 'succeeded' }).map((r) => r.id), [2]);
});

test('recovery text: unknown stays unknown', () => {
  assert.equal(recoveryText(runNamed(1)), 'not verified yet');
  assert.equal(recoveryText(finished(runNamed(1), { recovered: true })), 'recovered');
  assert.equal(recoveryText(finished(runNamed(1), { recovered: false })), 'not recovered');
  assert.equal(recoveryText(finished(runNamed(1))), 'not verified (no monitors)');
});

const PARAMS: RunbookParam[] = [
  { type: 'string', name: 'unit', pattern: '[a-z0-9.-]+', maxLength: 20 },
  { type: 'enum', name: 'mode', values: ['soft', 'hard'] },
  { type: 'number', name: 'lines', min: 1, max: 1000, integer: true, default: 200 },
  { type: 'string', name: 'note', maxLength: 50 },
];

test('params: defaults fill the form; typed values are checked by type, and numbers are sent as numbers', () => {
  const draft = initialParams(PARAMS);
  assert.deepEqual(draft, { unit: '', mode: 'soft', lines: '200', note: '' });
  assert.deepEqual(buildParams(PARAMS, { ...draft, unit: 'nginx.service', note: 'x; rm -rf / $(id) `id`' }), {
    ok: true,
    values: { unit: 'nginx.service', mode: 'soft', lines: 200, note: 'x; rm -rf / $(id) `id`' },
  });
  const bad = buildParams(PARAMS, { unit: 'nginx; reboot', mode: 'medium', lines: '2.5', note: 'n'.repeat(51) });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors, {
    unit: 'Must match [a-z0-9.-]+.',
    mode: 'Choose one of soft, hard.',
    lines: 'Enter a whole number.',
    note: 'At most 50 characters.',
  });
  const range = buildParams(PARAMS, { ...draft, unit: 'a', lines: '0' });
  assert.deepEqual(!range.ok && range.errors, { lines: 'At least 1.' });
  const empty = buildParams(PARAMS, { ...draft, unit: 'a', lines: ' ' });
  assert.deepEqual(!empty.ok && empty.errors, { lines: 'Enter a number.' });
});

test('params: a pattern the browser cannot compile is left to the core instead of blocking', () => {
  const odd: RunbookParam[] = [{ type: 'string', name: 'x', pattern: '(?<', maxLength: 10 }];
  assert.deepEqual(buildParams(odd, { x: 'anything' }), { ok: true, values: { x: 'anything' } });
});

test('params: the core’s refusal goes under the parameter it names, else above the form', () => {
  assert.deepEqual(placeParamError(new ApiError('INVALID_INPUT', 'previewRunbook: params.unit must match', 'params.unit'), PARAMS), {
    fields: { unit: 'previewRunbook: params.unit must match' },
    form: null,
  });
  assert.deepEqual(placeParamError(new ApiError('CONFLICT', 'another run of this host is in progress'), PARAMS), { fields: {}, form: 'another run of this host is in progress' });
  assert.deepEqual(placeParamError(new ApiError('INVALID_INPUT', 'nope', 'params.ghost'), PARAMS), { fields: {}, form: 'nope' });
});

test('host draft: agent, key and password logins build the saveHost input; a new secret is flagged for storing first', () => {
  const base = { ...EMPTY_HOST, name: ' vm ', address: '10.0.0.5', user: 'ops', services: 'nginx.service, app.service\nworker' };
  const agent = toHostInput(base, undefined, '');
  assert.deepEqual(agent, {
    ok: true,
    newSecret: false,
    input: { name: 'vm', projectId: null, address: '10.0.0.5', port: 22, user: 'ops', auth: 'agent', keyPath: null, secretRef: null, sudo: true, services: ['nginx.service', 'app.service', 'worker'], cloud: null },
  });
  const key = toHostInput({ ...base, auth: 'key', keyPath: '~/.ssh/id_ed25519', secretRef: NEW_SECRET, newSecretLabel: 'vm key' }, 4, 'pass');
  assert.equal(key.ok && key.newSecret, true);
  assert.equal(key.ok && key.input.id, 4);
  assert.equal(key.ok && key.input.secretRef, null, 'the caller fills in the stored reference');
  const password = toHostInput({ ...base, auth: 'password', secretRef: 'secret:11111111-2222-4333-8444-555555555555', keyPath: 'ignored' }, undefined, '');
  assert.equal(password.ok && password.input.secretRef, 'secret:11111111-2222-4333-8444-555555555555');
  assert.equal(password.ok && password.input.keyPath, null);
  const gcloud = toHostInput({ ...base, cloud: 'gcloud', gcloudInstance: 'prod-vm', gcloudZone: 'europe-west1-b' }, undefined, '');
  assert.deepEqual(gcloud.ok && gcloud.input.cloud, { provider: 'gcloud', instance: 'prod-vm', zone: 'europe-west1-b' });
  const aws = toHostInput({ ...base, cloud: 'aws', awsInstanceId: 'i-0123456789abcdef0', awsRegion: 'eu-west-1' }, undefined, '');
  assert.deepEqual(aws.ok && aws.input.cloud, { provider: 'aws', instanceId: 'i-0123456789abcdef0', region: 'eu-west-1' });
});

test('host draft: what is missing is named per field', () => {
  const r = toHostInput({ ...EMPTY_HOST, port: '70000', auth: 'password', secretRef: NEW_SECRET, cloud: 'aws' }, undefined, '');
  assert.equal(r.ok, false);
  assert.deepEqual(Object.keys(!r.ok ? r.errors : {}).sort(), ['address', 'awsInstanceId', 'name', 'newSecretLabel', 'newSecretValue', 'port', 'user']);
  const noKey = toHostInput({ ...EMPTY_HOST, name: 'a', address: 'b', user: 'c', auth: 'key' }, undefined, '');
  assert.deepEqual(!noKey.ok && noKey.errors, { keyPath: 'Enter the path of the private key file.' });
  const noPassword = toHostInput({ ...EMPTY_HOST, name: 'a', address: 'b', user: 'c', auth: 'password' }, undefined, '');
  assert.deepEqual(!noPassword.ok && Object.keys(noPassword.errors), ['secretRef']);
});

test('host draft: a stored host fills the form, and refusals land on the field they name', () => {
  const h = hostNamed(2, 'db', { auth: 'key', keyPath: '/k', services: ['a.service', 'b'], cloud: { provider: 'aws', instanceId: 'i-0123456789abcdef0' } });
  const d = hostToDraft(h);
  assert.equal(d.services, 'a.service b');
  assert.equal(d.cloud, 'aws');
  assert.equal(d.awsInstanceId, 'i-0123456789abcdef0');
  assert.deepEqual(placeHostError(new ApiError('INVALID_INPUT', 'bad zone', 'cloud.zone')), { fields: { gcloudZone: 'bad zone' }, form: null });
  assert.deepEqual(placeHostError(new ApiError('INVALID_INPUT', 'bad unit', 'services.1')), { fields: { services: 'bad unit' }, form: null });
  assert.deepEqual(placeHostError(new ApiError('CONFLICT', 'a host named db exists', 'name')), { fields: { name: 'a host named db exists' }, form: null });
  assert.deepEqual(placeHostError(new ApiError('UNAVAILABLE', 'keychain locked')), { fields: {}, form: 'keychain locked' });
});

test('routes: recovery host and runbook survive the URL round trip; settings has a hosts page', () => {
  assert.deepEqual(parseRecoveryRoute('recovery'), { hostId: null, runbookId: null });
  assert.deepEqual(parseRecoveryRoute('recovery/3'), { hostId: 3, runbookId: null });
  assert.deepEqual(parseRecoveryRoute(runbookHref(3, 'builtin:restart-service').slice(2)), { hostId: 3, runbookId: 'builtin:restart-service' });
  assert.deepEqual(parseRecoveryRoute('recovery/abc/x'), { hostId: null, runbookId: null });
  assert.deepEqual(parseRecoveryRoute('recovery/3/%E0%A4%A'), { hostId: 3, runbookId: null }, 'a broken escape is no runbook, not a crash');
  assert.equal(parseSettingsRoute('settings/hosts'), 'hosts');
  assert.equal(parseSettingsRoute('settings'), 'general');
  assert.equal(parseSettingsRoute('settings/other'), 'general');
});
