import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migration } from '../../../main/store/migrations/005-readiness-assessments.ts';
import { assertRejected, assertRowsKept, at, columns, indexInfo, seedThrough, upgradeTo } from './harness.ts';

test('migration 5 (readiness assessments) keeps the agents and everything older and adds assessments and scorecards', (t) => {
  const { db, before, added } = upgradeTo(t, migration, (d) => seedThrough(d, 4));
  assert.equal(migration.name, 'readiness assessments', 'the shipped name, as error messages quote it');
  assertRowsKept(db, before);
  assert.equal(before['agents']!.length, 1);
  assert.equal(before['agent_signals']!.length, 2);
  assert.deepEqual(added.tables, ['assessments', 'project_scorecard']);
  assert.deepEqual(added.indexes, ['assessments_project']);
  assert.deepEqual(indexInfo(db, 'assessments', 'assessments_project'), { unique: false, columns: ['project_id', 'id'] });
  assert.deepEqual(columns(db, 'assessments'), ['id', 'project_id', 'assessed_at', 'tier', 'overall', 'summary', 'report']);
  assert.deepEqual(columns(db, 'project_scorecard'), ['project_id', 'tier', 'targets']);

  const report = JSON.stringify({ tier: 'commercial', overall: null, sections: [] });
  db.prepare("INSERT INTO assessments (project_id, assessed_at, tier, overall, summary, report) VALUES ('p-blog', ?, 'commercial', NULL, 'not enough evidence', ?)").run(at(0), report);
  db.prepare("INSERT INTO project_scorecard (project_id, tier) VALUES ('p-blog', 'prototype')").run();
  assert.deepEqual(db.prepare("SELECT tier, targets FROM project_scorecard WHERE project_id = 'p-blog'").get(), { tier: 'prototype', targets: '{}' });
  assert.equal(db.prepare("SELECT report FROM assessments WHERE project_id = 'p-blog'").pluck().get(), report);
});

test('migration 5: the scorecard tier is one of three, both tables belong to an existing project and go with it', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 4));
  const scorecard = db.prepare('INSERT INTO project_scorecard (project_id, tier) VALUES (?, ?)');
  assertRejected(() => scorecard.run('p-blog', 'hobby'), 'SQLITE_CONSTRAINT_CHECK', /tier IN/);
  assertRejected(() => scorecard.run('no-such-project', 'production'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  for (const tier of ['prototype', 'production', 'commercial']) {
    scorecard.run('p-blog', tier);
    db.prepare("DELETE FROM project_scorecard WHERE project_id = 'p-blog'").run();
  }
  const assessment = db.prepare("INSERT INTO assessments (project_id, assessed_at, tier, summary, report) VALUES (?, 1, 'production', 's', '{}')");
  assertRejected(() => assessment.run('no-such-project'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => assessment.run(null), 'SQLITE_CONSTRAINT_NOTNULL', /assessments\.project_id/);

  assessment.run('p-blog');
  scorecard.run('p-blog', 'commercial');
  db.prepare("DELETE FROM projects WHERE id = 'p-blog'").run();
  assert.equal(db.prepare("SELECT count(*) FROM assessments WHERE project_id = 'p-blog'").pluck().get(), 0);
  assert.equal(db.prepare("SELECT count(*) FROM project_scorecard WHERE project_id = 'p-blog'").pluck().get(), 0);
});
