import type { MethodInput, MonitorDefinition, MonitorKind, MonitorTarget } from '../../../../preload/contract.ts';
import type { ApiError } from '../../../api/client.ts';
import type { DnsRecordType, HttpMethod, Role } from '../monitor-labels.ts';

/** What the form holds: text exactly as typed, so a half-typed number is never silently changed. */
export interface MonitorDraft {
  name: string;
  /** '' for no project. */
  projectId: string;
  kind: MonitorKind;
  host: string;
  /** '' means the kind's default port (where it has one). */
  port: string;
  url: string;
  method: HttpMethod;
  verifyTls: boolean;
  query: string;
  recordType: DnsRecordType;
  resolver: string;
  database: string;
  user: string;
  passwordEnv: string;
  ssl: boolean;
  hostKey: string;
  privateKeyPath: string;
  useAgent: boolean;
  command: string;
  file: string;
  /** One condition per line. */
  conditions: string;
  intervalSeconds: string;
  timeoutSeconds: string;
  failureThreshold: string;
  successThreshold: string;
  /** '' for no parent. */
  parentId: string;
  role: Role;
  metricName: string;
  metricSource: string;
  metricUnit: string;
}

export type DraftField = keyof MonitorDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

export const EMPTY_DRAFT: MonitorDraft = {
  name: '',
  projectId: '',
  kind: 'http',
  host: '',
  port: '',
  url: '',
  method: 'GET',
  verifyTls: true,
  query: '',
  recordType: 'A',
  resolver: '',
  database: '',
  user: '',
  passwordEnv: '',
  ssl: false,
  hostKey: '',
  privateKeyPath: '',
  useAgent: false,
  command: '',
  file: '',
  conditions: '',
  intervalSeconds: '60',
  timeoutSeconds: '',
  failureThreshold: '3',
  successThreshold: '2',
  parentId: '',
  role: 'other',
  metricName: '',
  metricSource: '',
  metricUnit: '',
};

/** Kinds whose port may be left empty, and what the core then uses. */
export const DEFAULT_PORTS: Partial<Record<MonitorKind, number>> = { tls: 443, postgres: 5432, ssh: 22, 'sqlite-over-ssh': 22 };

export function draftOf(def: MonitorDefinition): MonitorDraft {
  const t = def.target;
  const d: MonitorDraft = {
    ...EMPTY_DRAFT,
    name: def.name,
    projectId: def.projectId ?? '',
    kind: t.kind,
    conditions: def.conditions.join('\n'),
    intervalSeconds: String(def.intervalSeconds),
    timeoutSeconds: def.timeoutSeconds === undefined ? '' : String(def.timeoutSeconds),
    failureThreshold: String(def.failureThreshold),
    successThreshold: String(def.successThreshold),
    parentId: def.parentId === null ? '' : String(def.parentId),
    role: def.role,
    metricName: def.metric?.name ?? '',
    metricSource: def.metric?.source ?? '',
    metricUnit: def.metric?.unit ?? '',
  };
  switch (t.kind) {
    case 'ping':
      return { ...d, host: t.host };
    case 'tcp':
      return { ...d, host: t.host, port: String(t.port) };
    case 'http':
      return { ...d, url: t.url, method: t.method, verifyTls: t.verifyTls };
    case 'tls':
      return { ...d, host: t.host, port: String(t.port) };
    case 'dns':
      return { ...d, query: t.query, recordType: t.recordType, resolver: t.resolver ?? '' };
    case 'postgres':
      return { ...d, host: t.host, port: String(t.port), database: t.database, user: t.user, passwordEnv: t.passwordEnv ?? '', ssl: t.ssl };
    case 'ssh':
      return { ...d, ...sshDraft(t), command: t.command ?? '' };
    case 'sqlite-over-ssh':
      return { ...d, ...sshDraft(t), file: t.file };
  }
}

function sshDraft(t: Extract<MonitorTarget, { kind: 'ssh' | 'sqlite-over-ssh' }>) {
  return { host: t.host, port: String(t.port), user: t.user, hostKey: t.hostKey ?? '', privateKeyPath: t.privateKeyPath ?? '', useAgent: t.useAgent };
}

