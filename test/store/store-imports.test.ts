import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { moduleSpecifiers as specifiers, sourceFiles as sources } from '../helpers/source-imports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const store = path.join(root, 'main', 'store');
const core = path.join(root, 'main', 'core');

const inside = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);

test('the store imports only node built-ins, better-sqlite3, other store files and main/core — no capability module', () => {
  const files = sources(store);
  assert.ok(files.length >= 3);
  const offending: string[] = [];
  for (const file of files) {
    const specs = specifiers(fs.readFileSync(file, 'utf8'));
    for (const spec of specs) {
      const ok = spec.startsWith('.')
        ? inside(path.resolve(path.dirname(file), spec), store) || inside(path.resolve(path.dirname(file), spec), core)
        : spec === 'better-sqlite3' || spec.startsWith('node:') || builtinModules.includes(spec);
      if (!ok) offending.push(`${path.relative(root, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(offending, []);
});

test('the import scan sees the kinds of import a store file could use', () => {
  assert.deepEqual(
    specifiers(`import type X from 'a';\nimport { y } from "../b.ts";\nexport { z } from './c.ts';\nimport './d.ts';\nconst e = await import('../../alerts/e.ts');`),
    ['a', '../b.ts', './c.ts', './d.ts', '../../alerts/e.ts'],
  );
});
