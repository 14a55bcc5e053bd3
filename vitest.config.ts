import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Paths from the repository root, so `pnpm --filter <pkg> test` (run in the package) finds them too.
const root = fileURLToPath(new URL('.', import.meta.url));

// One vitest project per workspace package; each resolves @headroom/* to source
// through the `@headroom/source` export condition, so tests never need a build.
const workspaceDirs = ['packages', 'apps', 'tools'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group), { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(root, group, d.name, 'package.json')))
        .map((d) => join(group, d.name))
    : [],
);

export default defineConfig({
  resolve: { conditions: ['@headroom/source'] },
  ssr: { resolve: { conditions: ['@headroom/source'] } },
  test: {
    // Property tests and real-data suites take seconds on two busy cores; 5 s flaked there.
    testTimeout: 20_000,
    // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest/results.json' },
    projects: workspaceDirs.map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/')[1],
        root: join(root, dir),
        include: ['src/**/*.test.ts', 'bin/**/*.test.ts'],
      },
    })),
  },
});
