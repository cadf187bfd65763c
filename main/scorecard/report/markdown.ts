import type { Assessment, CheckReport, Evidence } from '../../../preload/schemas/scorecard.ts';

/**
 * The assessment as Markdown, in the shape of the reference report (executive summary, production
 * environment, deployment configuration, scorecard, blockers, roadmap). It prints only what the
 * JSON report holds: no number appears here that is not in the JSON (a test checks that).
 */
export function renderMarkdown(a: Assessment): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const pct = (n: number | null) => (n === null ? 'unknown' : `${n}%`);
  const commercial = a.categories.find((c) => c.name === 'Commercial Features')!;
  const live = a.checks.filter((c) => c.source === 'live');
  const vm = a.checks.find((c) => c.id === 'infra.vm-reachable');

  push('# 🚀 Deployment Readiness Assessment', '');
  push(`**Repository**: \`${a.repository}\` | **Assessed**: ${a.assessedAt} | **Tier**: ${a.tier} | **Tool**: Photon Console ${a.tool.version}`, '');

  push('## 📊 Executive Summary', '');
  push(`**Overall Deployment Readiness**: ${pct(a.overall.score)} ${icon(a.overall.level)} **${a.overall.level}**`);
  if (vm) push(`**Production Environment**: ${statusIcon(vm.status)} ${vm.reason}`);
  push(`**Commercial Readiness**: ${pct(commercial.current)}`);
  push(`**Tier reached**: ${a.overall.tierReached ?? 'none (a prototype-tier check is not passing)'}`);
  const k = a.overall.counts;
  push(`**Checks**: ${k.pass} pass, ${k.fail} fail, ${k.unknown} unknown, ${k.not_applicable} not applicable (of ${k.total})`, '');

  push('---', '', '## 🖥️ Production Environment Status', '');
  if (a.declared) {
    push(`### Declared infrastructure (from ${a.declared.source ?? 'the project'}; not measured)`, '');
    for (const [key, value] of Object.entries(a.declared.facts)) push(`- **${DECLARED_LABEL[key] ?? key}**: ${value}`);
    push('');
  }
  push('Live evidence from the project\'s monitors. A check without a monitor is unknown, never failed.', '');
  push('| Check | Status | Measured by | At | Detail |', '|---|---|---|---|---|');
  for (const c of live) {
    const probe = c.evidence.find((e): e is Extract<Evidence, { kind: 'probe' }> => e.kind === 'probe');
    push(`| ${c.title} | ${statusIcon(c.status)} ${c.status.toUpperCase()} | ${probe ? cell(probe.probe) : '—'} | ${probe?.at ?? '—'} | ${cell(c.reason)} |`);
  }
  push('');

  push('---', '', '## 🔧 Deployment Configuration Analysis', '');
  const cfg = a.configuration;
  push('### Application Configuration', '');
  if (cfg.packageJson) {
    push(`**File**: \`${cfg.packageJson}\``);
    push(`- **Node.js Version**: ${cfg.nodeEngine ?? '❌ not declared'}`);
    push(`- **Dependencies**: ${cfg.dependencies} production, ${cfg.devDependencies} development`);
    if (cfg.workspaces.length) push(`- **Workspaces**: ${cfg.workspaces.map((w) => `\`${w}\``).join(', ')}`);
    push(`- **Lockfile**: ${cfg.lockfile ? `\`${cfg.lockfile}\`` : '❌ none'}`);
  } else push('❌ No package.json in the repository.');
  push(`- **Docker Support**: ${cfg.docker ? `\`${cfg.docker.file}\` from ${cfg.docker.baseImages.map((b) => `\`${b}\``).join(', ') || 'no FROM'}, user ${cfg.docker.user ?? 'root (no USER)'}, HEALTHCHECK ${cfg.docker.healthcheck ? 'yes' : 'no'}` : '❌ no Dockerfile'}`);
  push(`- **Cloud Deployment**: ${cfg.deployTargets.length ? cfg.deployTargets.map((t) => `${t.name} (\`${t.file}${t.line !== null ? `:${t.line}` : ''}\`)`).join(', ') : '❌ none found'}`, '');
  if (Object.keys(cfg.scripts).length) {
    push('### Scripts', '', '```json', JSON.stringify(cfg.scripts, null, 2), '```', '');
  }
  push('### Environment Configuration', '');
  if (cfg.envTemplates.length === 0) push('No env template (.env.example, .env.sample, …) found.', '');
  for (const t of cfg.envTemplates) {
    push(`**File**: \`${t.file}\` (template)`, '', '| Key | Line | Value in the template |', '|---|---|---|');
    for (const key of t.keys) {
      const what = key.value === 'placeholder' ? '⚠️ placeholder: production value missing' : key.value === 'value' ? '✅ has a non-secret value' : `❌ real-looking secret: ${key.finding}`;
      push(`| \`${key.key}\` | ${key.line} | ${what} |`);
    }
    push('');
  }

  push('---', '', '## 📊 Deployment Readiness Scorecard', '');
  push('| **Category** | **Current Score** | **Target Score** | **Gap** | **Priority** |', '|---|---|---|---|---|');
  for (const c of a.categories) {
    const prio = c.priority === 'CRITICAL' ? '**CRITICAL**' : c.priority;
    push(`| ${c.name} | ${pct(c.current)} | ${c.target}% | ${c.gap === null ? 'unknown' : `${c.gap}%`} | ${prio} |`);
  }
  push('', `**Overall Deployment Readiness**: ${pct(a.overall.score)} ${icon(a.overall.level)} **${a.overall.level}**`, '');

  push('---', '', '## 🚨 Critical Deployment Blockers', '');
  const failing = a.checks.filter((c) => c.status === 'fail' && c.required);
  if (failing.length === 0) push(`No required check of the ${a.tier} tier is failing.`, '');
  for (const risk of ['critical', 'high', 'medium', 'low'] as const) {
    const list = failing.filter((c) => c.risk === risk);
    if (list.length === 0) continue;
    push(`### ${RISK_HEADING[risk]}`, '');
    for (const c of list) push(`- **${c.title}** (${c.category}): ${c.reason}.${where(c)}`);
    push('');
  }

  push('---', '', '## 🔧 Deployment Roadmap', '');
  const todo = a.checks.filter((c) => c.status === 'fail');
  if (todo.length === 0) push('Nothing failing.', '');
  for (const effort of ['small', 'medium', 'large'] as const) {
    const list = todo.filter((c) => c.effort === effort);
    if (list.length === 0) continue;
    push(`### ${EFFORT_HEADING[effort]}`, '');
    for (const c of list) push(`- [ ] ${c.remediation} _(${c.id}, ${c.risk} risk${c.required ? '' : `, needed from the ${c.requiredFrom} tier`})_`);
    push('');
  }

  push('---', '', '## 🔍 Check Details', '');
  for (const cat of a.categories) {
    push(`### ${cat.name}`, '', '| Status | Check | Reason | Evidence |', '|---|---|---|---|');
    for (const c of a.checks.filter((x) => x.category === cat.name)) {
      push(`| ${statusIcon(c.status)} ${c.status} | ${cell(c.title)} (\`${c.id}\`) | ${cell(c.reason)} | ${cell(c.evidence.map(evidenceText).join('; ') || '—')} |`);
    }
    push('');
  }

  if (a.walk.problems.length) {
    push('### Files that could not be read', '');
    for (const p of a.walk.problems) push(`- \`${p.path}\`: ${p.problem}`);
    push('');
  }
  push(`*Walked ${a.walk.files} files in ${a.walk.durationMs} ms. Every figure above comes from the repository or a monitor's measurement; unknown means no evidence yet.*`, '');
  return out.join('\n');
}

