// Types for the tests that import native-node.mjs (the script itself stays plain JS for Node).
export type ProbeResult = { ok: true } | { ok: false; message: string };
export declare function probeNodeSqlite(root: string): ProbeResult;
export declare function isAbiMismatch(message: string): boolean;
export declare function rebuildForNode(root: string): boolean;
export declare function ensureNodeSqlite(options: {
  root: string;
  probe?: (root: string) => ProbeResult;
  rebuild?: (root: string) => boolean;
  log?: (message: string) => void;
}): number;
