import { randomBytes, timingSafeEqual } from 'node:crypto';

export const newAccessToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison of an `Authorization: Bearer …` header against the session token. */
export function hasValidBearer(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
