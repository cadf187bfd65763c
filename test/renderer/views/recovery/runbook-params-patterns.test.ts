import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunbookParam } from '../../../../preload/schemas/recovery.ts';
import { buildParams } from '../../../../renderer/views/recovery/runbook-params.ts';

test('params: checking a typed value against a catastrophic pattern answers (the window never freezes)', () => {
  const params: RunbookParam[] = [{ type: 'string', name: 'word', pattern: '(a+)+$', maxLength: 100 }];
  assert.deepEqual(buildParams(params, { word: `${'a'.repeat(40)}!` }), { ok: false, errors: { word: 'Must match (a+)+$.' } });
  assert.deepEqual(buildParams(params, { word: 'aaaa' }), { ok: true, values: { word: 'aaaa' } });
});

test('params: a pattern the core now refuses (a back-reference) is left to the core', () => {
  const params: RunbookParam[] = [{ type: 'string', name: 'word', pattern: '(a)\\1', maxLength: 100 }];
  assert.deepEqual(buildParams(params, { word: 'ab' }), { ok: true, values: { word: 'ab' } });
});
