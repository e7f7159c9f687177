import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const devServer = process.env.FLOORBOARD_DEV_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: `${root}client`,
  plugins: [vue()],
  build: {
    outDir: `${root}dist/client`,
    emptyOutDir: true,
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
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