type SaveInput = MethodInput<'saveMonitor'>;
type TargetInput = SaveInput['target'];

const optional = <K extends string>(key: K, text: string): Partial<Record<K, string>> =>
  text.trim() === '' ? {} : ({ [key]: text.trim() } as Record<K, string>);

/**
 * The target as typed. Fields this form does not show (HTTP headers and body, a CA file, ssh units…)
 * are carried over from `base` when the kind is unchanged, so editing a monitor never drops them.
 */
function targetOf(d: MonitorDraft, port: number | undefined, base: MonitorTarget | undefined): TargetInput {
  const kept = base?.kind === d.kind ? base : undefined;
  switch (d.kind) {
    case 'ping':
      return { ...(kept?.kind === 'ping' ? { count: kept.count } : {}), kind: 'ping', host: d.host.trim() };
    case 'tcp':
      // An empty port is sent as absent: the core fills in the kind's default, or names the missing field (tcp).
      return { kind: 'tcp', host: d.host.trim(), port };
    case 'http': {
      const { kind: _k, url: _u, method: _m, verifyTls: _v, ...rest } = kept?.kind === 'http' ? kept : { kind: 'http' as const, url: '', method: 'GET' as const, verifyTls: true };
      return { ...rest, kind: 'http', url: d.url.trim(), method: d.method, verifyTls: d.verifyTls };
    }
    case 'tls':
      return { ...(kept?.kind === 'tls' ? kept : {}), kind: 'tls', host: d.host.trim(), port };
    case 'dns': {
      const { resolver: _r, ...rest } = kept?.kind === 'dns' ? kept : { kind: 'dns' as const };
      return { ...rest, kind: 'dns', query: d.query.trim(), recordType: d.recordType, ...optional('resolver', d.resolver) };
    }
    case 'postgres': {
      const { passwordEnv: _p, ...rest } = kept?.kind === 'postgres' ? kept : { kind: 'postgres' as const };
      return { ...rest, kind: 'postgres', host: d.host.trim(), port, database: d.database.trim(), user: d.user.trim(), ssl: d.ssl, ...optional('passwordEnv', d.passwordEnv) };
    }
    case 'ssh': {
      const { privateKeyPath: _k, command: _c, ...rest } = kept?.kind === 'ssh' ? kept : { kind: 'ssh' as const };
      return { ...rest, kind: 'ssh', ...sshTarget(d, port), ...optional('command', d.command) };
    }
    case 'sqlite-over-ssh': {
      const { privateKeyPath: _k, ...rest } = kept?.kind === 'sqlite-over-ssh' ? kept : { kind: 'sqlite-over-ssh' as const };
      return { ...rest, kind: 'sqlite-over-ssh', ...sshTarget(d, port), file: d.file.trim() };
    }
  }
}

function sshTarget(d: MonitorDraft, port: number | undefined) {
  return { host: d.host.trim(), port, user: d.user.trim(), useAgent: d.useAgent, ...optional('hostKey', d.hostKey), ...optional('privateKeyPath', d.privateKeyPath) };
}

function wholeNumber(text: string, field: DraftField, label: string, errors: FieldErrors): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^\d+$/.test(t)) {
    errors[field] = `${label} must be a whole number.`;
    return undefined;
  }
  return Number(t);
}

/**
 * Turns the draft into saveMonitor input, or names the fields that are not even numbers. Everything
 * else (ranges, URLs, condition syntax) is the core's call, and its answer is placed by placeMonitorError.
 */
