import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoopHealth, MonitorTarget } from '../../preload/contract.ts';
import type { LiveEvidence, LiveMonitor } from '../../main/scorecard/evidence/live-evidence.ts';
import type { EvidenceProvider } from '../../main/scorecard/evidence/providers.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

/** Writes files (path → content) under dir, creating folders. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function gitAddAll(dir: string): void {
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
}

const json = (o: unknown) => JSON.stringify(o, null, 2) + '\n';

export const GOOD_FILES: Record<string, string> = {
  'package.json': json({
    name: 'good-service',
    version: '1.0.0',
    license: 'MIT',
    engines: { node: '>=20' },
    scripts: {
      start: 'NODE_ENV=production node src/server.js',
      test: 'node --test --experimental-test-coverage',
      lint: 'eslint .',
      deploy: 'fly deploy',
      loadtest: 'k6 run load/smoke.js',
    },
    dependencies: {
      express: '^4.19.0', helmet: '^7.1.0', cors: '^2.8.5', compression: '^1.7.4', 'express-session': '^1.18.0', 'express-rate-limit': '^7.2.0',
      pino: '^9.0.0', '@sentry/node': '^8.0.0', 'prom-client': '^15.1.0', zod: '^3.23.0', jsonwebtoken: '^9.0.2', bcrypt: '^5.1.1',
      'openid-client': '^5.6.5', otplib: '^12.0.1', 'isomorphic-dompurify': '^2.11.0', ioredis: '^5.4.1', pg: '^8.11.5', stripe: '^15.0.0', nodemailer: '^6.9.13',
    },
    devDependencies: { eslint: '^9.0.0' },
  }),
  'package-lock.json': json({ name: 'good-service', lockfileVersion: 3, packages: {} }),
  '.nvmrc': '22\n',
  '.gitignore': 'node_modules\n.env\n.env.*\n!.env.example\ncoverage/\n',
  '.env.example': [
    '# Copy to .env and fill in real values; never commit .env',
    'NODE_ENV=production',
    'DATABASE_URL=postgres://user:password@localhost:5432/app',
    'REDIS_URL=redis://localhost:6379',
    'JWT_SECRET=your-jwt-secret-here',
    'SESSION_SECRET=changeme',
    'STRIPE_SECRET_KEY=sk_live_your-key-here',
    'STRIPE_WEBHOOK_SECRET=<whsec from the Stripe dashboard>',
    'SENTRY_DSN=',
    '',
  ].join('\n'),
  'src/server.js': `import express from 'express';
import helmet from 'helmet';
import cors from 'cors';
import compression from 'compression';
import session from 'express-session';
import rateLimit from 'express-rate-limit';
import pino from 'pino';
import * as Sentry from '@sentry/node';
import client from 'prom-client';
import { z } from 'zod';
import jwt from 'jsonwebtoken';
import bcrypt from 'bcrypt';
import { Issuer } from 'openid-client';
import { authenticator } from 'otplib';
import DOMPurify from 'isomorphic-dompurify';
import Redis from 'ioredis';
import pg from 'pg';
import Stripe from 'stripe';
import nodemailer from 'nodemailer';

const log = pino();
Sentry.init({ dsn: process.env.SENTRY_DSN });
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const cache = new Redis(process.env.REDIS_URL);
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();
app.use(helmet());
app.use(cors({ origin: ['https://app.example.com'], credentials: true }));
app.use(compression());
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, httpOnly: true, sameSite: 'lax' } }));
app.use('/login', rateLimit({ windowMs: 60_000, limit: 10 }));

app.get('/health', async (_req, res) => res.json({ ok: true }));
app.get('/metrics', async (_req, res) => res.send(await client.register.metrics()));

const Login = z.object({ email: z.string().email(), password: z.string().min(12) });
app.post('/login', async (req, res) => {
  const { email, password } = Login.parse(req.body);
  const user = await db.query('SELECT * FROM users WHERE email = $1', [email]);
  if (!(await bcrypt.compare(password, user.rows[0].hash))) return res.sendStatus(401);
  res.json({ token: jwt.sign({ sub: user.rows[0].id }, process.env.JWT_SECRET) });
});

app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  if (event.type === 'customer.subscription.updated') log.info({ id: event.id }, 'subscription changed');
  res.sendStatus(200);
});

const server = app.listen(3000);
process.on('SIGTERM', () => server.close(() => db.end()));
`,
  'load/smoke.js': "import http from 'k6/http';\nexport default function () { http.get('http://localhost:3000/health'); }\n",
  'test/server.test.js': "import { test } from 'node:test';\ntest('health', () => {});\n",
  'Dockerfile': `FROM node:22.11-alpine AS build
WORKDIR /app
COPY . .
RUN npm ci
FROM node:22.11-alpine
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1
CMD ["node", "src/server.js"]
`,
  '.dockerignore': 'node_modules\n.env\n.git\n',
  'docker-compose.yml': 'services:\n  app:\n    build: .\n    restart: unless-stopped\n',
  'fly.toml': 'app = "good-service"\n',
  'README.md': '# Good service\n\n## Installation\n\nnpm ci\n\n## Usage\n\nnpm start\n\n## Configuration\n\nSee .env.example.\n\n## Deployment\n\nfly deploy\n',
  'LICENSE': 'MIT License\n',
  'CHANGELOG.md': '# Changelog\n',
  'SECURITY.md': '# Security policy\n',
  'openapi.yaml': 'openapi: 3.0.0\n',
  'docs/runbook.md': '# Runbook\n',
  'docs/privacy-policy.md': '# Privacy\n',
  'docs/terms-of-service.md': '# Terms\n',
  '.github/dependabot.yml': 'version: 2\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npm run lint\n      - run: npm test\n',
  '.github/workflows/codeql.yml': 'on: push\njobs:\n  analyze:\n    steps:\n      - uses: github/codeql-action/analyze@v3\n',
};

/** Planted, realistic-looking but fake keys. */
export const PLANTED = {
  aws: 'AKIAQ3EGRW5TLX7NBM2P',
  stripe: 'sk_live_51HqLyjWDarjtT1zdp7dcXYZab',
  hex: '8f3a9c2e71b4d6058e9f1a2b3c4d5e6f',
  dbPassword: 'Xk9mP2vQ8rTz',
};

