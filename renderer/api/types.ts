import type { EventName, EventPayload, PhotonApi } from '../../preload/contract.ts';

/**
 * State of the live-update link. IPC is always `live`; over HTTP the SSE stream may be `connecting`,
 * `retrying` after a drop, or `rejected` when the server refuses the access token (no retry then).
 */
export type ConnectionState = 'connecting' | 'live' | 'retrying' | 'rejected';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** What a transport offers beside the contract's methods. */
export interface TransportMembers {
  readonly transport: 'electron' | 'http';
  subscribe<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  /** The listener is called at once with the current state, then on every change. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/** What views and stores talk to. They never learn which transport is underneath. */
export type PhotonClient = PhotonApi & TransportMembers;

/** Sends one call and returns the raw envelope; transport failures are thrown as ApiError. */
export type SendCall = (method: string, input: unknown) => Promise<unknown>;
