import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { METHOD_NAMES, methods, type Envelope, type MethodName } from '../../preload/contract.ts';
import { startWatchdogCore, type WatchdogCore } from '../helpers/watchdog-core.ts';

/**
 * Every contract method answers under hostile input: each call must settle with an envelope before
 * a generous deadline (a hang detector, not a speed target). The core runs in a worker thread, so
 * even a call that blocks its thread forever fails here, by name, instead of freezing the suite.
 */

const CATASTROPHIC_PATTERN = '(a+)+$';
const CATASTROPHIC_SUBJECT = `${'a'.repeat(40)}!`;

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

const hugeField = 'x'.repeat(256 * 1024);
const deepObject = nested(2000, (inner) => ({ a: inner }));
const deepArray = nested(2000, (inner) => [inner]);
const manyKeys = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));

/** Inputs for any method, whatever it takes. */
const WHOLE_INPUTS: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a string', 'hello'],
  ['an array', [1, 2, 3]],
  ['a 1 MiB string', 'y'.repeat(1024 * 1024)],
  ['an object nested 2000 deep', deepObject],
  ['an array nested 2000 deep', deepArray],
  ['an object with 10,000 keys', manyKeys],
  ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown],
];

/** Values put, one at a time, at each top-level field the method's input declares. */
const FIELD_VALUES: Array<[string, unknown]> = [
  ['a 256 KiB string', hugeField],
  ['an object nested 2000 deep', deepObject],
  ['a catastrophic pattern', CATASTROPHIC_PATTERN],
  ['a catastrophic subject', CATASTROPHIC_SUBJECT],
  ['the wrong type (number)', 123_456_789],
  ['the wrong type (array)', ['a', 'b']],
];

function hostileInputs(method: MethodName): Array<[string, unknown]> {
  const fields = Object.keys((methods[method].input as unknown as { shape: Record<string, unknown> }).shape);
  const perField = fields.flatMap((f) => FIELD_VALUES.map(([what, v]): [string, unknown] => [`${f} = ${what}`, { [f]: v }]));
  const allHuge: Array<[string, unknown]> = fields.length ? [['every field a 256 KiB string', Object.fromEntries(fields.map((f) => [f, hugeField]))]] : [];
  return [...WHOLE_INPUTS, ...perField, ...allHuge];
}

const isEnvelope = (e: Envelope<unknown>) => typeof e === 'object' && e !== null && (e.ok === true ? 'value' in e : typeof e.error?.code === 'string');

describe('contract watchdog', () => {
  let core: WatchdogCore;
  before(async () => {
    core = await startWatchdogCore();
  });
  after(async () => {
    await core.dispose();
  });

  test('covers every method of the contract', () => {
    assert.ok(METHOD_NAMES.length > 50, `only ${METHOD_NAMES.length} methods found`);
    for (const m of METHOD_NAMES) assert.ok(hostileInputs(m).length >= WHOLE_INPUTS.length, m);
  });

  for (const method of METHOD_NAMES) {
    test(`${method} answers every hostile input with an envelope, never INTERNAL`, async () => {
      for (const [what, input] of hostileInputs(method)) {
        const envelope = await core.call(method, input).catch((err: Error) => assert.fail(`${method} with ${what}: ${err.message}`));
        assert.ok(isEnvelope(envelope), `${method} with ${what}: not an envelope: ${JSON.stringify(envelope).slice(0, 200)}`);
        // Bad input is the caller's mistake: a clear error about it, never an internal failure.
        assert.ok(envelope.ok || envelope.error.code !== 'INTERNAL', `${method} with ${what}: INTERNAL ${!envelope.ok ? envelope.error.message : ''}`);
      }
    });
  }

  test('a runbook preview against a catastrophic pattern answers with a validation error', async () => {
    const host = await core.call('saveHost', { name: 'watchdog-vm', address: '127.0.0.1', port: 22, user: 'deploy', auth: 'agent' });
    assert.ok(host.ok);
    const hostId = (host.value as { id: number }).id;
    const runbook = await core.call('saveRunbook', {
      hostId,
      name: 'Catastrophic',
      params: [{ type: 'string', name: 'word', pattern: CATASTROPHIC_PATTERN }],
      steps: [{ remote: ['echo', '{{word}}'] }],
    });
    assert.ok(runbook.ok, JSON.stringify(runbook));
    const preview = await core.call('previewRunbook', { hostId, runbookId: (runbook.value as { id: string }).id, params: { word: CATASTROPHIC_SUBJECT } });
    assert.ok(!preview.ok && preview.error.code === 'INVALID_INPUT', JSON.stringify(preview));
    assert.equal(preview.error.field, 'params.word');
  });

  test('an HTTP monitor matching globs against a hostile 1 MiB body leaves the console answering', async () => {
    const body = 'a'.repeat(1024 * 1024);
    const server = http.createServer((_req, res) => res.end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      // 20 conditions of 498 characters: a backtracking glob needs ~12 s each on this body.
      const conditions = Array.from({ length: 20 }, () => `[BODY] == pat(*${'?a'.repeat(240)}b*)`);
      const saved = await core.call('saveMonitor', { name: 'hostile-body', intervalSeconds: 3600, target: { kind: 'http', url }, conditions });
      assert.ok(saved.ok, JSON.stringify(saved).slice(0, 300));
      const id = (saved.value as { id: number }).id;
      for (let polls = 0; ; polls++) {
        const detail = await core.call('getMonitor', { id });
        assert.ok(detail.ok, JSON.stringify(detail).slice(0, 300));
        const results = (detail.value as { recentResults: Array<{ outcome: string }> }).recentResults;
        if (results.length > 0) {
          assert.equal(results[0]!.outcome, 'down', `no condition matches this body: ${JSON.stringify(results[0]).slice(0, 400)}`);
          break;
        }
        assert.ok(polls < 600, 'the monitor never ran');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok((await core.call('removeMonitor', { id })).ok);
    } finally {
      server.close();
    }
  });

  test('after all of it, the console still answers', async () => {
    const info = await core.call('getAppInfo', {});
    assert.ok(info.ok, JSON.stringify(info));
  });
});
