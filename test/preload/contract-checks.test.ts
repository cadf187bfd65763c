import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createDispatcher, type Handlers } from '../../main/api/dispatcher.ts';
import { EventBus } from '../../main/core/event-bus.ts';
import { silentLogger } from '../../main/core/logger.ts';
import type { EventName, EventPayload, Settings } from '../../preload/contract.ts';

// scripts/run-tests.mjs turns the checks on for every test; these tests set the variable themselves
// so that they also say what happens without it.
const saved = process.env.PHOTON_CONTRACT_CHECKS;
afterEach(() => {
  if (saved === undefined) delete process.env.PHOTON_CONTRACT_CHECKS;
  else process.env.PHOTON_CONTRACT_CHECKS = saved;
});
const checksOn = () => (process.env.PHOTON_CONTRACT_CHECKS = '1');
const checksOff = () => delete process.env.PHOTON_CONTRACT_CHECKS;

const settings: Settings = { theme: 'dark', staleAfterSeconds: 60 };
const project = { id: 'p1', name: 'shop', repoPath: null, notes: '', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' };

/** A dispatcher whose handlers answer whatever the test says, shapes unchecked by the compiler. */
const dispatcherWith = (handlers: Record<string, (input: unknown) => unknown>) => createDispatcher(handlers as unknown as Handlers, silentLogger);

test('checks on: a result with a field its schema does not declare is an INTERNAL error naming the method and the field', async () => {
  checksOn();
  const dispatch = dispatcherWith({
    getSettings: () => ({ ...settings, password: 'hunter2' }),
    listProjects: () => [project, { ...project, id: 'p2', owner: { name: 'x' } }],
  });
  assert.deepEqual(await dispatch('getSettings', {}), {
    ok: false,
    error: { code: 'INTERNAL', message: 'getSettings returned a result its contract does not declare: password: a field the contract does not declare' },
  });
  assert.deepEqual(await dispatch('listProjects', {}), {
    ok: false,
    error: { code: 'INTERNAL', message: 'listProjects returned a result its contract does not declare: [1].owner: a field the contract does not declare' },
  });
});

test('checks on: a result of the wrong type or missing a field names the zod issue and its path', async () => {
  checksOn();
  const dispatch = dispatcherWith({
    getSettings: () => ({ theme: 'dark', staleAfterSeconds: '60' }),
    listProjects: () => [{ ...project, notes: undefined }],
  });
  const wrongType = await dispatch('getSettings', {});
  assert.equal(wrongType.ok, false);
  assert.match(!wrongType.ok ? wrongType.error.message : '', /^getSettings returned a result its contract does not declare: staleAfterSeconds: .*number/);
  const missing = await dispatch('listProjects', {});
  assert.match(!missing.ok ? missing.error.message : '', /^listProjects returned a result its contract does not declare: \[0\]\.notes: /);
});

test('checks on: a result that matches is returned as the handler made it', async () => {
  checksOn();
  const answer = [project];
  const result = await dispatcherWith({ listProjects: () => answer })('listProjects', {});
  assert.ok(result.ok);
  assert.equal(result.value, answer, 'the very object, not a parsed copy');
});

test('checks on: an event with a wrong or undeclared payload throws at emit, naming the event and the path, and nobody hears it', () => {
  checksOn();
  const bus = new EventBus();
  const heard: string[] = [];
  bus.onAny((event) => heard.push(event));
  const emit = (event: EventName, payload: unknown) => bus.emit(event, payload as EventPayload<EventName>);
  assert.throws(() => emit('settingsChanged', { theme: 'neon', staleAfterSeconds: 60 }), /^Error: The settingsChanged event does not match its contract: theme: /);
  assert.throws(
    () => emit('projectsChanged', { projects: [{ ...project, extra: true }] }),
    { message: 'The projectsChanged event does not match its contract: projects[0].extra: a field the contract does not declare' },
  );
  emit('settingsChanged', settings);
  assert.deepEqual(heard, ['settingsChanged']);
});

test('checks on: a handler whose event does not match fails its call with INTERNAL', async () => {
  checksOn();
  const bus = new EventBus();
  const dispatch = dispatcherWith({
    updateSettings: () => {
      bus.emit('settingsChanged', { ...settings, font: 'serif' } as Settings);
      return settings;
    },
  });
  const result = await dispatch('updateSettings', { theme: 'dark' });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'INTERNAL');
  assert.match(!result.ok ? result.error.message : '', /^updateSettings failed: The settingsChanged event does not match its contract: font: /);
});

test('checks off (PHOTON_CONTRACT_CHECKS unset): results and events pass unchecked', async () => {
  checksOff();
  const answer = { ...settings, password: 'hunter2' };
  const result = await dispatcherWith({ getSettings: () => answer })('getSettings', {});
  assert.deepEqual(result, { ok: true, value: answer });

  const bus = new EventBus();
  const heard: unknown[] = [];
  bus.onAny((_event, payload) => heard.push(payload));
  bus.emit('settingsChanged', { theme: 'neon' } as unknown as Settings);
  assert.deepEqual(heard, [{ theme: 'neon' }]);
});

test('only "1" turns the checks on', async () => {
  process.env.PHOTON_CONTRACT_CHECKS = 'true';
  const result = await dispatcherWith({ getSettings: () => ({ ...settings, extra: 1 }) })('getSettings', {});
  assert.equal(result.ok, true);
});
