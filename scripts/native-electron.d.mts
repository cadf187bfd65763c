// Types for the tests that import native-electron.mjs (the script itself stays plain JS for Node).
export declare const SQLITE_BINARY: string;
export declare function electronNativeDir(root: string, electronVersion: string, platform: string, arch: string): string;
export declare function packagingNativeDir(root: string, platform: string, arch: string): string;
export declare function installedElectronVersion(root: string): string;
export interface BuildTools {
  prebuildInstall: string;
  nodeGyp: string | null;
}
export declare function buildTools(root: string): BuildTools;
export declare function runNode(args: string[], cwd: string): Promise<void>;
export declare function ensureElectronSqlite(options: {
  root: string;
  platform?: string;
  arch?: string;
  run?: (args: string[], cwd: string) => Promise<void>;
  tools?: () => BuildTools;
  log?: (message: string) => void;
}): Promise<string>;
