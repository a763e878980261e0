// Lives under test/ because the top level of the repo is fixed; run with `eslint --config`.
import tseslint from 'typescript-eslint';

const SPAWN_RULE = { name: 'node:child_process', message: 'Spawn only through src/daemon/spawner.ts (execa).' };
const EXECA_RULE = { name: 'execa', message: 'Only src/daemon/spawner.ts imports execa.' };
const BLESSED_RULE = { name: 'blessed', message: 'Only src/dash/view/blessed-screen.ts imports blessed.' };

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
    // Likewise one module draws the dashboard with blessed (the rest of src/dash is plain data).
    files: ['src/**/*.ts'],
    ignores: ['src/daemon/spawner.ts', 'src/dash/view/blessed-screen.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SPAWN_RULE, EXECA_RULE, BLESSED_RULE] }] },
  },
  { files: ['src/daemon/spawner.ts'], rules: { 'no-restricted-imports': ['error', { paths: [BLESSED_RULE] }] } },
  { files: ['src/dash/view/blessed-screen.ts'], rules: { 'no-restricted-imports': ['error', { paths: [SPAWN_RULE, EXECA_RULE] }] } },
);
