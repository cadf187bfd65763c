import type { MethodInput } from '../../../../preload/contract.ts';
import type { HostSummary } from '../../../../preload/schemas/hosts.ts';
import type { SecretInfo } from '../../../../preload/schemas/secrets.ts';
import type { ApiError } from '../../../api/client.ts';

export type HostAuth = HostSummary['auth'];
export type SecretKind = SecretInfo['kind'];
export type CloudChoice = 'none' | 'gcloud' | 'aws';

/** The secret field: none, an existing vault entry, or a new one typed here (stored first, then referenced). */
export const NEW_SECRET = 'new';
export const NO_SECRET = '';

/** What the host form holds: text as typed, so a half-typed port is never silently changed. */
export interface HostDraft {
  name: string;
  address: string;
  port: string;
  user: string;
  auth: HostAuth;
  keyPath: string;
  /** NO_SECRET, NEW_SECRET or a secret:<uuid> reference. */
  secretRef: string;
  newSecretLabel: string;
  sudo: boolean;
  /** Unit names separated by spaces, commas or new lines. */
  services: string;
  cloud: CloudChoice;
  gcloudInstance: string;
  gcloudZone: string;
  gcloudProject: string;
  awsInstanceId: string;
  awsRegion: string;
}

export type HostField = keyof HostDraft | 'newSecretValue';
export type HostErrors = Partial<Record<HostField, string>>;

export const EMPTY_HOST: HostDraft = {
  name: '',
  address: '',
  port: '22',
  user: '',
  auth: 'agent',
  keyPath: '',
  secretRef: NO_SECRET,
  newSecretLabel: '',
  sudo: true,
  services: '',
  cloud: 'none',
  gcloudInstance: '',
  gcloudZone: '',
  gcloudProject: '',
  awsInstanceId: '',
  awsRegion: '',
};

export function hostToDraft(h: HostSummary): HostDraft {
  return {
    ...EMPTY_HOST,
    name: h.name,
    address: h.address,
    port: String(h.port),
    user: h.user,
    auth: h.auth,
    keyPath: h.keyPath ?? '',
    secretRef: h.secretRef ?? NO_SECRET,
    sudo: h.sudo,
    services: h.services.join(' '),
    cloud: h.cloud?.provider ?? 'none',
    gcloudInstance: h.cloud?.provider === 'gcloud' ? h.cloud.instance : '',
    gcloudZone: h.cloud?.provider === 'gcloud' ? h.cloud.zone : '',
    gcloudProject: h.cloud?.provider === 'gcloud' ? (h.cloud.project ?? '') : '',
    awsInstanceId: h.cloud?.provider === 'aws' ? h.cloud.instanceId : '',
    awsRegion: h.cloud?.provider === 'aws' ? (h.cloud.region ?? '') : '',
  };
}

/** Which vault entries fit an auth method: the key's passphrase, or the login password. */
export function secretKindFor(auth: HostAuth): SecretKind | null {
  return auth === 'key' ? 'key-passphrase' : auth === 'password' ? 'ssh-password' : null;
}

export const splitServices = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

type Built = { ok: true; input: MethodInput<'saveHost'>; newSecret: boolean } | { ok: false; errors: HostErrors };

/**
 * The saveHost input from the draft, or what to fix. Only what the form must know to build the
 * input is checked here (numbers, required fields per auth method); the core validates the rest.
 * `secretRef` must already be a stored reference when a new secret was asked for: the caller
 * stores it first and passes its reference in.
 */
export function toHostInput(draft: HostDraft, id: number | undefined, secretValue: string, projectId: string | null = null): Built {
  const errors: HostErrors = {};
  const port = Number(draft.port.trim());
  if (!/^\d+$/.test(draft.port.trim()) || port < 1 || port > 65_535) errors.port = 'Enter a port from 1 to 65535.';
  if (!draft.name.trim()) errors.name = 'Give the host a name.';
  if (!draft.address.trim()) errors.address = 'Enter a host name or IP address.';
  if (!draft.user.trim()) errors.user = 'Enter the login name.';
  if (draft.auth === 'key' && !draft.keyPath.trim()) errors.keyPath = 'Enter the path of the private key file.';
  if (draft.auth === 'password' && draft.secretRef === NO_SECRET) errors.secretRef = 'Choose the stored password, or store a new one.';
  const newSecret = draft.auth !== 'agent' && draft.secretRef === NEW_SECRET;
  if (newSecret && !draft.newSecretLabel.trim()) errors.newSecretLabel = 'Name the new secret, e.g. “prod-vm login”.';
  if (newSecret && secretValue === '') errors.newSecretValue = draft.auth === 'key' ? 'Enter the key’s passphrase.' : 'Enter the password.';
  if (draft.cloud === 'gcloud') {
    if (!draft.gcloudInstance.trim()) errors.gcloudInstance = 'Enter the instance name.';
    if (!draft.gcloudZone.trim()) errors.gcloudZone = 'Enter the zone.';
  }
  if (draft.cloud === 'aws' && !draft.awsInstanceId.trim()) errors.awsInstanceId = 'Enter the instance id.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const cloud: MethodInput<'saveHost'>['cloud'] =
    draft.cloud === 'gcloud'
      ? { provider: 'gcloud', instance: draft.gcloudInstance.trim(), zone: draft.gcloudZone.trim(), ...(draft.gcloudProject.trim() ? { project: draft.gcloudProject.trim() } : {}) }
      : draft.cloud === 'aws'
        ? { provider: 'aws', instanceId: draft.awsInstanceId.trim(), ...(draft.awsRegion.trim() ? { region: draft.awsRegion.trim() } : {}) }
        : null;
  const usesSecret = draft.auth !== 'agent' && draft.secretRef !== NO_SECRET && draft.secretRef !== NEW_SECRET;
  return {
    ok: true,
    newSecret,
    input: {
      ...(id === undefined ? {} : { id }),
      name: draft.name.trim(),
      projectId,
      address: draft.address.trim(),
      port,
      user: draft.user.trim(),
      auth: draft.auth,
      keyPath: draft.auth === 'key' ? draft.keyPath.trim() : null,
      secretRef: usesSecret ? draft.secretRef : null,
      sudo: draft.sudo,
      services: splitServices(draft.services),
      cloud,
    },
  };
}

const FIELD_OF: Record<string, HostField> = {
  name: 'name',
  address: 'address',
  port: 'port',
  user: 'user',
  auth: 'auth',
  keyPath: 'keyPath',
  secretRef: 'secretRef',
  sudo: 'sudo',
  services: 'services',
  'cloud.instance': 'gcloudInstance',
  'cloud.zone': 'gcloudZone',
  'cloud.project': 'gcloudProject',
  'cloud.instanceId': 'awsInstanceId',
  'cloud.region': 'awsRegion',
  cloud: 'cloud',
  'cloud.provider': 'cloud',
  label: 'newSecretLabel',
  value: 'newSecretValue',
};

/** A refusal goes under the field it names (services.2 → services), else at the top of the form. */
export function placeHostError(err: ApiError): { fields: HostErrors; form: string | null } {
  const path = err.field ?? '';
  const field = FIELD_OF[path] ?? FIELD_OF[path.replace(/\.\d+$/, '')] ?? FIELD_OF[path.split('.')[0] ?? ''];
  return field ? { fields: { [field]: err.message }, form: null } : { fields: {}, form: err.message };
}
