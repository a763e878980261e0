// Lives under test/ because the top level of the repo is fixed; run with `eslint --config`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'node:child_process', message: 'Spawn only through src/daemon/spawner.ts (execa).' },
        ],
      }],
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
    },
  },
);
