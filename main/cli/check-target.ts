import { MonitorTargetSchema, type MonitorTarget } from '../../preload/contract.ts';
import { CHECK_KINDS } from '../monitors/index.ts';
import { UsageError } from './usage-error.ts';

export interface CheckFlags {
  count?: string;
  method?: string;
  header?: string[];
  insecure?: boolean;
  ca?: string;
  servername?: string;
  type?: string;
  resolver?: string;
  'host-key'?: string;
  identity?: string;
  agent?: boolean;
  command?: string;
  metrics?: boolean;
  unit?: string[];
  'password-env'?: string;
  ssl?: boolean;
}

/** Turns `photon check <kind> <target> --flags` into a target, validated by the same schema as the UI's. */
export function buildCheckTarget(kind: string, target: string, f: CheckFlags): MonitorTarget {
  const raw = rawTarget(kind, target, f);
  const parsed = MonitorTargetSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new UsageError(`photon check: ${field && field !== 'kind' ? `${field}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}

function rawTarget(kind: string, target: string, f: CheckFlags): Record<string, unknown> {
  const num = (v: string | undefined) => (v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : v);
  switch (kind) {
    case 'ping':
      return { kind, host: target, ...(f.count !== undefined && { count: num(f.count) }) };
    case 'tcp': {
      const { host, port } = hostPort(target, undefined);
      return { kind, host, port };
    }
    case 'http':
      return {
        kind,
        url: target,
        ...(f.method && { method: f.method.toUpperCase() }),
        headers: Object.fromEntries((f.header ?? []).map(splitHeader)),
        verifyTls: !f.insecure,
        ...(f.ca && { caFile: f.ca }),
      };
    case 'tls': {
      const { host, port } = hostPort(target, 443);
      return { kind, host, port, ...(f.servername && { servername: f.servername }), ...(f.ca && { caFile: f.ca }) };
    }
    case 'dns':
      return { kind, query: target, ...(f.type && { recordType: f.type.toUpperCase() }), ...(f.resolver && { resolver: f.resolver }) };
    case 'ssh':
      return { kind, ...sshTarget(target, f), ...(f.command && { command: f.command }), hostMetrics: Boolean(f.metrics), units: f.unit ?? [] };
    case 'sqlite-over-ssh': {
      const at = target.lastIndexOf(':/');
      if (at < 0) throw new UsageError('photon check: sqlite-over-ssh targets look like user@host[:port]:/path/to/app.db');
      return { kind, ...sshTarget(target.slice(0, at), f), file: target.slice(at + 1) };
    }
    case 'postgres': {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        throw new UsageError('photon check: postgres targets look like postgres://user@host[:port]/database');
      }
      if (url.password) throw new UsageError('photon check: put no password in the URL; name an environment variable with --password-env');
      return {
        kind,
        host: url.hostname,
        port: url.port ? Number(url.port) : 5432,
        user: decodeURIComponent(url.username),
        database: decodeURIComponent(url.pathname.slice(1)),
        ...(f['password-env'] && { passwordEnv: f['password-env'] }),
        ssl: Boolean(f.ssl),
      };
    }
    default:
      throw new UsageError(`photon check: unknown kind ${JSON.stringify(kind)} (${CHECK_KINDS.join(', ')})`);
  }
}

function hostPort(target: string, fallback: number | undefined): { host: string; port: number | string | undefined } {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(target);
  if (!m) throw new UsageError(`photon check: ${JSON.stringify(target)} is not host or host:port`);
  const port = m[2] !== undefined ? Number(m[2]) : fallback;
  if (port === undefined) throw new UsageError(`photon check: ${JSON.stringify(target)} needs a port (host:port)`);
  return { host: m[1]!, port };
}

function sshTarget(target: string, f: CheckFlags) {
  const m = /^([^@]+)@(.+)$/.exec(target);
  if (!m) throw new UsageError('photon check: ssh targets look like user@host[:port]');
  const { host, port } = hostPort(m[2]!, 22);
  return {
    user: m[1],
    host,
    port,
    hostKey: f['host-key'] ?? '',
    ...(f.identity && { privateKeyPath: f.identity }),
    useAgent: Boolean(f.agent),
  };
}

function splitHeader(h: string): [string, string] {
  const i = h.indexOf(':');
  if (i <= 0) throw new UsageError(`photon check: --header must look like "Name: value" (got ${JSON.stringify(h)})`);
  return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
}
