import fs from 'node:fs';
import path from 'node:path';
import type { HostRecord } from '../hosts/index.ts';
import type { Runbook, Step } from './runbook.ts';

const remote = (title: string, argv: string[], extra: Partial<Extract<Step, { remote: string[] }>> = {}): Step => ({
  title,
  remote: argv,
  sudo: false,
  continueOnError: false,
  ...extra,
});

/** Finds a program on PATH the way execvp would, so a cloud action is offered only when it can run. */
export function findOnPath(program: string, envPath = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * The runbooks every host gets. Diagnose only reads; restart changes one service; reboot and the
 * cloud resets take the host away for a while, so they ask for the host name to be typed.
 */
export function builtinRunbooks(host: HostRecord, which: (program: string) => string | null = findOnPath): Runbook[] {
  const base = { builtin: true, hostId: host.id, schedule: null, available: true, unavailableReason: null, source: 'built-in' } as const;
  const unitParam =
    host.services.length > 0
      ? ({ type: 'enum', name: 'unit', label: 'Service', values: host.services } as const)
      : ({ type: 'string', name: 'unit', label: 'Service (systemd unit)', pattern: '[A-Za-z0-9@_][A-Za-z0-9@._:-]*', maxLength: 200 } as const);
  const list: Runbook[] = [
    {
      ...base,
      id: 'builtin:diagnose',
      name: 'Diagnose',
      description: 'Collects evidence without changing anything: uptime, disk, memory, service status and logs, listening ports.',
      danger: 'read-only',
      readOnly: true,
      params: [],
      timeoutSeconds: 120,
      steps: [
        remote('Uptime and load', ['uptime'], { continueOnError: true }),
        remote('Disk usage', ['df', '-h'], { continueOnError: true }),
        remote('Memory', ['free', '-m'], { continueOnError: true }),
        ...host.services.flatMap((unit) => [
          remote(`Status of ${unit}`, ['systemctl', 'status', '--no-pager', unit], { continueOnError: true }),
          remote(`Last 200 log lines of ${unit}`, ['journalctl', '-u', unit, '-n', '200', '--no-pager'], { continueOnError: true }),
        ]),
        remote('Listening ports', ['ss', '-tlnp'], { continueOnError: true }),
      ],
    },
    {
      ...base,
      id: 'builtin:restart-service',
      name: 'Restart service',
      description: 'Restarts one systemd service, shows whether it came back, then re-checks the host’s monitors.',
      danger: 'changes',
      readOnly: false,
      params: [{ ...unitParam } as Runbook['params'][number]],
      timeoutSeconds: 300,
      steps: [
        remote('Restart', ['systemctl', 'restart', '{{unit}}'], { sudo: true }),
        remote('Is it active?', ['systemctl', 'is-active', '{{unit}}']),
        { title: 'Monitors green again', verifyMonitors: { timeoutSeconds: 180 } },
      ],
    },
    {
      ...base,
      id: 'builtin:reboot',
      name: 'Reboot host',
      description: 'Reboots the host, waits until SSH answers again with the pinned key, then until its monitors are green.',
      danger: 'disruptive',
      readOnly: false,
      params: [],
      timeoutSeconds: 900,
      steps: [
        remote('Reboot', ['systemctl', 'reboot'], { sudo: true, expectDisconnect: true }),
        { title: 'SSH answers again', waitForSsh: { timeoutSeconds: 600, afterDisconnect: true } },
        { title: 'Monitors green again', verifyMonitors: { timeoutSeconds: 240 } },
      ],
    },
    {
      ...base,
      id: 'builtin:pending-updates',
      name: 'Pending security updates',
      description: 'Lists upgradable packages (Debian/Ubuntu) without installing anything; safe to schedule weekly.',
      danger: 'read-only',
      readOnly: true,
      params: [],
      timeoutSeconds: 120,
      steps: [remote('Upgradable packages', ['apt', 'list', '--upgradable'])],
    },
  ];
  return [...list, ...cloudRunbooks(host, which, base)];
}

function cloudRunbooks(host: HostRecord, which: (program: string) => string | null, base: Pick<Runbook, 'builtin' | 'hostId' | 'schedule' | 'source'>): Runbook[] {
  const cloud = host.cloud;
  if (!cloud) return [];
  const cli = cloud.provider === 'gcloud' ? 'gcloud' : 'aws';
  const missing = which(cli) === null;
  const availability = { available: !missing, unavailableReason: missing ? `${cli} is not installed (not found on PATH)` : null };
  const after: Step[] = [
    { title: 'SSH answers again', waitForSsh: { timeoutSeconds: 600 } },
    { title: 'Monitors green again', verifyMonitors: { timeoutSeconds: 300 } },
  ];
  const local = (title: string, argv: string[]): Step => ({ title, local: argv, continueOnError: false });
  if (cloud.provider === 'gcloud') {
    const where = ['--zone', cloud.zone, ...(cloud.project ? ['--project', cloud.project] : [])];
    return [
      {
        ...base,
        ...availability,
        id: 'builtin:gcloud-start',
        name: 'Start instance (gcloud)',
        description: `Starts Compute Engine instance ${cloud.instance} if it is stopped, then waits for SSH and the monitors.`,
        danger: 'changes',
        readOnly: false,
        params: [],
        timeoutSeconds: 900,
        steps: [local('Start instance', ['gcloud', 'compute', 'instances', 'start', cloud.instance, ...where]), ...after],
      },
      {
        ...base,
        ...availability,
        id: 'builtin:gcloud-reset',
        name: 'Reset instance (gcloud)',
        description: `Hard-resets Compute Engine instance ${cloud.instance} (like pressing the reset button), then waits for SSH and the monitors.`,
        danger: 'disruptive',
        readOnly: false,
        params: [],
        timeoutSeconds: 900,
        steps: [local('Reset instance', ['gcloud', 'compute', 'instances', 'reset', cloud.instance, ...where]), ...after],
      },
    ];
  }
  const region = cloud.region ? ['--region', cloud.region] : [];
  return [
    {
      ...base,
      ...availability,
      id: 'builtin:aws-start',
      name: 'Start instance (aws)',
      description: `Starts EC2 instance ${cloud.instanceId}, then waits for SSH and the monitors.`,
      danger: 'changes',
      readOnly: false,
      params: [],
      timeoutSeconds: 900,
      steps: [local('Start instance', ['aws', 'ec2', 'start-instances', '--instance-ids', cloud.instanceId, ...region]), ...after],
    },
    {
      ...base,
      ...availability,
      id: 'builtin:aws-reboot',
      name: 'Reboot instance (aws)',
      description: `Reboots EC2 instance ${cloud.instanceId} through the AWS API, then waits for SSH and the monitors.`,
      danger: 'disruptive',
      readOnly: false,
      params: [],
      timeoutSeconds: 900,
      steps: [
        local('Reboot instance', ['aws', 'ec2', 'reboot-instances', '--instance-ids', cloud.instanceId, ...region]),
        { title: 'SSH answers again', waitForSsh: { timeoutSeconds: 600, afterDisconnect: true } },
        { title: 'Monitors green again', verifyMonitors: { timeoutSeconds: 300 } },
      ],
    },
  ];
}
