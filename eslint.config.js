// Rules enforced by code rather than memory.
// Security: shell.openExternal only through its one safe wrapper, no string-built shell commands,
// `electron` only in the thin Electron layer.
// Architecture: no import cycles; the layers of main/ (below); capabilities reach each other only
// through their index.ts; files stay under 400 lines and functions under 80.
//
// Layers of main/, read from the folder names:
//   infrastructure  main/core, main/api, main/store: anyone may import them, file by file; they
//                   import no capability and no outer layer. (The store has no index.ts: each of
//                   its modules, open-database and migrate, is an entry of its own.)
//   capabilities    every other folder of main/ (agents, monitors, ssh, …): each is reached from
//                   another capability only through main/<capability>/index.ts; within one
//                   capability imports are free.
//   outer layers    main/app (the composition root), main/cli, main/server, main/electron: no
//                   capability or infrastructure imports them; app is imported by cli, server and
//                   electron, server by app and cli.
// The renderer reaches main only through preload/contract.ts; preload imports neither main nor renderer.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

// ---------------------------------------------------------------------------------------------
// Today's exceptions, one file a line, sorted. Each entry turns one rule off for exactly that file,
// and test/lint/todo-lists.test.ts fails when an entry no longer needs it, so delete the line
// once the file is fixed; a new file must meet the rules. To print the lists as they stand:
//   node --import tsx test/lint/print-todo-lists.ts
// ---------------------------------------------------------------------------------------------

/** Files over MAX_LINES (`max-lines`). */
export const LONG_FILES_TODO = [
  'main/ssh/ssh-config-import.ts',
  'test/alerts/alerts.test.ts',
  'test/ssh/ssh-config-import.test.ts',
];

/** Files with a function over MAX_LINES_PER_FUNCTION (`max-lines-per-function`). */
export const LONG_FUNCTIONS_TODO = [
  'main/agents/agents-runtime.ts',
  'main/agents/ingest/push-server.ts',
  'main/project-config/read-photon-yml.ts',
  'main/recovery/execute-run.ts',
  'main/recovery/step-process.ts',
  'main/scorecard/evidence/walk-repository.ts',
  'main/scorecard/handlers.ts',
  'main/scorecard/report/markdown.ts',
  'main/ssh/connect.ts',
  'renderer/api/event-stream.ts',
  'renderer/state/runs-store.ts',
  'renderer/state/scorecard-store.ts',
  'renderer/views/agents/AgentHistoryPanel.tsx',
  'renderer/views/agents/AgentsView.tsx',
  'renderer/views/agents/PullSourcesPanel.tsx',
  'renderer/views/alerts/MaintenancePanel.tsx',
  'renderer/views/monitors/detail/MonitorHeader.tsx',
  'renderer/views/monitors/form/MonitorForm.tsx',
  'renderer/views/monitors/form/TargetFields.tsx',
  'renderer/views/recovery/RunDrawer.tsx',
  'renderer/views/recovery/RunPanel.tsx',
  'renderer/views/recovery/RunbookEditor.tsx',
  'renderer/views/scorecard/ScorecardView.tsx',
  'renderer/views/settings/hosts/HostForm.tsx',
  'renderer/views/settings/hosts/HostsPanel.tsx',
  'renderer/views/settings/hosts/SshImportPanel.tsx',
];

/** Capability files that import another capability's internals instead of its index.ts (`photon/public-entry`). */
export const DEEP_IMPORTS_TODO = [];

/** Files that cross a layer boundary (`import-x/no-restricted-paths`). */
export const BOUNDARY_TODO = [];

// ---------------------------------------------------------------------------------------------

const MAX_LINES = ['warn', { max: 400, skipBlankLines: true, skipComments: true }];
const MAX_LINES_PER_FUNCTION = ['warn', { max: 80, skipBlankLines: true, skipComments: true }];

