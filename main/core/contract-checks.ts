import type { z } from 'zod';

/**
 * PHOTON_CONTRACT_CHECKS=1 (scripts/run-tests.mjs sets it for every test) makes the dispatcher check
 * each handler's result and the event bus each payload against the contract, so a shape the
 * contract does not declare fails a test instead of reaching a renderer that trusts the types.
 * Unset in production: nothing is checked and nothing costs.
 */
export function contractChecksEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PHOTON_CONTRACT_CHECKS === '1';
}

/**
 * Why `value` is not what `schema` declares, as "path: problem", or null when it is. Stricter than
 * parsing: result schemas are plain z.object()s, which would quietly drop a field they do not name,
 * so every field the parse dropped is reported as undeclared too.
 */
export function shapeProblem(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return 'does not match';
    // A strict object's refusal reads like any other undeclared field.
    if (issue.code === 'unrecognized_keys') return undeclaredAt([...issue.path, issue.keys[0] ?? '']);
    return `${pathText(issue.path)}: ${issue.message}`;
  }
  const undeclared = droppedField(value, parsed.data, []);
  return undeclared === null ? null : undeclaredAt(undeclared);
}

const undeclaredAt = (path: readonly PropertyKey[]) => `${pathText(path)}: a field the contract does not declare`;

/** The path of the first field of `original` that the parse left out of `parsed`. */
function droppedField(original: unknown, parsed: unknown, path: PropertyKey[]): PropertyKey[] | null {
  if (Array.isArray(original)) {
    if (!Array.isArray(parsed)) return null;
    for (const [i, item] of original.entries()) {
      const found = droppedField(item, parsed[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (!isPlainObject(original) || !isPlainObject(parsed)) return null;
  for (const [key, item] of Object.entries(original)) {
    // An undefined field carries nothing: JSON drops it, and so does the renderer's reading of it.
    if (item === undefined) continue;
    if (!Object.hasOwn(parsed, key)) return [...path, key];
    const found = droppedField(item, parsed[key], [...path, key]);
    if (found) return found;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole value)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
