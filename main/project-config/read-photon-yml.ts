import { isScalar, type Document, type LineCounter } from 'yaml';
import { z } from 'zod';
import {
  DeclaredEnvironmentSchema,
  MonitorDefinitionSchema,
  type ConfigProblem,
  type DeclaredEnvironment,
} from '../../preload/contract.ts';
import { runbookInput } from '../../preload/schemas/recovery.ts';
import { CHECK_KINDS, ConditionSyntaxError, parseCondition, parseValueExpression, type FileMonitor } from '../monitors/index.ts';
import type { FileRunbook } from '../recovery/index.ts';
import { parseYamlBounded } from './parse-yaml-bounded.ts';

export interface PhotonConfig {
  environment: DeclaredEnvironment | null;
  monitors: FileMonitor[];
  runbooks: FileRunbook[];
  problems: ConfigProblem[];
}

const RunbookEntrySchema = runbookInput.omit({ id: true, hostId: true }).extend({
  host: z.string({ error: (i) => (i.input === undefined ? 'host is required: the name of a host profile' : 'host must be a host profile name') }),
  timeout: z.union([z.string(), z.number()]).optional(),
});


const EntrySchema = z.looseObject({
  name: z.string({ error: (i) => (i.input === undefined ? 'name is required' : 'name must be a string') }),
  kind: z.string({ error: (i) => (i.input === undefined ? `kind is required (${CHECK_KINDS.join(', ')})` : 'kind must be a string') }),
  interval: z.union([z.string(), z.number()]).optional(),
  timeout: z.union([z.string(), z.number()]).optional(),
  dependsOn: z.string({ error: 'dependsOn must be the name of another monitor' }).optional(),
});

const FileSchema = z.strictObject({
  environment: z.unknown().optional(),
  monitors: z.array(z.unknown(), { error: 'monitors must be a list' }).optional(),
  runbooks: z.array(z.unknown(), { error: 'runbooks must be a list' }).optional(),
});

/**
 * Reads a project's photon.yml. Every problem is reported with file, line, column and reason, and
 * the caller applies nothing unless the list is empty: a half-imported config is worse than none.
 */
export function readPhotonYml(text: string, file: string): PhotonConfig {
  const yaml = parseYamlBounded(text, file);
  if (!yaml.ok) return { environment: null, monitors: [], runbooks: [], problems: yaml.problems };
  const { doc, lines } = yaml;
  const problems: ConfigProblem[] = [];
  const at = (path: (string | number)[], message: string, extraColumn = 0) => {
    const { line, col } = position(doc, lines, path);
    problems.push({ file, line, column: col + extraColumn, message });
  };

  const root = FileSchema.safeParse(yaml.value ?? {});
  if (!root.success) {
    for (const i of root.error.issues) at(issuePath(i), i.code === 'unrecognized_keys' ? `unknown key "${i.keys[0]}" (expected environment, monitors, runbooks)` : i.message);
    return { environment: null, monitors: [], runbooks: [], problems };
  }

  let environment: DeclaredEnvironment | null = null;
  if (root.data.environment !== undefined) {
    const env = DeclaredEnvironmentSchema.safeParse(root.data.environment);
    if (env.success) environment = env.data;
    else for (const i of env.error.issues) at(['environment', ...issuePath(i)], describe(i));
  }

  const monitors: FileMonitor[] = [];
  const seen = new Set<string>();
  (root.data.monitors ?? []).forEach((raw, index) => {
    const base = ['monitors', index];
    const entry = EntrySchema.safeParse(raw);
    if (!entry.success) {
      for (const i of entry.error.issues) at([...base, ...issuePath(i)], describe(i));
      return;
    }
    const { name, kind, interval, timeout, dependsOn, conditions, failureThreshold, successThreshold, role, metric, ...targetFields } = entry.data;
    if (seen.has(name.toLowerCase())) return at([...base, 'name'], `a monitor named "${name}" appears twice`);
    seen.add(name.toLowerCase());
    const intervalSeconds = interval === undefined ? undefined : toSeconds(interval);
    const timeoutSeconds = timeout === undefined ? undefined : toSeconds(timeout);
    if (intervalSeconds === null) return at([...base, 'interval'], `interval must be a duration like 30s, 5m or 1h (got ${JSON.stringify(interval)})`);
    if (timeoutSeconds === null) return at([...base, 'timeout'], `timeout must be a duration like 5s (got ${JSON.stringify(timeout)})`);
    const candidate = {
      name,
      target: { kind, ...targetFields },
      ...(conditions !== undefined && { conditions }),
      ...(intervalSeconds !== undefined && { intervalSeconds }),
      ...(timeoutSeconds !== undefined && { timeoutSeconds }),
      ...(failureThreshold !== undefined && { failureThreshold }),
      ...(successThreshold !== undefined && { successThreshold }),
      ...(role !== undefined && { role }),
      ...(metric !== undefined && { metric }),
    };
    const parsed = MonitorDefinitionSchema.omit({ parentId: true, projectId: true }).safeParse(candidate);
    if (!parsed.success) {
      for (const i of parsed.error.issues) at([...base, ...toFilePath(issuePath(i))], describe(i));
      return;
    }
    const before = problems.length;
    parsed.data.conditions.forEach((c, ci) => {
      try {
        parseCondition(c);
      } catch (err) {
        if (!(err instanceof ConditionSyntaxError)) throw err;
        const quoted = quoteOffset(doc, [...base, 'conditions', ci]);
        at([...base, 'conditions', ci], `condition ${JSON.stringify(c)}: ${err.reason}`, err.column - 1 + quoted);
      }
    });
    if (parsed.data.metric) {
      try {
        parseValueExpression(parsed.data.metric.source);
      } catch (err) {
        if (!(err instanceof ConditionSyntaxError)) throw err;
        at([...base, 'metric', 'source'], `metric source: ${err.reason}`);
      }
    }
    if (problems.length > before) return;
    monitors.push({ definition: parsed.data, line: position(doc, lines, base).line, dependsOn: dependsOn ?? null });
  });

  const byName = new Map(monitors.map((m) => [m.definition.name.toLowerCase(), m]));
  const indexOf = (m: FileMonitor) => (root.data.monitors ?? []).findIndex((r) => (r as { name?: unknown })?.name === m.definition.name);
  monitors.forEach((m) => {
    if (m.dependsOn === null) return;
    if (!byName.has(m.dependsOn.toLowerCase())) {
      return at(['monitors', indexOf(m), 'dependsOn'], `dependsOn names "${m.dependsOn}", which is not a monitor in this file`);
    }
    // A cycle would keep every monitor in it "blocked by parent" forever: an outage nobody is told about.
    const chain = [m.definition.name];
    for (let next = byName.get(m.dependsOn.toLowerCase()); next; next = next.dependsOn ? byName.get(next.dependsOn.toLowerCase()) : undefined) {
      chain.push(next.definition.name);
      if (next === m) return at(['monitors', indexOf(m), 'dependsOn'], `dependsOn forms a cycle: ${chain.join(' → ')}`);
      if (chain.length > monitors.length + 1) break;
    }
  });
  const runbooks = readRunbooks(root.data.runbooks ?? [], at, (path) => position(doc, lines, path).line);
  return problems.length > 0 ? { environment, monitors: [], runbooks: [], problems } : { environment, monitors, runbooks, problems };
}

