// A file refusal that reaches the dispatcher unconverted is the caller's input at fault: INVALID_INPUT
// (NOT_FOUND for a missing file) with the file and the reason, never INTERNAL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Handlers } from '../../main/api/dispatcher.ts';
import { createDispatcher } from '../../main/api/dispatcher.ts';
import { fileReadErrors } from '../../main/api/file-read-errors.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { readRegularFile } from '../../main/core/read-file-safely.ts';

test('a FileReadError thrown by a handler becomes INVALID_INPUT or NOT_FOUND naming the file', async () => {
  let path = '/dev/zero';
  const handlers = { listProjects: async () => readRegularFile(path, { maxBytes: 10 }) } as unknown as Handlers;
  const dispatch = createDispatcher(handlers, silentLogger, [fileReadErrors], { checkResults: false });
  const refused = await dispatch('listProjects', {});
  assert.ok(!refused.ok);
  assert.equal(refused.error.code, 'INVALID_INPUT');
  assert.equal(refused.error.message, 'listProjects: /dev/zero is a character device, not a regular file; not read');
  path = '/nonexistent-photon-file';
  const missing = await dispatch('listProjects', {});
  assert.ok(!missing.ok);
  assert.deepEqual(missing.error, { code: 'NOT_FOUND', message: '/nonexistent-photon-file does not exist' });
});
