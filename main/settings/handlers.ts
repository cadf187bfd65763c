import type { Handlers } from '../api/dispatcher.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { SettingsStore } from './settings-store.ts';

/** The settings block of the contract; every change is announced so every window follows. */
export function settingsHandlers(settings: SettingsStore, events: EventBus) {
  return {
    getSettings: () => settings.get(),
    updateSettings: (patch) => {
      // IPC keeps explicit `undefined` values; they mean "not given", never "erase".
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next = settings.update(given);
      events.emit('settingsChanged', next);
      return next;
    },
  } satisfies Partial<Handlers>;
}
