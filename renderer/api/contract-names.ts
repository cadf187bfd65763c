import type { ErrorCode, EventName, MethodName } from '../../preload/contract.ts';

// The contract's name lists as plain values. Importing them from contract.ts would bundle zod and
// every schema into the renderer, which never parses anything; `satisfies` makes the compiler fail
// here the moment a name is added to or removed from the contract.

const METHODS = {
  getAppInfo: true,
  listProjects: true,
  addProject: true,
  updateProject: true,
  removeProject: true,
  listMonitors: true,
  getMonitor: true,
  getMonitorSeries: true,
  saveMonitor: true,
  removeMonitor: true,
  setMonitorPaused: true,
  listIncidents: true,
  listLoops: true,
  getOverview: true,
  importProjectConfig: true,
  getSettings: true,
  updateSettings: true,
  listAlertChannels: true,
  saveAlertChannel: true,
  removeAlertChannel: true,
  testAlertChannel: true,
  listAlerts: true,
  getAlertPolicy: true,
  updateAlertPolicy: true,
  listMaintenanceWindows: true,
  saveMaintenanceWindow: true,
  removeMaintenanceWindow: true,
  getMonitorMaintenance: true,
  getBackupStatus: true,
  updateBackupConfig: true,
  runBackupNow: true,
  restoreBackup: true,
  cancelPendingRestore: true,
  saveRemoteBackupTarget: true,
  removeRemoteBackupTarget: true,
  runRemoteBackupNow: true,
  getBackupEvidence: true,
} as const satisfies Record<MethodName, true>;

const EVENTS = {
  projectsChanged: true,
  monitorsUpdated: true,
  monitorRemoved: true,
  incidentsChanged: true,
  loopsChanged: true,
  settingsChanged: true,
  alertsChanged: true,
  alertChannelsChanged: true,
  desktopNotification: true,
  maintenanceChanged: true,
  backupsChanged: true,
  backupProgress: true,
} as const satisfies Record<EventName, true>;

const ERROR_CODES = {
  INVALID_INPUT: true,
  UNKNOWN_METHOD: true,
  NOT_FOUND: true,
  CONFLICT: true,
  UNAUTHORIZED: true,
  FORBIDDEN: true,
  BAD_REQUEST: true,
  UNAVAILABLE: true,
  INTERNAL: true,
} as const satisfies Record<ErrorCode, true>;

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

export const isEventName = (name: string): name is EventName => Object.hasOwn(EVENTS, name);

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
