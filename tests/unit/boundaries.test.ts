import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Boundaries the lint keeps: runtime and dev tooling apart (the simulator, demo, demo accounts and
// redis-server helper live in server/dev/ and the server that ships never reaches them), and one
// way for the client to send a command (the typed functions of client/api/).

const lint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await lint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('server/dev/ boundary', () => {
  it('lint forbids runtime server code from importing server/dev/', async () => {
    const fromApp = await restrictedImports(
      'server/app.ts',
      "export { startSimulation } from './dev/simulator/session';\n",
    );
    expect(fromApp).toHaveLength(1);
    expect(fromApp[0]).toMatch(/server\/dev\/ is dev tooling/);
    const fromHttp = await restrictedImports(
      'server/http/floorRoutes.ts',
      "import { DEMO_ACCOUNTS } from '../dev/demoAccounts';\nexport const x = DEMO_ACCOUNTS;\n",
    );
    expect(fromHttp).toHaveLength(1);
    const fromCli = await restrictedImports(
      'server/cli/users.ts',
      "import { startRedisServer } from '../dev/redisServer';\nexport const x = startRedisServer;\n",
    );
    expect(fromCli).toHaveLength(1);
  });

  it('lint lets dev code import runtime code, and runtime code import its own rooms', async () => {
    expect(
      await restrictedImports(
        'server/dev/demo.ts',
        "import { createApp } from '../app';\nexport const x = createApp;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'server/realtime/gateway.ts',
        "import { createRateLimiter } from '../limits/rateLimiter';\nexport const x = createRateLimiter;\n",
      ),
    ).toEqual([]);
  });

  it('the production bundle of server/main.ts contains nothing from server/dev/', async () => {
    // The same entry and options as `npm run build`, without writing: only the list of inputs matters.
    const result = await build({
      entryPoints: ['server/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('server/main.ts');
    expect(inputs.filter((path) => path.startsWith('server/app'))).toEqual(['server/app.ts']);
    expect(inputs.filter((path) => path.startsWith('server/dev/'))).toEqual([]);
  });
});

describe('client commands go through client/api/', () => {
  it('lint forbids stores, components and views from making raw requests or naming routes', async () => {
    const store = await restrictedImports(
      'client/stores/notes.ts',
      "import { api } from '../api/http';\nexport const x = () => api.get('/api/me');\n",
    );
    expect(store).toHaveLength(1);
    expect(store[0]).toMatch(/typed function of client\/api\//);
    const view = await restrictedImports(
      'client/views/MyProgressView.vue',
      '<script setup lang="ts">\nimport { routes } from \'../../shared/contracts/http\';\nconsole.log(routes.me);\n</script>\n',
    );
    expect(view).toHaveLength(1);
    expect(view[0]).toMatch(/Route paths belong in client\/api\//);
  });

  it('lint lets client/api/ use both, and anyone import the result type', async () => {
    expect(
      await restrictedImports(
        'client/api/floor.ts',
        "import { routes } from '../../shared/contracts/http';\nimport { api } from './http';\nexport const f = () => api.get(routes.me);\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'client/stores/notes.ts',
        "import type { ApiResult } from '../api/http';\nexport type R = ApiResult<number>;\n",
      ),
    ).toEqual([]);
  });
});
