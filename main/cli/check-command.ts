import { checkRegistry, ConditionSyntaxError, describeTarget, NetworkGuard, parseCondition, runCheck, type CheckKind } from '../monitors/index.ts';
import type { MonitorTarget } from '../../preload/contract.ts';
import { buildCheckTarget } from './check-target.ts';
import { parseOptions } from './parse-options.ts';
import { UsageError } from './usage-error.ts';

export const CHECK_HELP = `Usage: photon check <kind> <target> [--condition C]... [--timeout S] [--json] [kind options]

Runs one check now and exits 0 when it is UP (or DEGRADED), 1 when it is DOWN or UNKNOWN.

  ping <host>                          [--count N]
  tcp <host:port>
  http <url>                           [--method M] [--header "Name: value"]... [--insecure] [--ca FILE]
  tls <host[:port]>                    [--servername NAME] [--ca FILE]
  dns <name>                           [--type A|AAAA|CNAME|MX|TXT|NS] [--resolver IP[:PORT]]
  ssh <user@host[:port]>               --host-key SHA256:… [--identity FILE] [--agent] [--command CMD] [--metrics] [--unit U]...
  postgres <postgres://user@host[:port]/db>  [--password-env VAR] [--ssl]
  sqlite-over-ssh <user@host[:port]:/path/app.db>  --host-key SHA256:… [--identity FILE] [--agent]

  --condition C   a Gatus-style condition, repeatable; default: the kind's own (e.g. [STATUS] < 400)
  --timeout S     seconds (default 10)
  --json          print the full result as JSON

Examples:
  photon check http https://example.com/health --condition '[STATUS] == 200' --condition '[RESPONSE_TIME] < 300'
  photon check dns _dmarc.example.com --type TXT --condition '[BODY] == pat(*v=DMARC1*)'
`;

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'check',
    argv,
    {
      condition: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      count: { type: 'string' },
      method: { type: 'string' },
      header: { type: 'string', multiple: true },
      insecure: { type: 'boolean' },
      ca: { type: 'string' },
      servername: { type: 'string' },
      type: { type: 'string' },
      resolver: { type: 'string' },
      'host-key': { type: 'string' },
      identity: { type: 'string' },
      agent: { type: 'boolean' },
      command: { type: 'string' },
      metrics: { type: 'boolean' },
      unit: { type: 'string', multiple: true },
      'password-env': { type: 'string' },
      ssl: { type: 'boolean' },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`photon check: expected <kind> <target>, got ${positionals.length} argument(s). See "photon check --help".`);
  const [kindName, targetText] = positionals as [string, string];
  const target = buildCheckTarget(kindName, targetText, values);
  const timeoutSeconds = values.timeout === undefined ? 10 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 300) {
    throw new UsageError(`photon check: --timeout must be a number of seconds from 1 to 300 (got ${JSON.stringify(values.timeout)})`);
  }
  const kind = checkRegistry[target.kind] as CheckKind<MonitorTarget['kind']>;
  const sources = values.condition ?? kind.defaultConditionsFor?.(target) ?? kind.defaultConditions;
  const conditions = sources.map((c, i) => {
    try {
      return parseCondition(c);
    } catch (err) {
      if (err instanceof ConditionSyntaxError) throw new UsageError(`photon check: --condition #${i + 1}: ${err.message}`);
      throw err;
    }
  });
  const result = await runCheck({ target, kind, conditions, metric: null, timeoutMs: timeoutSeconds * 1000 }, new NetworkGuard(), new AbortController().signal);
  if (values.json) {
    process.stdout.write(JSON.stringify({ kind: target.kind, target: describeTarget(target), ...result }, null, 2) + '\n');
  } else {
    const latency = result.latencyMs === null ? 'no answer' : `${Math.round(result.latencyMs * 10) / 10} ms`;
    process.stdout.write(`${result.outcome.toUpperCase().padEnd(8)} ${target.kind} ${describeTarget(target)}  (${latency})\n  ${result.message}\n`);
    for (const c of result.conditions) process.stdout.write(`  ${c.satisfied ? 'pass' : 'FAIL'}  ${c.detail}\n`);
  }
  return result.outcome === 'up' || result.outcome === 'degraded' ? 0 : 1;
}
