import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlaceholder, secretFinding } from '../../main/scorecard/evidence/secret-detection.ts';
import { assessRepository } from '../../main/scorecard/assess.ts';
import { makeFixture, PLANTED, POOR_FILES } from './fixtures.ts';

test('realistic keys planted in an env template are found, by pattern or by entropy, and never echoed', async (t) => {
  const f = makeFixture('secrets', { '.env.example': POOR_FILES['.env.example']! });
  t.after(f.cleanup);
  const a = await assessRepository(f.dir);
  const keys = a.configuration.envTemplates[0]!.keys;
  const byKey = Object.fromEntries(keys.map((k) => [k.key, k]));
  assert.equal(byKey.AWS_ACCESS_KEY_ID!.value, 'secret');
  assert.match(byKey.AWS_ACCESS_KEY_ID!.finding!, /AWS access key id/);
  assert.match(byKey.STRIPE_SECRET_KEY!.finding!, /Stripe live secret key/);
  assert.match(byKey.DATABASE_URL!.finding!, /connection string with a password/);
  assert.match(byKey.JWT_SECRET!.finding!, /entropy/);
  assert.equal(byKey.API_KEY!.value, 'placeholder');
  const check = a.checks.find((c) => c.id === 'sec.env-template-placeholders')!;
  assert.equal(check.status, 'fail');
  assert.deepEqual(check.evidence.map((e) => (e.kind === 'file' ? e.line : null)), [1, 2, 3, 4]);
  const report = JSON.stringify(a);
  for (const value of Object.values(PLANTED)) assert.ok(!report.includes(value), 'the secret value never appears in the report');
});

test('placeholders are not secrets', () => {
  for (const v of ['', 'your-key-here', 'your_api_key', '<secret>', '${STRIPE_KEY}', '{{ token }}', 'changeme', 'xxxxxxxxxxxxxxxx', '********', 'sk_live_your-key-here', 'replace-with-your-secret', 'example-token-123', 'TODO']) {
    assert.ok(isPlaceholder(v) || secretFinding('API_SECRET', v) === null, `${JSON.stringify(v)} is a placeholder`);
    assert.equal(secretFinding('API_SECRET', v), null, v);
  }
  assert.equal(secretFinding('DATABASE_URL', 'postgres://user:password@localhost:5432/app'), null);
  assert.equal(secretFinding('DATABASE_URL', 'postgres://user:${DB_PASSWORD}@db:5432/app'), null);
});

test('ordinary values are not secrets; long random values of non-secret keys are not flagged by entropy', () => {
  assert.equal(secretFinding('NODE_ENV', 'production'), null);
  assert.equal(secretFinding('PORT', '3000'), null);
  assert.equal(secretFinding('BUILD_ID', 'a8f3c9e1b2d4f6071829abcdef123456'), null);
  assert.equal(secretFinding('PUBLIC_URL', 'https://app.example.com/some/long/path'), null);
  assert.notEqual(secretFinding('GITHUB_TOKEN', 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'), null);
  assert.notEqual(secretFinding('KEY', '-----BEGIN RSA PRIVATE KEY-----'), null);
});

test('a secret pasted into package.json scripts or a matched line never reaches the report', async (t) => {
  const f = makeFixture('script-secret', {
    'package.json': JSON.stringify({ name: 'x', scripts: { deploy: `STRIPE_KEY=${PLANTED.stripe} API_TOKEN=${PLANTED.hex} node deploy.js`, test: `AWS_KEY=${PLANTED.aws} node --test` } }),
  });
  t.after(f.cleanup);
  const a = await assessRepository(f.dir);
  const text = JSON.stringify(a);
  for (const value of Object.values(PLANTED)) assert.ok(!text.includes(value), 'no planted value in the report');
  assert.match(a.configuration.scripts.deploy!, /STRIPE_KEY=\[redacted( Stripe live secret key)?\]/);
  assert.match(a.configuration.scripts.deploy!, /API_TOKEN=\[redacted\]/);
  assert.match(a.configuration.scripts.deploy!, /node deploy\.js$/);
});
