import type { MonitorDefinition, MonitorKind, MonitorSummary, Series } from '../../../preload/contract.ts';
import type { Choice } from '../../components/SelectField.tsx';

// The contract's value lists, restated: importing them would bundle zod into the renderer.
// Each `satisfies Record<…>` fails to compile the moment the contract's list changes.

export type Role = MonitorDefinition['role'];
export type HttpMethod = Extract<MonitorDefinition['target'], { kind: 'http' }>['method'];
export type DnsRecordType = Extract<MonitorDefinition['target'], { kind: 'dns' }>['recordType'];
export type SeriesRange = Series['range'];

const KIND_LABELS = {
  ping: 'Ping (ICMP)',
  tcp: 'TCP port',
  http: 'HTTP(S) request',
  tls: 'TLS certificate',
  dns: 'DNS record',
  ssh: 'SSH command',
  postgres: 'PostgreSQL',
  'sqlite-over-ssh': 'SQLite over SSH',
} as const satisfies Record<MonitorKind, string>;

const ROLE_LABELS = {
  vm: 'VM (production host)',
  api: 'API endpoint',
  database: 'Database',
  tls: 'TLS certificate',
  dns: 'DNS',
  other: 'Other',
} as const satisfies Record<Role, string>;

const METHODS = { GET: true, HEAD: true, POST: true, PUT: true, PATCH: true, DELETE: true, OPTIONS: true } as const satisfies Record<HttpMethod, true>;
const RECORD_TYPES = { A: true, AAAA: true, CNAME: true, MX: true, TXT: true, NS: true } as const satisfies Record<DnsRecordType, true>;
const RANGES = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' } as const satisfies Record<SeriesRange, string>;

const entries = <K extends string, V>(o: Record<K, V>) => Object.entries(o) as [K, V][];

export const KIND_CHOICES: readonly Choice<MonitorKind>[] = entries(KIND_LABELS).map(([value, label]) => ({ value, label }));
export const ROLE_CHOICES: readonly Choice<Role>[] = entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
export const METHOD_CHOICES: readonly Choice<HttpMethod>[] = entries(METHODS).map(([value]) => ({ value, label: value }));
export const RECORD_TYPE_CHOICES: readonly Choice<DnsRecordType>[] = entries(RECORD_TYPES).map(([value]) => ({ value, label: value }));
export const RANGE_CHOICES: readonly Choice<SeriesRange>[] = entries(RANGES).map(([value, label]) => ({ value, label }));

export const roleLabel = (role: Role): string => ROLE_LABELS[role];

/** "photon.yml:12" for a monitor from a project's file (full path in `title`), "UI" for one made here. */
export function sourceText(source: MonitorSummary['source']): { text: string; title: string } {
  if (source.type === 'ui') return { text: 'UI', title: 'Created in Photon Console' };
  const base = source.file.split(/[\\/]/).pop() ?? source.file;
  return { text: `${base}:${source.line}`, title: `${source.file}, line ${source.line}` };
}
