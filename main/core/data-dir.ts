import os from 'node:os';
import path from 'node:path';

/**
 * Where `photon serve` and the CLI keep data when no --data-dir is given. The Electron app uses its
 * own userData folder instead. Follows each platform's convention so backups tools find it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, 'photon-console');
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'photon-console');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'photon-console');
  return path.join(home, '.local', 'share', 'photon-console');
}
