// ESLint: Next.js's rules (React, hooks, core web vitals) and typescript-eslint's recommended set.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_name` marks a value left out on purpose (a destructured field, an unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The React Compiler is not used here, so what it cannot compile (TanStack Table) is no issue.
      'react-hooks/incompatible-library': 'off',
    },
  },
  globalIgnores([
    '.next/**',
    'node_modules/**',
    'bench/.data/**',
    'bench/results/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
  ]),
]);
