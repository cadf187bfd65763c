import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ParsedInput } from '../../preload/contract.ts';
import type { BackupActivity, BackupStatus, DbBackup, RemoteRun, RemoteTarget } from '../../preload/schemas/backups.ts';
import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import { startIntervalLoop, type LoopRegistry } from '../loops/index.ts';
import { readBackupEvidence } from './backup-evidence.ts';
import { BackupRepository, type DbBackupRecord } from './backup-repository.ts';
import { cancelPendingRestore, pendingRestoreExists, stageRestore } from './pending-restore.ts';
import { pullOverSsh } from './pull-over-ssh.ts';
import { RemoteBackupRepository, type RemoteDefinition, type RemoteTargetRecord } from './remote-backup-repository.ts';
import { selectBackupsToKeep } from './retention-selection.ts';
import { takeDatabaseBackup } from './take-database-backup.ts';
import { BackupInvalidError } from './verify-database-file.ts';
import { errorMessage } from '../core/error-message.ts';

export interface BackupOptions {
  db: Database.Database;
  dataDir: string;
  events: EventBus;
  loops: LoopRegistry;
  logger: Logger;
  nativeBinding?: string;
  now?: () => number;
  /** How often the scheduler looks for due backups. */
  checkEveryMs?: number;
}

const HOUR = 3_600_000;
/** After a failed attempt, wait this long before trying again (or the interval, if shorter). */
const RETRY_AFTER_FAILURE_MS = 15 * 60_000;
const PROGRESS_EVENT_EVERY_MS = 250;

/**
 * Backups of the console's own database (online, verified, with retention) and pulls of remote
 * data over SSH. Two named loops: the scheduler (takes what is due) and retention (removes what the
 * policy no longer keeps).
 */
export class BackupService {
  readonly folder: string;
  private readonly repo: BackupRepository;
  private readonly remote: RemoteBackupRepository;
  private readonly now: () => number;
  private readonly running = new Map<string, BackupActivity>();
  private readonly stoppers: Array<() => Promise<void>> = [];
  private readonly abort = new AbortController();
  private readonly announceProgress: ReturnType<typeof leadingThrottle>;

  constructor(private readonly o: BackupOptions) {
    this.folder = path.join(o.dataDir, 'backups');
    this.repo = new BackupRepository(o.db);
    this.remote = new RemoteBackupRepository(o.db);
    this.now = o.now ?? Date.now;
    this.announceProgress = leadingThrottle(() => o.events.emit('backupProgress', { running: [...this.running.values()] }), PROGRESS_EVENT_EVERY_MS);
  }

