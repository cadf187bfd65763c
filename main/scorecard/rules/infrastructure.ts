import { dockerEvidence, unpinnedImages } from '../evidence/docker.ts';
import { findDeployTargets } from '../evidence/deploy-targets.ts';
import { isUpish, judgeMonitors } from '../evidence/live-evidence.ts';
import { BACKUPS_PROVIDER } from '../evidence/providers.ts';
import { fail, notApplicable, pass, unknown, type CheckDefinition } from '../types.ts';
import { needsPackageJson } from './criteria.ts';

const K8S_PROBE = /^\s*(?:livenessProbe|readinessProbe|startupProbe):/;

export const infrastructureChecks: CheckDefinition[] = [
  {
    id: 'infra.dockerfile',
    category: 'Infrastructure',
    title: 'Container image definition (Dockerfile)',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Add a Dockerfile that builds and runs the service, so every environment runs the same image.',
    criterion: ({ docker }) => (docker ? pass(`${docker.file} builds from ${docker.from.map((f) => f.image).join(', ') || 'no FROM'}`, [dockerEvidence(docker, docker.from[0]?.line ?? null, 'FROM')]) : fail('no Dockerfile in the repository')),
  },
  {
    id: 'infra.docker-base-pinned',
    category: 'Infrastructure',
    title: 'Base images pinned (no :latest)',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Pin every FROM image to a version tag or digest (e.g. node:22.11-alpine) so builds are reproducible.',
    criterion: ({ docker }) => {
      if (!docker) return notApplicable('no Dockerfile');
      const loose = unpinnedImages(docker);
      if (loose.length > 0) return fail(`${loose[0]!.image} is not pinned to a version`, loose.map((l) => dockerEvidence(docker, l.line, `FROM ${l.image}`)));
      return pass('every base image has a version tag or digest', docker.from.map((f) => dockerEvidence(docker, f.line, `FROM ${f.image}`)));
    },
  },
  {
    id: 'infra.docker-non-root',
    category: 'Infrastructure',
    title: 'Container runs as a non-root user',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Add `USER node` (or another unprivileged user) after the last step that needs root.',
    criterion: ({ docker }) => {
      if (!docker) return notApplicable('no Dockerfile');
      if (!docker.user) return fail('no USER instruction: the container runs as root', [dockerEvidence(docker, null, 'no USER')]);
      if (/^(?:root|0)(?::|$)/.test(docker.user.name)) return fail(`the last USER is ${docker.user.name}`, [dockerEvidence(docker, docker.user.line, `USER ${docker.user.name}`)]);
      return pass(`runs as ${docker.user.name}`, [dockerEvidence(docker, docker.user.line, `USER ${docker.user.name}`)]);
    },
  },
  {
    id: 'infra.container-healthcheck',
    category: 'Infrastructure',
    title: 'Container health check or orchestrator probes',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Add a HEALTHCHECK to the Dockerfile (or liveness/readiness probes to the Kubernetes manifests) that calls the health route.',
    criterion: ({ docker, facts }) => {
      const probes = facts.grep(K8S_PROBE, 'Probe:', facts.find(/\.ya?ml$/), 5);
      if (docker?.healthcheck) return pass('the Dockerfile declares a HEALTHCHECK', [dockerEvidence(docker, docker.healthcheck.line, 'HEALTHCHECK')]);
      if (probes.length > 0) return pass('Kubernetes probes are declared', probes.map((p) => ({ kind: 'file', file: p.file, line: p.line, note: p.text.trim() })));
      if (!docker) return notApplicable('no Dockerfile or Kubernetes manifest');
      return fail('the Dockerfile has no HEALTHCHECK and no probes are declared', [dockerEvidence(docker, null, 'no HEALTHCHECK')]);
    },
  },
  {
    id: 'infra.dockerignore',
    category: 'Infrastructure',
    title: '.dockerignore keeps node_modules and .env out of the image',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Add a .dockerignore listing node_modules, .env and .git next to the Dockerfile.',
    criterion: ({ docker, facts }) => {
      if (!docker) return notApplicable('no Dockerfile');
      const file = facts.find(/(?:^|\/)\.dockerignore$/).sort()[0];
      if (!file) return fail('no .dockerignore: the build context sends everything, .env included');
      const text = facts.read(file) ?? '';
      const lines = text.split(/\r?\n/).map((l) => l.trim().replace(/^\*\*\//, '').replace(/\/$/, ''));
      const missing = ['node_modules', '.env'].filter((want) => !lines.some((l) => l === want || l === `${want}*` || l === `${want}/**` || (want === '.env' && l === '*.env')));
      if (missing.length > 0) return fail(`.dockerignore does not exclude ${missing.join(' or ')}`, [{ kind: 'file', file, line: null, note: `missing ${missing.join(', ')}` }]);
      return pass('.dockerignore excludes node_modules and .env', [{ kind: 'file', file, line: null, note: 'node_modules, .env' }]);
    },
  },
  {
    id: 'infra.node-version',
    category: 'Infrastructure',
    title: 'Node.js version declared (engines.node or .nvmrc)',
    risk: 'low',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Declare the supported Node.js range in package.json "engines.node" and/or add an .nvmrc.',
    criterion: needsPackageJson(({ facts }) => {
      const root = facts.packages[0]!;
      const engine = root.data.engines?.node;
      if (typeof engine === 'string') return pass(`engines.node is ${engine}`, [{ kind: 'file', file: root.file, line: root.text.slice(0, root.text.indexOf('"engines"')).split('\n').length, note: `engines.node ${engine}` }]);
      const rc = facts.find(/^(?:\.nvmrc|\.node-version|\.tool-versions)$/)[0];
      if (rc) return pass(`${rc} pins the Node.js version`, [{ kind: 'file', file: rc, line: 1, note: (facts.read(rc) ?? '').trim().slice(0, 40) }]);
      return fail('neither engines.node nor .nvmrc/.node-version says which Node.js to run', [{ kind: 'file', file: root.file, line: null, note: 'no engines.node' }]);
    }),
  },
  {
    id: 'infra.deploy-config',
    category: 'Infrastructure',
    title: 'Deployment is scripted (platform config or deploy script)',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Script the deployment: a platform file (fly.toml, app.yaml, serverless.yml, Kubernetes manifests, a systemd unit) or a deploy script in package.json.',
    criterion: ({ facts }) => {
      const targets = findDeployTargets(facts);
      if (targets.length === 0) return fail('no deployment configuration or deploy script found');
      return pass(`deploys to ${targets.map((t) => t.name).join(', ')}`, targets.slice(0, 5).map((t) => ({ kind: 'file', file: t.file, line: t.line, note: t.name })));
    },
  },
  {
    id: 'infra.vm-reachable',
    category: 'Infrastructure',
    title: 'Production machine reachable',
    risk: 'critical',
    source: 'live',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Restore the machine (or point the VM monitor at its current address) and keep a ping/TCP/SSH monitor with role "vm" on it.',
    criterion: ({ live }) =>
      judgeMonitors(live, 'the production machine', (m) => m.role === 'vm', (m) => ({ ok: isUpish(m.status), note: `${m.status}${m.lastLatencyMs !== null ? ` (${m.lastLatencyMs} ms)` : ''}` })),
  },
  {
    id: 'infra.dns-resolves',
    category: 'Infrastructure',
    title: 'Domain resolves in DNS',
    risk: 'high',
    source: 'live',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Publish A/AAAA (or CNAME) records for the domain and watch them with a DNS monitor.',
    criterion: ({ live }) =>
      judgeMonitors(
        live,
        'DNS resolution of the domain',
        (m) => m.target.kind === 'dns' && ['A', 'AAAA', 'CNAME'].includes(m.target.recordType),
        (m) => {
          const ev = m.evidence;
          if (!ev || typeof ev.rcode !== 'string') return ev?.error ? { ok: false, note: String(ev.error) } : null;
          const count = typeof ev.answerCount === 'number' ? ev.answerCount : 0;
          return { ok: ev.rcode === 'NOERROR' && count > 0, note: `${ev.rcode}, ${count} record(s)` };
        },
      ),
  },
  {
    id: 'infra.backups-fresh',
    category: 'Infrastructure',
    title: 'Backups are recent',
    risk: 'high',
    source: 'live',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Set up automated backups of the database and keep them watched for freshness.',
    criterion: ({ providers }) => providers.get(BACKUPS_PROVIDER) ?? unknown('no backup evidence source yet'),
  },
];
