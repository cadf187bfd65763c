// Loaded with `node --import tsx --import ./test/helpers/electron-stub/register.mjs`: from here on,
// every `import ... from 'electron'` (the glue, the preload, electron-store) gets the recording stub,
// because the real package only exports the path of a binary that cannot run on CI machines.
import { register } from 'node:module';

register('./loader.mjs', import.meta.url);
