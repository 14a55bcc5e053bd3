import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Workspace folders whose packages may hold `bench/*.bench.ts` files. */
const GROUPS = ['packages', 'apps'];
const BENCH_FILE = /\.bench\.ts$/;

export interface BenchFile {
  /** Package name, e.g. `@headroom/core`. */
  pkgName: string;
  /** Package folder relative to the repository root, e.g. `packages/core`. */
  pkgDir: string;
  /** Bench file relative to the repository root, e.g. `packages/core/bench/tokenizer.bench.ts`. */
  file: string;
}

/** Every bench file of the workspace, in path order. */
export function discoverBenchFiles(root: string): BenchFile[] {
  const found: BenchFile[] = [];
  for (const group of GROUPS) {
    if (!existsSync(join(root, group))) continue;
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const pkgDir = `${group}/${entry.name}`;
      const benchDir = join(root, pkgDir, 'bench');
      if (!entry.isDirectory() || !existsSync(join(root, pkgDir, 'package.json')) || !existsSync(benchDir)) {
        continue;
      }
      const { name } = JSON.parse(readFileSync(join(root, pkgDir, 'package.json'), 'utf8')) as {
        name: string;
      };
      for (const file of readdirSync(benchDir).filter((f) => BENCH_FILE.test(f))) {
        found.push({ pkgName: name, pkgDir, file: `${pkgDir}/bench/${file}` });
      }
    }
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * The files that any filter selects (all of them without filters): a filter is a package name
 * (`@headroom/core`), a package folder name (`core`) or a substring of the file path (`tokenizer`).
 */
export function selectBenchFiles(files: readonly BenchFile[], filters: readonly string[]): BenchFile[] {
  if (filters.length === 0) return [...files];
  return files.filter((f) =>
    filters.some((q) => q === f.pkgName || q === f.pkgDir.split('/')[1] || f.file.includes(q)),
  );
}
