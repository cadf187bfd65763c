import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readPhotonYml } from '../../main/project-config/read-photon-yml.ts';

// The README's photon.yml is what newcomers copy: it must stay a valid file.
test('the photon.yml example in the README is valid and complete', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const block = /```yaml\n# photon\.yml\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a ```yaml block starting with "# photon.yml"');
  const config = readPhotonYml(block[1]!, 'README.md');
  assert.deepEqual(config.problems, []);
  assert.deepEqual(
    config.monitors.map((m) => m.definition.target.kind).sort(),
    ['dns', 'http', 'ping', 'postgres', 'sqlite-over-ssh', 'ssh', 'tls'].sort(),
  );
  assert.equal(config.environment?.provider, 'GCP');
});

test('the runbooks example in the README is a valid photon.yml section', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const block = /```yaml\n(runbooks:\n[\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a ```yaml block starting with "runbooks:"');
  const config = readPhotonYml(block[1]!, 'README.md');
  assert.deepEqual(config.problems, []);
  assert.deepEqual(
    config.runbooks.map((r) => [r.host, r.definition.name, r.definition.schedule]),
    [
      ['prod-vm', 'Tail app log', null],
      ['prod-vm', 'Daily evidence', 'daily 06:00'],
    ],
  );
});
