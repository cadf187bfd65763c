import { judgeMonitors } from '../evidence/live-evidence.ts';
import { redactSecrets } from '../evidence/secret-detection.ts';
import { fail, notApplicable, pass, type CheckDefinition } from '../types.ts';
import { allScripts, evidenceOf, importsOf, moduleUsed } from './criteria.ts';

/** The health endpoint should answer well within this; slower means trouble before users notice. */
export const HEALTH_LATENCY_TARGET_MS = 500;

const SCALABLE_DB = ['pg', 'postgres', 'mysql2', 'mysql', 'mongodb', 'mongoose', '@neondatabase/serverless', '@planetscale/database', 'cassandra-driver', '@aws-sdk/client-dynamodb'];
const EMBEDDED_DB = ['sqlite3', 'better-sqlite3', 'sqlite', 'lowdb', 'nedb', '@seald-io/nedb'];

export const performanceChecks: CheckDefinition[] = [
  {
    id: 'perf.compression',
    category: 'Performance',
    title: 'Response compression',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Compress responses (compression / @fastify/compress) unless a proxy in front already does.',
    criterion: moduleUsed('compression middleware', ['compression', '@fastify/compress', 'koa-compress', 'shrink-ray-current']),
  },
  {
    id: 'perf.node-env-production',
    category: 'Performance',
    title: 'NODE_ENV=production in the production start path',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Set NODE_ENV=production in the Dockerfile (ENV NODE_ENV=production) or the production start script.',
    criterion: ({ facts, docker }) => {
      if (docker) {
        const env = docker.env.find((e) => /NODE_ENV[= ]\s*["']?production/.test(e.text));
        if (env) return pass('the Dockerfile sets NODE_ENV=production', [{ kind: 'file', file: docker.file, line: env.line, note: `ENV ${redactSecrets(env.text)}` }]);
      }
      const script = allScripts(facts).find((s) => /NODE_ENV=production/.test(s.command));
      if (script) return pass(`script "${script.name}" sets NODE_ENV=production`, [{ kind: 'file', file: script.file, line: script.line, note: script.name }]);
      const cfg = facts.grep(/NODE_ENV['"]?\s*[:=]\s*['"]?production/, 'production', facts.find(/(?:ecosystem\.config\.[cm]?js|pm2\.json|\.service|compose[\w.-]*\.ya?ml|\.ya?ml)$/), 3);
      if (cfg.length > 0) return pass('the deployment config sets NODE_ENV=production', evidenceOf(cfg));
      if (!docker && facts.packages.length === 0) return notApplicable('no Dockerfile and no package.json');
      return fail('nothing sets NODE_ENV=production for the production process');
    },
  },
  {
    id: 'perf.restart-policy',
    category: 'Performance',
    title: 'Process restarts on crash (pm2, systemd, compose, Kubernetes)',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Run the service under a supervisor that restarts it: a systemd unit with Restart=always, pm2, `restart: unless-stopped` in compose, or a Kubernetes Deployment.',
    criterion: ({ facts }) => {
      const pm2 = facts.find(/(?:^|\/)(?:ecosystem\.config\.[cm]?js|pm2\.(?:json|ya?ml))$/);
      if (pm2.length > 0) return pass(`pm2 configuration ${pm2[0]}`, [{ kind: 'file', file: pm2[0]!, line: null, note: 'pm2' }]);
      const unit = facts.grep(/^Restart=(?:always|on-failure)/, 'Restart=', facts.find(/\.service$/), 3);
      if (unit.length > 0) return pass('a systemd unit restarts the service', evidenceOf(unit));
      const compose = facts.grep(/^\s*restart:\s*(?:always|unless-stopped|on-failure)/, 'restart:', facts.find(/(?:^|\/)(?:docker-)?compose[\w.-]*\.ya?ml$/), 3);
      if (compose.length > 0) return pass('docker compose restarts the container', evidenceOf(compose));
      const k8s = facts.grep(/^kind:\s*(?:Deployment|StatefulSet|DaemonSet)\b/, 'kind:', facts.find(/\.ya?ml$/), 3);
      if (k8s.length > 0) return pass('a Kubernetes controller restarts the pods', evidenceOf(k8s));
      return fail('no supervisor configuration (pm2, systemd Restart=, compose restart:, Kubernetes Deployment) found');
    },
  },
  {
    id: 'perf.load-test',
    category: 'Performance',
    title: 'Load test script',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'medium',
    remediation: 'Add a load test (k6, artillery or autocannon) for the main endpoints and run it before releases.',
    criterion: ({ facts }) => {
      const k6 = facts.grep(/from\s+['"]k6(?:\/[\w/]+)?['"]/, 'k6', facts.files.filter((f) => /\.[cm]?[jt]s$/.test(f)), 3);
      if (k6.length > 0) return pass('k6 load test script', evidenceOf(k6));
      const script = allScripts(facts).find((s) => /\b(?:k6|artillery|autocannon|loadtest|locust)\b/.test(s.command));
      if (script) return pass(`script "${script.name}" runs a load test`, [{ kind: 'file', file: script.file, line: script.line, note: script.command.slice(0, 80) }]);
      const artillery = facts.find(/(?:^|\/)(?:artillery|load-?test)[\w.-]*\.ya?ml$/);
      if (artillery.length > 0) return pass(`load test definition ${artillery[0]}`, [{ kind: 'file', file: artillery[0]!, line: null, note: 'load test' }]);
      return fail('no load test (k6, artillery, autocannon) found');
    },
  },
  {
    id: 'perf.caching-layer',
    category: 'Performance',
    title: 'Caching layer',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'medium',
    remediation: 'Cache hot reads (Redis via ioredis, or an in-process LRU) in front of the database.',
    criterion: moduleUsed('cache client', ['redis', 'ioredis', '@redis/client', 'memcached', 'lru-cache', 'node-cache', 'keyv', 'cache-manager', '@upstash/redis']),
  },
  {
    id: 'perf.database-scalable',
    category: 'Performance',
    title: 'Database fit for more than one app instance',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'large',
    remediation: 'Plan the move from an embedded database (SQLite) to a server database (PostgreSQL, MySQL) before scaling out.',
    criterion: ({ facts }) => {
      const server = importsOf(facts, SCALABLE_DB);
      const prisma = facts.grep(/provider\s*=\s*"(?:postgresql|mysql|mongodb|cockroachdb|sqlserver)"/, 'provider', facts.find(/\.prisma$/), 2);
      if (server.length + prisma.length > 0) return pass('a server database is used', evidenceOf([...server, ...prisma]));
      const embedded = importsOf(facts, EMBEDDED_DB);
      if (embedded.length > 0) return fail('only an embedded database (SQLite-like) is used: one instance at a time', evidenceOf(embedded));
      return notApplicable('no database client imported');
    },
  },
  {
    id: 'perf.health-latency-live',
    category: 'Performance',
    title: `Health endpoint answers within ${HEALTH_LATENCY_TARGET_MS} ms (live)`,
    risk: 'low',
    source: 'live',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Find what makes the health endpoint slow (database, cold starts, an undersized machine) and fix it.',
    criterion: ({ live }) =>
      judgeMonitors(live, 'health endpoint latency', isHealthMonitor, (m) =>
        m.lastLatencyMs === null ? null : { ok: m.lastLatencyMs <= HEALTH_LATENCY_TARGET_MS, note: `${m.lastLatencyMs} ms (target ${HEALTH_LATENCY_TARGET_MS} ms)` },
      ),
  },
];

/** An http monitor of the service's health: role api, or a URL whose path names health/readiness. */
export function isHealthMonitor(m: { role: string; target: { kind: string; url?: string } }): boolean {
  if (m.target.kind !== 'http') return false;
  return m.role === 'api' || /\/(?:api\/)?(?:health|healthz|ready|readyz|livez|status)\b/.test(m.target.url ?? '');
}
