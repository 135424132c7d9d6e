import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

// Dependencies point one way: app → components → lib → db (README, "Layout"). Each
// layer may import the ones below it, never one above. lib/env.ts, the one reader of
// process.env, is below everything: it imports nothing of ours.
const below = (files, above, allowed = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [
              ...above.flatMap((dir) => [`@/${dir}/**`, `**/${dir}/**`]),
              ...allowed.map((path) => `!${path}`),
            ],
            message: `Imports point app → components → lib → db: ${files.join(', ')} may not import from ${above.join(' or ')}.`,
          },
        ],
      },
    ],
  },
});

const config = [
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'db/migrations/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  ...compat.extends('next/core-web-vitals', 'next/typescript'),
  below(['components/**'], ['app']),
  below(['lib/**', 'middleware.ts', 'instrumentation.ts'], ['app', 'components']),
  below(['db/**'], ['app', 'components', 'lib'], ['@/lib/env']),
  below(['lib/env.ts'], ['app', 'components', 'lib', 'db']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
];
export default config;