const root = fileURLToPath(new URL('.', import.meta.url));
const INFRASTRUCTURE = ['core', 'api', 'store'];
/** The outer layers, who in main/ may import each, and why the rest may not. */
const OUTER = {
  app: { importers: ['cli', 'electron', 'server'], why: 'it is the composition root: it wires the capabilities, which never reach back' },
  cli: { importers: [], why: 'it is an entry point' },
  electron: { importers: [], why: 'it is the Electron entry point and glue' },
  server: { importers: ['app', 'cli'], why: 'a capability that needs HTTP gets it injected by main/app' },
};
const OUTER_LAYERS = Object.keys(OUTER);
const MAIN_FOLDERS = readdirSync(new URL('./main', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const CAPABILITIES = MAIN_FOLDERS.filter((f) => !INFRASTRUCTURE.includes(f) && !OUTER_LAYERS.includes(f));
const inMain = (folders) => folders.map((f) => `main/${f}`);

const layerZones = [
  {
    target: inMain(INFRASTRUCTURE),
    from: inMain([...CAPABILITIES, ...OUTER_LAYERS]),
    message: 'main/core, main/api and main/store are shared infrastructure: they import no capability and no outer layer.',
  },
  ...Object.entries(OUTER).map(([layer, { importers, why }]) => ({
    target: inMain([...CAPABILITIES, ...OUTER_LAYERS].filter((f) => f !== layer && !importers.includes(f))),
    from: `main/${layer}`,
    message: `${importers.length ? `Only ${inMain(importers).join(', ')} import` : 'Nothing in main/ imports'} main/${layer}: ${why}.`,
  })),
  { target: 'preload', from: ['main', 'renderer'], message: 'preload/ is the contract both sides share: it imports neither.' },
  { target: 'main', from: 'renderer', message: 'main never imports the renderer.' },
];

const publicEntryZones = CAPABILITIES.map((capability) => ({
  target: `main/${capability}`,
  from: inMain(CAPABILITIES.filter((other) => other !== capability)),
  except: ['./index.ts'],
  message: 'Capabilities reach each other only through main/<capability>/index.ts: import it from there (export it there if it is missing).',
}));

// The public-entry check is import-x's no-restricted-paths under a second name, so that a file on
// DEEP_IMPORTS_TODO loses that check alone and keeps the layer boundaries.
const photon = { rules: { 'public-entry': importX.rules['no-restricted-paths'] } };

const noShellStrings = {
  paths: [
    { name: 'child_process', importNames: ['exec', 'execSync'], message: 'Build commands from argument arrays: use execFile/spawn.' },
    { name: 'node:child_process', importNames: ['exec', 'execSync'], message: 'Build commands from argument arrays: use execFile/spawn.' },
  ],
};

/** Lints that file with `rule` off: a TODO list turned into config. */
const exempt = (files, rule) => (files.length === 0 ? [] : [{ files, rules: { [rule]: 'off' } }]);

// The security rules and the electron/Node bans, per part of the tree.
const securityRules = [
  {
    files: ['main/electron/open-external.ts', 'test/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['main/**'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noShellStrings,
          patterns: [{ group: ['electron'], message: 'The core never imports electron; only main/electron/ (the glue) does.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*'], message: 'The renderer has no Node or Electron access; go through the api client.' },
            { group: ['**/main/**'], message: 'The renderer reaches main only through preload/contract.ts and the api client.' },
          ],
        },
      ],
    },
  },
];

const everyFile = {
  languageOptions: { globals: { ...globals.node } },
  plugins: { 'import-x': importX, photon },
  settings: {
    'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
    'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
    'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })],
  },
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    'no-restricted-imports': ['error', noShellStrings],
    'no-restricted-syntax': [
      'error',
      {
        selector: "MemberExpression[property.name='openExternal']",
        message: 'Use openExternalSafely() from main/electron/open-external.ts: it allows http(s) URLs only.',
      },
    ],
    'max-lines': MAX_LINES,
    'max-lines-per-function': MAX_LINES_PER_FUNCTION,
  },
};

const architecture = [
  {
    files: ['main/**', 'preload/**', 'renderer/**', 'test/fixtures/lint/**'],
    rules: {
      // Type-only imports are not followed (they vanish at runtime); external packages are skipped.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
      'photon/public-entry': ['error', { basePath: root, zones: publicEntryZones }],
    },
  },
  {
    // A test is one long list of cases and a script one top-level sequence, and a migration is
    // frozen DDL: their length is no design smell. Long files still are.
    files: ['test/**', 'scripts/**', 'main/store/migrations/**'],
    rules: { 'max-lines-per-function': 'off' },
  },
];

/** The whole config, with today's exceptions; the lint tests build it with lists of their own. */
export function buildConfig({
  longFiles = LONG_FILES_TODO,
  longFunctions = LONG_FUNCTIONS_TODO,
  deepImports = DEEP_IMPORTS_TODO,
  boundaries = BOUNDARY_TODO,
} = {}) {
  return tseslint.config(
    // test/fixtures/lint holds code that breaks the rules on purpose; test/lint lints it explicitly.
    { ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'test-output/**', 'test/fixtures/lint/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    everyFile,
    ...architecture,
    ...exempt(longFiles, 'max-lines'),
    ...exempt(longFunctions, 'max-lines-per-function'),
    ...exempt(deepImports, 'photon/public-entry'),
    ...exempt(boundaries, 'import-x/no-restricted-paths'),
    ...securityRules,
  );
}

export default buildConfig();
