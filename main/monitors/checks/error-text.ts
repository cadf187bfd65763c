/**
 * One line a person can act on, from whatever a failed socket, resolver or child process threw.
 * Node 20 connects with "happy eyeballs", whose AggregateError has an empty message and hides the
 * per-address reasons in `errors`; OpenSSL errors carry a multi-line dump whose useful part is
 * `reason`.
 */
export function describeError(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) {
    const parts = [...new Set(err.errors.map((e) => describeError(e)))];
    return parts.join('; ');
  }
  if (err instanceof Error) {
    const reason = (err as { reason?: unknown }).reason;
    const library = (err as { library?: unknown }).library;
    if (typeof reason === 'string' && typeof library === 'string') return `${library}: ${reason}`;
    const firstLine = err.message.split('\n').find((l) => l.trim() !== '');
    if (firstLine) return firstLine.trim();
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? code : err.name;
  }
  return String(err);
}

/** The Node/OS error code (ECONNREFUSED, ENOTFOUND…), also from inside an AggregateError. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  if (err instanceof AggregateError) return errorCode(err.errors[0]);
  return undefined;
}
