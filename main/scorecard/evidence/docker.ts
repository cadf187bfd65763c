import type { Evidence } from '../../../preload/schemas/scorecard.ts';
import type { RepoFacts } from './repo-facts.ts';

export interface DockerFacts {
  file: string;
  from: Array<{ image: string; stage: string | null; line: number }>;
  /** The last USER instruction, null when there is none (the image then runs as root). */
  user: { name: string; line: number } | null;
  healthcheck: { line: number } | null;
  env: Array<{ text: string; line: number }>;
}

const DOCKERFILE = /(?:^|\/)(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|\.Dockerfile$/i;

/** The shallowest Dockerfile, read instruction by instruction (continuation lines joined). */
export function readDockerfile(facts: RepoFacts): DockerFacts | null {
  const file = facts.find(DOCKERFILE).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  if (!file) return null;
  const text = facts.read(file) ?? '';
  const out: DockerFacts = { file, from: [], user: null, healthcheck: null, env: [] };
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
      out.from.push({ image: words[0]!, stage: words[1]?.toUpperCase() === 'AS' ? (words[2] ?? null) : null, line: start });
    }
    else if (op === 'USER') out.user = { name: args.split(/\s+/)[0]!, line: start };
    else if (op === 'HEALTHCHECK' && !/^NONE\b/i.test(args)) out.healthcheck = { line: start };
    else if (op === 'ENV') out.env.push({ text: args, line: start });
  }
  return out;
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
