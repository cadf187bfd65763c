import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureLocation, lintAs, lintInPlace, missingImports, type Finding } from './lint-helpers.ts';

// Each fixture in test/fixtures/lint crosses one boundary (or keeps to it), linted at the path its
// first line names so the real config and the real main/ apply.

const BREAKS: [fixture: string, rule: string][] = [
  ['renderer-imports-main.ts', 'no-restricted-imports'],
  ['store-imports-capability.ts', 'import-x/no-restricted-paths'],
  ['core-imports-capability.ts', 'import-x/no-restricted-paths'],
  ['capability-imports-server.ts', 'import-x/no-restricted-paths'],
  ['capability-imports-app.ts', 'import-x/no-restricted-paths'],
  ['capability-deep-import.ts', 'photon/public-entry'],
  ['capability-deep-import-nested.ts', 'photon/public-entry'],
];

const KEEPS = ['renderer-imports-contract.ts', 'store-imports-core.ts', 'capability-imports-entries.ts', 'cli-imports-server-and-app.ts'];

const rules = (findings: Finding[]) => findings.map((f) => f.ruleId);

async function lintFixture(fixture: string): Promise<Finding[]> {
  const { code, at } = fixtureLocation(fixture);
  // An import of a file that does not exist resolves to nothing, and no path rule fires on it.
  assert.deepEqual(missingImports(code, at), [], `${fixture}: every import names a real file`);
  return lintAs(code, at);
}

for (const [fixture, rule] of BREAKS) {
  test(`${fixture} fails lint with ${rule}`, async () => {
    const findings = await lintFixture(fixture);
    assert.deepEqual(rules(findings), [rule], JSON.stringify(findings));
    assert.equal(findings[0]!.severity, 2);
  });
}

for (const fixture of KEEPS) {
  test(`${fixture} passes lint`, async () => {
    assert.deepEqual(await lintFixture(fixture), []);
  });
}

test('a two-file import cycle fails lint with import-x/no-cycle; a chain with a type-only import back passes', async () => {
  assert.deepEqual(rules(await lintInPlace('test/fixtures/lint/cycle/a.ts')), ['import-x/no-cycle']);
  assert.deepEqual(rules(await lintInPlace('test/fixtures/lint/cycle/b.ts')), ['import-x/no-cycle']);
  assert.deepEqual(await lintInPlace('test/fixtures/lint/cycle/chain-a.ts'), []);
  assert.deepEqual(await lintInPlace('test/fixtures/lint/cycle/chain-b.ts'), []);
});

test('a boundary message says where to go instead', async () => {
  const [deep] = await lintFixture('capability-deep-import.ts');
  assert.match(deep!.message, /only through main\/<capability>\/index\.ts/);
  const [server] = await lintFixture('capability-imports-server.ts');
  assert.match(server!.message, /Only main\/app, main\/cli import main\/server: a capability that needs HTTP gets it injected by main\/app/);
});
