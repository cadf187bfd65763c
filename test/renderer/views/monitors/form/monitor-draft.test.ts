import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MonitorDefinition } from '../../../../../preload/contract.ts';
import { ApiError } from '../../../../../renderer/api/api-error.ts';
import { draftOf, EMPTY_DRAFT, lineOfCondition, placeMonitorError, toSaveInput, type MonitorDraft } from '../../../../../renderer/views/monitors/form/monitor-draft.ts';

const draft = (over: Partial<MonitorDraft>): MonitorDraft => ({ ...EMPTY_DRAFT, name: 'm', ...over });

const definition = (over: Partial<MonitorDefinition>): MonitorDefinition => ({
  projectId: null,
  name: 'api',
  target: { kind: 'http', url: 'https://x.test/h', method: 'POST', headers: { 'x-a': '1' }, body: '{}', followRedirects: false, verifyTls: true },
  conditions: ['[STATUS] == 200'],
  intervalSeconds: 30,
  failureThreshold: 3,
  successThreshold: 2,
  parentId: null,
  role: 'api',
  ...over,
});

test('each kind sends its own target fields; empty optional ones are left out', () => {
  const ok = (d: MonitorDraft) => {
    const r = toSaveInput(d);
    assert.ok(r.ok, JSON.stringify(r));
    return r.input;
  };
  assert.deepEqual(ok(draft({ kind: 'tcp', host: ' db ', port: '5432' })).target, { kind: 'tcp', host: 'db', port: 5432 });
  assert.deepEqual(ok(draft({ kind: 'ping', host: '10.0.0.1' })).target, { kind: 'ping', host: '10.0.0.1' });
  assert.deepEqual(ok(draft({ kind: 'http', url: 'http://x/', method: 'HEAD', verifyTls: false })).target, { kind: 'http', url: 'http://x/', method: 'HEAD', verifyTls: false });
  assert.deepEqual(ok(draft({ kind: 'tls', host: 'x', port: '' })).target, { kind: 'tls', host: 'x', port: undefined });
  assert.deepEqual(ok(draft({ kind: 'dns', query: 'x.test', recordType: 'TXT', resolver: '' })).target, { kind: 'dns', query: 'x.test', recordType: 'TXT' });
  assert.deepEqual(ok(draft({ kind: 'postgres', host: 'db', database: 'app', user: 'u', passwordEnv: 'PGPASS' })).target, {
    kind: 'postgres',
    host: 'db',
    port: undefined,
    database: 'app',
    user: 'u',
    ssl: false,
    passwordEnv: 'PGPASS',
  });
  assert.deepEqual(ok(draft({ kind: 'ssh', host: 'vm', user: 'ops', hostKey: 'SHA256:k', command: 'uptime' })).target, {
    kind: 'ssh',
    host: 'vm',
    port: undefined,
    user: 'ops',
    hostKey: 'SHA256:k',
    useAgent: false,
    command: 'uptime',
  });
  assert.deepEqual(ok(draft({ kind: 'sqlite-over-ssh', host: 'vm', user: 'ops', hostKey: 'SHA256:k', privateKeyPath: '/k', file: '/db' })).target, {
    kind: 'sqlite-over-ssh',
    host: 'vm',
    port: undefined,
    user: 'ops',
    hostKey: 'SHA256:k',
    useAgent: false,
    privateKeyPath: '/k',
    file: '/db',
  });
});

test('numbers, conditions one per line, parent, project and metric', () => {
  const r = toSaveInput(
    draft({
      kind: 'tcp',
      host: 'h',
      port: '1',
      conditions: '[CONNECTED] == true\n\n  [RESPONSE_TIME] < 300  \n',
      intervalSeconds: '5',
      timeoutSeconds: '',
      failureThreshold: '1',
      parentId: '12',
      projectId: 'p',
      metricName: 'rate',
      metricSource: '[BODY].rate',
    }),
  );
  assert.ok(r.ok);
  assert.deepEqual(r.input.conditions, ['[CONNECTED] == true', '[RESPONSE_TIME] < 300']);
  assert.equal(r.input.intervalSeconds, 5);
  assert.equal('timeoutSeconds' in r.input, false, 'empty timeout: the core decides');
  assert.equal(r.input.parentId, 12);
  assert.equal(r.input.projectId, 'p');
  assert.deepEqual(r.input.metric, { name: 'rate', source: '[BODY].rate' });
});