export function toSaveInput(d: MonitorDraft, base?: { id: number; definition: MonitorDefinition }): { ok: true; input: SaveInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (d.name.trim() === '') errors.name = 'Enter a name for the monitor.';
  const port = wholeNumber(d.port, 'port', 'Port', errors);
  const intervalSeconds = wholeNumber(d.intervalSeconds, 'intervalSeconds', 'Interval', errors);
  const timeoutSeconds = wholeNumber(d.timeoutSeconds, 'timeoutSeconds', 'Timeout', errors);
  const failureThreshold = wholeNumber(d.failureThreshold, 'failureThreshold', 'Failures before DOWN', errors);
  const successThreshold = wholeNumber(d.successThreshold, 'successThreshold', 'Successes before UP', errors);
  const metricGiven = [d.metricName, d.metricSource, d.metricUnit].some((s) => s.trim() !== '');
  if (metricGiven && d.metricName.trim() === '') errors.metricName = 'A metric needs a name.';
  if (metricGiven && d.metricSource.trim() === '') errors.metricSource = 'A metric needs a source, e.g. [BODY].errors.rate';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const conditions = d.conditions
    .split('\n')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return {
    ok: true,
    input: {
      ...(base ? { id: base.id } : {}),
      projectId: d.projectId === '' ? null : d.projectId,
      name: d.name.trim(),
      target: targetOf(d, port, base?.definition.target),
      conditions,
      ...(intervalSeconds !== undefined && { intervalSeconds }),
      ...(timeoutSeconds !== undefined && { timeoutSeconds }),
      ...(failureThreshold !== undefined && { failureThreshold }),
      ...(successThreshold !== undefined && { successThreshold }),
      parentId: d.parentId === '' ? null : Number(d.parentId),
      role: d.role,
      ...(metricGiven && {
        metric: { name: d.metricName.trim(), source: d.metricSource.trim(), ...optional('unit', d.metricUnit) },
      }),
    },
  };
}

const TARGET_FIELDS: Record<string, DraftField> = {
  kind: 'kind',
  host: 'host',
  port: 'port',
  url: 'url',
  method: 'method',
  verifyTls: 'verifyTls',
  query: 'query',
  recordType: 'recordType',
  resolver: 'resolver',
  database: 'database',
  user: 'user',
  passwordEnv: 'passwordEnv',
  ssl: 'ssl',
  hostKey: 'hostKey',
  privateKeyPath: 'privateKeyPath',
  useAgent: 'useAgent',
  command: 'command',
  file: 'file',
};

const TOP_FIELDS: Record<string, DraftField> = {
  name: 'name',
  projectId: 'projectId',
  intervalSeconds: 'intervalSeconds',
  timeoutSeconds: 'timeoutSeconds',
  failureThreshold: 'failureThreshold',
  successThreshold: 'successThreshold',
  parentId: 'parentId',
  role: 'role',
  metric: 'metricName',
  'metric.name': 'metricName',
  'metric.source': 'metricSource',
  'metric.unit': 'metricUnit',
};

/** The core prefixes messages with the method and the field; beside the input, that is noise. */
const tidy = (message: string) => message.replace(/^saveMonitor: /, '').replace(/^conditions\[\d+\]: /, '');

/**
 * Puts a refusal from the core next to the input it names ("target.port", "conditions.1",
 * "metric.source"…), or above the form when it names none the form shows.
 */
export function placeMonitorError(err: ApiError, draft: MonitorDraft): { fields: FieldErrors; form: string | null } {
  const field = err.field ?? '';
  const condition = /^conditions(?:\.(\d+))?$/.exec(field);
  if (condition) {
    const line = condition[1] === undefined ? '' : `Line ${lineOfCondition(draft.conditions, Number(condition[1]))}: `;
    return { fields: { conditions: `${line}${tidy(err.message)}` }, form: null };
  }
  const target = /^target\.([A-Za-z]+)$/.exec(field);
  const draftField = target ? TARGET_FIELDS[target[1]!] : field === 'target' ? 'kind' : TOP_FIELDS[field];
  if (draftField) return { fields: { [draftField]: tidy(err.message) }, form: null };
  return { fields: {}, form: err.message };
}

/** Blank lines are not sent, so the core's condition index is not always the textarea's line. */
export function lineOfCondition(text: string, index: number): number {
  let seen = -1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '') seen += 1;
    if (seen === index) return i + 1;
  }
  return index + 1;
}
