import { APP_VERSION } from '../core/version.ts';
import { DataDirInUseError } from '../core/data-dir-lock.ts';
import { CHECK_KINDS } from '../monitors/index.ts';
import { DatabaseTooNewError } from '../store/migrate.ts';
import { assessCommand, ASSESS_HELP } from './assess-command.ts';
import { backupCommand, BACKUP_HELP } from './backup-command.ts';
import { checkCommand, CHECK_HELP } from './check-command.ts';
import { runRunbookCommand, RUN_HELP } from './run-command.ts';
import { serveCommand, SERVE_HELP } from './serve-command.ts';
import { UsageError } from './usage-error.ts';
import { errorMessage } from '../core/error-message.ts';

const HELP = `Photon Console ${APP_VERSION} — operations console for your own production

Usage: photon <command> [options]

Commands:
  serve     run the console on 127.0.0.1 without a window (token required)
  check     run one check now (${CHECK_KINDS.join(', ')})
  run       run a recovery runbook on a host: preview, confirm, stream, audit
  assess    score a repository's deployment readiness (Markdown, JSON or SARIF report)
  backup    back up, list or restore the console's own database (now | list | restore FILE)

Options:
  -h, --help     show this help (or "photon <command> --help")
  -v, --version  print the version

Exit codes: 0 success, 1 failure, 2 wrong usage.
`;

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; help: string }> = {
  serve: { run: serveCommand, help: SERVE_HELP },
  check: { run: checkCommand, help: CHECK_HELP },
  run: { run: runRunbookCommand, help: RUN_HELP },
  assess: { run: assessCommand, help: ASSESS_HELP },
  backup: { run: backupCommand, help: BACKUP_HELP },
};

/** Runs the CLI and returns its exit code; never throws. */
export async function runCli(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      process.stdout.write(HELP);
      return first === undefined ? 2 : 0;
    }
    if (first === '-v' || first === '--version') {
      process.stdout.write(`${APP_VERSION}\n`);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!command) throw new UsageError(`photon: unknown command ${JSON.stringify(first)}. Run "photon --help" for the list.`);
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof DatabaseTooNewError || err instanceof DataDirInUseError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${errorMessage(err)}\n`);
    return 1;
  }
}

const exitCode = await runCli(process.argv.slice(2));
process.exitCode = exitCode;
