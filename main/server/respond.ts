import type { ServerResponse } from 'node:http';
import type { ContractErrorShape, Envelope } from '../../preload/contract.ts';
import { sendJson } from '../http/index.ts';
import { HTTP_STATUS } from './http-status.ts';

export function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  sendJson(res, envelope.ok ? 200 : HTTP_STATUS[envelope.error.code], envelope);
}

export function sendError(res: ServerResponse, error: ContractErrorShape, extraHeaders: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  sendJson(res, HTTP_STATUS[error.code], { ok: false, error });
}
