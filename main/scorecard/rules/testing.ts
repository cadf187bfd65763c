import { fail, pass, type CheckDefinition } from '../types.ts';
import { allScripts, ciRuns, needsPackageJson } from './criteria.ts';

const NPM_DEFAULT_TEST = /no test specified/;

export const testingChecks: CheckDefinition[] = [
  {
    id: 'test.script',
    category: 'Testing',
    title: 'A real test script (not npm\'s placeholder)',
    risk: 'high',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'small',
    remediation: 'Make `npm test` run the test suite (jest, vitest, node --test, mocha).',
    criterion: needsPackageJson(({ facts }) => {
      const tests = allScripts(facts).filter((s) => s.name === 'test');
      const real = tests.find((s) => !NPM_DEFAULT_TEST.test(s.command) && !/^\s*(?:echo\b.*|exit 0|true)?\s*$/.test(s.command));
      if (real) return pass(`"test": "${real.command.slice(0, 80)}"`, [{ kind: 'file', file: real.file, line: real.line, note: real.command.slice(0, 80) }]);
      if (tests.length > 0) return fail('the test script is npm\'s placeholder or does nothing', tests.map((t) => ({ kind: 'file', file: t.file, line: t.line, note: t.command.slice(0, 80) })));
      return fail('no "test" script in package.json', facts.packages.slice(0, 3).map((p) => ({ kind: 'file', file: p.file, line: null, note: 'no test script' })));
    }),
  },
  {
    id: 'test.files',
    category: 'Testing',
    title: 'Test files exist',
    risk: 'high',
    source: 'static',
    requiredFrom: 'prototype',
    effort: 'medium',
    remediation: 'Write tests for the service\'s routes and business logic (*.test.ts next to the code or under test/).',
    criterion: ({ facts }) =>
      facts.testFiles.length > 0
        ? pass(`${facts.testFiles.length} test file(s)`, facts.testFiles.slice(0, 5).map((file) => ({ kind: 'file', file, line: null, note: 'test file' })))
        : fail('no test files (*.test.*, *.spec.*, test/, __tests__/)'),
  },
  {
    id: 'test.ci-runs-tests',
    category: 'Testing',
    title: 'CI runs the tests',
    risk: 'high',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Add a CI workflow (e.g. .github/workflows/ci.yml) that installs and runs `npm test` on every push.',
    criterion: ciRuns('the tests', /\b(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?test\b|\bnpm\s+t\b|\bnpx\s+(?:jest|vitest|mocha|playwright)\b|\bnode\s+--test\b/, 'test'),
  },
  {
    id: 'test.coverage',
    category: 'Testing',
    title: 'Test coverage measured',
    risk: 'medium',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Measure coverage (c8, nyc, jest --coverage, vitest coverage) and keep a threshold in CI.',
    criterion: ({ facts }) => {
      const script = allScripts(facts).find((s) => /--coverage\b|\bc8\b|\bnyc\b|--experimental-test-coverage/.test(s.command));
      if (script) return pass(`script "${script.name}" measures coverage`, [{ kind: 'file', file: script.file, line: script.line, note: script.command.slice(0, 80) }]);
      const config = facts.find(/(?:^|\/)(?:\.nycrc(?:\.json|\.ya?ml)?|\.c8rc(?:\.json)?|codecov\.ya?ml|\.codecov\.ya?ml)$/);
      if (config.length > 0) return pass(`coverage configuration ${config[0]}`, [{ kind: 'file', file: config[0]!, line: null, note: 'coverage config' }]);
      const inConfig = facts.grep(/\bcoverage\s*:|collectCoverage|coverageThreshold/, 'overage', facts.find(/(?:^|\/)(?:jest|vitest|vite)\.config\.[cm]?[jt]s$/), 1);
      if (inConfig.length > 0) return pass('the test runner configuration collects coverage', [{ kind: 'file', file: inConfig[0]!.file, line: inConfig[0]!.line, note: inConfig[0]!.text.trim() }]);
      return fail('no coverage measurement configured');
    },
  },
  {
    id: 'test.ci-lint-typecheck',
    category: 'Testing',
    title: 'CI runs lint or typecheck',
    risk: 'low',
    source: 'static',
    requiredFrom: 'production',
    effort: 'small',
    remediation: 'Run eslint and `tsc --noEmit` in CI so mistakes are caught before review.',
    criterion: ciRuns('lint or typecheck', /\b(?:npm|yarn|pnpm|bun)\s+(?:run\s+)?(?:lint|typecheck|type-check|check-types)\b|\beslint\b|\btsc\b|\bbiome\s+(?:check|lint)\b/, ''),
  },
  {
    id: 'test.sast',
    category: 'Testing',
    title: 'Static security analysis in CI (CodeQL, Semgrep, Snyk)',
    risk: 'low',
    source: 'static',
    requiredFrom: 'commercial',
    effort: 'small',
    remediation: 'Add a SAST step: GitHub CodeQL, Semgrep or Snyk Code, failing on high findings.',
    criterion: ciRuns('static security analysis', /codeql|semgrep|snyk|sonar|njsscan/i, ''),
  },
];

