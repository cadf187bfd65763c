import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../preload/contract.ts';
import { CONFIG } from '../core/config.ts';
import { FileReadError, readRegularTextSync } from '../core/read-file-safely.ts';
import { readSettings } from './read-settings.ts';
import type { SettingsStore } from './settings-store.ts';

/** Settings for `photon serve`: one JSON file, written atomically, never silently discarded. */
export class JsonFileSettingsStore implements SettingsStore {
  readonly notices: string[] = [];
  private current: Settings;

  constructor(readonly location: string) {
    this.current = this.load();
  }

  get(): Settings {
    return { ...this.current };
  }

  update(patch: Partial<Settings>): Settings {
    this.current = { ...this.current, ...patch };
    writeAtomically(this.location, JSON.stringify(this.current, null, 2) + '\n');
    return this.get();
  }

  private load(): Settings {
    let raw: unknown;
    let text: string;
    try {
      // At startup, before anything else runs: synchronous, but a FIFO or a device is refused, not waited on.
      text = readRegularTextSync(this.location, { maxBytes: CONFIG.files.settingsBytes });
    } catch (err) {
      if (!(err instanceof FileReadError)) throw err;
      if (err.code === 'NOT_FOUND') return { ...DEFAULT_SETTINGS };
      return this.setAside(err.message);
    }
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return this.setAside(`${this.location}: not valid JSON (${(err as Error).message})`);
    }
    const result = readSettings(raw, this.location);
    return result.ok ? result.settings : this.setAside(result.problem);
  }

  /** Keeps the bad file for the operator to fix and carries on with defaults. */
  private setAside(problem: string): Settings {
    const aside = `${this.location}.invalid-${Date.now()}`;
    fs.renameSync(this.location, aside);
    this.notices.push(`${problem}. The file was kept as ${aside}; defaults are in use.`);
    return { ...DEFAULT_SETTINGS };
  }
}

function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
