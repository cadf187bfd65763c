import type { Evidence } from '../../../preload/schemas/scorecard.ts';
import type { RepoFacts } from './repo-facts.ts';

export interface DockerFacts {
  file: string;
  from: Array<{ image: string; stage: string | null; line: number }>;
  /** The final stage's last USER (inherited from the stage it builds on), null when there is none: the image then runs as root. */
  user: { name: string; line: number } | null;
  /** The final stage's HEALTHCHECK (or the one it inherits), null when none or NONE. */
  healthcheck: { line: number } | null;
  /** The final stage's ENV instructions (and those it inherits), as KEY=value text. */
  env: Array<{ text: string; line: number }>;
}

const DOCKERFILE = /(?:^|\/)(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|\.Dockerfile$/i;

type StageState = Pick<DockerFacts, 'user' | 'healthcheck' | 'env'>;

/**
 * The shallowest Dockerfile, read instruction by instruction (continuation lines joined). USER,
 * HEALTHCHECK and ENV describe the image that runs, so only the final stage's count: every FROM
 * starts afresh, or from the state of the earlier stage it names.
 */
export function readDockerfile(facts: RepoFacts): DockerFacts | null {
  const file = facts.find(DOCKERFILE).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  if (!file) return null;
  const text = facts.read(file) ?? '';
  const from: DockerFacts['from'] = [];
  const stages = new Map<string, StageState>();
  let state: StageState = { user: null, healthcheck: null, env: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let line = lines[i]!;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!;
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [op, args] = [m[1]!.toUpperCase(), m[2]!.trim()];
    if (op === 'FROM') {
      const words = args.replace(/^--platform=\S+\s+/, '').split(/\s+/);
      const stage = words[1]?.toUpperCase() === 'AS' ? (words[2] ?? null) : null;
      from.push({ image: words[0]!, stage, line: start });
      const base = stages.get(words[0]!.toLowerCase());
      state = base ? { ...base, env: [...base.env] } : { user: null, healthcheck: null, env: [] };
      if (stage) stages.set(stage.toLowerCase(), state);
    } else if (op === 'USER') state.user = { name: args.split(/\s+/)[0]!, line: start };
    else if (op === 'HEALTHCHECK') state.healthcheck = /^NONE\b/i.test(args) ? null : { line: start };
    else if (op === 'ENV') state.env.push({ text: envText(args), line: start });
  }
  return { file, from, ...state };
}

/** ENV KEY=value … as written; the legacy `ENV KEY value with spaces` as KEY="value with spaces". */
function envText(args: string): string {
  const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(args);
  if (legacy && !legacy[1]!.includes('=') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) return `${legacy[1]}=${JSON.stringify(legacy[2])}`;
  return args;
}

/** Images pulled from a registry (not earlier build stages) without a tag or with :latest. */
export function unpinnedImages(d: DockerFacts): Array<{ image: string; line: number }> {
  const stages = new Set(d.from.map((f) => f.stage?.toLowerCase()).filter(Boolean));
  return d.from.filter((f) => {
    if (f.image === 'scratch' || stages.has(f.image.toLowerCase())) return false;
    if (f.image.includes('@sha256:')) return false;
    const last = f.image.split('/').pop()!;
    const tag = last.includes(':') ? last.split(':')[1] : null;
    return tag === null || tag === 'latest';
  });
}

export const dockerEvidence = (d: DockerFacts, line: number | null, note: string): Evidence => ({ kind: 'file', file: d.file, line, note });
