/**
 * THE contract between the renderer and the core. Every call that crosses the bridge — Electron IPC
 * or `photon serve` HTTP — is declared once, by the capability it belongs to: its slice in
 * preload/schemas/<capability>.ts names its methods (zod input and result schemas) and its events.
 * This file only joins the slices and derives the names and types everyone else uses.
 *
 * Inputs are strict objects: unknown fields are an error, never silently dropped, so a caller that
 * misspells a field learns it at once instead of seeing its change ignored.
 */
import type { z } from 'zod';
import { assembleSlices } from './assemble-slices.ts';
import type { Envelope } from './envelope.ts';
import { agentEventShapes, agentMethodShapes } from './schemas/agents.ts';
import { alertEventShapes, alertMethodShapes } from './schemas/alerts.ts';
import { appMethodShapes } from './schemas/app.ts';
import { backupEventShapes, backupMethodShapes } from './schemas/backups.ts';
import { hostEventShapes, hostMethodShapes } from './schemas/hosts.ts';
import { loopEventShapes, loopMethodShapes } from './schemas/loops.ts';
import { maintenanceEventShapes, maintenanceMethodShapes } from './schemas/maintenance.ts';
import { monitorEventShapes, monitorMethodShapes } from './schemas/monitors.ts';
import { overviewMethodShapes } from './schemas/overview.ts';
import { projectConfigMethodShapes } from './schemas/project-config.ts';
import { projectEventShapes, projectMethodShapes } from './schemas/projects.ts';
import { recoveryEventShapes, recoveryMethodShapes } from './schemas/recovery.ts';
import { scorecardEventShapes, scorecardMethodShapes } from './schemas/scorecard.ts';
import { secretEventShapes, secretMethodShapes } from './schemas/secrets.ts';
import { settingsEventShapes, settingsMethodShapes } from './schemas/settings.ts';

// The shapes callers have always imported from here; every other slice is imported directly.
export * from './schemas/app.ts';
export * from './schemas/loops.ts';
export * from './schemas/monitors.ts';
export * from './schemas/overview.ts';
export * from './schemas/project-config.ts';
export * from './schemas/projects.ts';
export * from './schemas/settings.ts';
export { LIMITS, SSH_FINGERPRINT } from './schemas/fields.ts';
export { ERROR_CODES, type ContractErrorShape, type Envelope, type ErrorCode } from './envelope.ts';

// ── Methods ──────────────────────────────────────────────────────────────────────────────────────

export const methods = assembleSlices('method', {
  app: appMethodShapes,
  projects: projectMethodShapes,
  monitors: monitorMethodShapes,
  loops: loopMethodShapes,
  overview: overviewMethodShapes,
  'project-config': projectConfigMethodShapes,
  settings: settingsMethodShapes,
  secrets: secretMethodShapes,
  hosts: hostMethodShapes,
  recovery: recoveryMethodShapes,
  agents: agentMethodShapes,
  scorecard: scorecardMethodShapes,
  alerts: alertMethodShapes,
  maintenance: maintenanceMethodShapes,
  backups: backupMethodShapes,
});

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<(typeof methods)[M]['result']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

// ── Events (main → renderer) ─────────────────────────────────────────────────────────────────────

export const events = assembleSlices('event', {
  projects: projectEventShapes,
  monitors: monitorEventShapes,
  loops: loopEventShapes,
  settings: settingsEventShapes,
  hosts: hostEventShapes,
  secrets: secretEventShapes,
  recovery: recoveryEventShapes,
  agents: agentEventShapes,
  scorecard: scorecardEventShapes,
  alerts: alertEventShapes,
  maintenance: maintenanceEventShapes,
  backups: backupEventShapes,
});

export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

// ── What the transports offer ────────────────────────────────────────────────────────────────────

/** What every transport offers the renderer: one function per method plus event subscription. */
export type PhotonApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResult<M>>;
};

/** What the preload script exposes as `window.photon` (envelopes are unwrapped by the renderer). */
export type PhotonBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Envelope<MethodResult<M>>>;
} & {
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** IPC channel names, derived so that preload and main can never disagree. */
export const ipcChannel = (name: MethodName) => `photon:${name}`;
export const IPC_EVENT_CHANNEL = 'photon:event';
