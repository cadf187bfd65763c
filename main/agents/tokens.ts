import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'pht_';

/** 256 random bits, URL-safe so it fits in a path segment without escaping. */
export function newPushToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What the database keeps: SHA-256 of the token, hex. A plain hash is enough (no salt, no KDF)
 * because the token is 256 random bits, not a password a person chose: there is nothing to guess.
 */
export function hashPushToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any lookup, so garbage never reaches SQLite. */
export function looksLikePushToken(value: string): boolean {
  return /^pht_[A-Za-z0-9_-]{43}$/.test(value);
}
