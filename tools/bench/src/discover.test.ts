import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverBenchFiles, selectBenchFiles } from './discover.js';

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'bench-discover-'));
  const pkg = (dir: string, name: string, benches: string[]) => {
    mkdirSync(join(root, dir, 'bench'), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify({ name }));
    for (const file of benches) writeFileSync(join(root, dir, 'bench', file), '');
  };
  pkg('packages/core', '@headroom/core', ['tokenizer.bench.ts', 'json.bench.ts', 'corpus.ts']);
  pkg('packages/crusher', '@headroom/crusher', ['crush.bench.ts']);
  pkg('apps/proxy', '@headroom/proxy', ['latency.bench.ts']);
  mkdirSync(join(root, 'packages', 'empty'));
  return root;
}

describe('discoverBenchFiles', () => {
  it('finds *.bench.ts files of packages and apps, in path order', () => {
    expect(discoverBenchFiles(workspace()).map((f) => f.file)).toEqual([
      'apps/proxy/bench/latency.bench.ts',
      'packages/core/bench/json.bench.ts',
      'packages/core/bench/tokenizer.bench.ts',
      'packages/crusher/bench/crush.bench.ts',
    ]);
  });
});

describe('selectBenchFiles', () => {
  const files = discoverBenchFiles(workspace());
  const select = (...filters: string[]) => selectBenchFiles(files, filters).map((f) => f.file);

  it('selects everything without filters', () => {
    expect(select()).toHaveLength(4);
  });

  it('matches a package name, a folder name or part of a path', () => {
    expect(select('@headroom/core')).toEqual(select('core'));
    expect(select('core')).toEqual([
      'packages/core/bench/json.bench.ts',
      'packages/core/bench/tokenizer.bench.ts',
    ]);
    expect(select('tokenizer', 'proxy')).toEqual([
      'apps/proxy/bench/latency.bench.ts',
      'packages/core/bench/tokenizer.bench.ts',
    ]);
    expect(select('nothing-matches')).toEqual([]);
  });
});
