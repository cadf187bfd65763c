import { ApiError } from './api-error.ts';
// The zod-free envelope module: the renderer bundle carries no schemas.
import { isErrorCode } from '../../preload/envelope.ts';

/**
 * The one place where an envelope becomes a value or a thrown ApiError, whichever transport carried
 * it. The input is `unknown` on purpose: over HTTP it is parsed JSON, over IPC whatever the preload
 * handed back, and neither is worth trusting blindly.
 */
export function unwrapEnvelope(raw: unknown, method: string): unknown {
  if (isRecord(raw)) {
    if (raw.ok === true && 'value' in raw) return raw.value;
    const error = raw.ok === false ? raw.error : undefined;
    if (isRecord(error) && isErrorCode(error.code) && typeof error.message === 'string') {
      throw new ApiError(error.code, error.message, typeof error.field === 'string' ? error.field : undefined);
    }
  }
  throw new ApiError('INTERNAL', `${method}: the answer was not a result envelope`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
