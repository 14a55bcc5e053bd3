/**
 * Child process that runs one bench file (forked by the CLI with tsx loaded and `--expose-gc`):
 * argv is `<file relative to root> <root>`; replies with a {@link WorkerMessage}.
 */
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSuite } from './define-suite.js';
import { formatDuration } from './format.js';
import type { SuiteResult } from './results.js';
import { runSuite } from './run-suite.js';

export type WorkerMessage = { ok: true; suites: SuiteResult[] } | { ok: false; error: string };

async function runFile(file: string, root: string): Promise<SuiteResult[]> {
  register('./resolve-hook.js', import.meta.url);
  const mod = (await import(pathToFileURL(join(root, file)).href)) as { default?: unknown };
  const suites = Array.isArray(mod.default) ? mod.default : [mod.default];
  if (!suites.every(isSuite)) throw new Error(`${file}: export default defineSuite(…) or an array of suites`);
  const results: SuiteResult[] = [];
  for (const suite of suites) {
    process.stderr.write(`  ${suite.name}\n`);
    const onCase = (r: { name: string; medianNs: number; runs: number }) =>
      process.stderr.write(`    ${r.name}: ${formatDuration(r.medianNs)} median of ${r.runs}\n`);
    results.push(await runSuite(suite, { file, onCase }));
  }
  return results;
}

const [file = '', root = process.cwd()] = process.argv.slice(2);
const reply = (message: WorkerMessage) => process.send?.(message, () => process.disconnect());
try {
  reply({ ok: true, suites: await runFile(file, root) });
} catch (error) {
  reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
