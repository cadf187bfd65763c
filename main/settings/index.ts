import type { EventBus } from '../core/event-bus.ts';
import { settingsHandlers } from './handlers.ts';
import type { SettingsStore } from './settings-store.ts';

export type { SettingsStore } from './settings-store.ts';
export { JsonFileSettingsStore } from './json-file-settings-store.ts';
export { readSettings } from './read-settings.ts';

/** Settings live in whichever store the door chose (electron-store, a JSON file); the core only reads and announces. */
export function createSettings(deps: { store: SettingsStore; events: EventBus }) {
  return { service: deps.store, handlers: settingsHandlers(deps.store, deps.events) };
}
