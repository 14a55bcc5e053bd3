import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchFile, discoverBenchFiles, selectBenchFiles } from './discover.js';
import { currentMachine } from './machine.js';
import { replaceBenchSection } from './readme-section.js';
import { renderBenchmarksFile, renderSection } from './render-markdown.js';
import type { PackageResult, SuiteResult } from './results.js';
import type { WorkerMessage } from './worker.js';

const USAGE = `Usage: pnpm bench [filter…] [--json] [--no-write]

Runs packages/*/bench/*.bench.ts and apps/*/bench/*.bench.ts, prints a table per suite, and writes
<package>/BENCHMARKS.md and the <!-- bench:start --> … <!-- bench:end --> section of <package>/README.md.
A filter is a package name (@headroom/core), a folder name (core) or part of a file path (tokenizer).
Files are written only for packages whose bench files all ran and passed.

  --json      print the results as JSON instead of tables
  --no-write  write no files`;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `pnpm bench` entry point; resolves to the process exit code. */
export async function main(argv: readonly string[], root = ROOT): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'no-write': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const all = discoverBenchFiles(root);
  const selected = selectBenchFiles(all, positionals);
  if (selected.length === 0) {
    process.stderr.write(`No bench files match ${positionals.join(' ') || '(any)'}.\n`);
    return 1;
  }

  const machine = currentMachine();
  const packages = new Map<string, PackageResult>();
  const failed = new Set<string>();
  for (const f of selected) {
    process.stderr.write(`${f.file}\n`);
    const pkg = packages.get(f.pkgDir) ?? { name: f.pkgName, dir: f.pkgDir, suites: [] };
    packages.set(f.pkgDir, pkg);
    try {
      pkg.suites.push(...(await runInWorker(f, root)));
    } catch (error) {
      failed.add(f.pkgDir);
      process.stderr.write(`  FAILED: ${(error as Error).message}\n`);
    }
  }

  const results = [...packages.values()].filter((p) => p.suites.length > 0);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ machine, packages: results }, null, 2)}\n`);
  } else {
    for (const pkg of results) process.stdout.write(`\n## ${pkg.name}\n\n${renderSection(pkg, machine)}\n`);
  }

  if (!values['no-write']) {
    for (const pkg of results) {
      const complete = all.filter((f) => f.pkgDir === pkg.dir).every((f) => selected.includes(f));
      if (!complete || failed.has(pkg.dir)) {
        process.stderr.write(`${pkg.dir}: not all of its bench files ran and passed; no files written\n`);
        continue;
      }
      for (const written of writeReports(pkg, machine, root)) process.stderr.write(`wrote ${written}\n`);
    }
  }
  return failed.size > 0 ? 1 : 0;
}

/** Runs one bench file in a fresh process: isolated JIT and heap, tsx for TypeScript, `gc()` exposed. */
function runInWorker(f: BenchFile, root: string): Promise<SuiteResult[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./worker.js', import.meta.url)), [f.file, root], {
      cwd: root,
      execArgv: ['--expose-gc', '--import', import.meta.resolve('tsx')],
      // The bench's own stdout goes to stderr, so that stdout holds only the report (or JSON).
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    let message: WorkerMessage | undefined;
    child.on('message', (m: WorkerMessage) => {
      message = m;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (message?.ok) resolve(message.suites);
      else reject(new Error(message?.error ?? `worker exited with ${signal ?? `code ${code}`}`));
    });
  });
}

function writeReports(
  pkg: PackageResult,
  machine: ReturnType<typeof currentMachine>,
  root: string,
): string[] {
  const written = [`${pkg.dir}/BENCHMARKS.md`];
  writeFileSync(join(root, pkg.dir, 'BENCHMARKS.md'), renderBenchmarksFile(pkg, machine));
  const readme = join(root, pkg.dir, 'README.md');
  if (existsSync(readme)) {
    const text = readFileSync(readme, 'utf8');
    const next = replaceBenchSection(text, renderSection(pkg, machine));
    if (next !== undefined && next !== text) {
      writeFileSync(readme, next);
      written.push(`${pkg.dir}/README.md`);
    }
  }
  return written;
}
