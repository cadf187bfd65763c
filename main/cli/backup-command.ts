import fs from 'node:fs';
import path from 'node:path';
import { BackupInvalidError, BackupService, PENDING_RESTORE_FILE, pendingRestoreExists, restoreDatabaseFile, type RestorePhase } from '../backups/index.ts';
import { acquireDataDirLock } from '../core/data-dir-lock.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import { EventBus } from '../core/event-bus.ts';
import { silentLogger } from '../core/logger.ts';
import { LoopRegistry } from '../loops/index.ts';
import { openDatabase } from '../store/open-database.ts';
import { parseOptions } from './parse-options.ts';
import { UsageError } from './usage-error.ts';

export const BACKUP_HELP = `Usage: photon backup <now|list|restore FILE> [--data-dir DIR]

Backups of the console's own database (the Backups view does the same, and more).

  now            take a verified online backup now (works while nothing else holds the data dir)
  list           the recorded backups: time, size, duration, verification
  restore FILE   replace the database with FILE, after checking it (integrity_check, schema,
                 row counts). The current database is kept beside it as photon.db.before-restore-*.
                 Stop Photon Console first: a running console holds the data dir. Refused while a
                 restore staged from the Backups view is waiting (cancel that one first).

  --data-dir DIR   where the database lives (default: $XDG_DATA_HOME/photon-console)

Exit codes: 0 done, 1 refused or failed (nothing changed), 2 wrong usage.
`;

export async function backupCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'backup',
    argv,
    { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    true,
  );
  if (values.help) {
    process.stdout.write(BACKUP_HELP);
    return 0;
  }
  const [sub, ...rest] = positionals;
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  if (sub === 'restore') {
    if (rest.length !== 1) throw new UsageError('photon backup restore: give exactly one backup file, e.g. photon backup restore ~/backups/photon-20261126-020000-000.db');
    return restore(dataDir, path.resolve(rest[0]!));
  }
  if (sub === 'now' || sub === 'list') {
    if (rest.length > 0) throw new UsageError(`photon backup ${sub}: unexpected argument ${JSON.stringify(rest[0])}`);
    return sub === 'now' ? now(dataDir) : list(dataDir);
  }
  throw new UsageError(`photon backup: expected now, list or restore FILE${sub ? ` (got ${JSON.stringify(sub)})` : ''}. Run "photon backup --help".`);
}

function withStore<T>(dataDir: string, fn: (service: BackupService) => Promise<T>): Promise<T> {
  if (!fs.existsSync(dataDir)) throw new Error(`${dataDir} does not exist: there is no Photon Console database there`);
  const release = acquireDataDirLock(dataDir);
  const store = openDatabase(dataDir);
  const service = new BackupService({ db: store.db, dataDir, events: new EventBus(), loops: new LoopRegistry(), logger: silentLogger });
  return fn(service).finally(() => {
    store.db.close();
    release();
  });
}

async function now(dataDir: string): Promise<number> {
  return withStore(dataDir, async (service) => {
    const b = await service.backupDatabase('manual');
    if (b.status !== 'ok') {
      process.stderr.write(`error: the backup failed: ${b.error}\n`);
      return 1;
    }
    process.stdout.write(`${b.file}\n${describe(b)}\n`);
    return 0;
  });
}

async function list(dataDir: string): Promise<number> {
  return withStore(dataDir, async (service) => {
    const { backups, evidence } = service.status();
    if (backups.length === 0) process.stdout.write('No backups recorded yet.\n');
    for (const b of backups) process.stdout.write(`${new Date(b.startedAt).toISOString()}  ${b.name}  ${describe(b)}${b.removedAt ? '  (removed by retention)' : ''}\n`);
    process.stdout.write(`Backup check: ${evidence.status}, ${evidence.detail}\n`);
    return 0;
  });
}

function restore(dataDir: string, file: string): number {
  if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireDataDirLock(dataDir);
  try {
    if (pendingRestoreExists(dataDir)) {
      // The next start would apply it over this restore, silently undoing it.
      const staged = path.join(dataDir, PENDING_RESTORE_FILE);
      process.stderr.write(
        `error: restore refused, the current database was not touched. A restore from the Backups view is already staged in ${staged}; the next start would apply it over this one. Cancel it first (Backups view → "Cancel the restore", or delete ${staged}), then run this again.\n`,
      );
      return 1;
    }
    const { previous, verification } = restoreDatabaseFile(dataDir, file, {
      onPhase: (phase: RestorePhase) => process.stdout.write(`${PHASE_TEXT[phase]}\n`),
    });
    const rows = Object.values(verification.rowCounts).reduce((a, b) => a + b, 0);
    process.stdout.write(`Restored ${file} (schema ${verification.schemaVersion}, ${rows} rows).\n`);
    if (previous) process.stdout.write(`The previous database is kept at ${previous}\n`);
    return 0;
  } catch (err) {
    if (err instanceof BackupInvalidError) {
      process.stderr.write(`error: restore refused, the current database was not touched. ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    release();
  }
}

const PHASE_TEXT: Record<RestorePhase, string> = {
  validating: 'Checking the backup (integrity_check, schema, row counts)…',
  copying: 'Copying it into the data directory…',
  'verifying-copy': 'Checking the copy…',
  'setting-aside': 'Keeping the current database aside…',
  swapping: 'Swapping it in…',
  done: 'Done.',
};

function describe(b: { sizeBytes: number | null; durationMs: number | null; verification: { integrity: string; rowCounts: Record<string, number> } | null; status: string; error: string | null }): string {
  if (b.status !== 'ok') return `FAILED: ${b.error}`;
  const rows = b.verification ? Object.values(b.verification.rowCounts).reduce((a, c) => a + c, 0) : 0;
  return `${formatBytes(b.sizeBytes ?? 0)} in ${Math.round(b.durationMs ?? 0)} ms, integrity ${b.verification?.integrity ?? '?'}, ${rows} rows`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
