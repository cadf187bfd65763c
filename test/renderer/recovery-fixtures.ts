import type { HostSummary } from '../../preload/schemas/hosts.ts';
import type { RunbookSummary, RunSummary } from '../../preload/schemas/recovery.ts';
import type { SecretInfo, VaultStatus } from '../../preload/schemas/secrets.ts';

export const vaultUp: VaultStatus = { backend: 'Secret Service (gnome-keyring)', available: true, reason: null, checkedAt: 1_000 };

export function secretNamed(label: string, over: Partial<SecretInfo> = {}): SecretInfo {
  return { ref: `secret:00000000-0000-4000-8000-${label.padStart(12, '0').slice(-12)}`, kind: 'ssh-password', label, createdAt: 1, updatedAt: 1, usedBy: [], ...over };
}

export function hostNamed(id: number, name: string, over: Partial<HostSummary> = {}): HostSummary {
  return {
    id,
    name,
    projectId: null,
    address: '127.0.0.1',
    port: 22,
    user: 'root',
    auth: 'agent',
    keyPath: null,
    secretRef: null,
    sudo: true,
    services: [],
    cloud: null,
    pin: null,
    source: 'ui',
    state: { status: 'UNKNOWN', detail: 'no monitor', measuredAt: null, monitorIds: [] },
    lastRun: null,
    ...over,
  };
}

export function runNamed(id: number, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    hostId: 1,
    host: 'vm',
    runbookId: 'builtin:diagnose',
    runbook: 'Diagnose',
    trigger: 'ui',
    params: {},
    commands: [],
    status: 'running',
    startedAt: 1_000 + id,
    finishedAt: null,
    durationMs: null,
    exitCode: null,
    outputSha256: null,
    outputBytes: 0,
    recovered: null,
    verification: null,
    error: null,
    ...over,
  };
}

export const finished = (run: RunSummary, over: Partial<RunSummary> = {}): RunSummary => ({
  ...run,
  status: 'succeeded',
  finishedAt: run.startedAt + 500,
  durationMs: 500,
  exitCode: 0,
  outputSha256: 'a'.repeat(64),
  outputBytes: 12,
  ...over,
});

export function runbookNamed(id: string, over: Partial<RunbookSummary> = {}): RunbookSummary {
  return {
    id,
    name: id,
    description: '',
    builtin: id.startsWith('builtin:'),
    hostId: null,
    danger: 'read-only',
    readOnly: true,
    params: [],
    schedule: null,
    nextRunAt: null,
    available: true,
    unavailableReason: null,
    source: 'builtin',
    ...over,
  };
}
