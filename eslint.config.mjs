// ESLint: Next's rules (core web vitals, React hooks) and typescript-eslint's type-aware rules,
// which catch what the compiler lets through: a promise nobody waits for or handles
// (no-floating-promises), a promise where a callback's result is ignored (no-misused-promises).
// Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypeScript from 'eslint-config-next/typescript'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-test*/**',
      '.vercel/**',
      'lib/db/generated/**',
      'node_modules/**',
      'test-output/**',
      'bench-results/**',
      '.data/**',
      '.test-data/**',
      'next-env.d.ts',
    ],
  },
  ...nextVitals,
  ...nextTypeScript,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and the bench are not React: `useFreshDatabase` registers Vitest hooks, `use` is a callback.
    files: ['tests/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
)
