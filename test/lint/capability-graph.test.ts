import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleSpecifiers, sourceFiles as sources } from '../helpers/source-imports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = path.join(root, 'main');

const relativeSpecifiers = (source: string) => moduleSpecifiers(source).filter((spec) => spec.startsWith('.'));

/** Every import between two files of main/, as [importer, imported], both relative to main/. */
function edges(): Array<[string, string]> {
  return sources(main).flatMap((file) =>
    relativeSpecifiers(fs.readFileSync(file, 'utf8'))
      .map((spec) => path.resolve(path.dirname(file), spec))
      .filter((target) => target.startsWith(main + path.sep))
      .map((target): [string, string] => [path.relative(main, file), path.relative(main, target)]),
  );
}

const capabilityOf = (file: string) => file.split(path.sep)[0]!;

// ESLint's import-x/no-cycle works file by file and skips type-only imports; this looks at whole
// capabilities, types included, so two folders never depend on each other in any way.
test('capabilities do not import each other in a circle', () => {
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of edges()) {
    const a = capabilityOf(from);
    const b = capabilityOf(to);
    if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
  }
  assert.ok(graph.size >= 10, 'the scan sees the capabilities');
  // A depth-first walk; a capability met again while still on the path closes a cycle.
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) return void cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  assert.deepEqual(cycles, []);
});
