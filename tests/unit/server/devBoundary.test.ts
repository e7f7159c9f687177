import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Runtime and dev tooling apart: the simulator, demo, demo accounts and redis-server helper live in
// server/dev/, and the server that ships never reaches them.

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
