// The ssh capability's public face: other capabilities import ssh things from here, never from
// the files behind it. ssh itself depends on no other capability, so this index cannot close a cycle.
export { connect, hostPort, probeHostKey, type ConnectOptions, type SshConnection } from './connect.ts';
export { AuthError, HostKeyMismatchError, HostKeyUnknownError, SshError } from './errors.ts';
export { fingerprintsEqual } from './host-key-fingerprint.ts';
export { decideHostKeyTrust, repin } from './host-key-trust.ts';
export { hostReportScript } from './host-metrics.ts';
export { parseHostReport, type HostReport } from './host-metrics-parse.ts';
export { findKnownHostKeys, type KnownHostKey } from './known-hosts-import.ts';
export { runCommand, runScript, type CommandResult } from './run-command.ts';
export { remoteFileWord, shellQuote, shellQuoteArgv } from './shell-quote.ts';
export { importSshConfigFile, localSshEnvironment, type SshHostProfile } from './ssh-config-import.ts';
export { sshErrors } from './ssh-contract-errors.ts';
export type { Ssh2Channel } from './ssh2-surface.ts';