export const POOR_FILES: Record<string, string> = {
  'package.json': json({
    name: 'poor-service',
    version: '0.0.1',
    main: 'index.js',
    scripts: { start: 'node index.js', test: 'echo "Error: no test specified" && exit 1' },
    dependencies: { express: '^4.19.0', helmet: '^7.1.0', jsonwebtoken: '^9.0.2', cors: '^2.8.5', stripe: '^15.0.0', 'better-sqlite3': '^9.6.0', winston: '^3.13.0' },
  }),
  '.env': `STRIPE_SECRET_KEY=${PLANTED.stripe}\n`,
  '.env.example': [
    `DATABASE_URL=postgres://admin:${PLANTED.dbPassword}@db.internal:5432/prod`,
    `AWS_ACCESS_KEY_ID=${PLANTED.aws}`,
    `STRIPE_SECRET_KEY=${PLANTED.stripe}`,
    `JWT_SECRET=${PLANTED.hex}`,
    'API_KEY=your-key-here',
    '',
  ].join('\n'),
  'index.js': `const express = require('express');
const jwt = require('jsonwebtoken');
const cors = require('cors');
const Stripe = require('stripe');
const Database = require('better-sqlite3');

const db = new Database('app.db');
const stripe = Stripe('${PLANTED.stripe}');
const app = express();
app.use(cors({ origin: '*', credentials: true }));

app.post('/login', (req, res) => {
  const user = db.prepare('SELECT * FROM users WHERE name = ?').get(req.body.name);
  if (user.password === req.body.password) {
    const token = jwt.sign({ id: user.id }, 'supersecret123');
    res.cookie('token', token, { secure: false, httpOnly: false });
    res.json({ token });
  }
});

app.post('/stripe-webhook', (req, res) => {
  const event = req.body;
  res.sendStatus(200);
});

app.listen(process.env.APP_PORT || 3000);
`,
  'Dockerfile': 'FROM node:latest\nCOPY . .\nRUN npm install\nCMD node index.js\n',
  'README.md': '# poor\n\nJust run it.\n',
  'photon.yml': 'environment:\n  domain: poor.example.test\n  vmAddress: 203.0.113.10\n  provider: GCP\n  region: us-central1-a\n  monthlyCost: "$0"\n',
};

/** A repository that is not an npm project at all. */
export const NO_PACKAGE_FILES: Record<string, string> = {
  'main.py': 'print("hello")\n',
  'scripts/run.sh': '#!/bin/sh\npython3 main.py\n',
};

export const MONOREPO_FILES: Record<string, string> = {
  'package.json': json({ name: 'mono', private: true, workspaces: ['packages/*'], engines: { node: '>=20' }, devDependencies: { typescript: '^5.4.0' } }),
  'package-lock.json': json({ lockfileVersion: 3 }),
  'packages/api/package.json': json({ name: '@mono/api', scripts: { test: 'vitest run' }, dependencies: { fastify: '^4.26.0', '@fastify/helmet': '^11.1.1', pino: '^9.0.0' } }),
  'packages/api/src/index.ts': "import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\nconst app = Fastify({ logger: true });\nawait app.register(helmet);\napp.get('/healthz', async () => ({ ok: true }));\n",
  'packages/api/src/index.test.ts': "import { test } from 'vitest';\ntest('x', () => {});\n",
  'packages/web/package.json': json({ name: '@mono/web', dependencies: { react: '^18.3.0' } }),
  'packages/web/src/App.tsx': "import React from 'react';\nexport const App = () => <main>hello</main>;\n",
};

export interface Fixture {
  name: string;
  dir: string;
  live?: LiveEvidence;
  providers?: EvidenceProvider[];
}