const DECLARED_LABEL: Record<string, string> = {
  domain: 'Target Domain',
  vmAddress: 'Production VM',
  provider: 'Provider',
  region: 'Region',
  instanceType: 'Instance type',
  monthlyCost: 'Cost per month',
};

const RISK_HEADING = { critical: 'Critical risk', high: 'High risk', medium: 'Medium risk', low: 'Low risk' } as const;
const EFFORT_HEADING = { small: 'Quick wins (small effort)', medium: 'Medium effort', large: 'Large effort' } as const;

export function evidenceText(e: Evidence): string {
  if (e.kind === 'file') return `${e.file}${e.line !== null ? `:${e.line}` : ''}${e.note ? ` (${e.note})` : ''}`;
  return `${e.probe} @ ${e.at ?? 'no result yet'}: ${e.note}`;
}

function where(c: CheckReport): string {
  const first = c.evidence[0];
  return first ? ` Evidence: ${evidenceText(first)}.` : '';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function statusIcon(s: CheckReport['status']): string {
  return s === 'pass' ? '✅' : s === 'fail' ? '❌' : s === 'unknown' ? '⚪' : '➖';
}

function icon(level: Assessment['overall']['level']): string {
  return level === 'STRONG' || level === 'GOOD' ? '✅' : level === 'MODERATE' ? '⚠️' : level === 'LOW' ? '❌' : '⚪';
}
