/**
 * The credentials vault. Nothing here can carry a secret value out of the core: secrets go in
 * (setSecret, replaceSecret) and only references come back.
 */
import { z } from 'zod';
import { noInput, removedResult, requiredText, typeError } from './fields.ts';

export const SECRET_KIND_NAMES = ['ssh-password', 'key-passphrase', 'api-token', 'webhook-url'] as const;
export const SECRET_REF = /^secret:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const secretRefField = (field: string) =>
  z.string({ error: typeError(field, 'a string') }).regex(SECRET_REF, { error: `${field} must be a secret reference like secret:<uuid>` });

export const VaultStatusSchema = z.object({
  backend: z.string(),
  available: z.boolean(),
  /** Why secrets cannot be stored, in a sentence; null when they can. */
  reason: z.string().nullable(),
  checkedAt: z.number(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const SecretInfoSchema = z.object({
  ref: z.string(),
  kind: z.enum(SECRET_KIND_NAMES),
  label: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Hosts that use it, by name: deleting it would break their logins. */
  usedBy: z.array(z.string()),
});
export type SecretInfo = z.infer<typeof SecretInfoSchema>;

const secretValue = z.string({ error: typeError('value', 'a string') }).max(8192, { error: 'value is longer than 8192 characters' });

export const setSecretInput = z.strictObject({
  kind: z.enum(SECRET_KIND_NAMES, { error: `kind must be one of ${SECRET_KIND_NAMES.join(', ')}` }),
  label: requiredText('label', 100),
  // Length and content rules live in the vault (main/secrets/), which reports them without quoting the value.
  value: secretValue,
});

export const secretMethodShapes = {
  /** Whether secrets can be stored (a real keychain round trip), and where. */
  getVaultStatus: { input: noInput, result: VaultStatusSchema },
  listSecrets: { input: noInput, result: z.array(SecretInfoSchema) },
  /** Stores a value in the OS keychain; only its reference comes back, never the value. */
  setSecret: { input: setSecretInput, result: SecretInfoSchema },
  replaceSecret: { input: z.strictObject({ ref: secretRefField('ref'), value: secretValue }), result: SecretInfoSchema },
  testSecret: {
    input: z.strictObject({ ref: secretRefField('ref') }),
    result: z.object({ ref: z.string(), present: z.boolean(), checkedAt: z.number() }),
  },
  deleteSecret: { input: z.strictObject({ ref: secretRefField('ref') }), result: removedResult },
} as const;

export const secretEventShapes = {
  secretsChanged: z.object({ secrets: z.array(SecretInfoSchema) }),
} as const;
