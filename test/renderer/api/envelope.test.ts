import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../renderer/api/api-error.ts';
import { unwrapEnvelope } from '../../../renderer/api/envelope.ts';

test('an ok envelope yields its value, even a falsy one', () => {
  assert.deepEqual(unwrapEnvelope({ ok: true, value: { a: 1 } }, 'm'), { a: 1 });
  assert.equal(unwrapEnvelope({ ok: true, value: null }, 'm'), null);
});

test('an error envelope throws ApiError with code, message and field', () => {
  assert.throws(
    () => unwrapEnvelope({ ok: false, error: { code: 'CONFLICT', message: 'taken', field: 'name' } }, 'addProject'),
    (err: unknown) => err instanceof ApiError && err.code === 'CONFLICT' && err.message === 'taken' && err.field === 'name',
  );
});

test('anything else is an INTERNAL error naming the method, not a crash later on', () => {
  for (const raw of [undefined, null, 'ok', { ok: true }, { ok: false }, { ok: false, error: { code: 'NOPE', message: 'x' } }]) {
    assert.throws(
      () => unwrapEnvelope(raw, 'listProjects'),
      (err: unknown) => err instanceof ApiError && err.code === 'INTERNAL' && err.message.startsWith('listProjects:'),
      JSON.stringify(raw),
    );
  }
});
