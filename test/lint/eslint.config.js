// Lives under test/ because the top level of the repo is fixed; run with `eslint --config`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
    },
  },
  {
    // The daemon spawns through one module only; tests may start daemons and oracles directly.
    files: ['src/**/*.ts'],
    ignores: ['src/daemon/spawner.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'node:child_process', message: 'Spawn only through src/daemon/spawner.ts (execa).' },
          { name: 'execa', message: 'Only src/daemon/spawner.ts imports execa.' },
          { name: 'blessed', message: 'Only the dashboard view imports blessed.' },
        ],
      }],
    },
  },
);
