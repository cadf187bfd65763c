#!/usr/bin/env node
// The `photon` command: runs the bundled CLI that `npm run build` writes to out/main/cli.mjs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(`photon: ${cli} is missing. Run "npm run build" in the photon-console folder first.\n`);
  process.exit(1);
}
await import(cli);
