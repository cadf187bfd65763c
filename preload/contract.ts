/**
 * THE contract between the renderer and the core. Every call that crosses the bridge — Electron IPC
 * or `photon serve` HTTP — is declared here once: its name, the zod schema its input must satisfy,
 * the schema of its result, and the events the renderer may subscribe to.
 *
 * Inputs are strict objects: unknown fields are an error, never silently dropped, so a caller that
 * misspells a field learns it at once instead of seeing its change ignored.
 */
import { z } from 'zod';

export const LIMITS = {
  name: 120,
  path: 4096,
  notes: 10_000,
  id: 64,
} as const;

const typeError = (field: string, type: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : `${field} must be ${type}`;

const text = (field: string, max: number) =>
  z
    .string({ error: typeError(field, 'a string') })
    .max(max, { error: `${field} is longer than ${max} characters` });

const requiredText = (field: string, max: number) =>
  text(field, max)
    .trim()
    .min(1, { error: `${field} must not be empty` });

const id = z
  .string({ error: typeError('id', 'a string') })
  .min(1, { error: 'id must not be empty' })
  .max(LIMITS.id, { error: `id is longer than ${LIMITS.id} characters` });

const noInput = z.strictObject({});

// ── Domain shapes ────────────────────────────────────────────────────────────────────────────────

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  repoPath: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const THEMES = ['system', 'light', 'dark'] as const;

export const SettingsSchema = z.strictObject({
  theme: z.enum(THEMES, { error: `theme must be one of ${THEMES.join(', ')}` }),
  /** Age after which a measurement is shown as stale. */
  staleAfterSeconds: z
    .number({ error: typeError('staleAfterSeconds', 'a number') })
    .int({ error: 'staleAfterSeconds must be a whole number' })
    .min(10, { error: 'staleAfterSeconds must be at least 10' })
    .max(86_400, { error: 'staleAfterSeconds must be at most 86400' }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { theme: 'system', staleAfterSeconds: 300 };

export const AppInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'http']),
  dataDir: z.string(),
  schemaVersion: z.number(),
  /** Things the operator must know about startup, e.g. a corrupt database moved aside. */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

// ── Methods ──────────────────────────────────────────────────────────────────────────────────────

const method = <I extends z.ZodType, R extends z.ZodType>(input: I, result: R) => ({ input, result });

export const methods = {
  getAppInfo: method(noInput, AppInfoSchema),

  listProjects: method(noInput, z.array(ProjectSchema)),
  addProject: method(
    z.strictObject({
      name: requiredText('name', LIMITS.name),
      repoPath: text('repoPath', LIMITS.path).trim().optional(),
      notes: text('notes', LIMITS.notes).optional(),
    }),
    ProjectSchema,
  ),
  updateProject: method(
    z.strictObject({
      id,
      name: requiredText('name', LIMITS.name).optional(),
      repoPath: text('repoPath', LIMITS.path).trim().nullable().optional(),
      notes: text('notes', LIMITS.notes).optional(),
    }),
    ProjectSchema,
  ),
  removeProject: method(z.strictObject({ id }), z.strictObject({ removed: z.literal(true) })),

  getSettings: method(noInput, SettingsSchema),
  updateSettings: method(SettingsSchema.partial(), SettingsSchema),
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<(typeof methods)[M]['result']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

// ── Events (main → renderer) ─────────────────────────────────────────────────────────────────────

export const events = {
  projectsChanged: z.object({ projects: z.array(ProjectSchema) }),
  settingsChanged: SettingsSchema,
} as const;

export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

// ── Envelope ─────────────────────────────────────────────────────────────────────────────────────

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractErrorShape {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  field?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };

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
