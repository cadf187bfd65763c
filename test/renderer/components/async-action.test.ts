import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ApiError } from '../../../renderer/api/api-error.ts';
import { runAction, type ActionState } from '../../../renderer/components/async-action.ts';
import { useAsyncAction } from '../../../renderer/components/use-async-action.ts';

/** What a component would show, and every state change the action made, in order. */
function recorder() {
  const shown = { busy: false, error: null as string | null, mounted: true, changes: [] as string[] };
  const state: ActionState = {
    setBusy: (busy) => {
      shown.busy = busy;
      shown.changes.push(`busy=${busy}`);
    },
    setError: (error) => {
      shown.error = error;
      shown.changes.push(`error=${error}`);
    },
    isMounted: () => shown.mounted,
  };
  return { shown, state };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

test('busy while the call runs, not busy after; the outcome carries the value', async () => {
  const { shown, state } = recorder();
  const call = deferred<number>();
  const running = runAction(() => call.promise, state);
  assert.equal(shown.busy, true);
  assert.equal(shown.error, null);
  call.resolve(42);
  assert.deepEqual(await running, { ok: true, value: 42 });
  assert.equal(shown.busy, false);
  assert.equal(shown.error, null);
});

test("a refusal leaves the core's message for the view and its ApiError in the outcome", async () => {
  const { shown, state } = recorder();
  const refusal = new ApiError('CONFLICT', 'A host with that name exists.', 'name');
  const outcome = await runAction(() => Promise.reject(refusal), state);
  assert.deepEqual(outcome, { ok: false, error: refusal });
  assert.equal(shown.error, 'A host with that name exists.');
  assert.equal(shown.busy, false);
});

test('anything else thrown becomes an INTERNAL ApiError with its message', async () => {
  const { shown, state } = recorder();
  const outcome = await runAction(() => Promise.reject(new Error('socket hang up')), state);
  assert.equal(outcome.ok, false);
  assert.ok(!outcome.ok && outcome.error instanceof ApiError);
  assert.equal(!outcome.ok && outcome.error.code, 'INTERNAL');
  assert.equal(shown.error, 'socket hang up');
});

test('running again clears the last failure as it starts', async () => {
  const { shown, state } = recorder();
  await runAction(() => Promise.reject(new Error('first')), state);
  assert.equal(shown.error, 'first');
  const call = deferred<void>();
  const again = runAction(() => call.promise, state);
  assert.equal(shown.error, null);
  call.resolve();
  await again;
  assert.equal(shown.error, null);
});

test('an outcome after unmount changes no state, but is still returned to the caller', async () => {
  const { shown, state } = recorder();
  const ok = deferred<string>();
  const fails = deferred<string>();
  const first = runAction(() => ok.promise, state);
  const second = runAction(() => fails.promise, state);
  const before = shown.changes.length;
  shown.mounted = false;
  ok.resolve('late');
  fails.reject(new Error('late too'));
  assert.deepEqual(await first, { ok: true, value: 'late' });
  assert.equal((await second).ok, false);
  assert.equal(shown.changes.length, before, 'no state was set after unmount');
  assert.equal(shown.error, null);
});

test('staysBusyOnSuccess: busy after a success (something else removes the view), not after a failure', async () => {
  const { shown, state } = recorder();
  await runAction(() => Promise.resolve(), state, { staysBusyOnSuccess: true });
  assert.equal(shown.busy, true);
  await runAction(() => Promise.reject(new Error('no')), state, { staysBusyOnSuccess: true });
  assert.equal(shown.busy, false);
  assert.equal(shown.error, 'no');
});

test('useAsyncAction starts idle with no error, and run is a function', () => {
  function Probe() {
    const { run, busy, error, clearError } = useAsyncAction(() => Promise.resolve());
    return createElement('p', null, `busy=${busy} error=${error} run=${typeof run} clearError=${typeof clearError}`);
  }
  assert.equal(renderToStaticMarkup(createElement(Probe)), '<p>busy=false error=null run=function clearError=function</p>');
});
