import { fail, notApplicable, pass, type CheckDefinition } from '../types.ts';
import { fileExists } from './criteria.ts';

const README = /^README(?:\.md|\.markdown|\.rst|\.txt)?$/i;
const SECTIONS: Array<{ name: string; re: RegExp }> = [
  { name: 'installation', re: /install|getting started|setup|quick ?start/i },
  { name: 'usage', re: /usage|running|how to use|run /i },
  { name: 'configuration', re: /config|environment|settings/i },
  { name: 'deployment', re: /deploy|production|hosting/i },
];
/** Set by the platform or by Node itself; nobody documents them per project. */
const WELL_KNOWN_ENV = new Set(['NODE_ENV', 'PORT', 'HOME', 'PATH', 'CI', 'TZ', 'HOSTNAME']);

export const documentationChecks: CheckDefinition[] = [
  {
    id: 'doc.readme',
    category: 'Documentation',
    title: 'README',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Add a README saying what the service does and how to run it.',
    criterion: fileExists('README', README),
  },
  {
    id: 'doc.readme-sections',
    category: 'Documentation',
    title: 'README covers installation, usage, configuration and deployment',
    risk: 'low',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Add README sections for installation, usage, configuration (every environment variable) and deployment.',
    criterion: ({ facts }) => {
      const file = facts.find(README)[0];
      if (!file) return fail('no README');
      const text = facts.read(file) ?? '';
      const headings = text.split(/\r?\n/).map((l, i) => ({ l, i })).filter(({ l }) => /^#{1,6}\s/.test(l));
      const found = SECTIONS.map((s) => ({ s, h: headings.find(({ l }) => s.re.test(l)) }));
      const missing = found.filter((f) => !f.h).map((f) => f.s.name);
      const evidence = found.filter((f) => f.h).map((f) => ({ kind: 'file' as const, file, line: f.h!.i + 1, note: f.h!.l.trim().slice(0, 80) }));
      if (missing.length > 0) return fail(`README has no section on ${missing.join(', ')}`, evidence);
      return pass('README has installation, usage, configuration and deployment sections', evidence);
    },
  },
  {
    id: 'doc.license',
    category: 'Documentation',
    title: 'LICENSE file',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Add a LICENSE file (or a proprietary notice) so users know their rights.',
    criterion: fileExists('LICENSE file', /^(?:LICEN[CS]E|COPYING)(?:\.md|\.txt)?$/i),
  },
  {
    id: 'doc.env-documented',
    category: 'Documentation',
    title: 'Every environment variable the code reads is in an env template',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'List every process.env key the code reads in .env.example, with a placeholder and a comment.',
    criterion: ({ facts, envTemplates }) => {
      const uses = facts.grep(/process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[['"]([A-Z_][A-Z0-9_]*)['"]\]/, 'process.env', undefined, 500);
      const used = new Map<string, (typeof uses)[number]>();
      for (const u of uses) {
        const key = /process\.env(?:\.|\[['"])([A-Z_][A-Z0-9_]*)/.exec(u.text)?.[1];
        if (key && !WELL_KNOWN_ENV.has(key) && !used.has(key)) used.set(key, u);
      }
      if (used.size === 0) return notApplicable('the code reads no project-specific environment variable');
      const documented = new Set(envTemplates.flatMap((t) => t.keys.map((k) => k.key)));
      const missing = [...used].filter(([k]) => !documented.has(k));
      if (missing.length > 0) {
        return fail(
          `${missing.length} of ${used.size} environment variables are not in any env template (${missing.slice(0, 5).map(([k]) => k).join(', ')})`,
          missing.slice(0, 10).map(([k, m]) => ({ kind: 'file', file: m.file, line: m.line, note: `${k} read here` })),
        );
      }
      return pass(`all ${used.size} environment variables are documented`, envTemplates.map((t) => ({ kind: 'file', file: t.file, line: null, note: `${t.keys.length} keys` })));
    },
  },
  {
    id: 'doc.changelog-contributing',
    category: 'Documentation',
    title: 'CHANGELOG or CONTRIBUTING guide',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Keep a CHANGELOG.md of releases and/or a CONTRIBUTING.md for new developers.',
    criterion: fileExists('CHANGELOG or CONTRIBUTING', /^(?:\.github\/|docs\/)?(?:CHANGELOG|CHANGES|HISTORY|CONTRIBUTING)(?:\.md|\.rst|\.txt)?$/i),
  },
  {
    id: 'doc.api-spec',
    category: 'Documentation',
    title: 'API specification (OpenAPI)',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'medium',
    remediation: 'Describe the HTTP API in an OpenAPI document (openapi.yaml) or generate one (swagger-jsdoc, @fastify/swagger).',
    criterion: (ctx) => {
      const spec = ctx.facts.find(/(?:^|\/)(?:openapi|swagger)[\w.-]*\.(?:ya?ml|json)$/i);
      if (spec.length > 0) return pass(`API specification ${spec[0]}`, [{ kind: 'file', file: spec[0]!, line: null, note: 'OpenAPI' }]);
      const gen = ctx.facts.imports(/^(?:swagger-jsdoc|@fastify\/swagger|@nestjs\/swagger|express-openapi|tsoa)$/);
      if (gen.length > 0) return pass('an OpenAPI generator is used', [{ kind: 'file', file: gen[0]!.file, line: gen[0]!.line, note: gen[0]!.text }]);
      return fail('no OpenAPI/Swagger specification');
    },
  },
  {
    id: 'doc.runbook',
    category: 'Documentation',
    title: 'Operations runbook',
    risk: 'low',
    source: 'static',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Write a runbook: how to deploy, roll back, restore a backup and what to do when the health check fails.',
    criterion: fileExists('runbook', /(?:^|\/)[\w-]*(?:runbook|operations|playbook|incident)[\w-]*\.(?:md|rst|txt)$/i),
  },
];

