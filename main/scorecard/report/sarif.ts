import type { Assessment, CheckReport } from '../../../preload/schemas/scorecard.ts';

const LEVEL: Record<CheckReport['risk'], 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning ranks results by this (0–10); it mirrors the risk weights. */
const SECURITY_SEVERITY: Record<CheckReport['risk'], string> = { critical: '9.5', high: '7.5', medium: '5.0', low: '2.5' };

/** SARIF 2.1.0 for code scanning: one rule per check, one result per failing check at its evidence. */
export function renderSarif(a: Assessment): object {
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
        ...(files.length > 0 && {
          locations: files.slice(0, 5).map((e) => ({
            physicalLocation: {
              artifactLocation: { uri: encodeURI(e.file), uriBaseId: '%SRCROOT%' },
              ...(e.line !== null && { region: { startLine: e.line } }),
            },
          })),
        }),
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
