import type { Configuration } from '../../../preload/schemas/scorecard.ts';
import type { RepoFacts } from './repo-facts.ts';
import { isPlaceholder, secretFinding } from './secret-detection.ts';

/** Committed examples of a .env: what a deployment must fill in. `.env` itself is not a template. */
export const ENV_TEMPLATE = /(?:^|\/)(?:\.env\.(?:example|sample|template|dist|defaults|secure|production\.example)|env\.(?:example|sample|template)|\.env-(?:example|sample|template)|example\.env|sample\.env)$/i;

export type EnvTemplate = Configuration['envTemplates'][number];

/** KEY=value lines of every env template; values are classified, never kept. */
export function readEnvTemplates(facts: RepoFacts): EnvTemplate[] {
  const out: EnvTemplate[] = [];
  for (const file of facts.find(ENV_TEMPLATE).sort()) {
    const text = facts.read(file);
    if (text === null) continue;
    const keys: EnvTemplate['keys'] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(raw);
      if (!m) return;
      const value = unquote(m[2]!);
      const finding = secretFinding(m[1]!, value);
      keys.push({ key: m[1]!, line: i + 1, value: finding ? 'secret' : isPlaceholder(value) ? 'placeholder' : 'value', finding });
    });
    out.push({ file, keys });
  }
  return out;
}

function unquote(raw: string): string {
  const v = raw.trim();
  const q = /^(['"])(.*)\1$/.exec(v);
  if (q) return q[2]!;
  // An unquoted value ends at a comment.
  return v.replace(/\s+#.*$/, '');
}
