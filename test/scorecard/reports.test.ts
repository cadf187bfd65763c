import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { AssessmentSchema, type Assessment } from '../../preload/schemas/scorecard.ts';
import { assessRepository } from '../../main/scorecard/assess.ts';
import { renderReport } from '../../main/scorecard/report/render.ts';
import { backupsProvider, GOOD_FILES, GOOD_LIVE, makeFixture, POOR_FILES, POOR_LIVE } from './fixtures.ts';

const assessments: Assessment[] = [];
const cleanups: Array<() => void> = [];
before(async () => {
  for (const [name, files, live, ok] of [['good', GOOD_FILES, GOOD_LIVE, true], ['poor', POOR_FILES, POOR_LIVE, false]] as const) {
    const f = makeFixture(`report-${name}`, files, { git: true });
    cleanups.push(f.cleanup);
    assessments.push(await assessRepository(f.dir, { live, providers: [backupsProvider(ok ? 'pass' : 'fail')], tier: 'production' }));
  }
  const bare = makeFixture('report-bare', { 'x.txt': 'hello' });
  cleanups.push(bare.cleanup);
  assessments.push(await assessRepository(bare.dir));
});
after(() => cleanups.forEach((c) => c()));

/** Strict version of the documented schema: an undocumented field fails too. */
function strictly<T extends z.ZodType>(schema: T): z.ZodType {
  if (schema instanceof z.ZodObject) return z.strictObject(Object.fromEntries(Object.entries(schema.shape).map(([k, v]) => [k, strictly(v as z.ZodType)])));
  if (schema instanceof z.ZodArray) return z.array(strictly(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strictly(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodDiscriminatedUnion) return z.union(schema.options.map((o) => strictly(o as z.ZodType)) as unknown as [z.ZodType, z.ZodType]);
  return schema;
}

test('the JSON report matches its documented schema exactly (no missing, no extra fields)', () => {
  for (const a of assessments) {
    const parsed = JSON.parse(renderReport(a, 'json'));
    const result = strictly(AssessmentSchema).safeParse(parsed);
    assert.ok(result.success, result.success ? '' : z.prettifyError(result.error));
    assert.equal(parsed.schemaVersion, 1);
    assert.equal(parsed.categories.length, 8);
    for (const c of parsed.checks) assert.ok(['pass', 'fail', 'unknown', 'not_applicable'].includes(c.status));
  }
});

test('a report that breaks the schema is refused (the validation can fail)', () => {
  const broken = JSON.parse(renderReport(assessments[0]!, 'json'));
  broken.categories[0].current = '90%';
  assert.equal(AssessmentSchema.safeParse(broken).success, false);
  const extra = JSON.parse(renderReport(assessments[0]!, 'json'));
  extra.overall.confidence = 0.9;
  assert.equal(strictly(AssessmentSchema).safeParse(extra).success, false);
});

/** Every number written in a text, as the same tokens whether it sits in Markdown or in a JSON string. */
const numbersIn = (text: string) => new Set([...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0])));

function numbersOfJson(value: unknown, into = new Set<number>()): Set<number> {
  if (typeof value === 'number') numbersIn(String(value)).forEach((n) => into.add(n));
  else if (typeof value === 'string') numbersIn(value).forEach((n) => into.add(n));
  else if (Array.isArray(value)) value.forEach((v) => numbersOfJson(v, into));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (numbersIn(k).forEach((n) => into.add(n)), numbersOfJson(v, into)));
  return into;
}

test('the Markdown report contains no number that is not in the JSON report', () => {
  for (const a of assessments) {
    const md = renderReport(a, 'md');
    const known = numbersOfJson(JSON.parse(renderReport(a, 'json')));
    const invented = [...numbersIn(md)].filter((n) => !known.has(n));
    assert.deepEqual(invented, [], `numbers in the Markdown of ${a.repository} not found in its JSON`);
  }
});

test('the no-invented-number test would catch an invented figure', () => {
  const a = assessments[1]!;
  const md = renderReport(a, 'md') + '\nCurrent capacity: 31337 users\n';
  const known = numbersOfJson(JSON.parse(renderReport(a, 'json')));
  assert.deepEqual([...numbersIn(md)].filter((n) => !known.has(n)), [31337]);
});

test('the Markdown report has the reference assessment\'s sections and the scorecard table', () => {
  const a = assessments[1]!;
  const md = renderReport(a, 'md');
  for (const heading of ['Executive Summary', 'Production Environment Status', 'Deployment Configuration Analysis', 'Deployment Readiness Scorecard', 'Critical Deployment Blockers', 'Deployment Roadmap']) {
    assert.match(md, new RegExp(`^## .*${heading}`, 'm'), heading);
  }
  assert.match(md, /\| \*\*Category\*\* \| \*\*Current Score\*\* \| \*\*Target Score\*\* \| \*\*Gap\*\* \| \*\*Priority\*\* \|/);
  for (const c of a.categories) {
    const row = `| ${c.name} | ${c.current === null ? 'unknown' : `${c.current}%`} | ${c.target}% | ${c.gap === null ? 'unknown' : `${c.gap}%`} |`;
    assert.ok(md.includes(row), row);
  }
  assert.match(md, /\*\*Dependencies\*\*: 7 production, 0 development/);
  assert.match(md, /`AWS_ACCESS_KEY_ID` \| 2 \| ❌ real-looking secret: matches the AWS access key id format/);
  assert.match(md, /`API_KEY` \| 5 \| ⚠️ placeholder: production value missing/);
  assert.match(md, /Production machine reachable \| ❌ FAIL \| m1: ping probe \| 2026-01-15T11:59:30.000Z/);
  assert.match(md, /### Quick wins \(small effort\)/);
  assert.match(md, /### Declared infrastructure \(from photon\.yml; not measured\)/);
  assert.match(md, /- \*\*Production VM\*\*: 203\.0\.113\.10/);
  assert.deepEqual(a.declared, { source: 'photon.yml', facts: { domain: 'poor.example.test', vmAddress: '203.0.113.10', provider: 'GCP', region: 'us-central1-a', monthlyCost: '$0' } });
});

const SarifSchema = z.object({
  version: z.literal('2.1.0'),
  $schema: z.string(),
  runs: z
    .array(
      z.object({
        tool: z.object({ driver: z.object({ name: z.string(), version: z.string(), rules: z.array(z.object({ id: z.string(), shortDescription: z.object({ text: z.string() }), help: z.object({ text: z.string() }) })) }) }),
        results: z.array(
          z.object({
            ruleId: z.string(),
            ruleIndex: z.number().int().min(0),
            level: z.enum(['error', 'warning', 'note']),
            message: z.object({ text: z.string().min(1) }),
            locations: z
              .array(z.object({ physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string(), uriBaseId: z.string() }), region: z.object({ startLine: z.number().int().min(1) }).optional() }) }))
              .optional(),
          }),
        ),
      }),
    )
    .length(1),
});

test('SARIF 2.1.0: one rule per check, one result per failing check at its file:line', () => {
  const a = assessments[1]!;
  const sarif = SarifSchema.parse(JSON.parse(renderReport(a, 'sarif')));
  const run = sarif.runs[0]!;
  assert.equal(run.tool.driver.rules.length, a.checks.length);
  assert.equal(run.results.length, a.checks.filter((c) => c.status === 'fail').length);
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
  const jwt = run.results.find((r) => r.ruleId === 'auth.jwt-secret-from-env')!;
  assert.equal(jwt.level, 'error');
  assert.deepEqual(jwt.locations![0]!.physicalLocation, { artifactLocation: { uri: 'index.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 15 } });
});
