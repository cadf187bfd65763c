import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { postgresCheck } from '../../../main/monitors/checks/postgres.ts';
import { activeResources, closeServer, freePort, startSilentServer, waitFor } from '../../helpers/loopback-servers.ts';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { ctx, defaultsHold, holds, target, timed, withoutLeakedTimers } from './check-harness.ts';

const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const ENV = 'PHOTON_TEST_PG_PASSWORD';
let db: TestPostgres;
let silent: Awaited<ReturnType<typeof startSilentServer>>;

before(async () => {
  db = await startPostgres({ passwordRoles: { photon_pw: PASSWORD } });
  silent = await startSilentServer();
});

after(async () => {
  delete process.env[ENV];
  await db?.stop();
  if (silent) await closeServer(silent.server);
});

const run = (fields: Record<string, unknown>, timeoutMs = 5_000) =>
  postgresCheck.run(target('postgres', { host: '127.0.0.1', port: db.port, database: 'postgres', user: 'postgres', ...fields }), ctx(timeoutMs));

/** The password must not appear anywhere in what a result carries. */
function assertNoPassword(r: unknown): void {
  assert.ok(!JSON.stringify(r).includes(PASSWORD), 'the password leaked into the result');
}

describe('postgres: a real server', () => {
  test('logs in and runs select 1: connected, body "1", version and identity in the evidence', async () => {
    const r = await withoutLeakedTimers(() => run({}));
    assert.equal(r.reached, true, r.message);
    assert.equal(r.observation.CONNECTED, true);
    assert.equal(r.observation.BODY, '1');
    assert.ok(holds(r, '[BODY] == 1'));
    assert.equal(typeof r.latencyMs, 'number');
    assert.equal(r.observation.RESPONSE_TIME, r.latencyMs);
    assert.ok(defaultsHold(r, postgresCheck.defaultConditions));
    assert.match(String(r.evidence.serverVersion), /^\d+\.\d+/);
    assert.equal(r.evidence.database, 'postgres');
    assert.equal(r.evidence.user, 'postgres');
    assert.match(r.message, /^logged in as postgres to postgres \(PostgreSQL \d+\.\d+.*\) in [\d.]+ ms$/);
  });

  test('a database that does not exist: reached false with the server\'s words', async () => {
    const r = await run({ database: 'nope' });
    assert.equal(r.reached, false);
    assert.equal(r.message, `postgres://postgres@127.0.0.1:${db.port}/nope: database "nope" does not exist`);
    assert.equal(r.observation.CONNECTED, false);
    assert.equal(defaultsHold(r, postgresCheck.defaultConditions), false);
  });

  test('a refused port: reached false with the OS error', async () => {
    const port = await freePort();
    const r = await run({ port });
    assert.equal(r.reached, false);
    assert.equal(r.message, `postgres://postgres@127.0.0.1:${port}/postgres: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  test('ssl on against a server without it: reached false, said plainly', async () => {
    const r = await run({ ssl: true });
    assert.equal(r.reached, false);
    assert.match(r.message, /The server does not support SSL connections$/);
  });
});

describe('postgres: passwords', () => {
  test('the password comes from passwordEnv and appears nowhere in the result', async () => {
    process.env[ENV] = PASSWORD;
    const r = await run({ user: 'photon_pw', passwordEnv: ENV });
    assert.equal(r.reached, true, r.message);
    assert.equal(r.evidence.user, 'photon_pw');
    assertNoPassword(r);
    assert.match(db.log(), /./, 'server log readable');
  });

  test('a wrong password: the server\'s refusal, and still no password in the result', async () => {
    process.env[ENV] = `${PASSWORD}-wrong`;
    const r = await run({ user: 'photon_pw', passwordEnv: ENV });
    assert.equal(r.reached, false);
    assert.match(r.message, /password authentication failed for user "photon_pw"$/);
    assertNoPassword(r);
    assert.ok(!JSON.stringify(r).includes(`${PASSWORD}-wrong`));
  });

  test('a passwordEnv that is not set is reported without trying to log in', async () => {
    delete process.env[ENV];
    const r = await run({ user: 'photon_pw', passwordEnv: ENV });
    assert.equal(r.reached, false);
    assert.equal(r.message, `environment variable ${ENV} (the password) is not set`);
  });

  test('the scram role really needs its password (the test is not passing on trust)', async () => {
    const r = await run({ user: 'photon_pw' });
    assert.equal(r.reached, false);
  });
});

describe('postgres: timeouts and aborts', () => {
  test('a server that accepts and never speaks: timed out within the budget, socket closed', async () => {
    const before = activeResources();
    const { value: r, ms } = await timed(() => run({ port: silent.port }, 300));
    assert.equal(r.reached, false);
    assert.equal(r.message, `postgres://postgres@127.0.0.1:${silent.port}/postgres: timed out after 300 ms`);
    assert.ok(ms < 1_000, `took ${ms} ms`);
    await waitFor('the silent server to see the client hang up', async () => (await silent.open()) === 0);
    assert.ok((activeResources().Timeout ?? 0) <= (before.Timeout ?? 0), 'no timer left behind');
  });

  test('an abort stops the login at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value: r, ms } = await timed(() =>
      postgresCheck.run(target('postgres', { host: '127.0.0.1', port: silent.port, database: 'postgres', user: 'postgres' }), ctx(10_000, controller.signal)),
    );
    assert.equal(r.reached, false);
    assert.match(r.message, /: aborted$/);
    assert.ok(ms < 700, `took ${ms} ms`);
    await waitFor('the silent server to see the client hang up', async () => (await silent.open()) === 0);
  });

  test('describe', () => {
    assert.equal(postgresCheck.describe(target('postgres', { host: 'db.internal', database: 'shop', user: 'monitor' })), 'postgres://monitor@db.internal:5432/shop');
  });
});
