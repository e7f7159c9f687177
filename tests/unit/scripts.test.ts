import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Scripts and comments name files by hand: a move or a rename must not leave one dangling.
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const projects = [...readFileSync('vite.config.ts', 'utf8').matchAll(/name: '([\w-]+)'/g)].map((m) => m[1]);

describe('package.json scripts', () => {
  it('point at source files that exist', () => {
    const missing = Object.entries(scripts).flatMap(([name, command]) =>
      (command.match(/(?:^|\s)((?:server|tests|client|shared)\/\S+\.ts)\b/g) ?? [])
        .map((file) => file.trim())
        .filter((file) => !existsSync(file))
        .map((file) => `${name}: ${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('run vitest projects that exist, e2e included', () => {
    expect(projects).toEqual(expect.arrayContaining(['unit', 'dom', 'integration', 'e2e']));
    const named = Object.values(scripts).flatMap((command) =>
      [...command.matchAll(/--project (\S+)/g)].map((m) => m[1]),
    );
    expect(named.filter((project) => !projects.includes(project))).toEqual([]);
    expect(scripts['test:e2e']).toMatch(/vitest run --project e2e/);
  });
});

describe('comments', () => {
  it('cite only documents that are in the repository', () => {
    const files = ['server', 'client', 'shared', 'tests'].flatMap((dir) =>
      (readdirSync(dir, { recursive: true }) as string[])
        .filter((file) => /\.(ts|vue)$/.test(file))
        .map((file) => join(dir, file)),
    );
    const dangling = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\b([A-Z][A-Z_]+\.md)\b/g)]
        .map((m) => m[1]!)
        .filter((doc) => !existsSync(doc))
        .map((doc) => `${file}: ${doc}`),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(dangling).toEqual([]);
  });
});
