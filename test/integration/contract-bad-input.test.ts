import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS, METHOD_NAMES, type Envelope, type MethodName } from '../../preload/contract.ts';
import { registerContractHandlers } from '../../main/electron/ipc.ts';
import { startHttpServer, type RunningServer } from '../../main/server/http-server.ts';
import { startTestCore } from '../helpers/core-harness.ts';

interface BadCase {
  what: string;
  input: unknown;
  /** The field the error must name; undefined when the whole input is wrong. */
  field?: string;
  message: RegExp;
}

const long = (n: number) => 'x'.repeat(n + 1);
const notAnObject: BadCase[] = [
  { what: 'an array instead of an object', input: [], message: /input must be a JSON object \(got an array\)/ },
  { what: 'a string instead of an object', input: 'hello', message: /input must be a JSON object \(got string\)/ },
  { what: 'null', input: null, message: /input must be a JSON object \(got null\)/ },
];
const noArgs: BadCase[] = [...notAnObject, { what: 'an extra field', input: { bogus: 1 }, field: 'bogus', message: /unknown field "bogus"/ }];

/** Every contract method must appear here: a new method without bad-input cases fails the suite. */
const CASES: Record<MethodName, BadCase[]> = {
  getAppInfo: noArgs,
  listProjects: noArgs,
  getSettings: noArgs,
  addProject: [
    ...notAnObject,
    { what: 'missing name', input: {}, field: 'name', message: /name is required/ },
    { what: 'name of the wrong type', input: { name: 42 }, field: 'name', message: /name must be a string/ },
    { what: 'blank name', input: { name: '   ' }, field: 'name', message: /name must not be empty/ },
    { what: 'oversized name', input: { name: long(LIMITS.name) }, field: 'name', message: /name is longer than 120/ },
    { what: 'repoPath of the wrong type', input: { name: 'a', repoPath: 7 }, field: 'repoPath', message: /repoPath must be a string/ },
    { what: 'oversized repoPath', input: { name: 'a', repoPath: long(LIMITS.path) }, field: 'repoPath', message: /longer than 4096/ },
    { what: 'oversized notes', input: { name: 'a', notes: long(LIMITS.notes) }, field: 'notes', message: /notes is longer than 10000/ },
    { what: 'an extra field', input: { name: 'a', owner: 'me' }, field: 'owner', message: /unknown field "owner"/ },
  ],
  updateProject: [
    ...notAnObject,
    { what: 'missing id', input: { name: 'b' }, field: 'id', message: /id is required/ },
    { what: 'id of the wrong type', input: { id: 5 }, field: 'id', message: /id must be a string/ },
    { what: 'oversized id', input: { id: long(LIMITS.id) }, field: 'id', message: /id is longer than 64/ },
    { what: 'name of the wrong type', input: { id: 'x', name: ['b'] }, field: 'name', message: /name must be a string/ },
    { what: 'oversized notes', input: { id: 'x', notes: long(LIMITS.notes) }, field: 'notes', message: /notes is longer/ },
    { what: 'an extra field', input: { id: 'x', color: 'red' }, field: 'color', message: /unknown field "color"/ },
  ],
  removeProject: [
    ...notAnObject,
    { what: 'missing id', input: {}, field: 'id', message: /id is required/ },
    { what: 'id of the wrong type', input: { id: true }, field: 'id', message: /id must be a string/ },
    { what: 'empty id', input: { id: '' }, field: 'id', message: /id must not be empty/ },
    { what: 'an extra field', input: { id: 'x', force: true }, field: 'force', message: /unknown field "force"/ },
  ],
  listMonitors: [...notAnObject, { what: 'projectId of the wrong type', input: { projectId: 3 }, field: 'projectId', message: /id must be a string/ }],
  getMonitor: [
    ...notAnObject,
    { what: 'missing id', input: {}, field: 'id', message: /id is required/ },
    { what: 'a string id', input: { id: '1' }, field: 'id', message: /id must be a number/ },
    { what: 'a fractional id', input: { id: 1.5 }, field: 'id', message: /id must be a whole number/ },
    { what: 'an extra field', input: { id: 1, verbose: true }, field: 'verbose', message: /unknown field "verbose"/ },
  ],
  getMonitorSeries: [
    ...notAnObject,
    { what: 'missing range', input: { id: 1 }, field: 'range', message: /range must be one of 1h, 24h, 7d, 30d/ },
    { what: 'an unknown range', input: { id: 1, range: '90d' }, field: 'range', message: /range must be one of/ },
  ],
  saveMonitor: [
    ...notAnObject,
    { what: 'missing name', input: { target: { kind: 'tcp', host: 'a', port: 1 } }, field: 'name', message: /name is required/ },
    { what: 'missing target', input: { name: 'x' }, field: 'target', message: /target.kind must be one of/ },
    { what: 'an unknown kind', input: { name: 'x', target: { kind: 'smtp', host: 'a' } }, field: 'target.kind', message: /target.kind must be one of ping, tcp/ },
    { what: 'a port out of range', input: { name: 'x', target: { kind: 'tcp', host: 'a', port: 70000 } }, field: 'target.port', message: /port must be from 1 to 65535/ },
    { what: 'a host with a space', input: { name: 'x', target: { kind: 'ping', host: 'a b' } }, field: 'target.host', message: /host must be a host name/ },
    { what: 'a non-http url', input: { name: 'x', target: { kind: 'http', url: 'file:///etc/passwd' } }, field: 'target.url', message: /url must be an absolute http/ },
    { what: 'a bad ssh fingerprint', input: { name: 'x', target: { kind: 'ssh', host: 'a', user: 'u', hostKey: 'MD5:aa' } }, field: 'target.hostKey', message: /hostKey must be an OpenSSH SHA256 fingerprint/ },
    { what: 'an interval too short', input: { name: 'x', intervalSeconds: 1, target: { kind: 'ping', host: 'a' } }, field: 'intervalSeconds', message: /intervalSeconds must be at least 5/ },
    { what: 'a syntactically bad condition', input: { name: 'x', conditions: ['[STATUS] = 200'], target: { kind: 'ping', host: 'a' } }, field: 'conditions.0', message: /conditions\[0\]: expected one of .* at column 10/ },
    { what: 'an extra target field', input: { name: 'x', target: { kind: 'ping', host: 'a', ttl: 3 } }, field: 'target.ttl', message: /unknown field "ttl"/ },
    { what: 'a passwordEnv outside PHOTON_*', input: { name: 'x', target: { kind: 'postgres', host: 'db', database: 'd', user: 'u', passwordEnv: 'AWS_SECRET_ACCESS_KEY' } }, field: 'target.passwordEnv', message: /passwordEnv must name an environment variable starting with PHOTON_/ },
    { what: 'an oversized condition', input: { name: 'x', conditions: ['x'.repeat(501)], target: { kind: 'ping', host: 'a' } }, field: 'conditions.0', message: /condition is longer than 500/ },
  ],
  removeMonitor: [...notAnObject, { what: 'missing id', input: {}, field: 'id', message: /id is required/ }],
  setMonitorPaused: [
    ...notAnObject,
    { what: 'paused of the wrong type', input: { id: 1, paused: 'yes' }, field: 'paused', message: /paused must be true or false/ },
  ],
  listIncidents: [
    ...notAnObject,
    { what: 'a limit too large', input: { limit: 100000 }, field: 'limit', message: /limit must be at most 500/ },
  ],
  listLoops: noArgs,
  getOverview: [...notAnObject, { what: 'an extra field', input: { all: true }, field: 'all', message: /unknown field "all"/ }],
  importProjectConfig: [...notAnObject, { what: 'missing projectId', input: {}, field: 'projectId', message: /id is required/ }],
  updateSettings: [
    ...notAnObject,
    { what: 'theme not in the list', input: { theme: 'neon' }, field: 'theme', message: /theme must be one of system, light, dark/ },
    { what: 'staleAfterSeconds of the wrong type', input: { staleAfterSeconds: '60' }, field: 'staleAfterSeconds', message: /must be a number/ },
    { what: 'staleAfterSeconds too small', input: { staleAfterSeconds: 1 }, field: 'staleAfterSeconds', message: /at least 10/ },
    { what: 'staleAfterSeconds fractional', input: { staleAfterSeconds: 30.5 }, field: 'staleAfterSeconds', message: /whole number/ },
    { what: 'an extra field', input: { password: 'hunter2' }, field: 'password', message: /unknown field "password"/ },
  ],
  listAlertChannels: noArgs,
  saveAlertChannel: [
    ...notAnObject,
    { what: 'missing name', input: { kind: 'desktop' }, field: 'name', message: /name is required/ },
    { what: 'an unknown kind', input: { name: 'a', kind: 'pager' }, field: 'kind', message: /kind must be one of desktop, slack, discord, ntfy, webhook/ },
    { what: 'a url that is not http(s)', input: { name: 'a', kind: 'webhook', url: 'file:///etc/passwd' }, field: 'url', message: /url must be an absolute http/ },
    { what: 'a webhook without its url', input: { name: 'a', kind: 'webhook' }, field: 'url', message: /url: a webhook channel needs its webhook URL/ },
    { what: 'enabled of the wrong type', input: { name: 'a', kind: 'desktop', enabled: 'yes' }, field: 'enabled', message: /enabled must be true or false/ },
    { what: 'an extra field', input: { name: 'a', kind: 'desktop', secret: 'x' }, field: 'secret', message: /unknown field "secret"/ },
  ],
  removeAlertChannel: [...notAnObject, { what: 'missing id', input: {}, field: 'id', message: /id is required/ }],
  testAlertChannel: [
    ...notAnObject,
    { what: 'a string id', input: { id: '1' }, field: 'id', message: /id must be a number/ },
  ],
  listAlerts: [...notAnObject, { what: 'a limit too large', input: { limit: 501 }, field: 'limit', message: /limit must be at most 500/ }],
  getAlertPolicy: noArgs,
  updateAlertPolicy: [
    ...notAnObject,
    { what: 'missing reminderMinutes', input: { flapWindowMinutes: 30, flapThreshold: 3 }, field: 'reminderMinutes', message: /reminderMinutes is required/ },
    { what: 'a negative reminder', input: { reminderMinutes: -1, flapWindowMinutes: 30, flapThreshold: 3 }, field: 'reminderMinutes', message: /at least 0/ },
    { what: 'a flap threshold of 1', input: { reminderMinutes: 0, flapWindowMinutes: 30, flapThreshold: 1 }, field: 'flapThreshold', message: /flapThreshold must be at least 2/ },
  ],
  listMaintenanceWindows: noArgs,
  saveMaintenanceWindow: [
    ...notAnObject,
    { what: 'missing schedule', input: { name: 'w', monitorId: 1 }, field: 'schedule', message: /schedule.type must be once or weekly/ },
    { what: 'an end before the start', input: { name: 'w', monitorId: 1, schedule: { type: 'once', startsAt: 2000, endsAt: 1000 } }, field: 'schedule.endsAt', message: /endsAt must be after startsAt/ },
    { what: 'a bad start time', input: { name: 'w', monitorId: 1, schedule: { type: 'weekly', weekdays: ['sun'], startTime: '25:00', durationMinutes: 60, timezone: 'UTC' } }, field: 'schedule.startTime', message: /startTime must be HH:MM/ },
    { what: 'an unknown weekday', input: { name: 'w', monitorId: 1, schedule: { type: 'weekly', weekdays: ['someday'], startTime: '02:00', durationMinutes: 60, timezone: 'UTC' } }, field: 'schedule.weekdays.0', message: /weekdays must be from mon/ },
    { what: 'no weekdays', input: { name: 'w', monitorId: 1, schedule: { type: 'weekly', weekdays: [], startTime: '02:00', durationMinutes: 60, timezone: 'UTC' } }, field: 'schedule.weekdays', message: /at least one day/ },
    { what: 'an unknown scope', input: { name: 'w', monitorId: 1, scope: 'world', schedule: { type: 'once', startsAt: 1, endsAt: 2 } }, field: 'scope', message: /scope must be monitor or host/ },
    { what: 'a monitor that does not exist', input: { name: 'w', monitorId: 424242, schedule: { type: 'once', startsAt: 1, endsAt: 2 } }, field: 'monitorId', message: /monitorId: no monitor with id 424242/ },
  ],
  removeMaintenanceWindow: [...notAnObject, { what: 'a fractional id', input: { id: 1.5 }, field: 'id', message: /id must be a whole number/ }],
  getMonitorMaintenance: [
    ...notAnObject,
    { what: 'an unknown range', input: { id: 1, range: '1y' }, field: 'range', message: /range must be one of 1h, 24h, 7d, 30d/ },
  ],
  getBackupStatus: noArgs,
  updateBackupConfig: [
    ...notAnObject,
    { what: 'missing everyHours', input: { enabled: true, keepDaily: 7, keepWeekly: 4 }, field: 'everyHours', message: /everyHours is required/ },
    { what: 'everyHours of 0', input: { enabled: true, everyHours: 0, keepDaily: 7, keepWeekly: 4 }, field: 'everyHours', message: /everyHours must be at least 1/ },
    { what: 'a negative keepDaily', input: { enabled: true, everyHours: 24, keepDaily: -1, keepWeekly: 4 }, field: 'keepDaily', message: /keepDaily must be at least 0/ },
    { what: 'enabled of the wrong type', input: { enabled: 1, everyHours: 24, keepDaily: 7, keepWeekly: 4 }, field: 'enabled', message: /enabled must be true or false/ },
  ],
  runBackupNow: noArgs,
  restoreBackup: [
    ...notAnObject,
    { what: 'missing confirmName', input: { id: 1 }, field: 'confirmName', message: /confirmName is required/ },
    { what: 'a blank confirmName', input: { id: 1, confirmName: '  ' }, field: 'confirmName', message: /confirmName must not be empty/ },
    { what: 'an extra field', input: { id: 1, confirmName: 'x', force: true }, field: 'force', message: /unknown field "force"/ },
  ],
  cancelPendingRestore: noArgs,
  saveRemoteBackupTarget: [
    ...notAnObject,
    { what: 'a bad host key', input: { name: 'r', host: 'h', user: 'u', hostKey: 'MD5:ab', source: { kind: 'file', path: '/x' } }, field: 'hostKey', message: /hostKey must be an OpenSSH SHA256 fingerprint/ },
    { what: 'a host with a slash', input: { name: 'r', host: 'a/b', user: 'u', hostKey: 'SHA256:' + 'A'.repeat(43), source: { kind: 'file', path: '/x' } }, field: 'host', message: /host must be a host name/ },
    { what: 'an unknown source kind', input: { name: 'r', host: 'h', user: 'u', hostKey: 'SHA256:' + 'A'.repeat(43), source: { kind: 'ftp' } }, field: 'source.kind', message: /source.kind must be file or command/ },
    { what: 'an empty command', input: { name: 'r', host: 'h', user: 'u', hostKey: 'SHA256:' + 'A'.repeat(43), source: { kind: 'command', command: '' } }, field: 'source.command', message: /source.command must not be empty/ },
    { what: 'a fileExtension with a slash', input: { name: 'r', host: 'h', user: 'u', hostKey: 'SHA256:' + 'A'.repeat(43), source: { kind: 'command', command: 'pg_dump', fileExtension: '../x' } }, field: 'source.fileExtension', message: /fileExtension may hold/ },
    { what: 'warn not below fail', input: { name: 'r', host: 'h', user: 'u', hostKey: 'SHA256:' + 'A'.repeat(43), source: { kind: 'file', path: '/x' }, warnAfterHours: 50, failAfterHours: 10 }, field: 'warnAfterHours', message: /warnAfterHours must be less than failAfterHours/ },
  ],
  removeRemoteBackupTarget: [...notAnObject, { what: 'missing id', input: {}, field: 'id', message: /id is required/ }],
  runRemoteBackupNow: [...notAnObject, { what: 'a negative id', input: { id: -3 }, field: 'id', message: /id must be at least 1/ }],
  getBackupEvidence: noArgs,
};