  start(): void {
    const every = this.o.checkEveryMs ?? 60_000;
    const scheduler = startIntervalLoop(
      this.o.loops.register('backup-scheduler', 'Takes verified online backups of the console database and pulls remote backups over SSH when due', every),
      every,
      () => this.runDue(),
    );
    const retention = startIntervalLoop(
      this.o.loops.register('backup-retention', 'Deletes backup files the keep-daily/keep-weekly policy no longer keeps', HOUR),
      HOUR,
      () => this.applyRetention(),
    );
    this.stoppers.push(() => scheduler.stop(), () => retention.stop());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const stop of this.stoppers.splice(0)) await stop();
    // Aborted transfers settle quickly; the store must stay open until they have recorded it.
    await Promise.all([...this.inflight]);
    this.announceProgress.cancel();
  }

  // ── database backups ───────────────────────────────────────────────────────────────────────

  async backupDatabase(trigger: 'schedule' | 'manual'): Promise<DbBackup> {
    if (this.running.has('database')) throw new ContractError('CONFLICT', 'A backup of the database is already running');
    const startedAt = this.now();
    const activity: BackupActivity = { kind: 'database', targetId: null, label: 'Photon Console database', startedAt, done: 0, total: null, unit: 'pages' };
    this.running.set('database', activity);
    this.announceProgress.call();
    let id: number;
    try {
      const result = await takeDatabaseBackup(this.o.db, this.folder, {
        at: new Date(startedAt),
        ...(this.o.nativeBinding && { nativeBinding: this.o.nativeBinding }),
        onProgress: ({ totalPages, remainingPages }) => {
          activity.total = totalPages;
          activity.done = totalPages - remainingPages;
          this.announceProgress.call();
        },
      });
      id = this.repo.record({ file: result.file, trigger, startedAt, durationMs: round(result.durationMs), sizeBytes: result.sizeBytes, sha256: result.sha256, status: 'ok', verification: result.verification, error: null });
    } catch (err) {
      const message = errorMessage(err);
      this.o.logger.warn(`database backup failed: ${message}`);
      id = this.repo.record({ file: '', trigger, startedAt, durationMs: round(this.now() - startedAt), sizeBytes: null, sha256: null, status: 'failed', verification: null, error: message });
    } finally {
      this.running.delete('database');
      this.announceProgress.call();
    }
    this.applyRetention();
    this.announce();
    return this.toDbBackup(this.repo.get(id)!);
  }

  // ── remote backups ─────────────────────────────────────────────────────────────────────────

  async backupRemote(targetId: number): Promise<RemoteRun> {
    const target = this.requireTarget(targetId);
    const key = `remote:${targetId}`;
    if (this.running.has(key)) throw new ContractError('CONFLICT', `A backup of ${target.definition.name} is already running`);
    const startedAt = this.now();
    const def = target.definition;
    const activity: BackupActivity = { kind: 'remote', targetId, label: def.name, startedAt, done: 0, total: null, unit: 'bytes' };
    this.running.set(key, activity);
    this.announceProgress.call();
    const folder = this.remoteFolder(def);
    const ext = def.source.kind === 'file' ? path.extname(def.source.path).replace(/^\./, '') || 'bak' : def.source.fileExtension;
    const file = path.join(folder, `${safeName(def.name)}-${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}.${ext}`);
    let id: number;
    try {
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
      const pulled = await pullOverSsh({ ...def }, file, {
        signal: this.abort.signal,
        onProgress: (bytes, total) => {
          activity.done = bytes;
          activity.total = total;
          this.announceProgress.call();
        },
      });
      id = this.remote.record({ targetId, file, startedAt, durationMs: round(pulled.durationMs), sizeBytes: pulled.sizeBytes, sha256: pulled.sha256, status: 'ok', error: null });
    } catch (err) {
      const message = errorMessage(err);
      this.o.logger.warn(`remote backup ${def.name} failed: ${message}`);
      id = this.remote.record({ targetId, file: null, startedAt, durationMs: round(this.now() - startedAt), sizeBytes: null, sha256: null, status: 'failed', error: message });
    } finally {
      this.running.delete(key);
      this.announceProgress.call();
    }
    this.applyRetention();
    this.announce();
    return this.remote.run(id)!;
  }

  saveTarget(input: ParsedInput<'saveRemoteBackupTarget'>): RemoteTarget {
    const { id, ...def } = input;
    if (def.warnAfterHours >= def.failAfterHours) throw new ContractError('INVALID_INPUT', 'warnAfterHours must be less than failAfterHours', 'warnAfterHours');
    const sameName = this.remote.byName(def.name);
    if (sameName && sameName.id !== id) throw new ContractError('CONFLICT', `A remote backup named "${sameName.definition.name}" already exists`, 'name');
    const now = this.now();
    let savedId: number;
    if (id === undefined) savedId = this.remote.insert(def, now);
    else {
      this.requireTarget(id);
      this.remote.update(id, def, now);
      savedId = id;
    }
    this.announce();
    return this.toTarget(this.remote.target(savedId)!);
  }

  // ── scheduling and retention ───────────────────────────────────────────────────────────────

  async runDue(): Promise<void> {
    const now = this.now();
    const config = this.repo.config();
    const last = this.repo.recent(1)[0];
    if (config.enabled && isDue(now, this.repo.lastGoodAt(), last?.startedAt ?? null, config.everyHours * HOUR)) await this.backupDatabase('schedule');
    for (const t of this.remote.targets()) {
      const runs = this.remote.recentRuns(500).filter((r) => r.targetId === t.id);
      const lastGood = runs.find((r) => r.status === 'ok')?.startedAt ?? null;
      if (!isDue(now, lastGood, runs[0]?.startedAt ?? null, t.definition.everyHours * HOUR) || this.running.has(`remote:${t.id}`)) continue;
      // A pull may take hours: it runs beside the loop, which stays on its one-minute rhythm (and
      // healthy) meanwhile. backupRemote records its own failures; stop() waits for it.
      const pull = this.backupRemote(t.id).catch((err: unknown) => this.o.logger.warn(`remote backup ${t.definition.name}: ${String(err)}`));
      this.inflight.add(pull);
      void pull.finally(() => this.inflight.delete(pull));
    }
  }

  /** Pulls started by the scheduler and still running. */
  private readonly inflight = new Set<Promise<unknown>>();

  /** Deletes the files retention does not keep; the records stay, marked removed. Returns what it removed. */
  applyRetention(): string[] {
    const now = this.now();
    const removed: string[] = [];
    const config = this.repo.config();
    const dbKept = selectBackupsToKeep(
      this.repo.present().map((b) => ({ ...b, at: b.startedAt })),
      config,
    );
    for (const b of dbKept.remove) {
      fs.rmSync(b.file, { force: true });
      this.repo.markRemoved(b.id, now);
      removed.push(b.file);
    }
    for (const t of this.remote.targets()) {
      const kept = selectBackupsToKeep(
        this.remote.presentRuns(t.id).map((r) => ({ ...r, at: r.startedAt })),
        t.definition,
      );
      for (const r of kept.remove) {
        if (r.file) fs.rmSync(r.file, { force: true });
        this.remote.markRemoved(r.id, now);
        if (r.file) removed.push(r.file);
      }
    }
    if (removed.length > 0) this.announce();
    return removed;
  }

  // ── views ──────────────────────────────────────────────────────────────────────────────────

  /** Last good backup age of the database and every remote target, measured now (for the scorecard). */
  evidence() {
    return readBackupEvidence(this.o.db, this.now());
  }

  status(): BackupStatus {
    const evidence = readBackupEvidence(this.o.db, this.now());
    return {
      config: this.repo.config(),
      folder: this.folder,
      backups: this.repo.recent(100).map((b) => this.toDbBackup(b)),
      evidence: evidence[0]!,
      pendingRestore: pendingRestoreExists(this.o.dataDir),
      running: [...this.running.values()],
      remoteTargets: this.remote.targets().map((t) => this.toTarget(t, evidence)),
      remoteRuns: this.remote.recentRuns(100),
    };
  }

  setConfig(config: ParsedInput<'updateBackupConfig'>) {
    this.repo.setConfig(config);
    this.announce();
    return this.repo.config();
  }

  cancelRestore(): { cancelled: boolean } {
    const cancelled = cancelPendingRestore(this.o.dataDir);
    this.announce();
    return { cancelled };
  }

  removeTarget(id: number): { removed: true } {
    this.requireTarget(id);
    this.remote.remove(id);
    this.announce();
    return { removed: true as const };
  }

  stage(id: number, confirmName: string): { staged: true; message: string } {
    const b = this.repo.get(id);
    if (!b) throw new ContractError('NOT_FOUND', `No backup with id ${id}`, 'id');
    if (b.status !== 'ok' || b.removedAt !== null || !fs.existsSync(b.file)) {
      throw new ContractError('INVALID_INPUT', `id: backup ${id} cannot be restored: ${b.status !== 'ok' ? 'it failed' : 'its file is gone (removed by retention or by hand)'}`, 'id');
    }
    const name = path.basename(b.file);
    if (confirmName !== name) throw new ContractError('INVALID_INPUT', `confirmName: type the backup's name "${name}" exactly to confirm the restore`, 'confirmName');
    try {
      stageRestore(this.o.dataDir, b.file, this.o.nativeBinding);
    } catch (err) {
      if (err instanceof BackupInvalidError) throw new ContractError('INVALID_INPUT', `id: restore refused, the live database was not touched. ${err.message}`, 'id');
      throw err;
    }
    this.announce();
    return {
      staged: true,
      message: `${name} was verified and staged. Restart Photon Console to finish the restore; the current database will be kept beside it.`,
    };
  }

  private toDbBackup(b: DbBackupRecord): DbBackup {
    return { ...b, name: b.file ? path.basename(b.file) : '(none)' };
  }

  private toTarget(t: RemoteTargetRecord, evidence = readBackupEvidence(this.o.db, this.now())): RemoteTarget {
    return { id: t.id, ...t.definition, localFolder: this.remoteFolder(t.definition), evidence: evidence.find((e) => e.targetId === t.id)! };
  }

  private remoteFolder(def: RemoteDefinition): string {
    return def.localFolder ?? path.join(this.o.dataDir, 'remote-backups', safeName(def.name));
  }

  private requireTarget(id: number): RemoteTargetRecord {
    const t = this.remote.target(id);
    if (!t) throw new ContractError('NOT_FOUND', `No remote backup with id ${id}`, 'id');
    return t;
  }

  private announce(): void {
    this.o.events.emit('backupsChanged', this.status());
  }
}

function isDue(now: number, lastGoodAt: number | null, lastAttemptAt: number | null, everyMs: number): boolean {
  if (lastGoodAt !== null && now - lastGoodAt < everyMs) return false;
  if (lastAttemptAt !== null && now - lastAttemptAt < Math.min(everyMs, RETRY_AFTER_FAILURE_MS)) return false;
  return true;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'backup';
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * At most one call per interval, the first at once (a transfer's start shows immediately) and the
 * last of a burst never lost (its end shows too).
 */
function leadingThrottle(fn: () => void, intervalMs: number): { call: () => void; cancel: () => void } {
  let timer: NodeJS.Timeout | null = null;
  let lastAt = 0;
  return {
    call: () => {
      if (timer) return;
      const wait = lastAt + intervalMs - Date.now();
      if (wait <= 0) {
        lastAt = Date.now();
        fn();
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        lastAt = Date.now();
        fn();
      }, wait);
      timer.unref?.();
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
