// Security rules live here, enforced by code rather than memory: shell.openExternal only through its
// one safe wrapper, no string-built shell commands, `electron` only in the thin Electron layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noShellStrings = {
  paths: [
    { name: 'child_process', importNames: ['exec', 'execSync'], message: 'Build commands from argument arrays: use execFile/spawn.' },
    { name: 'node:child_process', importNames: ['exec', 'execSync'], message: 'Build commands from argument arrays: use execFile/spawn.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
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
    },
  },
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
);
