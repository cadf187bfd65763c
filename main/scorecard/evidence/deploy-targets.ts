import type { Configuration } from '../../../preload/schemas/scorecard.ts';
import { allScripts } from '../rules/criteria.ts';
import type { RepoFacts } from './repo-facts.ts';

type Target = Configuration['deployTargets'][number];

const BY_FILE: Array<{ name: string; re: RegExp }> = [
  { name: 'AWS (Serverless Framework)', re: /(?:^|\/)serverless\.ya?ml$/ },
  { name: 'AWS (SAM/CloudFormation)', re: /(?:^|\/)template\.ya?ml$|(?:^|\/)samconfig\.toml$/ },
  { name: 'GCP App Engine', re: /(?:^|\/)app\.ya?ml$/ },
  { name: 'Google Cloud Build', re: /(?:^|\/)cloudbuild\.ya?ml$/ },
  { name: 'Fly.io', re: /(?:^|\/)fly\.toml$/ },
  { name: 'Vercel', re: /(?:^|\/)vercel\.json$/ },
  { name: 'Netlify', re: /(?:^|\/)netlify\.toml$/ },
  { name: 'Heroku', re: /(?:^|\/)Procfile$|(?:^|\/)app\.json$/ },
  { name: 'Render', re: /(?:^|\/)render\.ya?ml$/ },
  { name: 'Docker Compose', re: /(?:^|\/)(?:docker-)?compose(?:\.[\w-]+)?\.ya?ml$/ },
  { name: 'Kubernetes', re: /(?:^|\/)(?:k8s|kubernetes|manifests|helm|charts)\/.+\.ya?ml$/ },
  { name: 'systemd', re: /\.service$/ },
  { name: 'Terraform', re: /\.tf$/ },
];

const BY_SCRIPT: Array<{ name: string; re: RegExp }> = [
  { name: 'AWS (script)', re: /\bserverless\s+deploy\b|\bsls\s+deploy\b|\baws\s+\w+|\bcdk\s+deploy\b|\beb\s+deploy\b/ },
  { name: 'GCP (script)', re: /\bgcloud\s+\w+/ },
  { name: 'Fly.io (script)', re: /\bfly(?:ctl)?\s+deploy\b/ },
  { name: 'Vercel (script)', re: /\bvercel\b/ },
  { name: 'Kubernetes (script)', re: /\bkubectl\s+apply\b|\bhelm\s+(?:upgrade|install)\b/ },
  { name: 'SSH/rsync (script)', re: /\brsync\b|\bscp\b/ },
];

/** Where the repository says it gets deployed: platform files and deploy scripts, with file:line. */
export function findDeployTargets(facts: RepoFacts): Target[] {
  const out: Target[] = [];
  for (const t of BY_FILE) {
    const file = facts.find(t.re).sort()[0];
    if (file) out.push({ name: t.name, file, line: null });
  }
  for (const s of allScripts(facts)) {
    for (const t of BY_SCRIPT) {
      if (t.re.test(s.command) && !out.some((o) => o.name === t.name)) out.push({ name: t.name, file: s.file, line: s.line });
    }
  }
  return out;
}
