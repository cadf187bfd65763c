import type { ContractErrorShape, ErrorCode } from '../../preload/contract.ts';

/** An error meant for the caller: it carries a code a test can assert and a message a person can act on. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toShape(): ContractErrorShape {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
