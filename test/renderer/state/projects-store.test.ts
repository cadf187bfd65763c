import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Project } from '../../../preload/contract.ts';
import { createProjectsStore } from '../../../renderer/state/projects-store.ts';
import { deferred, fakeClient, projectNamed } from '../fake-client.ts';

const names = (projects: readonly Project[]) => projects.map((p) => p.name);
const settle = () => new Promise((r) => setTimeout(r, 0));

test('the list comes from listProjects, then only from projectsChanged; add does not touch it', async () => {
  const fake = fakeClient({
    listProjects: () => Promise.resolve([projectNamed('a')]),
    addProject: () => Promise.resolve(projectNamed('b')),
  });
  const { store, dispose } = createProjectsStore(fake.client);
  assert.equal(store.getState().status, 'loading');
  await settle();
  assert.deepEqual(names(store.getState().projects), ['a']);

  await store.getState().add({ name: 'b' });
  assert.deepEqual(names(store.getState().projects), ['a'], 'the answer to addProject is not the source of the list');
  fake.emit('projectsChanged', { projects: [projectNamed('a'), projectNamed('b')] });
  assert.deepEqual(names(store.getState().projects), ['a', 'b']);
  dispose();
});

test('a listProjects answer older than an event does not overwrite it', async () => {
  const slow = deferred<Project[]>();
  const fake = fakeClient({ listProjects: () => slow.promise });
  const { store, dispose } = createProjectsStore(fake.client);
  fake.emit('projectsChanged', { projects: [projectNamed('new')] });
  slow.resolve([projectNamed('old')]);
  await settle();
  assert.deepEqual(names(store.getState().projects), ['new']);
  dispose();
});

test('the list is read again whenever live updates come (back) up, and not otherwise', async () => {
  const fake = fakeClient({ listProjects: () => Promise.resolve([]) });
  const { dispose } = createProjectsStore(fake.client);
  const lists = () => fake.calls.filter((c) => c.method === 'listProjects').length;
  assert.equal(lists(), 1);
  fake.setConnection('live');
  assert.equal(lists(), 2, 'first connect closes the gap between the first read and the stream');
  fake.setConnection('retrying');
  fake.setConnection('live');
  assert.equal(lists(), 3, 'events may have been missed while the link was down');
  dispose();
  fake.setConnection('retrying');
  fake.setConnection('live');
  assert.equal(lists(), 3, 'a disposed store stops listening');
});

test('a failed first load is reported; a failure after data keeps the data', async () => {
  let fail = true;
  const fake = fakeClient({
    listProjects: () => (fail ? Promise.reject(new Error('boom')) : Promise.resolve([projectNamed('a')])),
  });
  const { store, dispose } = createProjectsStore(fake.client);
  await settle();
  assert.equal(store.getState().status, 'failed');
  assert.equal(store.getState().error?.message, 'boom');
  fail = false;
  await store.getState().reload();
  assert.equal(store.getState().status, 'ready');
  assert.equal(store.getState().error, null);
  fail = true;
  await store.getState().reload();
  assert.equal(store.getState().status, 'ready');
  assert.deepEqual(names(store.getState().projects), ['a']);
  assert.ok(store.getState().error);
  dispose();
});
