import type { Settings } from '../../preload/contract.ts';

/**
 * Non-secret settings. The Electron layer backs this with electron-store, `photon serve` with a JSON
 * file of the same schema; the core sees only this interface. Secrets never go here.
 */
export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
  /** Where the settings live, for error messages and the README. */
  readonly location: string;
  /** Problems found while loading, e.g. an invalid file that was set aside. */
  readonly notices: readonly string[];
}
