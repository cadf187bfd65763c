/**
 * Field builders every contract schema shares, so that a missing, mistyped or oversized field reads
 * the same way whichever method it was sent to ("name is required", "port must be a number").
 */
import { z } from 'zod';

export const typeError = (field: string, type: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : `${field} must be ${type}`;

export const text = (field: string, max: number) =>
  z
    .string({ error: typeError(field, 'a string') })
    .max(max, { error: `${field} is longer than ${max} characters` });

export const requiredText = (field: string, max: number) =>
  text(field, max)
    .trim()
    .min(1, { error: `${field} must not be empty` });

export const whole = (field: string, min: number, max: number) =>
  z
    .number({ error: typeError(field, 'a number') })
    .int({ error: `${field} must be a whole number` })
    .min(min, { error: `${field} must be at least ${min}` })
    .max(max, { error: `${field} must be at most ${max}` });

export const flag = (field: string) => z.boolean({ error: typeError(field, 'true or false') });

export const hostName = (field = 'host') =>
  requiredText(field, 253).regex(/^[^\s/@]+$/, { error: `${field} must be a host name or IP address without spaces, "/" or "@"` });

export const portNumber = (fallback?: number) => {
  const p = z
    .number({ error: typeError('port', 'a number') })
    .int({ error: 'port must be a whole number' })
    .min(1, { error: 'port must be from 1 to 65535' })
    .max(65535, { error: 'port must be from 1 to 65535' });
  return fallback === undefined ? p : p.default(fallback);
};

/** OpenSSH's fingerprint format, e.g. SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8 */
export const SSH_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** systemd unit names as `systemctl` accepts them; also what keeps them safe on a command line. */
export const unitName = (field: string) =>
  // Never a leading "-": systemctl would read the name as an option.
  requiredText(field, 200).regex(/^[\w@][\w@.:-]*$/, { error: `${field}: unit names may hold letters, digits and @ . : _ -, and start with a letter, digit, _ or @` });

export const sshFingerprint = (field = 'hostKey') =>
  z
    .string({ error: typeError(field, 'a string') })
    .regex(SSH_FINGERPRINT, { error: `${field} must be an OpenSSH SHA256 fingerprint like SHA256:<43 base64 characters>` });

/** Where and as whom to log in over SSH, for every target that connects to a host by itself. */
export const sshLoginFields = () => ({
  host: hostName(),
  port: portNumber(22),
  user: requiredText('user', 64),
  privateKeyPath: requiredText('privateKeyPath', 4096).optional(),
  /** Use the ssh-agent at $SSH_AUTH_SOCK. */
  useAgent: flag('useAgent').default(false),
});

/** Length bounds shared by every capability's text fields. */
export const LIMITS = {
  name: 120,
  path: 4096,
  notes: 10_000,
  id: 64,
} as const;

/** A text id (projects); `field` names it in messages, e.g. "projectId must not be empty". */
export const textId = (field = 'id') =>
  z
    .string({ error: typeError(field, 'a string') })
    .min(1, { error: `${field} must not be empty` })
    .max(LIMITS.id, { error: `${field} is longer than ${LIMITS.id} characters` });

/** A numeric row id (monitors, hosts, runs, channels…). */
export const recordId = (field = 'id') => whole(field, 1, Number.MAX_SAFE_INTEGER);

/** The input of a method that takes none: still an object, and still strict. */
export const noInput = z.strictObject({});

/** The result of every remove* method. */
export const removedResult = z.strictObject({ removed: z.literal(true) });
