export type RecoveryRoute = { hostId: number | null; runbookId: string | null };

/** "recovery", "recovery/<hostId>", "recovery/<hostId>/<runbookId, URI-encoded>"; anything else is the plain page. */
export function parseRecoveryRoute(path: string): RecoveryRoute {
  const parts = (path.split('?', 1)[0] ?? '').split('/').filter(Boolean);
  if (parts[0] !== 'recovery') return { hostId: null, runbookId: null };
  const hostId = Number(parts[1]);
  if (!Number.isSafeInteger(hostId) || hostId < 1) return { hostId: null, runbookId: null };
  let runbookId: string | null = null;
  try {
    runbookId = parts[2] ? decodeURIComponent(parts[2]) : null;
  } catch {
    runbookId = null;
  }
  return { hostId, runbookId };
}

export const RECOVERY_HREF = '#/recovery';
export const hostHref = (hostId: number): string => `#/recovery/${hostId}`;
export const runbookHref = (hostId: number, runbookId: string): string => `#/recovery/${hostId}/${encodeURIComponent(runbookId)}`;
