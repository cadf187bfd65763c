import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FORMATS, TIERS, type ExportFormat, type Tier } from '../../preload/schemas/scorecard.ts';
import { assessRepository, NotADirectoryError, renderReport } from '../scorecard/index.ts';
import { parseOptions } from './parse-options.ts';
import { UsageError } from './usage-error.ts';
import { errorMessage } from '../core/error-message.ts';

export const ASSESS_HELP = `Usage: photon assess <repo-dir> [--tier T] [--format md|json|sarif] [--out FILE] [--fail-under N]

Assesses a repository's deployment readiness from its files (no data directory, no network) and
prints the report. Live checks (VM, DNS, TLS, health, e-mail records) need the console's monitors
and are "unknown" here.

  --tier T          ${TIERS.join(' | ')} (default production): sets the targets and which checks are required
  --format F        md (default), json or sarif (for code scanning)
  --out FILE        write the report to FILE instead of standard output
  --fail-under N    exit 1 when the overall score is below N (0–100); an unknown score is below any N

Exit codes: 0 the score meets --fail-under (or none given), 1 below it, 2 wrong usage, not a
directory or an internal error (never confused with a low score).
Files that cannot be read are listed in the report; they do not stop the assessment.
`;

export async function assessCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'assess',
    argv,
    {
      tier: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'fail-under': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(ASSESS_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`photon assess: expected one <repo-dir>, got ${positionals.length} argument(s). See "photon assess --help".`);
  const tier = oneOf('--tier', values.tier ?? 'production', TIERS) as Tier;
  const format = oneOf('--format', values.format ?? 'md', EXPORT_FORMATS) as ExportFormat;
  const failUnder = values['fail-under'] === undefined ? null : percent(values['fail-under']);
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('photon assess: --out must name a file');

  let assessment;
  let text;
  try {
    assessment = await assessRepository(positionals[0]!, { tier });
    text = renderReport(assessment, format);
  } catch (err) {
    if (err instanceof NotADirectoryError) throw new UsageError(`photon assess: ${err.message}`);
    // Exit 1 means "below --fail-under": a CI gate must not read a crash as a low score, nor pass it.
    process.stderr.write(`photon assess: internal error: ${errorMessage(err)}\n`);
    return 2;
  }
  if (values.out !== undefined) {
    const file = path.resolve(values.out);
    try {
      fs.writeFileSync(file, text);
    } catch (err) {
      throw new UsageError(`photon assess: cannot write --out ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const score = assessment.overall.score;
    process.stderr.write(`Wrote ${format} report to ${file} (overall ${score === null ? 'unknown' : `${score}%`}).\n`);
  } else process.stdout.write(text);
  for (const p of assessment.walk.problems) process.stderr.write(`warning: ${p.path}: ${p.problem}\n`);

  if (failUnder === null) return 0;
  const score = assessment.overall.score;
  if (score === null || score < failUnder) {
    process.stderr.write(`Overall score ${score === null ? 'unknown' : `${score}%`} is below --fail-under ${failUnder}.\n`);
    return 1;
  }
  return 0;
}

function oneOf(flag: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`photon assess: ${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value;
}

function percent(raw: string): number {
  const n = /^\d{1,3}(?:\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n > 100) throw new UsageError(`photon assess: --fail-under must be a number from 0 to 100 (got ${JSON.stringify(raw)})`);
  return n;
}
