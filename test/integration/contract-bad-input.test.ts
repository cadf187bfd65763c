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
  /** INVALID_INPUT unless a case says otherwise (a well-formed call about something that is not there). */
  code?: 'NOT_FOUND';
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
  getProject: [
    ...notAnObject,
    { what: 'missing id', input: {}, field: 'id', message: /id is required/ },
    { what: 'empty id', input: { id: '' }, field: 'id', message: /id must not be empty/ },
    { what: 'an extra field', input: { id: 'x', name: 'Shop' }, field: 'name', message: /unknown field "name"/ },
  ],
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

  getVaultStatus: noArgs,
  listSecrets: noArgs,
  setSecret: [
    ...notAnObject,
    { what: 'an unknown kind', input: { kind: 'gpg-key', label: 'x', value: 'v' }, field: 'kind', message: /kind must be one of ssh-password, key-passphrase, api-token, webhook-url/ },
    { what: 'missing label', input: { kind: 'api-token', value: 'v' }, field: 'label', message: /label is required/ },
    { what: 'a value of the wrong type', input: { kind: 'api-token', label: 'x', value: 42 }, field: 'value', message: /value must be a string/ },
    { what: 'an oversized value', input: { kind: 'api-token', label: 'x', value: long(8192) }, field: 'value', message: /value is longer than 8192/ },
    { what: 'an extra field', input: { kind: 'api-token', label: 'x', value: 'v', plain: true }, field: 'plain', message: /unknown field "plain"/ },
  ],
  replaceSecret: [
    ...notAnObject,
    { what: 'a ref that is not a secret ref', input: { ref: 'hosts.1', value: 'v' }, field: 'ref', message: /ref must be a secret reference like secret:<uuid>/ },
    { what: 'missing value', input: { ref: 'secret:00000000-0000-4000-8000-000000000000' }, field: 'value', message: /value is required/ },
  ],
  testSecret: [...notAnObject, { what: 'missing ref', input: {}, field: 'ref', message: /ref is required/ }],
  deleteSecret: [...notAnObject, { what: 'a ref of the wrong type', input: { ref: 7 }, field: 'ref', message: /ref must be a string/ }],
  listHosts: [...notAnObject, { what: 'projectId of the wrong type', input: { projectId: 1 }, field: 'projectId', message: /id must be a string/ }],
  saveHost: [
    ...notAnObject,
    { what: 'a name with a space', input: { name: 'prod vm', address: 'a', user: 'u', auth: 'agent' }, field: 'name', message: /name may hold letters, digits/ },
    { what: 'a name starting with a dash', input: { name: '-oProxyCommand', address: 'a', user: 'u', auth: 'agent' }, field: 'name', message: /starting with a letter or digit/ },
    { what: 'an address with a slash', input: { name: 'vm', address: 'a/b', user: 'u', auth: 'agent' }, field: 'address', message: /address must be a host name or IP address/ },
    { what: 'a user with shell characters', input: { name: 'vm', address: 'a', user: 'root;id', auth: 'agent' }, field: 'user', message: /user must be a login name/ },
    { what: 'an unknown auth', input: { name: 'vm', address: 'a', user: 'u', auth: 'kerberos' }, field: 'auth', message: /auth must be one of agent, key, password/ },
    { what: 'a bad service name', input: { name: 'vm', address: 'a', user: 'u', auth: 'agent', services: ['nginx; reboot'] }, field: 'services.0', message: /unit names may hold/ },
    { what: 'a service name that reads as an option', input: { name: 'vm', address: 'a', user: 'u', auth: 'agent', services: ['--force'] }, field: 'services.0', message: /start with a letter, digit, _ or @/ },
    { what: 'a bad cloud instance', input: { name: 'vm', address: 'a', user: 'u', auth: 'agent', cloud: { provider: 'aws', instanceId: 'x' } }, field: 'cloud.instanceId', message: /cloud.instanceId must look like i-/ },
    { what: 'an unknown cloud', input: { name: 'vm', address: 'a', user: 'u', auth: 'agent', cloud: { provider: 'azure' } }, field: 'cloud.provider', message: /cloud.provider must be gcloud or aws/ },
    { what: 'key auth without keyPath', input: { name: 'vm', address: 'a', user: 'u', auth: 'key' }, field: 'keyPath', message: /keyPath is required when auth is "key"/ },
    { what: 'password auth without a secret', input: { name: 'vm', address: 'a', user: 'u', auth: 'password' }, field: 'secretRef', message: /secretRef is required when auth is "password"/ },
    { what: 'a password given in place of a ref', input: { name: 'vm', address: 'a', user: 'u', auth: 'password', secretRef: 'hunter2' }, field: 'secretRef', message: /secretRef must be a secret reference/ },
  ],
  removeHost: [...notAnObject, { what: 'missing id', input: {}, field: 'id', message: /id is required/ }],
  readSshConfig: [...notAnObject, { what: 'an empty file', input: { file: ' ' }, field: 'file', message: /file must not be empty/ }],
  importSshHosts: [
    ...notAnObject,
    { what: 'no aliases', input: { aliases: [] }, field: 'aliases', message: /aliases must name at least one host/ },
    { what: 'trustKnownHosts of the wrong type', input: { aliases: ['a'], trustKnownHosts: 'yes' }, field: 'trustKnownHosts', message: /trustKnownHosts must be true or false/ },
  ],
  checkHostKey: [...notAnObject, { what: 'a string hostId', input: { hostId: '1' }, field: 'hostId', message: /hostId must be a number/ }],
  pinHostKey: [
    ...notAnObject,
    { what: 'missing fingerprint', input: { hostId: 1 }, field: 'fingerprint', message: /fingerprint is required/ },
    { what: 'a fingerprint for a host that does not exist', input: { hostId: 1, fingerprint: 'SHA256:x' }, field: 'hostId', message: /No host with id 1/, code: 'NOT_FOUND' },
  ],
  listRunbooks: [...notAnObject, { what: 'missing hostId', input: {}, field: 'hostId', message: /hostId is required/ }],
  saveRunbook: [
    ...notAnObject,
    { what: 'missing steps', input: { name: 'x' }, field: 'steps', message: /steps/ },
    { what: 'a step of an unknown shape', input: { name: 'x', steps: [{ shell: 'id' }] }, field: 'steps.0', message: /each step must be one of/ },
    { what: 'a bad schedule', input: { name: 'x', readOnly: true, steps: [{ remote: ['uptime'] }], schedule: 'hourly' }, field: 'schedule', message: /schedule must be like "every 6h"/ },
    { what: 'a schedule with something after it', input: { name: 'x', readOnly: true, steps: [{ remote: ['uptime'] }], schedule: 'every 6h; rm' }, field: 'schedule', message: /schedule must be like/ },
    { what: 'a schedule of every 0 minutes', input: { name: 'x', readOnly: true, steps: [{ remote: ['uptime'] }], schedule: 'every 0m' }, field: 'schedule', message: /schedule must be like/ },
    { what: 'a parameter of an unknown type', input: { name: 'x', params: [{ type: 'file', name: 'f' }], steps: [{ remote: ['cat'] }] }, field: 'params.0.type', message: /params.type must be string, enum or number/ },
    { what: 'a parameter name in CamelCase', input: { name: 'x', params: [{ type: 'string', name: 'Unit' }], steps: [{ remote: ['cat'] }] }, field: 'params.0.name', message: /params.name must be lower_snake_case/ },
    { what: 'a program from a parameter', input: { name: 'x', params: [{ type: 'string', name: 'p' }], steps: [{ local: ['{{p}}'] }] }, field: 'steps.0.local.0', message: /program \(first element\) cannot come from a parameter/ },
  ],
  removeRunbook: [...notAnObject, { what: 'a fractional id', input: { id: 1.5 }, field: 'id', message: /id must be a whole number/ }],
  previewRunbook: [
    ...notAnObject,
    { what: 'missing runbookId', input: { hostId: 1 }, field: 'runbookId', message: /runbookId is required/ },
    { what: 'params that are not an object', input: { hostId: 1, runbookId: 'builtin:diagnose', params: ['a'] }, field: 'params', message: /params must be an object of name: value/ },
  ],
  startRunbook: [
    ...notAnObject,
    { what: 'missing confirmation', input: { hostId: 1, runbookId: 'builtin:diagnose' }, field: 'confirmation', message: /confirmation is required/ },
    { what: 'a param of the wrong type', input: { hostId: 1, runbookId: 'x', params: { a: true }, confirmation: 'yes' }, field: 'params.a', message: /params.a: each parameter value must be text or a number/ },
  ],
  cancelRun: [...notAnObject, { what: 'missing runId', input: {}, field: 'runId', message: /runId is required/ }],
  listRuns: [
    ...notAnObject,
    { what: 'an unknown status', input: { status: 'exploded' }, field: 'status', message: /status must be one of running, succeeded, failed, cancelled, timed-out/ },
    { what: 'an unknown trigger', input: { trigger: 'cron' }, field: 'trigger', message: /trigger must be one of ui, cli, schedule/ },
  ],
  getRun: [...notAnObject, { what: 'a negative runId', input: { runId: -1 }, field: 'runId', message: /runId must be at least 1/ }],
  // ── Agents ──
  listAgents: [...notAnObject, { what: 'projectId of the wrong type', input: { projectId: 3 }, field: 'projectId', message: /projectId must be a string/ }],
  saveAgent: [
    ...notAnObject,
    { what: 'missing name', input: { projectId: 'p', role: 'r' }, field: 'name', message: /name is required/ },
    { what: 'blank role', input: { projectId: 'p', name: 'n', role: '  ' }, field: 'role', message: /role must not be empty/ },
    { what: 'capabilities not a list', input: { projectId: 'p', name: 'n', role: 'r', capabilities: 'ui' }, field: 'capabilities', message: /capabilities must be a list of strings/ },
    { what: 'a code with a space', input: { projectId: 'p', name: 'n', role: 'r', code: 'A B' }, field: 'code', message: /code must be 1–16 letters/ },
    { what: 'a string id', input: { id: '1', name: 'n', role: 'r' }, field: 'id', message: /id must be a number/ },
    { what: 'an extra field', input: { projectId: 'p', name: 'n', role: 'r', token: 'x' }, field: 'token', message: /unknown field "token"/ },
  ],
  retireAgent: [...notAnObject, { what: 'missing id', input: {}, field: 'id', message: /id is required/ }],
  createAgentToken: [...notAnObject, { what: 'a fractional id', input: { id: 1.5 }, field: 'id', message: /id must be a whole number/ }],
  getAgentHistory: [
    ...notAnObject,
    { what: 'an unknown range', input: { id: 1, range: '1y' }, field: 'range', message: /range must be one of 24h, 7d, 30d/ },
  ],
  getAgentSettings: [...notAnObject, { what: 'missing projectId', input: {}, field: 'projectId', message: /projectId is required/ }],
  updateAgentSettings: [
    ...notAnObject,
    { what: 'heartbeatSeconds of the wrong type', input: { projectId: 'p', heartbeatSeconds: '30', staleAfterSeconds: 300, offlineAfterSeconds: 900 }, field: 'heartbeatSeconds', message: /heartbeatSeconds must be a number/ },
    { what: 'offline not after stale', input: { projectId: 'p', heartbeatSeconds: 30, staleAfterSeconds: 300, offlineAfterSeconds: 200 }, field: 'offlineAfterSeconds', message: /offlineAfterSeconds must be longer than staleAfterSeconds/ },
    { what: 'stale not after heartbeat', input: { projectId: 'p', heartbeatSeconds: 60, staleAfterSeconds: 30, offlineAfterSeconds: 900 }, field: 'staleAfterSeconds', message: /staleAfterSeconds must be longer than heartbeatSeconds/ },
  ],
  getAgentIngestInfo: noArgs,
  listAgentPullSources: [...notAnObject, { what: 'an extra field', input: { all: true }, field: 'all', message: /unknown field "all"/ }],
  saveAgentPullSource: [
    ...notAnObject,
    { what: 'an unknown kind', input: { projectId: 'p', name: 'n', source: { kind: 'ftp' } }, field: 'source.kind', message: /source.kind must be one of http, sqlite-ssh/ },
    { what: 'a non-http url', input: { projectId: 'p', name: 'n', source: { kind: 'http', url: 'file:///etc/passwd' } }, field: 'source.url', message: /url must be an absolute http/ },
    { what: 'a url with credentials', input: { projectId: 'p', name: 'n', source: { kind: 'http', url: 'http://user:s3cret@127.0.0.1/events?key=k' } }, field: 'source.url', message: /url must not contain a user name or password/ },
    { what: 'a bad host key', input: { projectId: 'p', name: 'n', source: { kind: 'sqlite-ssh', host: 'h', user: 'u', hostKey: 'MD5:aa', file: 'f', query: 'select 1' } }, field: 'source.hostKey', message: /hostKey must be an OpenSSH SHA256 fingerprint/ },
    { what: 'a missing query', input: { projectId: 'p', name: 'n', source: { kind: 'sqlite-ssh', host: 'h', user: 'u', hostKey: `SHA256:${'a'.repeat(43)}`, file: 'f' } }, field: 'source.query', message: /query is required/ },
    { what: 'an interval too short', input: { projectId: 'p', name: 'n', source: { kind: 'http', url: 'http://127.0.0.1/', intervalSeconds: 1 } }, field: 'source.intervalSeconds', message: /intervalSeconds must be at least 5/ },
  ],
  removeAgentPullSource: [...notAnObject, { what: 'missing id', input: {}, field: 'id', message: /id is required/ }],
  // ── Scorecard ──
  assessProject: [
    ...notAnObject,
    { what: 'missing projectId', input: {}, field: 'projectId', message: /id is required/ },
    { what: 'projectId of the wrong type', input: { projectId: 7 }, field: 'projectId', message: /id must be a string/ },
    { what: 'an extra field', input: { projectId: 'p', repoPath: '/etc' }, field: 'repoPath', message: /unknown field "repoPath"/ },
  ],
  listAssessments: [
    ...notAnObject,
    { what: 'missing projectId', input: {}, field: 'projectId', message: /id is required/ },
    { what: 'a limit too large', input: { projectId: 'p', limit: 501 }, field: 'limit', message: /limit must be at most 500/ },
    { what: 'a fractional limit', input: { projectId: 'p', limit: 2.5 }, field: 'limit', message: /limit must be a whole number/ },
  ],
  getAssessment: [
    ...notAnObject,
    { what: 'missing id', input: {}, field: 'id', message: /id is required/ },
    { what: 'a string id', input: { id: '3' }, field: 'id', message: /id must be a number/ },
    { what: 'a zero id', input: { id: 0 }, field: 'id', message: /id must be at least 1/ },
  ],
  exportAssessment: [
    ...notAnObject,
    { what: 'missing format', input: { id: 1 }, field: 'format', message: /format must be one of md, json, sarif/ },
    { what: 'an unknown format', input: { id: 1, format: 'pdf' }, field: 'format', message: /format must be one of md, json, sarif/ },
  ],
  getScorecardSettings: [...notAnObject, { what: 'missing projectId', input: {}, field: 'projectId', message: /id is required/ }],
  updateScorecardSettings: [
    ...notAnObject,
    { what: 'an unknown tier', input: { projectId: 'p', tier: 'gold' }, field: 'tier', message: /tier must be one of prototype, production, commercial/ },
    { what: 'a target above 100', input: { projectId: 'p', targets: { Security: 120 } }, field: 'targets.Security', message: /target must be at most 100/ },
    { what: 'a target of the wrong type', input: { projectId: 'p', targets: { Security: '90' } }, field: 'targets.Security', message: /target must be a number/ },
    { what: 'an unknown category', input: { projectId: 'p', targets: { Happiness: 50 } }, field: 'targets.Happiness', message: /unknown field "Happiness"/ },
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
  assert.equal(env.error.code, c.code ?? 'INVALID_INPUT');
  assert.match(env.error.message, c.message, `${method} with ${c.what}: message`);
  if (c.code === undefined) assert.ok(env.error.message.startsWith(`${method}: `), 'the message names the method');
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
          if (status !== undefined) assert.equal(status, c.code === 'NOT_FOUND' ? 404 : 400);
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
  // A top-level frame, as Electron describes one (parent null); frames inside the page are refused.
  const appFrame = { senderFrame: { url: 'app://photon/index.html#/projects', parent: null } };
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
