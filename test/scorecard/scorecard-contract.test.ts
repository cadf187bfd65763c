import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../main/store/open-database.ts';
import type { Envelope, EventName, MonitorSummary, Project } from '../../preload/contract.ts';
import { AssessmentSchema, type AssessmentSummary, type ScorecardProgress, type ScorecardSettings, type StoredAssessment } from '../../preload/schemas/scorecard.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { closeServer, listen } from '../helpers/loopback-servers.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { GOOD_FILES, makeFixture } from './fixtures.ts';

async function setup(t: import('node:test').TestContext) {
  const core = startTestCore(undefined, { secrets: new MemorySecretStore() });
  t.after(() => core.dispose());
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const env = (await core.dispatch(method, input)) as Envelope<T>;
    assert.ok(env.ok, `${method}: ${JSON.stringify(env)}`);
    return env.value;
  };
  const fails = async (method: string, input: unknown) => {
    const env = await core.dispatch(method, input);
    assert.equal(env.ok, false, `${method} must fail`);
    return (env as Extract<Envelope<unknown>, { ok: false }>).error;
  };
  const seen: Array<{ event: EventName; payload: unknown }> = [];
  t.after(core.events.onAny((event, payload) => seen.push({ event, payload })));
  return { core, call, fails, seen };
}

/** A loopback service whose /health answers with the given status and headers. */
async function healthServer(t: import('node:test').TestContext, status: number, headers: Record<string, string>) {
  const server = http.createServer((_req, res) => res.writeHead(status, headers).end('{"ok":true}'));
  const port = await listen(server);
  t.after(() => closeServer(server));
  return `http://127.0.0.1:${port}/health`;
}

