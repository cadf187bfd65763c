import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../main/app/create-core.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { JsonFileSettingsStore } from '../../main/settings/json-file-settings-store.ts';
import { makeTempDir } from './temp-dir.ts';

/** A real core on a temporary data directory, as `photon serve` would build it. */
export function startTestCore(dataDir?: string, extra: Partial<CoreOptions> = {}): Core & { dataDir: string; dispose: () => Promise<void> } {
  const temp = dataDir ? null : makeTempDir();
  const dir = dataDir ?? temp!.dir;
  const core = createCore({
    dataDir: dir,
    settings: new JsonFileSettingsStore(path.join(dir, 'settings.json')),
    transport: 'http',
    logger: silentLogger,
    ...extra,
  });
  return {
    ...core,
    dispose: async () => {
      await core.close();
      temp?.cleanup();
    },
  };
}
