import fs from 'node:fs';
import path from 'node:path';
import Store from 'electron-store';
import { DEFAULT_SETTINGS, type Settings } from '../../preload/contract.ts';
import { readSettings, type SettingsStore } from '../settings/index.ts';

// Same file name and schema as `photon serve` uses in its data dir, so both doors read one format.
const NAME = 'settings';

/**
 * The window's settings, kept by electron-store (atomic writes) in the app's userData folder and
 * validated by the same readSettings as `photon serve`. A file that is not JSON or holds a wrong
 * value is kept aside for the operator, reported as a notice, and defaults are used: a bad settings
 * file must never stop the app from starting.
 */
export class ElectronSettingsStore implements SettingsStore {
  readonly location: string;
  readonly notices: string[] = [];
  private readonly store: Store<Settings>;
  private current: Settings;

  constructor(dir: string) {
    this.location = path.join(dir, `${NAME}.json`);
    this.store = this.open(dir);
    this.current = this.load();
  }

  get(): Settings {
    return { ...this.current };
  }

  update(patch: Partial<Settings>): Settings {
    // An explicit `undefined` in a patch means "not given", never "erase the setting".
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<Settings>;
    const next = { ...this.current, ...given };
    this.store.store = next;
    this.current = next;
    return this.get();
  }

  private open(dir: string): Store<Settings> {
    const options = { cwd: dir, name: NAME, accessPropertiesByDotNotation: false, configFileMode: 0o600 };
    try {
      return new Store<Settings>(options);
    } catch (err) {
      // electron-store throws while reading a file that is not JSON; anything else is a real fault.
      if (!(err instanceof SyntaxError)) throw err;
      this.setAside(`${this.location}: not valid JSON (${err.message})`);
      return new Store<Settings>(options);
    }
  }

  private load(): Settings {
    const result = readSettings({ ...this.store.store }, this.location);
    if (result.ok) return result.settings;
    this.setAside(result.problem);
    return { ...DEFAULT_SETTINGS };
  }

  private setAside(problem: string): void {
    const aside = `${this.location}.invalid-${Date.now()}`;
    fs.renameSync(this.location, aside);
    this.notices.push(`${problem}. The file was kept as ${aside}; defaults are in use.`);
  }
}