export function makeFixture(name: string, files: Record<string, string>, opts: { git?: boolean } = {}): { dir: string; cleanup: () => void } {
  const temp = makeTempDir(`photon-scorecard-${name}-`);
  writeTree(temp.dir, files);
  if (opts.git) gitAddAll(temp.dir);
  return temp;
}

// ── Live evidence: monitor snapshots as MonitoringService records them ───────────────────────────

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function monitor(id: number, role: string, target: MonitorTarget, status: LiveMonitor['status'], evidence: Record<string, unknown> | null, latency: number | null, at = NOW - 30_000): LiveMonitor {
  return { id, name: `m${id}`, role, target, probe: `${target.kind} probe`, status, lastAt: at, lastLatencyMs: latency, evidence };
}

const http = (url: string): MonitorTarget => ({ kind: 'http', url, method: 'GET', headers: {}, followRedirects: true, verifyTls: true });
const dns = (query: string, recordType: 'A' | 'TXT'): MonitorTarget => ({ kind: 'dns', query, recordType });
const loop = (name: string, state: LoopHealth['state']): LoopHealth => ({ name, description: name, state, runs: 10, errors: state === 'failing' ? 3 : 0, lastRunAt: NOW - 1000, lastDurationMs: 5, lastError: state === 'failing' ? 'disk full' : null, nextRunAt: NOW + 1000 });

export const GOOD_LIVE: LiveEvidence = {
  now: NOW,
  staleAfterMs: 300_000,
  loops: [loop('checks', 'ok'), loop('results-writer', 'ok')],
  monitors: [
    monitor(1, 'vm', { kind: 'ping', host: '203.0.113.10', count: 3 }, 'UP', { method: 'icmp' }, 21),
    monitor(2, 'dns', dns('app.example.com', 'A'), 'UP', { rcode: 'NOERROR', answers: ['203.0.113.10'], answerCount: 1 }, 8),
    monitor(3, 'dns', dns('example.com', 'TXT'), 'UP', { rcode: 'NOERROR', answers: ['v=spf1 include:_spf.example.net -all'], answerCount: 1 }, 8),
    monitor(4, 'dns', dns('_dmarc.example.com', 'TXT'), 'UP', { rcode: 'NOERROR', answers: ['v=DMARC1; p=quarantine'], answerCount: 1 }, 8),
    monitor(5, 'dns', dns('s1._domainkey.example.com', 'TXT'), 'UP', { rcode: 'NOERROR', answers: ['v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3'], answerCount: 1 }, 8),
    monitor(6, 'api', http('https://app.example.com/health'), 'UP', {
      status: 200,
      headers: { 'strict-transport-security': 'max-age=31536000', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'self'" },
      tls: { daysLeft: 61, authorized: true },
    }, 120),
    monitor(7, 'other', http('http://app.example.com/'), 'UP', { status: 200, finalUrl: 'https://app.example.com/', redirects: [{ url: 'http://app.example.com/', status: 301, location: 'https://app.example.com/' }] }, 40),
  ],
};

export const POOR_LIVE: LiveEvidence = {
  now: NOW,
  staleAfterMs: 300_000,
  loops: [loop('checks', 'ok'), loop('results-writer', 'failing')],
  monitors: [
    monitor(1, 'vm', { kind: 'ping', host: '203.0.113.10', count: 3 }, 'DOWN', { method: 'icmp', output: '100% packet loss' }, null),
    monitor(2, 'dns', dns('app.example.com', 'A'), 'DOWN', { rcode: 'NXDOMAIN', answers: [], answerCount: 0 }, 8),
    monitor(3, 'dns', dns('example.com', 'TXT'), 'UP', { rcode: 'NOERROR', answers: ['google-site-verification=abc'], answerCount: 1 }, 8),
    monitor(4, 'dns', dns('_dmarc.example.com', 'TXT'), 'DOWN', { rcode: 'NXDOMAIN', answers: [], answerCount: 0 }, 8),
    monitor(5, 'dns', dns('s1._domainkey.example.com', 'TXT'), 'DOWN', { rcode: 'NXDOMAIN', answers: [], answerCount: 0 }, 8),
    monitor(6, 'api', http('https://app.example.com/health'), 'DOWN', { status: 503, headers: { 'content-type': 'text/html' }, tls: { daysLeft: 3, authorized: true } }, 2300),
    monitor(7, 'other', http('http://app.example.com/'), 'UP', { status: 200, finalUrl: 'http://app.example.com/', redirects: [], headers: { 'content-type': 'text/html' } }, 40),
  ],
};

export const backupsProvider = (outcome: 'pass' | 'fail'): EvidenceProvider => ({
  id: 'backups',
  collect: () =>
    outcome === 'pass'
      ? { status: 'pass', reason: 'last backup 2 h ago', evidence: [{ kind: 'probe', monitorId: null, probe: 'backup job nightly', at: new Date(NOW - 7_200_000).toISOString(), note: 'ok' }] }
      : { status: 'fail', reason: 'last backup 9 days ago', evidence: [{ kind: 'probe', monitorId: null, probe: 'backup job nightly', at: new Date(NOW - 9 * 86_400_000).toISOString(), note: 'stale' }] },
});
