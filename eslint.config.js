import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/no-v-html': 'error',
    },
  },
  {
    // The domain stays free of I/O: no transport, web framework or Redis client in shared/.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['socket.io*', 'express', 'ioredis', 'vue', 'pinia', 'node:*', '../server/*', '../client/*'] },
      ],
    },
  },
  {
    // Runtime and dev tooling apart: the server that ships (everything under server/ but server/dev/)
    // never imports the simulator, the demo, the demo accounts or the redis-server helper, so the
    // production bundle of server/main.ts cannot contain them. Dev code may import runtime code.
    files: ['server/**/*.ts'],
    ignores: ['server/dev/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/(?:.*/)?dev(?:/|$)',
              message:
                'server/dev/ is dev tooling (simulator, demo, redis-server helper): runtime code must not import it.',
            },
          ],
        },
      ],
    },
  },
  {
    // One way to send a command: stores and components call the typed functions of client/api/,
    // never the raw request helper or a route path of their own.
    files: ['client/**/*.ts', 'client/**/*.vue'],
    ignores: ['client/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(?:^|/)api/http$',
              importNames: ['api', 'request'],
              message: 'Call a typed function of client/api/ (add one there) instead of a raw request.',
            },
            {
              regex: '(?:^|/)shared/contracts/http$',
              importNames: ['routes'],
              message: 'Route paths belong in client/api/: call a typed function there.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
