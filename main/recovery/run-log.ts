import type Database from 'better-sqlite3';
import type { RunDetail, RunPlan, RunSummary } from '../../preload/schemas/recovery.ts';

interface Row {
  id: number;
  host_id: number | null;
  host_name: string;
  runbook_id: string;
  runbook_name: string;
  trigger: RunSummary['trigger'];
  params: string;
  commands: string;
  status: RunSummary['status'];
  started_at: number;
  finished_at: number | null;
  exit_code: number | null;
  output: string;
  output_bytes: number;
  output_sha256: string | null;
  recovered: number | null;
  verification: string | null;
  error: string | null;
}

export interface RunStart {
  hostId: number;
  host: string;
  runbookId: string;
  runbook: string;
  trigger: RunSummary['trigger'];
  params: RunPlan['params'];
  commands: RunPlan['commands'];
  startedAt: number;
}

export interface RunEnd {
  status: Exclude<RunSummary['status'], 'running'>;
  finishedAt: number;
  exitCode: number | null;
  output: string;
  outputBytes: number;
  outputSha256: string;
  recovered: boolean | null;
  verification: string | null;
  error: string | null;
}

export type RunFilter = Partial<Pick<RunSummary, 'hostId' | 'runbookId' | 'status' | 'trigger'>> & { limit: number };

/**
 * The audit log: a record is written before the first command runs and completed when the run
 * ends, so even a crash mid-run leaves a trace (closed as failed at the next start).
 */
export class RunLog {
  constructor(private readonly db: Database.Database) {}

  /** Runs a previous process left open: it stopped (crash, kill, power) before it could finish them. */
  closeAbandoned(now: number): number {
    return this.db
      .prepare(
        `UPDATE runbook_runs SET status = 'failed', finished_at = ?, error = 'Photon stopped during this run; what the commands did afterwards is not known'
         WHERE status = 'running'`,
      )
      .run(now).changes;
  }

  start(r: RunStart): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO runbook_runs (host_id, host_name, runbook_id, runbook_name, trigger, params, commands, status, started_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)`,
        )
        .run(r.hostId, r.host, r.runbookId, r.runbook, r.trigger, JSON.stringify(r.params), JSON.stringify(r.commands), r.startedAt).lastInsertRowid,
    );
  }

  finish(id: number, e: RunEnd): void {
    this.db
      .prepare(
        `UPDATE runbook_runs SET status = ?, finished_at = ?, exit_code = ?, output = ?, output_bytes = ?, output_sha256 = ?,
           recovered = ?, verification = ?, error = ? WHERE id = ?`,
      )
      .run(e.status, e.finishedAt, e.exitCode, e.output, e.outputBytes, e.outputSha256, e.recovered === null ? null : e.recovered ? 1 : 0, e.verification, e.error, id);
  }

  get(id: number): RunDetail | null {
    const row = this.db.prepare('SELECT * FROM runbook_runs WHERE id = ?').get(id) as Row | undefined;
    return row ? { ...toSummary(row), output: row.output, outputTruncated: Buffer.byteLength(row.output) < row.output_bytes } : null;
  }

  summary(id: number): RunSummary | null {
    const d = this.get(id);
    if (!d) return null;
    const { output: _output, outputTruncated: _t, ...summary } = d;
    return summary;
  }

  list(f: RunFilter): RunSummary[] {
    const conditions: Array<[string, string | number | null | undefined]> = [
      ['host_id = ?', f.hostId],
      ['runbook_id = ?', f.runbookId],
      ['status = ?', f.status],
      ['trigger = ?', f.trigger],
    ];
    const used = conditions.filter((c): c is [string, string | number] => c[1] !== undefined && c[1] !== null);
    const where = used.map(([sql]) => sql);
    const args = used.map(([, value]) => value);
    const sql = `SELECT id, host_id, host_name, runbook_id, runbook_name, trigger, params, commands, status, started_at, finished_at, exit_code,
                   '' AS output, output_bytes, output_sha256, recovered, verification, error
                 FROM runbook_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, f.limit) as Row[]).map(toSummary);
  }
}

function toSummary(r: Row): RunSummary {
  return {
    id: r.id,
    hostId: r.host_id,
    host: r.host_name,
    runbookId: r.runbook_id,
    runbook: r.runbook_name,
    trigger: r.trigger,
    params: JSON.parse(r.params) as RunSummary['params'],
    commands: JSON.parse(r.commands) as RunSummary['commands'],
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.finished_at === null ? null : r.finished_at - r.started_at,
    exitCode: r.exit_code,
    outputSha256: r.output_sha256,
    outputBytes: r.output_bytes,
    recovered: r.recovered === null ? null : r.recovered === 1,
    verification: r.verification,
    error: r.error,
  };
}
