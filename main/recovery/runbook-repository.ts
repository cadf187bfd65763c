import type Database from 'better-sqlite3';
import { runbookInput, type RunbookDefinition } from '../../preload/schemas/recovery.ts';
import { patternProblem } from '../../preload/linear-pattern.ts';
import { ContractError } from '../api/contract-error.ts';
import { PLACEHOLDER, type Runbook } from './runbook.ts';

interface Row {
  id: number;
  host_id: number | null;
  definition: string;
  source: string;
  last_scheduled_at: number | null;
}

export interface StoredRunbook {
  id: number;
  definition: RunbookDefinition;
  source: string;
  lastScheduledAt: number | null;
}

/** User-defined runbooks, from the UI or photon.yml. The definition is JSON validated both ways. */
export class RunbookRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  all(): StoredRunbook[] {
    return (this.db.prepare('SELECT * FROM runbooks ORDER BY id').all() as Row[]).flatMap(fromRow);
  }

  get(id: number): StoredRunbook | null {
    const row = this.db.prepare('SELECT * FROM runbooks WHERE id = ?').get(id) as Row | undefined;
    return row ? (fromRow(row)[0] ?? null) : null;
  }

  save(def: RunbookDefinition, source: string): number {
    const { id, ...rest } = def;
    const at = this.now();
    if (id === undefined) {
      return Number(
        this.db
          .prepare('INSERT INTO runbooks (host_id, name, definition, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(def.hostId, def.name, JSON.stringify(rest), source, at, at).lastInsertRowid,
      );
    }
    this.db.prepare('UPDATE runbooks SET host_id = ?, name = ?, definition = ?, updated_at = ? WHERE id = ?').run(def.hostId, def.name, JSON.stringify(rest), at, id);
    return id;
  }

  markScheduled(id: number, at: number): void {
    this.db.prepare('UPDATE runbooks SET last_scheduled_at = ? WHERE id = ?').run(at, id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM runbooks WHERE id = ?').run(id).changes > 0;
  }
}

/**
 * What the schema cannot say: placeholders name declared parameters, never the program itself,
 * patterns compile, defaults satisfy their own rules, and only read-only runbooks get a schedule.
 */
export function checkRunbookDefinition(def: RunbookDefinition): void {
  const names = new Set<string>();
  def.params.forEach((p, i) => {
    if (names.has(p.name)) throw new ContractError('INVALID_INPUT', `parameter ${p.name} is declared twice`, `params.${i}.name`);
    names.add(p.name);
    const problem = p.type === 'string' && p.pattern !== undefined ? patternProblem(p.pattern, { whole: true }) : null;
    if (problem) throw new ContractError('INVALID_INPUT', `params.pattern of ${p.name} ${problem}`, `params.${i}.pattern`);
    if (p.type === 'enum' && p.default !== undefined && !p.values.includes(p.default)) {
      throw new ContractError('INVALID_INPUT', `the default of ${p.name} must be one of its values`, `params.${i}.default`);
    }
    if (p.type === 'number' && p.min !== undefined && p.max !== undefined && p.min > p.max) {
      throw new ContractError('INVALID_INPUT', `params.min of ${p.name} is above its max`, `params.${i}.min`);
    }
  });
  def.steps.forEach((step, i) => {
    const argv = 'remote' in step ? step.remote : 'local' in step ? step.local : null;
    if (!argv) return;
    const field = `steps.${i}.${'remote' in step ? 'remote' : 'local'}`;
    if (hasPlaceholder(argv[0]!)) {
      throw new ContractError('INVALID_INPUT', 'the program (first element) cannot come from a parameter; only its arguments can', `${field}.0`);
    }
    if (argv[0]!.trim() === '') throw new ContractError('INVALID_INPUT', 'the program (first element) must not be empty', `${field}.0`);
    argv.forEach((arg, j) => {
      for (const m of arg.matchAll(PLACEHOLDER)) {
        if (!names.has(m[1]!)) throw new ContractError('INVALID_INPUT', `{{${m[1]}}} names no declared parameter`, `${field}.${j}`);
      }
    });
    const code = placeholderInCode(argv);
    if (code !== -1) {
      throw new ContractError(
        'INVALID_INPUT',
        `${argv[0]} would run this argument as code, so a parameter in it could change what runs; pass the value as its own argument instead (e.g. sh -c 'echo "$1"' sh {{value}})`,
        `${field}.${code}`,
      );
    }
  });
  if (def.schedule !== null && !def.readOnly) {
    throw new ContractError('INVALID_INPUT', 'only read-only runbooks may run on a schedule: nobody is there to confirm a change', 'schedule');
  }
  if (def.schedule !== null && def.hostId === null) throw new ContractError('INVALID_INPUT', 'a scheduled runbook must belong to one host', 'schedule');
  if (def.schedule !== null) {
    for (const p of def.params) {
      if (p.default === undefined) throw new ContractError('INVALID_INPUT', `a scheduled runbook needs a default for parameter ${p.name}`, 'schedule');
    }
  }
}

/**
 * Startup notices for stored runbooks whose parameter patterns this build refuses (saved before
 * patterns ran in linear time). They stay stored and listed; preview and run answer with the same
 * reason until the pattern is edited.
 */
export function refusedPatternNotices(stored: readonly StoredRunbook[]): string[] {
  return stored.flatMap((s) =>
    s.definition.params.flatMap((p) => {
      const problem = p.type === 'string' && p.pattern !== undefined ? patternProblem(p.pattern, { whole: true }) : null;
      return problem ? [`Runbook ${s.id} (${s.definition.name}): the pattern of parameter ${p.name} ${problem}. It cannot be previewed or run until the pattern is edited.`] : [];
    }),
  );
}

/** A row this build cannot read is skipped, not fatal: the rest of the runbooks still work. */
function fromRow(r: Row): StoredRunbook[] {
  const parsed = runbookInput.safeParse(parseJson(r.definition));
  return parsed.success ? [{ id: r.id, definition: { ...parsed.data, hostId: r.host_id }, source: r.source, lastScheduledAt: r.last_scheduled_at }] : [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Programs that run their `-c`/`-e` argument as code: a value spliced into it would be code too. */
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'fish', 'csh', 'tcsh', 'busybox', 'python', 'python3', 'perl', 'ruby', 'node', 'php', 'lua', 'su']);
const CODE_FLAG = /^-[a-zA-Z]*[ce]$/;
const hasPlaceholder = (arg: string) => new RegExp(PLACEHOLDER.source).test(arg);

/**
 * The index of the argument an interpreter will run as code (the one after its -c/-e, also behind
 * sudo or env) when it holds a placeholder; -1 when there is none. Later arguments are plain data.
 */
function placeholderInCode(argv: readonly string[]): number {
  const interpreter = argv.findIndex((a) => INTERPRETERS.has(a.split('/').at(-1)!));
  if (interpreter === -1) return -1;
  const flag = argv.findIndex((a, i) => i > interpreter && CODE_FLAG.test(a));
  return flag !== -1 && flag + 1 < argv.length && hasPlaceholder(argv[flag + 1]!) ? flag + 1 : -1;
}

export function storedToRunbook(s: StoredRunbook): Runbook {
  const d = s.definition;
  return {
    id: String(s.id),
    name: d.name,
    description: d.description,
    builtin: false,
    hostId: d.hostId,
    danger: d.readOnly ? 'read-only' : 'changes',
    readOnly: d.readOnly,
    params: d.params,
    steps: d.steps,
    timeoutSeconds: d.timeoutSeconds,
    schedule: d.schedule,
    available: true,
    unavailableReason: null,
    source: s.source,
  };
}
