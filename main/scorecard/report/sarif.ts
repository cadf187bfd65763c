import type { Assessment, CheckReport } from '../../../preload/schemas/scorecard.ts';

const LEVEL: Record<CheckReport['risk'], 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning ranks results by this (0–10); it mirrors the risk weights. */
const SECURITY_SEVERITY: Record<CheckReport['risk'], string> = { critical: '9.5', high: '7.5', medium: '5.0', low: '2.5' };

/**
 * SARIF 2.1.0 for code scanning: one rule per check, one result per failing check at its evidence.
 * Every result has a location (GitHub's upload-sarif rejects one without): a check with no file
 * evidence (a missing file, a live probe) is placed at line 1 of a root file of the repository.
 */
export function renderSarif(a: Assessment): object {
  const fallback = rootLocation(a);
  const rules = a.checks.map((c) => ({
    id: c.id,
    name: c.id.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
    shortDescription: { text: c.title },
    fullDescription: { text: `${c.title} (${c.category}, ${c.risk} risk, required from the ${c.requiredFrom} tier)` },
    help: { text: c.remediation },
    defaultConfiguration: { level: LEVEL[c.risk] },
    properties: { category: c.category, risk: c.risk, tags: ['readiness', c.category.toLowerCase().replace(/\s+/g, '-')], 'security-severity': SECURITY_SEVERITY[c.risk] },
  }));
  const results = a.checks
    .map((c, ruleIndex) => ({ c, ruleIndex }))
    .filter(({ c }) => c.status === 'fail')
    .map(({ c, ruleIndex }) => {
      const files = c.evidence.filter((e) => e.kind === 'file');
      return {
        ruleId: c.id,
        ruleIndex,
        level: LEVEL[c.risk],
        message: { text: `${c.reason}. ${c.remediation}` },
        locations:
          files.length > 0
            ? files.slice(0, 5).map((e) => ({
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(e.file), uriBaseId: '%SRCROOT%' },
                  ...(e.line !== null && { region: { startLine: e.line } }),
                },
              }))
            : [fallback],
      };
    });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Photon Console', version: a.tool.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${encodeURI(a.repository.endsWith('/') ? a.repository : `${a.repository}/`)}` } },
        invocations: [{ executionSuccessful: true, endTimeUtc: a.assessedAt }],
        results,
      },
    ],
  };
}

/**
 * Where a result without file evidence goes: the root package.json, else the root README, else any
 * other root file the assessment saw, else the repository root itself.
 */
function rootLocation(a: Assessment): object {
  const atRoot = (file: string | null | undefined): file is string => typeof file === 'string' && file !== '' && !file.includes('/');
  const evidenceFiles = (c: CheckReport | undefined) => (c?.evidence ?? []).flatMap((e) => (e.kind === 'file' ? [e.file] : []));
  const readme = evidenceFiles(a.checks.find((c) => c.id === 'doc.readme' && c.status === 'pass')).find(atRoot);
  const file = [a.configuration.packageJson, readme, ...a.checks.flatMap(evidenceFiles)].find(atRoot);
  if (file === undefined) return { physicalLocation: { artifactLocation: { uri: '.', uriBaseId: '%SRCROOT%' } } };
  return { physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } };
}
