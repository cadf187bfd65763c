import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../../renderer/api/api-error.ts';
import { emptyRunbook, newParam, newStep, placeRunbookError, toRunbookInput } from '../../../../renderer/views/recovery/runbook-draft.ts';

test('runbook draft: arguments are taken one per line, never split on spaces; parameters keep only their type’s fields', () => {
  const draft = {
    ...emptyRunbook(),
    name: ' Echo ',
    readOnly: true,
    schedule: 'daily 03:30',
    params: [
      { ...newParam(), name: 'msg', pattern: '', maxLength: '', default: 'hi there' },
      { ...newParam(), type: 'enum' as const, name: 'mode', values: 'soft, hard\nkill' },
      { ...newParam(), type: 'number' as const, name: 'lines', min: '1', max: '', default: '200', integer: true },
    ],
    steps: [
      { ...newStep(), title: 'Say it', argv: 'echo\n{{msg}}; rm -rf /\n', sudo: true },
      { ...newStep('local'), argv: 'gcloud\ncompute\ninstances\nstart\nvm one' },
      { ...newStep('waitForSsh'), timeoutSeconds: '120' },
      { ...newStep('verifyMonitors'), title: 'Green?', timeoutSeconds: '60' },
    ],
  };
  const built = toRunbookInput(draft, 7);
  assert.ok(built.ok);
  assert.deepEqual(built.input, {
    hostId: 7,
    name: 'Echo',
    description: '',
    readOnly: true,
    params: [
      { type: 'string', name: 'msg', maxLength: 256, default: 'hi there' },
      { type: 'enum', name: 'mode', values: ['soft', 'hard', 'kill'] },
      { type: 'number', name: 'lines', integer: true, min: 1, default: 200 },
    ],
    steps: [
      { title: 'Say it', remote: ['echo', '{{msg}}; rm -rf /'], sudo: true, continueOnError: false },
      { local: ['gcloud', 'compute', 'instances', 'start', 'vm one'], continueOnError: false },
      { waitForSsh: { timeoutSeconds: 120 } },
      { title: 'Green?', verifyMonitors: { timeoutSeconds: 60 } },
    ],
    timeoutSeconds: 600,
    schedule: 'daily 03:30',
  });
  const everywhere = toRunbookInput({ ...draft, thisHostOnly: false, schedule: '' }, 7);
  assert.equal(everywhere.ok && everywhere.input.hostId, null);
  assert.equal(everywhere.ok && everywhere.input.schedule, null);
});

test('runbook draft: what is missing is named at its row; a schedule needs a read-only runbook', () => {
  const built = toRunbookInput(
    {
      ...emptyRunbook(),
      timeoutSeconds: 'ten',
      schedule: 'every 6h',
      params: [{ ...newParam(), type: 'enum' }, { ...newParam(), type: 'number', name: 'n', min: 'low' }],
      steps: [{ ...newStep(), argv: '\n\n' }, { ...newStep('waitForSsh'), timeoutSeconds: '' }],
    },
    1,
  );
  assert.equal(built.ok, false);
  assert.deepEqual(!built.ok && built.errors, {
    name: 'Give the runbook a name.',
    timeoutSeconds: 'Enter a whole number of seconds.',
    schedule: 'Only a read-only runbook may run on a schedule, unattended.',
    'params.0': 'Name the parameter (lower_snake_case); steps use it as {{name}}.',
    'params.1': 'Minimum, maximum and default must be numbers.',
    'steps.0': 'Enter the program on the first line, then one argument per line.',
    'steps.1': 'The wait needs a whole number of seconds.',
  });
  const none = toRunbookInput({ ...emptyRunbook(), name: 'x', steps: [] }, 1);
  assert.deepEqual(!none.ok && none.errors, { form: 'Add at least one step.' });
});

test('runbook draft: the core’s refusals land on the row or field they name', () => {
  assert.deepEqual(placeRunbookError(new ApiError('INVALID_INPUT', 'bad arg', 'steps.2.remote.0')), { 'steps.2': 'bad arg' });
  assert.deepEqual(placeRunbookError(new ApiError('INVALID_INPUT', 'bad name', 'params.0.name')), { 'params.0': 'bad name' });
  assert.deepEqual(placeRunbookError(new ApiError('INVALID_INPUT', 'bad schedule', 'schedule')), { schedule: 'bad schedule' });
  assert.deepEqual(placeRunbookError(new ApiError('CONFLICT', 'a runbook with this name exists')), { form: 'a runbook with this name exists' });
});
