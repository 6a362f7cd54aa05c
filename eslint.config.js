// Lint enforces where code may run (see docs/ARCHITECTURE.md, "Layers"):
// electron only in the Electron entry and the preload; no Node built-ins or native modules in
// renderer, shared or domain code; the UI talks to the station only through the contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeOrHostOnly = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pcsclite', 'node-thermal-printer', 'electron-store', 'conf', 'ws', 'fhir-kit-client', 'tsx', 'vite'];

const ban = (names, message) => names.map((name) => ({ name, message }));
const noElectron = ban(['electron'], 'electron is allowed only in src/main/electron and src/preload.');
// Shipped and development code never depends on tests: test helpers change freely.
const noTests = { group: ['**/tests/**', '**/tests'], message: 'nothing under src may import from tests: move what it needs to src (development devices live in src/devices).' };
// The virtual printer, eID card and stand-in starter are development tools, never part of a station.
const noDevices = { group: ['**/devices/**', '**/devices'], message: 'the station does not depend on the development devices in src/devices.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // CommonJS preloads (scripts/*.cjs) load modules with require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/electron/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: noElectron, patterns: [noTests] }] },
  },
  {
    files: ['src/main/**/*.{ts,tsx}'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: noElectron, patterns: [noTests, noDevices] }] },
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTests, noDevices] }] },
  },
  {
    // Development devices are Node programs beside the station: they may use domain, shared and
    // host adapters (fonts, PC/SC binding), never Electron, the UI or the tools that start them.
    files: ['src/devices/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron,
          patterns: [
            noTests,
            { group: ['**/main/electron/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/simulator/**'], message: 'development devices use domain, shared and adapters only: no Electron, UI, CLI or simulator.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noElectron,
            ...ban(nodeBuiltins, 'shared and domain code is pure: it runs in the browser too, so no Node built-ins.'),
            ...ban(nativeOrHostOnly, 'shared and domain code does no I/O: adapters live in src/main.'),
            ...ban(['react', 'react-dom'], 'no UI in shared or domain code.'),
          ],
          patterns: [noTests, { group: ['**/main/**', '**/renderer/**', '**/cli/**', '**/federal-sim/**', '**/devices/**'], message: 'shared and domain code depends on nothing outside shared and domain.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noElectron,
            ...ban(nodeBuiltins, 'the renderer runs in a sandboxed browser page: no Node built-ins.'),
            ...ban(nativeOrHostOnly, 'the renderer reaches the station only through the contract.'),
          ],
          patterns: [noTests, { group: ['**/main/**', '**/cli/**', '**/federal-sim/**', '**/preload/**', '**/devices/**'], message: 'the renderer talks to the station only through src/shared/contract.' }],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ban(nodeBuiltins, 'the preload is sandboxed: electron and the contract only.'), ...ban(nativeOrHostOnly, 'the preload is sandboxed.')],
          patterns: [noTests, { group: ['**/main/**', '**/renderer/**', '**/domain/**', '**/cli/**', '**/devices/**'], message: 'the preload exposes the contract and nothing else.' }],
        },
      ],
    },
  },
);