function readRunbooks(entries: unknown[], at: (path: (string | number)[], message: string) => void, lineOf: (path: (string | number)[]) => number): FileRunbook[] {
  const out: FileRunbook[] = [];
  const seen = new Set<string>();
  entries.forEach((raw, index) => {
    const base = ['runbooks', index];
    const { timeout, ...rest } = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const timeoutSeconds = timeout === undefined ? undefined : toSeconds(timeout as string | number);
    if (timeoutSeconds === null) return at([...base, 'timeout'], `timeout must be a duration like 5m (got ${JSON.stringify(timeout)})`);
    const parsed = RunbookEntrySchema.safeParse(typeof raw === 'object' && raw !== null ? { ...rest, ...(timeoutSeconds !== undefined && { timeoutSeconds }) } : raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) at([...base, ...issuePath(i)], describe(i));
      return;
    }
    const { host, timeout: _t, ...definition } = parsed.data;
    const key = `${host.toLowerCase()}/${definition.name.toLowerCase()}`;
    if (seen.has(key)) return at([...base, 'name'], `a runbook named "${definition.name}" for host ${host} appears twice`);
    seen.add(key);
    out.push({ host, definition, line: lineOf(base) });
  });
  return out;
}

/** "30s", "5m", "1h", "1d" or a plain number of seconds. */
export function toSeconds(v: string | number): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? v : null;
  const m = /^(\d+)(s|m|h|d)?$/.exec(v.trim());
  if (!m) return null;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's']!;
}

/** Definition field paths → where they are written in the file (target fields sit on the entry itself). */
function toFilePath(path: (string | number)[]): (string | number)[] {
  if (path[0] === 'target') return path.length > 1 ? path.slice(1) : ['kind'];
  const renamed: Record<string, string> = { intervalSeconds: 'interval', timeoutSeconds: 'timeout' };
  return typeof path[0] === 'string' && renamed[path[0]] ? [renamed[path[0]]!, ...path.slice(1)] : path;
}

function issuePath(i: z.core.$ZodIssue): (string | number)[] {
  const p = i.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
  return i.code === 'unrecognized_keys' && i.keys[0] ? [...p, i.keys[0]] : p;
}

function describe(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') return `unknown key "${i.keys[0]}"`;
  // In the file, target fields sit on the entry itself.
  return i.message.replace(/^target\.kind /, 'kind ');
}

/** The deepest node that exists along path, so a missing key points at its parent entry. */
function position(doc: Document, lines: LineCounter, path: (string | number)[]): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    const key = n > 0 && n === path.length ? keyNode(doc, path.slice(0, n)) : undefined;
    const range = key?.range ?? node?.range;
    if (range) return lines.linePos(range[0]);
  }
  return { line: 1, col: 1 };
}

/** For a mapping key path, the key's own node: "unknown key" errors should point at the key. */
function keyNode(doc: Document, path: (string | number)[]): { range?: [number, number, number] } | undefined {
  const parent = doc.getIn(path.slice(0, -1), true) as { items?: Array<{ key: { value?: unknown; range?: [number, number, number] } }> } | undefined;
  const last = path[path.length - 1];
  return parent?.items?.find((p) => p.key?.value === last)?.key;
}

function quoteOffset(doc: Document, path: (string | number)[]): number {
  const node = doc.getIn(path, true);
  return isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
}
