import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../main/store/open-database.ts';
import type { Envelope } from '../../preload/contract.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { startWatchdogCore, type WatchdogCore } from '../helpers/watchdog-core.ts';

/** `(a+)+$` against this backtracks 2^40 times in a JavaScript RegExp: minutes, the thread frozen. */
const CATASTROPHIC = { pattern: '(a+)+$', value: `${'a'.repeat(40)}!` };
const LINEAR_REFUSAL = /which is not supported; patterns run in linear time/;

const value = <T>(e: Envelope<unknown>): T => {
  assert.ok(e.ok, !e.ok ? `${e.error.code} ${e.error.message}` : '');
  return e.value as T;
};
const error = (e: Envelope<unknown>) => {
  assert.ok(!e.ok, `expected an error, got ${JSON.stringify(e).slice(0, 200)}`);
  return e.error;
};
const runbookWith = (pattern: string) => ({ name: 'Restart unit', params: [{ type: 'string', name: 'unit', pattern }], steps: [{ remote: ['systemctl', 'restart', '{{unit}}'] }] });

/** A photon.yml with one runbook whose parameter has `pattern` (written into a YAML double-quoted string). */
const echoRunbook = (pattern: string) => `runbooks:
  - name: Echo
    host: prod-vm
    params:
      - { type: string, name: word, pattern: "${pattern}" }
    steps:
      - remote: [echo, "{{word}}"]
`;

describe('runbook parameter patterns run in linear time', () => {
  const repo = makeTempDir('photon-patterns-');
  let core: WatchdogCore;
  let hostId = 0;
  let projectId = '';
  const write = (text: string) => fs.writeFileSync(path.join(repo.dir, 'photon.yml'), text);

  before(async () => {
    core = await startWatchdogCore();
    projectId = value<{ id: string }>(await core.call('addProject', { name: 'shop', repoPath: repo.dir })).id;
    hostId = value<{ id: number }>(await core.call('saveHost', { name: 'prod-vm', address: '127.0.0.1', port: 22, user: 'deploy', auth: 'agent' })).id;
  });
  after(async () => {
    await core.dispose();
    repo.cleanup();
  });

  test('a catastrophic pattern saved through the contract: the preview answers, refusing the value', async () => {
    const saved = value<{ id: string }>(await core.call('saveRunbook', { hostId, ...runbookWith(CATASTROPHIC.pattern) }));
    const refused = error(await core.call('previewRunbook', { hostId, runbookId: saved.id, params: { unit: CATASTROPHIC.value } }));
    assert.equal(refused.code, 'INVALID_INPUT');
    assert.equal(refused.field, 'params.unit');
    assert.match(refused.message, /does not match the pattern/);
    const plan = value<{ commands: Array<{ display: string }> }>(await core.call('previewRunbook', { hostId, runbookId: saved.id, params: { unit: 'aaaa' } }));
    assert.equal(plan.commands[0]!.display, "'systemctl' 'restart' 'aaaa'");
  });

  test('back-references and lookaround are refused when saved, naming the field and why', async () => {
    const cases: Array<[string, RegExp]> = [
      ['(a)\\1', /back-reference \(\\1\)/],
      ['(?<n>a)\\k<n>', /named back-reference/],
      ['a(?=b)', /lookahead/],
      ['a(?!b)', /negative lookahead/],
      ['(?<=a)b', /lookbehind/],
      ['(?<!a)b', /negative lookbehind/],
    ];
    for (const [pattern, what] of cases) {
      const refused = error(await core.call('saveRunbook', { hostId, ...runbookWith(pattern) }));
      assert.equal(refused.code, 'INVALID_INPUT', pattern);
      assert.equal(refused.field, 'params.0.pattern', pattern);
      assert.match(refused.message, what, pattern);
      assert.match(refused.message, LINEAR_REFUSAL, pattern);
    }
  });

  test('photon.yml: a refused pattern is a problem with file and line; a catastrophic one imports and its preview answers', async () => {
    write(echoRunbook('(\\\\w)\\\\1'));
    const bad = value<{ problems: Array<{ file: string; line: number; message: string }>; runbooks: number }>(await core.call('importProjectConfig', { projectId }));
    assert.equal(bad.problems.length, 1, JSON.stringify(bad.problems));
    assert.equal(bad.problems[0]!.file, path.join(repo.dir, 'photon.yml'));
    assert.equal(bad.problems[0]!.line, 2);
    assert.match(bad.problems[0]!.message, /params\.0\.pattern: .*back-reference \(\\1\).*linear time/);

    write(echoRunbook(CATASTROPHIC.pattern));
    const good = value<{ problems: unknown[]; runbooks: number }>(await core.call('importProjectConfig', { projectId }));
    assert.deepEqual(good.problems, []);
    const listed = value<Array<{ id: string; name: string; builtin: boolean }>>(await core.call('listRunbooks', { hostId }));
    const echo = listed.find((r) => r.name === 'Echo')!;
    const refused = error(await core.call('previewRunbook', { hostId, runbookId: echo.id, params: { word: CATASTROPHIC.value } }));
    assert.match(refused.message, /does not match the pattern/);
  });
});

test('a stored runbook whose pattern is now refused is reported at startup, kept, and answers preview with the reason', async () => {
  const temp = makeTempDir('photon-stored-pattern-');
  const dataDir = temp.dir;
  const first = await startWatchdogCore(dataDir);
  let second: WatchdogCore | null = null;
  try {
    const hostId = value<{ id: number }>(await first.call('saveHost', { name: 'vm', address: '127.0.0.1', port: 22, user: 'deploy', auth: 'agent' })).id;
    const saved = value<{ id: string }>(await first.call('saveRunbook', { hostId, ...runbookWith('[a-z]+') }));
    await first.dispose();
    // As a build from before linear-time patterns could have stored it.
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    const row = db.prepare('SELECT definition FROM runbooks WHERE id = ?').get(Number(saved.id)) as { definition: string };
    const def = JSON.parse(row.definition) as { params: Array<{ pattern: string }> };
    def.params[0]!.pattern = '(a)\\1';
    db.prepare('UPDATE runbooks SET definition = ? WHERE id = ?').run(JSON.stringify(def), Number(saved.id));
    db.close();

    second = await startWatchdogCore(dataDir);
    const notice = second.notices.find((n) => n.startsWith(`Runbook ${saved.id} (Restart unit)`));
    assert.ok(notice, second.notices.join('\n'));
    assert.match(notice, /parameter unit uses a back-reference \(\\1\).*cannot be previewed or run until the pattern is edited/);
    const info = value<{ notices: string[] }>(await second.call('getAppInfo', {}));
    assert.ok(info.notices.includes(notice));
    const listed = value<Array<{ id: string }>>(await second.call('listRunbooks', { hostId }));
    assert.ok(listed.some((r) => r.id === saved.id), 'the runbook is still listed');
    const refused = error(await second.call('previewRunbook', { hostId, runbookId: saved.id, params: { unit: 'aa' } }));
    assert.equal(refused.code, 'INVALID_INPUT');
    assert.equal(refused.field, 'params.unit');
    assert.match(refused.message, /pattern of parameter unit uses a back-reference/);
  } finally {
    await second?.dispose();
    temp.cleanup();
  }
});
