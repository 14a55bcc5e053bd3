/**
 * The fidelity evaluation (`pnpm eval`): runs every case (seeded, real tau-bench conversations,
 * outputs produced on this machine), writes docs/benchmarks.md and the fast subset's results to
 * tools/eval/results/baseline.json. `--fast` runs only the seeded subset and checks it against the
 * committed results without writing anything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BASELINE_FILE, baselineOf, readBaseline } from '../fidelity/baseline-file.js';
import { gateFailures } from '../fidelity/gate.js';
import { renderReport } from '../fidelity/report.js';
import { runEval } from '../fidelity/run.js';
import { summarizeCases } from '../fidelity/summary.js';

const REPORT = new URL('../../../../docs/benchmarks.md', import.meta.url);

const fast = process.argv.includes('--fast');
const run = await runEval({ subset: fast ? 'fast' : 'full' });
const summary = summarizeCases(run.cases);
const seeded = baselineOf(summarizeCases(run.cases.filter((c) => c.origin === 'seeded')));

if (fast) {
  const failures = gateFailures(seeded, readBaseline());
  process.stdout.write(
    `${run.cases.length} cases in ${run.seconds.toFixed(1)} s\n${failures.join('\n') || 'gate: pass'}\n`,
  );
  process.exitCode = failures.length > 0 ? 1 : 0;
} else {
  const report = renderReport(run, summary);
  mkdirSync(new URL('.', REPORT), { recursive: true });
  writeFileSync(REPORT, report);
  mkdirSync(new URL('.', BASELINE_FILE), { recursive: true });
  writeFileSync(BASELINE_FILE, `${JSON.stringify(seeded, null, 2)}\n`);
  process.stdout.write(
    `${report}\nwrote ${fileURLToPath(REPORT)} and ${fileURLToPath(BASELINE_FILE)} in ${run.seconds.toFixed(0)} s\n`,
  );
}
