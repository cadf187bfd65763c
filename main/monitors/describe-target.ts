import type { MonitorTarget } from '../../preload/contract.ts';

/** One short line naming what a monitor watches, for lists and alerts. Never includes secrets. */
export function describeTarget(t: MonitorTarget): string {
  switch (t.kind) {
    case 'ping':
      return t.host;
    case 'tcp':
      return `${t.host}:${t.port}`;
    case 'http': {
      const u = new URL(t.url);
      u.username = '';
      u.password = '';
      return `${t.method} ${u.toString()}`;
    }
    case 'tls':
      return `${t.servername ?? t.host}:${t.port}`;
    case 'dns':
      return `${t.recordType} ${t.query}${t.resolver ? ` @${t.resolver}` : ''}`;
    case 'ssh':
      return `${t.user}@${t.host}:${t.port}${t.command ? ` $ ${t.command.slice(0, 60)}` : ''}`;
    case 'postgres':
      return `postgres://${t.user}@${t.host}:${t.port}/${t.database}`;
    case 'sqlite-over-ssh':
      return `${t.user}@${t.host}:${t.port} ${t.file}`;
  }
}
