import { ContractError } from '../../api/contract-error.ts';
import { describeZodError } from '../../api/describe-zod-error.ts';
import type { EventBus } from '../../core/event-bus.ts';
import type { Logger } from '../../core/logger.ts';
import { parseSecretRef, type SecretStore } from '../../secrets/index.ts';
import type { AgentsService } from '../agents-service.ts';
import { IDEMPOTENCY_KEY_MAX, PulledEventSchema, REPORT_SCHEMAS, type AgentReport } from '../report.ts';
import { fetchJsonEvents } from './http-pull.ts';
import { toPullSource, type PullSourceRecord, type PullSourceRepository } from './pull-sources.ts';
import { readSqliteEvents } from './sqlite-ssh-pull.ts';
import { errorMessage } from '../../core/error-message.ts';

/** Events dated further ahead than this are refused: a remote clock that far off would corrupt presence. */
const FUTURE_SLACK_MS = 5 * 60_000;
const PROBLEMS_SHOWN = 3;

export interface PullResult {
  imported: number;
  duplicates: number;
  skipped: number;
  error: string | null;
}

interface Deps {
  service: AgentsService;
  sources: PullSourceRepository;
  secrets: SecretStore;
  events: EventBus;
  logger: Logger;
}

/** Runs due pull sources, turns their rows into reports and stores them exactly once each. */
export class PullRunner {
  private running = false;

  constructor(private readonly deps: Deps) {}

  /** One pass of the agents.pull loop. Throws (so the loop shows failing) naming each source that failed. */
  async runDue(now = Date.now()): Promise<void> {
    if (this.running) return;
    this.running = true;
    const failures: string[] = [];
    try {
      for (const source of this.deps.sources.list(null)) {
        const due = source.lastRunAt === null || now - source.lastRunAt >= source.definition.intervalSeconds * 1000;
        if (!due) continue;
        const r = await this.run(source);
        // A source that answered but had some bad rows is not a failed pull; its lastError names the rows.
        if (r.error !== null && r.imported === 0 && r.duplicates === 0) failures.push(`${source.name}: ${r.error}`);
      }
    } finally {
      this.running = false;
    }
    if (failures.length > 0) throw new Error(`${failures.length} pull source${failures.length === 1 ? '' : 's'} failed — ${failures.join('; ')}`);
  }

  async run(source: PullSourceRecord): Promise<PullResult> {
    const started = Date.now();
    let result: PullResult;
    let reached = false;
    try {
      const rows = await this.fetch(source);
      reached = true;
      result = this.importRows(source, rows);
    } catch (err) {
      result = { imported: 0, duplicates: 0, skipped: 0, error: errorMessage(err) };
    }
    this.deps.sources.recordRun(source.id, started, reached, result.error, result.imported);
    this.deps.events.emit('agentPullSourcesChanged', { sources: this.deps.sources.list(null).map(toPullSource) });
    return result;
  }

  private async fetch(source: PullSourceRecord): Promise<unknown[]> {
    const d = source.definition;
    if (d.kind === 'http') {
      const key = source.apiKeyRef === null ? null : await this.deps.secrets.reveal(parseSecretRef(source.apiKeyRef));
      if (source.apiKeyRef !== null && key === null) throw new Error('The API key is no longer in the OS keychain; set it again');
      return fetchJsonEvents(d.url, key);
    }
    return readSqliteEvents(d, null);
  }

  /** Valid rows are stored; bad rows are skipped and named in the source's last error. */
  importRows(source: PullSourceRecord, rows: readonly unknown[]): PullResult {
    const problems: string[] = [];
    let imported = 0;
    let duplicates = 0;
    const now = Date.now();
    rows.forEach((row, i) => {
      const where = `row ${i + 1}`;
      try {
        const { agent: code, at, report } = parseRow(row, where, source.id);
        if (at > now + FUTURE_SLACK_MS) throw new ContractError('INVALID_INPUT', `${where}: at is ${new Date(at).toISOString()}, in the future`, 'at');
        const agent = this.deps.service.roster.findByCode(source.projectId, code);
        if (!agent) throw new ContractError('INVALID_INPUT', `${where}: no agent with code ${JSON.stringify(code)} in this project`, 'agent');
        if (agent.retiredAt !== null) throw new ContractError('INVALID_INPUT', `${where}: agent ${code} is retired`, 'agent');
        const outcome = this.deps.service.report(agent, report, Math.min(at, now), `pull:${source.id}`);
        if (outcome.stored) imported++;
        else duplicates++;
      } catch (err) {
        if (!(err instanceof ContractError)) throw err;
        problems.push(err.message.startsWith(where) ? err.message : `${where}: ${err.message}`);
      }
    });
    const error =
      problems.length === 0
        ? null
        : `${problems.length} of ${rows.length} rows skipped — ${problems.slice(0, PROBLEMS_SHOWN).join('; ')}${problems.length > PROBLEMS_SHOWN ? '; …' : ''}`;
    return { imported, duplicates, skipped: problems.length, error };
  }
}

/**
 * A row is {agent, type, at, ...fields of that type}. Columns that are SQL NULL are treated as
 * absent. Rows without a key get one from their content, so pulling the same row again stores nothing.
 */
function parseRow(row: unknown, where: string, sourceId: number): { agent: string; at: number; report: AgentReport } {
  const head = PulledEventSchema.safeParse(row);
  if (!head.success) throw fieldError(describeZodError(head.error, where, row));
  const { agent, type, at, ...rest } = head.data;
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
  const derived = [type, at, fields.taskId ?? '', fields.outcome ?? ''].join(':');
  const key = `pull:${sourceId}:${typeof fields.key === 'string' ? fields.key : derived}`.slice(0, IDEMPOTENCY_KEY_MAX);
  const parsed = REPORT_SCHEMAS[type].safeParse({ ...fields, key });
  if (!parsed.success) throw fieldError(describeZodError(parsed.error, where, fields));
  return { agent, at, report: { type, ...parsed.data } as AgentReport };
}

function fieldError(shape: { message: string; field?: string }): ContractError {
  return new ContractError('INVALID_INPUT', shape.message, shape.field);
}
