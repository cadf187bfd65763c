import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { TIERS } from '../../preload/schemas/scorecard.ts';
import { ALL_CHECKS } from '../../main/scorecard/rules/index.ts';
import { RISK_WEIGHT } from '../../main/scorecard/scoring.ts';
import { DEFAULT_TARGETS } from '../../main/scorecard/tiers.ts';

const readme = fs.readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('### Readiness scorecard'), readme.indexOf('### `GET /metrics`'));

test('the README lists every scorecard check', () => {
  const missing = ALL_CHECKS.filter((c) => !section.includes(`\`${c.id}\``)).map((c) => c.id);
  assert.deepEqual(missing, []);
});

test('the README states the risk weights and tier targets the code uses', () => {
  assert.ok(section.includes(`critical ${RISK_WEIGHT.critical}, high ${RISK_WEIGHT.high}, medium ${RISK_WEIGHT.medium}, low ${RISK_WEIGHT.low}`));
  for (const tier of TIERS) {
    assert.ok(section.includes(`| ${tier} | ${Object.values(DEFAULT_TARGETS[tier]).join(' | ')} |`), `targets of ${tier}`);
  }
});
