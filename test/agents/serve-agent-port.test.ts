import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The built CLI (node scripts/build.mjs first), as a user runs it.
const BIN = path.resolve('bin/photon.mjs');
const photon = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, XDG_DATA_HOME: '/nonexistent-photon-test' } });

for (const bad of ['abc', '70000', '-1', '1.5']) {
  test(`photon serve --agent-port ${bad} → exit 2 naming the option`, () => {
    const r = photon('serve', '--agent-port', bad);
    assert.equal(r.status, 2, r.stderr + r.stdout);
    assert.match(r.stderr, /photon serve: (--agent-port must be a whole number from 0 to 65535|.*agent-port)/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace for a usage error');
  });
}

test('photon serve --help documents --agent-port', () => {
  assert.match(photon('serve', '--help').stdout, /--agent-port N\s+port of the agents' push ingest, always on 127\.0\.0\.1/);
});
