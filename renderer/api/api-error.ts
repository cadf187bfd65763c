import type { ContractErrorShape, ErrorCode } from '../../preload/contract.ts';

/** A failed call as the core (or the transport) described it: views branch on `code` and put the message next to `field`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  static fromShape(shape: ContractErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.field);
  }
}

/** Views catch `unknown`; this keeps them from having to guess what they caught. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('INTERNAL', err instanceof Error ? err.message : String(err));
}
