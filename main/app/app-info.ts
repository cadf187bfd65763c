import type { AppInfo } from '../../preload/contract.ts';
import type { Handlers } from '../api/dispatcher.ts';
import { APP_VERSION } from '../core/version.ts';

export function appInfoHandlers(info: () => Omit<AppInfo, 'version'>) {
  return { getAppInfo: () => ({ version: APP_VERSION, ...info() }) } satisfies Partial<Handlers>;
}
