import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const devServer = process.env.FLOORBOARD_DEV_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: `${root}client`,
  plugins: [vue()],
  // vue-i18n's compile-time flags: Composition API only, no devtools hooks in production.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: `${root}dist/client`,
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // zod and the line that turns its eval probe off share one chunk, so the setting runs before
        // any other chunk builds a schema: the page's CSP forbids eval (client/zodConfig.ts).
        manualChunks: (id) => (id.includes('/node_modules/zod/') || id.endsWith('/client/zodConfig.ts') ? 'zod' : null),
      },
    },
  },
  server: {
    proxy: {
      '/api': devServer,
      '/healthz': devServer,
      '/wallboard': devServer,
      '/socket.io': { target: devServer, ws: true },
    },
  },
  test: {
    root,
    // Unit, dom and integration files run side by side (integration files isolate by key prefix
    // on one redis-server); Vitest's default, cores − 1, is one worker on a 2-core machine.
    // Browser files stay one at a time (fileParallelism: false puts them in a group of their own).
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
    // Side by side, a CPU-bound property test may take longer than Vitest's 5 s on a 2-core machine:
    // time is the bench's business, not a test's.
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'dom', environment: 'happy-dom', include: ['tests/dom/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/redisGlobalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/e2eGlobalSetup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
