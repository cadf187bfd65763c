/** Host profiles, their pinned keys (the one trust store) and importing from ~/.ssh. */
import { z } from 'zod';
import { flag, hostName, LIMITS, portNumber, recordId, removedResult, requiredText, text, textId, typeError, unitName } from './fields.ts';
import { MonitorStatusSchema } from './monitors.ts';
import { secretRefField } from './secrets.ts';

export const HOST_AUTH = ['agent', 'key', 'password'] as const;
/** What a person types to confirm, and what `photon run <host>` names: no spaces, no shell meaning. */
export const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const CloudInstanceSchema = z.discriminatedUnion(
  'provider',
  [
    z.strictObject({
      provider: z.literal('gcloud'),
      instance: requiredText('cloud.instance', 63).regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, { error: 'cloud.instance must be a Compute Engine instance name' }),
      zone: requiredText('cloud.zone', 63).regex(/^[a-z0-9-]+$/, { error: 'cloud.zone must be a zone like europe-west1-b' }),
      project: requiredText('cloud.project', 63).regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, { error: 'cloud.project must be a Google Cloud project id' }).optional(),
    }),
    z.strictObject({
      provider: z.literal('aws'),
      instanceId: requiredText('cloud.instanceId', 32).regex(/^i-[0-9a-f]{8,17}$/, { error: 'cloud.instanceId must look like i-0123456789abcdef0' }),
      region: requiredText('cloud.region', 32).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'cloud.region must be a region like eu-west-1' }).optional(),
    }),
  ],
  { error: 'cloud.provider must be gcloud or aws' },
);
export type CloudInstance = z.output<typeof CloudInstanceSchema>;

export const hostProfileInput = z.strictObject({
  id: recordId().optional(),
  name: requiredText('name', 64).regex(HOST_NAME, { error: 'name may hold letters, digits, dot, dash and underscore, starting with a letter or digit' }),
  projectId: text('projectId', 64).nullable().default(null),
  address: hostName('address'),
  port: portNumber(22),
  user: requiredText('user', 64).regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*$/, { error: 'user must be a login name (letters, digits, dot, dash, underscore)' }),
  auth: z.enum(HOST_AUTH, { error: `auth must be one of ${HOST_AUTH.join(', ')}` }),
  /** Private key file, for auth "key". */
  keyPath: requiredText('keyPath', 4096).nullable().default(null),
  /** The vault entry with the key's passphrase (auth "key") or the password (auth "password"). */
  secretRef: secretRefField('secretRef').nullable().default(null),
  /** Prefix privileged steps (restart, reboot) with `sudo -n`; ignored for root. */
  sudo: flag('sudo').default(true),
  /** systemd units Diagnose reports on and Restart service offers. */
  services: z.array(unitName('services')).max(30, { error: 'at most 30 services' }).default([]),
  cloud: CloudInstanceSchema.nullable().default(null),
});
export type HostProfileInput = z.input<typeof hostProfileInput>;

export const HostPinSchema = z.object({ fingerprint: z.string(), keyType: z.string(), pinnedAt: z.number() });

export const HostSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  projectId: z.string().nullable(),
  address: z.string(),
  port: z.number(),
  user: z.string(),
  auth: z.enum(HOST_AUTH),
  keyPath: z.string().nullable(),
  secretRef: z.string().nullable(),
  sudo: z.boolean(),
  services: z.array(z.string()),
  cloud: CloudInstanceSchema.nullable(),
  pin: HostPinSchema.nullable(),
  source: z.string(),
  /** From the monitors watching this host; UNKNOWN when none does. */
  state: z.object({
    status: MonitorStatusSchema,
    detail: z.string(),
    measuredAt: z.number().nullable(),
    monitorIds: z.array(z.number()),
  }),
  lastRun: z.object({ id: z.number(), runbook: z.string(), status: z.string(), at: z.number() }).nullable(),
});
export type HostSummary = z.infer<typeof HostSummarySchema>;

export const HostKeyCheckSchema = z.object({
  hostId: z.number(),
  where: z.string(),
  offered: z.object({ fingerprint: z.string(), keyType: z.string() }),
  decision: z.enum(['trusted', 'unknown', 'mismatch', 'revoked']),
  pinned: z.string().nullable(),
  knownHostsSays: z.enum(['matches', 'differs', 'absent']).nullable(),
  /** OpenSSH-style text for the confirm dialog, or the refusal with both fingerprints. */
  message: z.string(),
  howToRepin: z.string().nullable(),
  checkedAt: z.number(),
});
export type HostKeyCheck = z.infer<typeof HostKeyCheckSchema>;

export const SshConfigHostSchema = z.object({
  alias: z.string(),
  address: z.string(),
  port: z.number(),
  user: z.string().nullable(),
  identityFile: z.string().nullable(),
  proxyJump: z.string().nullable(),
  source: z.string(),
  /** known_hosts keys recorded for it (hashed entries included), as fingerprints. */
  knownHostKeys: z.array(z.object({ fingerprint: z.string(), keyType: z.string(), line: z.number() })),
  issues: z.array(z.string()),
  /** Already a host profile under this name. */
  existing: z.boolean(),
});

export const SshConfigReadSchema = z.object({
  file: z.string(),
  knownHostsFile: z.string(),
  hosts: z.array(SshConfigHostSchema),
  warnings: z.array(z.string()),
});
export type SshConfigRead = z.infer<typeof SshConfigReadSchema>;

const hostId = recordId('hostId');
const sshFiles = {
  file: requiredText('file', LIMITS.path).optional(),
  knownHostsFile: requiredText('knownHostsFile', LIMITS.path).optional(),
};

export const hostMethodShapes = {
  listHosts: { input: z.strictObject({ projectId: textId().optional() }), result: z.array(HostSummarySchema) },
  saveHost: { input: hostProfileInput, result: HostSummarySchema },
  removeHost: { input: z.strictObject({ id: recordId() }), result: removedResult },
  /** Reads ~/.ssh/config (or `file`) and known_hosts; changes nothing. */
  readSshConfig: { input: z.strictObject(sshFiles), result: SshConfigReadSchema },
  /** Creates host profiles for the named aliases; pins a key only if the person chose to trust known_hosts. */
  importSshHosts: {
    input: z.strictObject({
      ...sshFiles,
      aliases: z.array(requiredText('aliases', 253)).min(1, { error: 'aliases must name at least one host' }).max(200, { error: 'at most 200 aliases' }),
      trustKnownHosts: z.boolean({ error: typeError('trustKnownHosts', 'true or false') }).default(false),
      projectId: textId().nullable().default(null),
    }),
    result: z.object({ imported: z.array(HostSummarySchema), skipped: z.array(SshConfigHostSchema.pick({ alias: true }).extend({ reason: z.string() })) }),
  },
  /** Connects without logging in and compares the offered key with the pin and known_hosts. */
  checkHostKey: { input: z.strictObject({ hostId }), result: HostKeyCheckSchema },
  /** Pins (or re-pins) the key the host offers now; `fingerprint` must be that key's, typed by the person. */
  pinHostKey: { input: z.strictObject({ hostId, fingerprint: requiredText('fingerprint', 100) }), result: HostSummarySchema },
} as const;

export const hostEventShapes = {
  hostsChanged: z.object({ hosts: z.array(HostSummarySchema) }),
} as const;
