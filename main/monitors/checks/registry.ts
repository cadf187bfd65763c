import type { MonitorKind, MonitorTarget } from '../../../preload/contract.ts';
import type { CheckRegistry } from '../compile-monitor.ts';
import type { CheckKind } from './check-kind.ts';
import { dnsCheck } from './dns.ts';
import { httpCheck } from './http.ts';
import { pingCheck } from './ping.ts';
import { postgresCheck } from './postgres.ts';
import { sqliteOverSshCheck } from './sqlite-over-ssh.ts';
import { sshCheck } from './ssh.ts';
import { tcpCheck } from './tcp.ts';
import { tlsCheck } from './tls.ts';

/**
 * Every check kind, by the name monitors use. A new kind is one file and one line here; the type
 * makes the compiler insist on exactly one entry per kind of the contract.
 */
export const checkRegistry: CheckRegistry = {
  ping: pingCheck,
  tcp: tcpCheck,
  http: httpCheck,
  tls: tlsCheck,
  dns: dnsCheck,
  ssh: sshCheck,
  postgres: postgresCheck,
  'sqlite-over-ssh': sqliteOverSshCheck,
};

/** The kinds, in the registry's order: what help texts and error messages list. */
export const CHECK_KINDS = Object.keys(checkRegistry) as MonitorKind[];

/** One short line naming what a monitor watches, for lists, alerts and the CLI. Never includes credentials. */
export function describeTarget(target: MonitorTarget): string {
  return (checkRegistry[target.kind] as CheckKind<MonitorKind>).describe(target);
}