test('what is not even a number is caught before the round trip; the rest is left to the core', () => {
  const r = toSaveInput(draft({ name: ' ', port: '80a', intervalSeconds: '1.5', metricName: 'x' }));
  assert.ok(!r.ok);
  assert.deepEqual(Object.keys(r.errors).sort(), ['intervalSeconds', 'metricSource', 'name', 'port']);
  assert.ok(toSaveInput(draft({ kind: 'tcp', host: 'h', port: '70000', intervalSeconds: '1' })).ok, 'ranges are the core’s call');
});

test('editing keeps target fields the form does not show, unless the kind changes', () => {
  const def = definition({});
  const edited = toSaveInput({ ...draftOf(def), url: 'https://x.test/v2' }, { id: 4, definition: def });
  assert.ok(edited.ok);
  assert.equal(edited.input.id, 4);
  assert.deepEqual(edited.input.target, { kind: 'http', url: 'https://x.test/v2', method: 'POST', headers: { 'x-a': '1' }, body: '{}', followRedirects: false, verifyTls: true });
  const switched = toSaveInput({ ...draftOf(def), kind: 'tcp', host: 'x.test', port: '443' }, { id: 4, definition: def });
  assert.ok(switched.ok);
  assert.deepEqual(switched.input.target, { kind: 'tcp', host: 'x.test', port: 443 });
});

test('draftOf and toSaveInput round-trip a definition', () => {
  const def = definition({ target: { kind: 'dns', query: 'x.test', recordType: 'MX', resolver: '1.1.1.1' }, timeoutSeconds: 4, parentId: 3, metric: { name: 'n', source: '[BODY]', unit: 'ms' } });
  const r = toSaveInput(draftOf(def), { id: 9, definition: def });
  assert.ok(r.ok);
  const { id, ...rest } = r.input;
  assert.equal(id, 9);
  assert.deepEqual(rest, def);
});

test('core errors land on the input they name, conditions with their line', () => {
  const d = draft({ conditions: '[CONNECTED] == true\n\n[RESPONSE_TIME] <' });
  const cond = placeMonitorError(
    new ApiError('INVALID_INPUT', 'saveMonitor: conditions[1]: expected a value after the operator at column 18 in "[RESPONSE_TIME] <"', 'conditions.1'),
    d,
  );
  assert.deepEqual(cond, { fields: { conditions: 'Line 3: expected a value after the operator at column 18 in "[RESPONSE_TIME] <"' }, form: null });
  assert.deepEqual(placeMonitorError(new ApiError('INVALID_INPUT', 'saveMonitor: port must be from 1 to 65535', 'target.port'), d).fields, { port: 'port must be from 1 to 65535' });
  assert.deepEqual(Object.keys(placeMonitorError(new ApiError('INVALID_INPUT', 'x', 'target.query'), d).fields), ['query']);
  assert.deepEqual(Object.keys(placeMonitorError(new ApiError('INVALID_INPUT', 'x', 'metric.source'), d).fields), ['metricSource']);
  assert.deepEqual(Object.keys(placeMonitorError(new ApiError('INVALID_INPUT', 'x', 'timeoutSeconds'), d).fields), ['timeoutSeconds']);
  assert.deepEqual(placeMonitorError(new ApiError('INVALID_INPUT', 'saveMonitor: x', 'target.headers.a'), d), { fields: {}, form: 'saveMonitor: x' });
  assert.deepEqual(placeMonitorError(new ApiError('UNAVAILABLE', 'down'), d), { fields: {}, form: 'down' });
});

test('lineOfCondition skips the blank lines that are not sent', () => {
  assert.equal(lineOfCondition('a\n\n b\n\nc', 0), 1);
  assert.equal(lineOfCondition('a\n\n b\n\nc', 1), 3);
  assert.equal(lineOfCondition('a\n\n b\n\nc', 2), 5);
  assert.equal(lineOfCondition('a', 4), 5, 'out of range: best effort');
});
