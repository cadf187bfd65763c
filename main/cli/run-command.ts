import path from 'node:path';
import readline from 'node:readline/promises';
import type { EventPayload } from '../../preload/contract.ts';
import type { RunbookSummary, RunSummary } from '../../preload/schemas/recovery.ts';
import { ContractError } from '../api/contract-error.ts';
import { createCore, type Core } from '../app/create-core.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import { silentLogger } from '../core/logger.ts';
import { JsonFileSettingsStore } from '../settings/index.ts';
import { parseOptions } from './parse-options.ts';
import { UsageError } from './usage-error.ts';

export const RUN_HELP = `Usage: photon run <host> <runbook> [--param name=value]... [--yes | --confirm TEXT] [--data-dir DIR]

Runs a recovery runbook on a host profile, as the Recovery view does: it prints the exact commands
first, asks for confirmation, streams the output, and writes the audit record. Afterwards the host's
monitors are re-run and the result says whether the host recovered.

  <host>            a host profile's name (Settings → Hosts & Credentials)
  <runbook>         diagnose, restart-service, reboot, pending-updates, gcloud-start, …, or a
                    custom runbook's name or number; "photon run <host>" lists them
  --param k=v       a runbook parameter, repeatable; checked against its type before anything runs
  --yes             confirm without a prompt (read-only and ordinary runbooks)
  --confirm TEXT    the confirm phrase without a prompt; disruptive runbooks (reboot, reset) want
                    the host name here, --yes is not enough for them
  --data-dir DIR    the console's data directory (default: ${defaultDataDir()})

Exit codes: 0 the run succeeded (and the host's monitors, if any, are UP), 1 it failed, was
cancelled (Ctrl+C), timed out or the host did not recover, 2 wrong usage or input.
`;

export async function runRunbookCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'run',
    argv,
    {
      param: { type: 'string', multiple: true },
      yes: { type: 'boolean', default: false },
      confirm: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('photon run: name a host, e.g. "photon run prod-vm diagnose" (see photon run --help)');
  if (positionals.length > 2) throw new UsageError(`photon run: unexpected argument ${JSON.stringify(positionals[2])}; values go in --param name=value`);
  const params = parseParams(values.param ?? []);
  if (values.yes && values.confirm !== undefined) throw new UsageError('photon run: give --yes or --confirm, not both');

  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const core = createCore({ dataDir, settings: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')), transport: 'http', logger: silentLogger });
  try {
    return await runWithCore(core, positionals[0]!, positionals[1], params, values.yes ? 'yes' : (values.confirm ?? null));
  } catch (err) {
    if (err instanceof ContractError) {
      process.stderr.write(`photon run: ${err.message}\n`);
      return err.code === 'INVALID_INPUT' || err.code === 'NOT_FOUND' ? 2 : 1;
    }
    throw err;
  } finally {
    await core.close();
  }
}

async function runWithCore(core: Core, hostName: string, runbookName: string | undefined, params: Record<string, string>, confirmation: string | null): Promise<number> {
  const host = core.hosts.requireByName(hostName);
  const runbooks = core.recovery.runbooksFor(host.id);
  if (runbookName === undefined) {
    process.stdout.write(`Runbooks for ${host.name}:\n${runbooks.map(describeRunbook).join('\n')}\n`);
    return 0;
  }
  const runbook = findRunbook(runbooks, runbookName);
  if (!runbook) throw new UsageError(`photon run: no runbook "${runbookName}" for ${host.name}; it has: ${runbooks.map(shortId).join(', ')}`);

  const plan = core.recovery.preview(host.id, runbook.id, params);
  process.stdout.write(`${plan.runbook} on ${plan.host} (${plan.danger}, at most ${plan.timeoutSeconds} s) will run:\n`);
  for (const c of plan.commands) process.stdout.write(`  ${c.step}. [${c.where}] ${c.display}\n`);

  const typed = confirmation ?? (await ask(plan.danger === 'disruptive' ? `Type the host name "${plan.confirmPhrase}" to go ahead: ` : 'Type "yes" to go ahead: '));
  if (typed === null) {
    throw new UsageError(`photon run: no terminal to confirm on; pass ${plan.danger === 'disruptive' ? `--confirm ${plan.confirmPhrase}` : '--yes'} to run without a prompt`);
  }

  let runId = -1;
  const early: EventPayload<'runOutput'>['chunks'] = [];
  const stopStreaming = core.events.onAny((event, payload) => {
    if (event !== 'runOutput') return;
    for (const c of (payload as EventPayload<'runOutput'>).chunks) {
      if (runId === -1) early.push(c);
      else if (c.runId === runId) write(c);
    }
  });
  const started = core.recovery.start(host.id, runbook.id, params, typed, 'cli');
  runId = started.id;
  early.filter((c) => c.runId === runId).forEach(write);
  const onInterrupt = () => {
    process.stderr.write('\ncancelling…\n');
    try {
      core.recovery.cancel(runId);
    } catch {
      // It ended between the keypress and now: nothing left to cancel.
    }
  };
  process.on('SIGINT', onInterrupt);
  try {
    const done = await core.recovery.finished(runId);
    process.stdout.write(`\n${summaryLine(done)}\n`);
    return done.status === 'succeeded' && done.recovered !== false ? 0 : 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    stopStreaming();
  }
}

function write(c: { stream: 'stdout' | 'stderr' | 'info'; text: string }): void {
  if (c.stream === 'stdout') process.stdout.write(c.text);
  else process.stderr.write(c.text);
}

export function summaryLine(r: RunSummary): string {
  const took = r.durationMs === null ? '' : ` in ${(r.durationMs / 1000).toFixed(1)} s`;
  const exit = r.exitCode === null ? '' : ` · exit ${r.exitCode}`;
  const recovered = r.recovered === null ? 'not verified' : r.recovered ? 'yes' : 'NO';
  return [
    `run #${r.id} ${r.status}${took}${exit}${r.error ? ` · ${r.error}` : ''}`,
    `recovered: ${recovered}${r.verification ? ` (${r.verification})` : ''}`,
    `audit: ${r.outputBytes} bytes of output, sha256 ${r.outputSha256 ?? '-'}`,
  ].join('\n');
}

function parseParams(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of raw) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`photon run: --param ${JSON.stringify(p)} must look like name=value`);
    const name = p.slice(0, eq);
    if (Object.hasOwn(out, name)) throw new UsageError(`photon run: --param ${name} is given twice`);
    out[name] = p.slice(eq + 1);
  }
  return out;
}

const shortId = (r: RunbookSummary) => (r.builtin ? r.id.replace(/^builtin:/, '') : r.id);

function describeRunbook(r: RunbookSummary): string {
  const params = r.params.length ? ` --param ${r.params.map((p) => `${p.name}=…`).join(' --param ')}` : '';
  const state = r.available ? '' : ` (unavailable: ${r.unavailableReason})`;
  return `  ${shortId(r).padEnd(18)} ${r.name} [${r.danger}]${params}${state}`;
}

function findRunbook(list: RunbookSummary[], wanted: string): RunbookSummary | undefined {
  const w = wanted.toLowerCase();
  return list.find((r) => r.id === wanted || shortId(r) === w || r.name.toLowerCase() === w);
}

/** A line typed at the terminal; null when there is no terminal to ask on. */
async function ask(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
