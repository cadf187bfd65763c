import { isoOrNull, isUpish, judgeMonitors } from '../evidence/live-evidence.ts';
import { fail, pass, unknown, type CheckDefinition } from '../types.ts';
import { evidenceOf, moduleUsed } from './criteria.ts';
import { isHealthMonitor } from './performance.ts';

/** Certificates are renewed at 30 days left; under 14 means renewal has failed. */
export const TLS_MIN_DAYS = 14;

export const monitoringChecks: CheckDefinition[] = [
  {
    id: 'mon.health-route',
    category: 'Monitoring',
    title: 'Health endpoint in the code',
    risk: 'high',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Add GET /health that checks the service\'s own dependencies (database) and answers 200 or 503.',
    criterion: ({ facts }) => {
      const routes = facts.grep(/['"`]\/(?:api\/)?(?:health|healthz|ready|readyz|livez|status)['"`]/, '/', undefined, 5);
      if (routes.length > 0) return pass('a health route is defined', evidenceOf(routes));
      return fail('no /health, /healthz, /ready or /status route in the sources');
    },
  },
  {
    id: 'mon.structured-logging',
    category: 'Monitoring',
    title: 'Structured logger',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Log JSON lines through pino or winston instead of console.log, so logs can be searched and aggregated.',
    criterion: moduleUsed('structured logger', ['pino', 'pino-http', 'winston', 'bunyan', 'log4js', '@nestjs/common/services/logger']),
  },
  {
    id: 'mon.error-tracking',
    category: 'Monitoring',
    title: 'Error tracking',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Report unhandled errors to an error tracker (Sentry, Bugsnag, Rollbar, Honeybadger).',
    criterion: moduleUsed('error tracker', [/^@sentry\//, '@bugsnag/js', '@bugsnag/node', 'rollbar', '@honeybadger-io/js', 'newrelic', 'dd-trace', 'elastic-apm-node', '@appsignal/nodejs']),
  },
  {
    id: 'mon.metrics',
    category: 'Monitoring',
    title: 'Metrics exported (Prometheus / OpenTelemetry)',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'medium',
    remediation: 'Expose request rate, errors and latency through prom-client (/metrics) or OpenTelemetry.',
    criterion: moduleUsed('metrics library', ['prom-client', /^@opentelemetry\//, 'express-prom-bundle', 'hot-shots', 'statsd-client', 'fastify-metrics']),
  },
  {
    id: 'mon.graceful-shutdown',
    category: 'Monitoring',
    title: 'Graceful shutdown on SIGTERM',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'On SIGTERM stop accepting connections, finish in-flight requests, close the database, then exit.',
    criterion: ({ facts }) => {
      const handlers = facts.grep(/\bprocess\.(?:on|once|addListener)\s*\(\s*['"`]SIGTERM['"`]|\bstoppable\b|\bhttp-terminator\b|\bterminus\b/, 'S', undefined, 5);
      if (handlers.length > 0) return pass('SIGTERM is handled', evidenceOf(handlers));
      return fail('nothing handles SIGTERM: deploys and restarts drop in-flight requests');
    },
  },
  {
    id: 'mon.health-live',
    category: 'Monitoring',
    title: 'Health endpoint answers 2xx (live)',
    risk: 'critical',
    source: 'live',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Bring the service back (see the Overview and Recovery views) and keep an http monitor with role "api" on its /health URL.',
    criterion: ({ live }) =>
      judgeMonitors(live, 'the health endpoint', isHealthMonitor, (m) => {
        const status = typeof m.evidence?.status === 'number' ? m.evidence.status : null;
        if (status === null) return { ok: false, note: String(m.evidence?.error ?? `${m.status}, no HTTP answer`) };
        return { ok: status >= 200 && status < 300 && isUpish(m.status), note: `HTTP ${status} (${m.status})` };
      }),
  },
  {
    id: 'mon.tls-days-left',
    category: 'Monitoring',
    title: `TLS certificate valid for at least ${TLS_MIN_DAYS} more days (live)`,
    risk: 'high',
    source: 'live',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Renew the certificate and automate renewal (certbot/ACME); keep a tls monitor on the domain.',
    criterion: ({ live }) =>
      judgeMonitors(
        live,
        'the TLS certificate',
        (m) => m.target.kind === 'tls' || (m.target.kind === 'http' && m.target.url.startsWith('https:')),
        (m) => {
          const ev = m.target.kind === 'tls' ? m.evidence : (m.evidence?.tls as Record<string, unknown> | null | undefined);
          if (!ev || typeof ev.daysLeft !== 'number') return m.target.kind === 'tls' && m.evidence?.error ? { ok: false, note: String(m.evidence.error) } : null;
          const trusted = ev.authorized !== false && ev.hostnameMatches !== false;
          return { ok: trusted && ev.daysLeft >= TLS_MIN_DAYS, note: `${ev.daysLeft} days left${trusted ? '' : ', not trusted'}` };
        },
      ),
  },
  {
    id: 'mon.https-redirect-live',
    category: 'Monitoring',
    title: 'Plain HTTP redirects to HTTPS (live)',
    risk: 'medium',
    source: 'live',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Answer every http:// request with a 301/308 redirect to https:// (and send HSTS there); keep an http monitor on the http:// URL.',
    criterion: ({ live }) =>
      judgeMonitors(
        live,
        'the HTTP to HTTPS redirect',
        (m) => m.target.kind === 'http' && m.target.url.startsWith('http:') && !/^http:\/\/(?:127\.|localhost|\[::1\])/.test(m.target.url),
        (m) => {
          const ev = m.evidence;
          if (!ev) return null;
          const final = typeof ev.finalUrl === 'string' ? ev.finalUrl : null;
          if (final === null) return { ok: false, note: String(ev.error ?? 'no answer') };
          return final.startsWith('https:') ? { ok: true, note: `redirected to ${final}` } : { ok: false, note: `answered over plain HTTP (${final})` };
        },
      ),
  },
  {
    id: 'mon.loops-healthy',
    category: 'Monitoring',
    title: 'Monitoring loops healthy',
    risk: 'medium',
    source: 'live',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Open the Overview\'s loops table, read the failing loop\'s last error and fix its cause.',
    criterion: ({ live }) => {
      if (live.loops === null) return unknown('no loop health available (assessed outside the console)');
      if (live.loops.length === 0) return unknown('no loop is registered');
      const bad = live.loops.filter((l) => l.state === 'failing' || l.state === 'late' || l.state === 'stopped');
      const evidence = live.loops.map((l) => ({ kind: 'probe' as const, monitorId: null, probe: `loop ${l.name}`, at: isoOrNull(l.lastRunAt), note: `${l.state}${l.lastError ? `: ${l.lastError}` : ''}` }));
      if (bad.length > 0) return fail(`${bad.length} of ${live.loops.length} loops are not healthy (${bad.map((l) => `${l.name} ${l.state}`).join(', ')})`, evidence);
      return pass(`${live.loops.length} of ${live.loops.length} loops healthy`, evidence);
    },
  },
];
