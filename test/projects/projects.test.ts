import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Project } from '../../preload/contract.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const env = await p;
  assert.equal(env.ok, true, JSON.stringify(env));
  return env.value as T;
}

test('projects: add, list, rename, edit, remove — each change announced with the full list', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const seen: string[][] = [];
  core.events.onAny((name, payload) => {
    if (name === 'projectsChanged') seen.push((payload as { projects: Project[] }).projects.map((p) => p.name));
  });

  const shop = await ok<Project>(core.dispatch('addProject', { name: '  Shop  ', repoPath: '/srv/shop', notes: 'main site' }));
  assert.equal(shop.name, 'Shop', 'names are trimmed');
  assert.equal(shop.repoPath, '/srv/shop');
  const blog = await ok<Project>(core.dispatch('addProject', { name: 'blog' }));
  assert.equal(blog.repoPath, null);
  assert.equal(blog.notes, '');

  assert.deepEqual((await ok<Project[]>(core.dispatch('listProjects', {}))).map((p) => p.name), ['blog', 'Shop']);

  const renamed = await ok<Project>(core.dispatch('updateProject', { id: shop.id, name: 'Storefront' }));
  assert.equal(renamed.name, 'Storefront');
  assert.equal(renamed.notes, 'main site', 'fields not given are kept');
  assert.ok(renamed.updatedAt >= shop.updatedAt);

  const recased = await ok<Project>(core.dispatch('updateProject', { id: shop.id, name: 'STOREFRONT', repoPath: null }));
  assert.equal(recased.name, 'STOREFRONT', 'changing only the case of its own name is not a conflict');
  assert.equal(recased.repoPath, null);

  const clash = await core.dispatch('updateProject', { id: blog.id, name: 'storefront' });
  assert.deepEqual(clash, { ok: false, error: { code: 'CONFLICT', message: 'A project named "storefront" already exists', field: 'name' } });

  await ok(core.dispatch('removeProject', { id: blog.id }));
  const again = await core.dispatch('removeProject', { id: blog.id });
  assert.equal(again.ok ? '' : again.error.code, 'NOT_FOUND');

  assert.deepEqual(seen, [['Shop'], ['blog', 'Shop'], ['blog', 'Storefront'], ['blog', 'STOREFRONT'], ['STOREFRONT']]);
});

test('getProject: one project by id; an unknown id is NOT_FOUND, a malformed one INVALID_INPUT naming the field', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const shop = await ok<Project>(core.dispatch('addProject', { name: 'Shop', repoPath: '/srv/shop' }));
  assert.deepEqual(await ok<Project>(core.dispatch('getProject', { id: shop.id })), shop);

  const missing = await core.dispatch('getProject', { id: 'no-such-project' });
  assert.equal(missing.ok ? '' : missing.error.code, 'NOT_FOUND');
  const malformed = await core.dispatch('getProject', { id: '' });
  assert.deepEqual(malformed.ok ? null : [malformed.error.code, malformed.error.field], ['INVALID_INPUT', 'id']);
  const extra = await core.dispatch('getProject', { id: shop.id, name: 'Shop' });
  assert.equal(extra.ok ? '' : extra.error.code, 'INVALID_INPUT', 'unknown fields are errors, not ignored');
});

test('projects persist across a restart of the core', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const first = startTestCore(dir);
  await ok(first.dispatch('addProject', { name: 'Durable', notes: 'kept' }));
  await first.close();
  const second = startTestCore(dir);
  t.after(() => second.close());
  const list = await ok<Project[]>(second.dispatch('listProjects', {}));
  assert.deepEqual(
    list.map((p) => [p.name, p.notes]),
    [['Durable', 'kept']],
  );
});

test('getAppInfo reports measured facts about this instance', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const info = await ok<{ dataDir: string; schemaVersion: number; transport: string; version: string }>(core.dispatch('getAppInfo', {}));
  assert.equal(info.dataDir, core.dataDir);
  assert.equal(info.transport, 'http');
  assert.ok(info.schemaVersion >= 1);
  assert.match(info.version, /^\d+\.\d+\.\d+/);
});