test('assessProject: progress events, live evidence from a real http monitor, storage, history and export', async (t) => {
  const { core, call, seen } = await setup(t);
  const repo = makeFixture('contract', GOOD_FILES, { git: true });
  t.after(repo.cleanup);
  const project = await call<Project>('addProject', { name: 'Shop', repoPath: repo.dir });
  const url = await healthServer(t, 200, { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
  const monitor = await call<MonitorSummary>('saveMonitor', { projectId: project.id, name: 'api health', role: 'api', intervalSeconds: 3600, target: { kind: 'http', url } });
  await core.monitoring.runNow(monitor.id);

  const first = await call<StoredAssessment>('assessProject', { projectId: project.id });
  AssessmentSchema.parse(first.report);
  const check = (id: string, a = first) => a.report.checks.find((c) => c.id === id)!;
  assert.equal(check('mon.health-live').status, 'pass', check('mon.health-live').reason);
  const probe = check('mon.health-live').evidence[0]!;
  assert.equal(probe.kind, 'probe');
  assert.ok(probe.kind === 'probe' && probe.monitorId === monitor.id && probe.at !== null && /HTTP 200/.test(probe.note));
  assert.equal(check('sec.headers-live').status, 'pass', 'nosniff and frame options on a plain-http URL');
  assert.equal(check('infra.vm-reachable').status, 'unknown', 'no vm monitor: unknown, not fail');
  assert.equal(check('mon.tls-days-left').status, 'unknown');
  assert.equal(check('infra.backups-fresh').reason, 'no remote backup target is configured (Backups view)');
  assert.equal(check('mon.loops-healthy').status, 'pass', check('mon.loops-healthy').reason);
  assert.equal(first.diff.previousId, null);

  const progress = seen.filter((e) => e.event === 'scorecardProgress').map((e) => e.payload as ScorecardProgress);
  assert.deepEqual([...new Set(progress.map((p) => p.phase))], ['walking', 'checking', 'storing', 'done']);
  assert.ok(progress.every((p) => p.projectId === project.id));
  const lastChecking = progress.filter((p) => p.phase === 'checking').at(-1)!;
  assert.equal(lastChecking.done, lastChecking.total);
  const changed = seen.filter((e) => e.event === 'assessmentsChanged').map((e) => e.payload as { projectId: string; latest: AssessmentSummary });
  assert.deepEqual(changed.map((c) => c.latest.id), [first.summary.id]);

  // Something regresses in the repository: the next run says what changed.
  fs.rmSync(path.join(repo.dir, 'SECURITY.md'));
  const second = await call<StoredAssessment>('assessProject', { projectId: project.id });
  assert.equal(second.diff.previousId, first.summary.id);
  assert.deepEqual(second.diff.checks.map((c) => [c.id, c.from, c.to]), [['sec.security-policy', 'pass', 'fail']]);
  assert.ok(second.diff.overallDelta! < 0);
  const sec = second.diff.categories.find((c) => c.name === 'Security')!;
  assert.ok(sec.to! < sec.from!);

  const trend = await call<AssessmentSummary[]>('listAssessments', { projectId: project.id });
  assert.deepEqual(trend.map((s) => s.id), [first.summary.id, second.summary.id], 'oldest first');
  assert.equal(trend[1]!.overall, second.report.overall.score);
  assert.deepEqual((await call<AssessmentSummary[]>('listAssessments', { projectId: project.id, limit: 1 })).map((s) => s.id), [second.summary.id]);

  const again = await call<StoredAssessment>('getAssessment', { id: second.summary.id });
  assert.deepEqual(again, second);

  const md = await call<{ fileName: string; mediaType: string; content: string }>('exportAssessment', { id: second.summary.id, format: 'md' });
  assert.equal(md.mediaType, 'text/markdown');
  assert.match(md.fileName, new RegExp(`^readiness-${second.summary.id}-\\d{4}-\\d{2}-\\d{2}\\.md$`));
  assert.match(md.content, /## 📊 Deployment Readiness Scorecard/);
  const json = await call<{ content: string }>('exportAssessment', { id: second.summary.id, format: 'json' });
  assert.deepEqual(AssessmentSchema.parse(JSON.parse(json.content)), second.report);
  const sarif = await call<{ content: string; mediaType: string }>('exportAssessment', { id: second.summary.id, format: 'sarif' });
  assert.equal(JSON.parse(sarif.content).version, '2.1.0');
});

test('a failing live endpoint fails the live checks', async (t) => {
  const { core, call } = await setup(t);
  const repo = makeFixture('contract-down', { 'README.md': '# x\n' });
  t.after(repo.cleanup);
  const project = await call<Project>('addProject', { name: 'Down', repoPath: repo.dir });
  const url = await healthServer(t, 503, {});
  const monitor = await call<MonitorSummary>('saveMonitor', { projectId: project.id, name: 'health', role: 'api', failureThreshold: 1, intervalSeconds: 3600, target: { kind: 'http', url } });
  await core.monitoring.runNow(monitor.id);
  const a = await call<StoredAssessment>('assessProject', { projectId: project.id });
  const health = a.report.checks.find((c) => c.id === 'mon.health-live')!;
  assert.equal(health.status, 'fail');
  assert.match(health.reason, /HTTP 503/);
  const headers = a.report.checks.find((c) => c.id === 'sec.headers-live')!;
  assert.equal(headers.status, 'fail');
  assert.match(headers.reason, /missing X-Content-Type-Options: nosniff/);

});

test('tier and target overrides are stored per project and drive targets, required checks and priority', async (t) => {
  const { call } = await setup(t);
  const repo = makeFixture('contract-tier', { 'README.md': '# x\n' });
  t.after(repo.cleanup);
  const project = await call<Project>('addProject', { name: 'Tiered', repoPath: repo.dir });
  const initial = await call<ScorecardSettings>('getScorecardSettings', { projectId: project.id });
  assert.equal(initial.tier, 'production');
  assert.deepEqual(initial.overrides, {});
  const updated = await call<ScorecardSettings>('updateScorecardSettings', { projectId: project.id, tier: 'commercial', targets: { Documentation: 40 } });
  assert.equal(updated.tier, 'commercial');
  assert.equal(updated.targets.Documentation, 40);
  assert.equal(updated.targets.Security, 90);
  const a = await call<StoredAssessment>('assessProject', { projectId: project.id });
  assert.equal(a.report.tier, 'commercial');
  assert.equal(a.report.categories.find((c) => c.name === 'Documentation')!.target, 40);
  assert.equal(a.report.checks.find((c) => c.id === 'auth.oauth-oidc')!.required, true);
  const cleared = await call<ScorecardSettings>('updateScorecardSettings', { projectId: project.id, targets: { Documentation: null } });
  assert.deepEqual(cleared.overrides, {});
  assert.equal(cleared.tier, 'commercial', 'an update without tier keeps it');
});

test('an evidence provider plugged into the core answers the backups check', async (t) => {
  const { core, call } = await setup(t);
  const repo = makeFixture('contract-backups', { 'README.md': '# x\n' });
  t.after(repo.cleanup);
  const project = await call<Project>('addProject', { name: 'Backed up', repoPath: repo.dir });
  const at = new Date().toISOString();
  const remove = core.evidence.register({
    id: 'backups',
    collect: ({ projectId }) => ({ status: 'pass', reason: `fresh backup of ${projectId}`, evidence: [{ kind: 'probe', monitorId: null, probe: 'backup job', at, note: 'ok' }] }),
  });
  const a = await call<StoredAssessment>('assessProject', { projectId: project.id });
  assert.equal(a.report.checks.find((c) => c.id === 'infra.backups-fresh')!.reason, `fresh backup of ${project.id}`);
  remove();
  core.evidence.register({ id: 'backups', collect: () => { throw new Error('backup catalogue offline'); } });
  const b = await call<StoredAssessment>('assessProject', { projectId: project.id });
  const check = b.report.checks.find((c) => c.id === 'infra.backups-fresh')!;
  assert.equal(check.status, 'unknown');
  assert.match(check.reason, /backup catalogue offline/);
});

test('bad requests: no repository path, a missing directory, unknown ids; nothing is stored and the project stays', async (t) => {
  const { call, fails } = await setup(t);
  const bare = await call<Project>('addProject', { name: 'No repo' });
  const e1 = await fails('assessProject', { projectId: bare.id });
  assert.equal(e1.code, 'BAD_REQUEST');
  assert.match(e1.message, /"No repo" has no repository path/);
  const gone = await call<Project>('addProject', { name: 'Gone', repoPath: '/nonexistent/photon-repo' });
  const e2 = await fails('assessProject', { projectId: gone.id });
  assert.equal(e2.code, 'BAD_REQUEST');
  assert.match(e2.message, /\/nonexistent\/photon-repo: no such directory/);
  assert.equal((await fails('assessProject', { projectId: 'nope' })).code, 'NOT_FOUND');
  assert.equal((await fails('getAssessment', { id: 999 })).code, 'NOT_FOUND');
  assert.equal((await fails('exportAssessment', { id: 999, format: 'md' })).code, 'NOT_FOUND');
  assert.equal((await fails('listAssessments', { projectId: 'nope' })).code, 'NOT_FOUND');
  assert.deepEqual(await call('listAssessments', { projectId: gone.id }), []);
});

test('removing a project removes its assessments; two runs of one project at once are refused', async (t) => {
  const { call, fails, core } = await setup(t);
  const repo = makeFixture('contract-remove', GOOD_FILES);
  t.after(repo.cleanup);
  const project = await call<Project>('addProject', { name: 'Temp', repoPath: repo.dir });
  const [a, b] = await Promise.all([core.dispatch('assessProject', { projectId: project.id }), core.dispatch('assessProject', { projectId: project.id })]);
  assert.equal(a.ok, true);
  assert.equal(b.ok ? 'ok' : b.error.code, 'CONFLICT');
  const stored = (a as { value: StoredAssessment }).value;
  await call('removeProject', { id: project.id });
  assert.equal((await fails('getAssessment', { id: stored.summary.id })).code, 'NOT_FOUND');
});

test('declared environment facts imported from photon.yml travel into the report, labelled declared', async (t) => {
  const { call } = await setup(t);
  const repo = makeFixture('contract-declared', { 'photon.yml': 'environment:\n  domain: shop.example.test\n  provider: Local test\n' });
  t.after(repo.cleanup);
  const project = await call<Project>('addProject', { name: 'Declared', repoPath: repo.dir });
  await call('importProjectConfig', { projectId: project.id });
  const a = await call<StoredAssessment>('assessProject', { projectId: project.id });
  assert.deepEqual(a.report.declared?.facts, { domain: 'shop.example.test', provider: 'Local test' });
  assert.match(a.report.declared?.source ?? '', /photon\.yml/);
});

test('a stored report damaged on disk is refused with UNAVAILABLE and kept; the rest of the history still reads', async (t) => {
  const { core, call, fails } = await setup(t);
  const repo = makeFixture('contract-damaged', { 'README.md': '# x\n' });
  t.after(repo.cleanup);
  const project = await call<Project>('addProject', { name: 'Damaged', repoPath: repo.dir });
  const first = await call<StoredAssessment>('assessProject', { projectId: project.id });
  const second = await call<StoredAssessment>('assessProject', { projectId: project.id });
  const db = new Database(path.join(core.dataDir, DATABASE_FILE));
  t.after(() => db.close());
  db.prepare('UPDATE assessments SET report = ? WHERE id = ?').run('{"schemaVersion": 99}', first.summary.id);
  const err = await fails('getAssessment', { id: first.summary.id });
  assert.equal(err.code, 'UNAVAILABLE');
  assert.match(err.message, new RegExp(`stored assessment ${first.summary.id} does not match the report schema; it is kept`));
  const again = await call<StoredAssessment>('getAssessment', { id: second.summary.id });
  assert.equal(again.diff.previousId, null, 'nothing readable to compare with');
  assert.equal((await call<AssessmentSummary[]>('listAssessments', { projectId: project.id })).length, 2);
  assert.equal(db.prepare('SELECT report FROM assessments WHERE id = ?').pluck().get(first.summary.id), '{"schemaVersion": 99}', 'the row is kept as it was');
});
