import ignore from 'ignore';
import type { Evidence } from '../../../preload/schemas/scorecard.ts';
import { ENV_TEMPLATE } from '../evidence/env-templates.ts';
import { judgeMonitors } from '../evidence/live-evidence.ts';
import { mayHoldSecret, secretPatternIn } from '../evidence/secret-detection.ts';
import { MAX_READ_BYTES } from '../evidence/walk-repository.ts';
import { fail, notApplicable, pass, unknown, type CheckDefinition } from '../types.ts';
import { declaredOf, evidenceOf, fileExists, importsOf, moduleUsed, needsPackageJson, whenImported } from './criteria.ts';

const HELMET = ['helmet', '@fastify/helmet', 'koa-helmet'];
const LOCKFILES = /^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|bun\.lock)$/;
const SCANNED_TEXT = /\.(?:[cm]?[jt]sx?|json|ya?ml|toml|ini|properties|sh|conf|cfg|xml|pem|key|py|rb|go|java|php)$|(?:^|\/)\.env$/;
const LOCK_OR_TEMPLATE = /(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/;
/** The secret scan reads at most this many bytes in all (the rest is reported, not scanned): time and memory stay bounded. */
export const SECRET_SCAN_MAX_BYTES = 64 * 1024 * 1024;
const MAX_SECRETS_SHOWN = 10;

export const securityChecks: CheckDefinition[] = [
  {
    id: 'sec.helmet-used',
    category: 'Security',
    title: 'Security headers middleware applied (helmet)',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Apply helmet to the app: `app.use(helmet())` (or register @fastify/helmet). Listing it in package.json does nothing.',
    criterion: ({ facts }) => {
      const imported = importsOf(facts, HELMET);
      const applied = imported.length > 0 ? facts.grep(/\bhelmet\s*\(|register\(\s*(?:fastifyH|h)elmet\b/, 'elmet', [...new Set(imported.map((m) => m.file))], 5, { code: true }) : [];
      if (applied.length > 0) return pass('helmet is applied to the app', evidenceOf(applied));
      if (imported.length > 0) return fail('helmet is imported but never applied', evidenceOf(imported));
      const listed = declaredOf(facts, HELMET);
      if (listed.length > 0) return fail('helmet is listed in package.json but no source file uses it', listed);
      return fail('no security headers middleware (helmet) found');
    },
  },
  {
    id: 'sec.cors-safe',
    category: 'Security',
    title: 'CORS does not allow any origin with credentials',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'List the allowed origins explicitly when credentials are allowed; never combine origin "*" (or reflecting any origin) with credentials: true.',
    criterion: whenImported('CORS middleware', ['cors', '@fastify/cors'], ({ facts }, uses) => {
      const files = [...new Set(uses.map((u) => u.file))];
      const credentialed = new Set(facts.grep(/\bcredentials\s*:\s*true\b/, 'credentials', files).map((m) => m.file));
      const wildcard = facts.grep(/\borigin\s*:\s*(?:['"`]\*['"`]|true)\b|\borigin\s*:\s*['"`]\*['"`]/, 'origin', files).filter((m) => credentialed.has(m.file));
      if (wildcard.length > 0) return fail('CORS allows any origin together with credentials', evidenceOf(wildcard));
      return pass('CORS is configured without wildcard origins for credentialed requests', evidenceOf(uses));
    }),
  },
  {
    id: 'sec.input-validation',
    category: 'Security',
    title: 'Input validation library used',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'medium',
    remediation: 'Validate every request body and query with a schema library (zod, joi, ajv, express-validator).',
    criterion: moduleUsed('validation library', ['zod', 'joi', 'yup', 'ajv', 'express-validator', 'class-validator', '@sinclair/typebox', 'valibot', 'superstruct', 'celebrate']),
  },
  {
    id: 'sec.xss-sanitiser',
    category: 'Security',
    title: 'HTML sanitiser used for user content',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Sanitise any user-supplied HTML with DOMPurify (isomorphic-dompurify) or sanitize-html before rendering it.',
    criterion: moduleUsed('HTML sanitiser', ['dompurify', 'isomorphic-dompurify', 'sanitize-html', 'xss', 'xss-filters']),
  },
  {
    id: 'sec.env-ignored',
    category: 'Security',
    title: '.env is ignored by git',
    risk: 'critical',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Add `.env` (and `.env.*` with `!.env.example`) to .gitignore.',
    criterion: ({ facts }) => {
      if (!facts.walk.has('.gitignore')) return fail('no .gitignore at the repository root');
      const text = facts.read('.gitignore') ?? '';
      if (ignore().add(text).ignores('.env')) return pass('.gitignore ignores .env', [{ kind: 'file', file: '.gitignore', line: null, note: '.env ignored' }]);
      return fail('.gitignore does not ignore .env', [{ kind: 'file', file: '.gitignore', line: null, note: 'no rule matches .env' }]);
    },
  },
  {
    id: 'sec.env-untracked',
    category: 'Security',
    title: 'No .env file committed',
    risk: 'critical',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Remove committed .env files (`git rm --cached .env`), rotate every secret they held, and ignore them.',
    criterion: ({ facts }) => {
      const tracked = facts.trackedEnvFiles;
      if (tracked === null) return unknown('not a git repository (or git is not installed): cannot tell what is committed');
      const real = tracked.filter((f) => !ENV_TEMPLATE.test(f));
      if (real.length > 0) return fail(`${real[0]} is committed to git`, real.slice(0, 5).map((file) => ({ kind: 'file', file, line: null, note: 'tracked by git' })));
      return pass('git tracks no .env file');
    },
  },
  {
    id: 'sec.env-template-placeholders',
    category: 'Security',
    title: 'Env templates hold placeholders only',
    risk: 'critical',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Replace real values in env templates with placeholders (e.g. `STRIPE_SECRET_KEY=your-key-here`) and rotate the exposed secrets.',
    criterion: ({ envTemplates }) => {
      if (envTemplates.length === 0) return notApplicable('no env template (.env.example, .env.sample, …)');
      const secrets: Evidence[] = envTemplates.flatMap((t) => t.keys.filter((k) => k.value === 'secret').map((k) => ({ kind: 'file' as const, file: t.file, line: k.line, note: `${k.key}: ${k.finding}` })));
      if (secrets.length > 0) return fail(`${secrets.length} value(s) in env templates look like real secrets`, secrets.slice(0, 10));
      const keys = envTemplates.reduce((n, t) => n + t.keys.length, 0);
      return pass(`${keys} key(s) in ${envTemplates.length} template(s), none with a real-looking secret`, envTemplates.map((t) => ({ kind: 'file', file: t.file, line: null, note: `${t.keys.length} keys` })));
    },
  },
  {
    id: 'sec.no-secrets-in-code',
    category: 'Security',
    title: 'No secrets in committed code or config',
    risk: 'critical',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'medium',
    remediation: 'Move the secret to the environment or a secret store, remove it from the repository and rotate it.',
    criterion: ({ facts, limits }) => {
      const budget = limits?.secretScanBytes ?? SECRET_SCAN_MAX_BYTES;
      const found: Evidence[] = [];
      let scanned = 0;
      let notScanned = 0;
      let firstNotScanned: string | null = null;
      for (const { path: file, size } of facts.walk.files) {
        if (found.length >= MAX_SECRETS_SHOWN) break;
        if (!SCANNED_TEXT.test(file) || LOCK_OR_TEMPLATE.test(file) || ENV_TEMPLATE.test(file) || facts.isTestFile(file)) continue;
        // Files over the read limit are not read (and reported by the read); the rest count against the budget.
        const cost = size > MAX_READ_BYTES ? 0 : size;
        if (notScanned > 0 || scanned + cost > budget) {
          notScanned++;
          firstNotScanned ??= file;
          continue;
        }
        scanned += cost;
        // Read without caching: this scan touches every text file, the other checks a few.
        const text = facts.walk.read(file, { cache: false });
        if (text === null || !mayHoldSecret(text)) continue;
        const lines = text.split('\n');
        for (let i = 0; i < lines.length && found.length < MAX_SECRETS_SHOWN; i++) {
          const what = secretPatternIn(lines[i]!);
          if (what) found.push({ kind: 'file', file, line: i + 1, note: `${what} (value not shown)` });
        }
      }
      if (notScanned > 0) {
        facts.walk.problems.push({ path: firstNotScanned!, problem: `secret scan stopped at its ${budget}-byte budget: this and ${notScanned - 1} more file(s) not scanned` });
      }
      if (found.length > 0) return fail(`${found.length} secret(s) found in the repository`, found);
      if (notScanned > 0) return pass(`no known secret format found in the ${scanned} bytes scanned (${notScanned} file(s) over the scan budget not scanned)`);
      return pass('no known secret format found in code or config');
    },
  },
  {
    id: 'sec.lockfile',
    category: 'Security',
    title: 'Dependency lockfile committed',
    risk: 'high',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Commit the lockfile (package-lock.json, pnpm-lock.yaml or yarn.lock) so installs are reproducible and auditable.',
    criterion: needsPackageJson(fileExists('lockfile', LOCKFILES)),
  },
  {
    id: 'sec.security-policy',
    category: 'Security',
    title: 'Security policy (SECURITY.md)',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Add SECURITY.md saying how to report a vulnerability and what versions get fixes.',
    criterion: fileExists('SECURITY.md', /^(?:\.github\/|docs\/)?SECURITY\.(?:md|txt|rst)$/i),
  },
  {
    id: 'sec.dependency-updates',
    category: 'Security',
    title: 'Automated dependency updates (Dependabot or Renovate)',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Enable Dependabot (.github/dependabot.yml) or Renovate (renovate.json) for npm and the Docker base image.',
    criterion: fileExists('Dependabot/Renovate configuration', /^(?:\.github\/dependabot\.ya?ml|renovate\.json5?|\.renovaterc(?:\.json)?|\.github\/renovate\.json5?)$/),
  },
  {
    id: 'sec.headers-live',
    category: 'Security',
    title: 'Security headers on live responses (HSTS, nosniff, CSP/frame options)',
    risk: 'high',
    source: 'live',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Send Strict-Transport-Security (HTTPS), X-Content-Type-Options: nosniff and a Content-Security-Policy (or X-Frame-Options) on every response.',
    criterion: ({ live }) =>
      judgeMonitors(
        live,
        'security headers',
        (m) => m.target.kind === 'http',
        (m) => {
          const headers = m.evidence?.headers;
          if (!headers || typeof headers !== 'object') return null;
          const h = headers as Record<string, unknown>;
          const https = m.target.kind === 'http' && m.target.url.startsWith('https:');
          const missing = [
            https && !h['strict-transport-security'] && 'Strict-Transport-Security',
            String(h['x-content-type-options'] ?? '').toLowerCase() !== 'nosniff' && 'X-Content-Type-Options: nosniff',
            !h['content-security-policy'] && !h['x-frame-options'] && 'Content-Security-Policy or X-Frame-Options',
          ].filter(Boolean);
          return missing.length ? { ok: false, note: `missing ${missing.join(', ')}` } : { ok: true, note: 'security headers present' };
        },
      ),
  },
];