type Call = (method: string, input: unknown) => Promise<{ status?: number; envelope: Envelope<unknown> }>;

function assertRejected(env: Envelope<unknown>, method: string, c: BadCase): void {
  assert.equal(env.ok, false, `${method} with ${c.what} must be rejected`);
  if (env.ok) return;
  assert.equal(env.error.code, 'INVALID_INPUT');
  assert.match(env.error.message, c.message, `${method} with ${c.what}: message`);
  assert.ok(env.error.message.startsWith(`${method}: `), 'the message names the method');
  assert.equal(env.error.field, c.field, `${method} with ${c.what}: field`);
}

function suite(transport: string, setup: () => Promise<{ call: Call; teardown: () => Promise<void> }>) {
  describe(`bad input over ${transport}`, () => {
    let call: Call;
    let teardown: () => Promise<void>;
    before(async () => ({ call, teardown } = await setup()));
    after(() => teardown());

    test('the table covers every contract method', () => {
      assert.deepEqual(Object.keys(CASES).sort(), [...METHOD_NAMES].sort());
    });

    for (const method of METHOD_NAMES) {
      for (const c of CASES[method]) {
        test(`${method}: ${c.what}`, async () => {
          const { status, envelope } = await call(method, c.input);
          assertRejected(envelope, method, c);
          if (status !== undefined) assert.equal(status, 400);
        });
      }
    }

    test('an unknown method is rejected by name', async () => {
      const { envelope } = await call('dropAllTables', {});
      assert.deepEqual(envelope, { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method "dropAllTables"' } });
    });

    test('inherited object keys are not methods', async () => {
      for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        const { envelope } = await call(name, {});
        assert.equal(envelope.ok ? 'ok' : envelope.error.code, 'UNKNOWN_METHOD', name);
      }
    });

    test('after all that the core still answers and nothing was stored', async () => {
      const { envelope } = await call('listProjects', {});
      assert.deepEqual(envelope, { ok: true, value: [] });
      const added = await call('addProject', { name: 'still alive' });
      assert.equal(added.envelope.ok, true);
    });
  });
}

suite('IPC (ipcMain.handle with the sender check)', async () => {
  const core = startTestCore();
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<Envelope<unknown>>>();
  registerContractHandlers(
    { handle: (channel: string, fn: never) => void handlers.set(channel, fn), removeHandler: (c: string) => void handlers.delete(c) },
    core.dispatch,
  );
  const appFrame = { senderFrame: { url: 'app://photon/index.html#/projects' } };
  return {
    call: async (method, input) => {
      const handler = handlers.get(`photon:${method}`);
      // An unregistered channel never reaches main in Electron; the dispatcher's own check covers it.
      const envelope = handler ? await handler(appFrame, input) : await core.dispatch(method, input);
      return { envelope };
    },
    teardown: async () => core.dispose(),
  };
});

suite('HTTP (photon serve)', async () => {
  const core = startTestCore();
  const token = 'test-token-123';
  const server: RunningServer = await startHttpServer({ core, token, staticDir: core.dataDir, host: '127.0.0.1', port: 0 });
  return {
    call: async (method, input) => {
      const res = await fetch(`${server.url}api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return { status: res.status, envelope: (await res.json()) as Envelope<unknown> };
    },
    teardown: async () => {
      await server.close();
      core.dispose();
    },
  };
});
