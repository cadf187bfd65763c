import type { CheckRegistry } from '../compile-monitor.ts';
import { dnsCheck } from './dns.ts';
import { httpCheck } from './http.ts';
import { pingCheck } from './ping.ts';
import { postgresCheck } from './postgres.ts';
import { sqliteOverSshCheck } from './sqlite-over-ssh.ts';
import { sshCheck } from './ssh.ts';
import { tcpCheck } from './tcp.ts';
import { tlsCheck } from './tls.ts';

/** Every check kind, by the name monitors use. A new kind is one file and one line here. */
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
