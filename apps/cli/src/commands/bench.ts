import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { runScenarios } from '../bench/runner.js';
import { SCENARIOS } from '../bench/scenarios/index.js';
import { resultsTable } from '../bench/table.js';
import { EXIT, usageError } from '../io/errors.js';
import { note, writeJson, writeOut } from '../io/output.js';
import { startProgress } from '../io/progress.js';
import { VERSION } from '../version.js';

export interface BenchFlags {
  suite?: string;
  filter?: string;
  iterations?: string;
  json?: boolean;
  out?: string;
  quiet?: boolean;
  progress?: boolean;
}

const SUITES = { quick: 5, standard: 30 } as const;

/** The bundled benchmark; exit 1 if any needle was lost. */
export async function run(flags: BenchFlags): Promise<number> {
  const suite = (flags.suite ?? 'quick') as keyof typeof SUITES;
  if (!(suite in SUITES)) throw usageError(`unknown --suite "${flags.suite}" (expected quick or standard)`);
  const iterations = flags.iterations === undefined ? SUITES[suite] : Number(flags.iterations);
  if (!Number.isSafeInteger(iterations) || iterations <= 0)
    throw usageError(`--iterations must be a positive integer`);
  let filter: RegExp | undefined;
  try {
    filter = flags.filter === undefined ? undefined : new RegExp(flags.filter, 'i');
  } catch {
    throw usageError(`--filter is not a regular expression: ${flags.filter}`);
  }
  const scenarios = SCENARIOS.map((make) => make()).filter((s) => !filter || filter.test(s.name));
  const bar = startProgress(scenarios.length, flags);
  const results = await runScenarios(scenarios, {
    iterations,
    onScenario: (name) => bar.increment(name),
    onSkip: (name, reason) => {
      if (!flags.quiet) note(`headroom: skipped ${name}: ${reason}`);
    },
  });
  bar.stop();
  const sum = (f: (r: (typeof results)[number]) => number) => results.reduce((a, r) => a + f(r), 0);
  const tokensBefore = sum((r) => r.tokensBefore);
  const tokensAfter = sum((r) => r.tokensAfter);
  const report = {
    suite,
    version: VERSION,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    results,
    totals: {
      tokensBefore,
      tokensAfter,
      savedPct:
        tokensBefore === 0 ? 0 : Math.round((1000 * (tokensBefore - tokensAfter)) / tokensBefore) / 10,
      needles: {
        kept: sum((r) => r.needles.kept),
        recoverable: sum((r) => r.needles.recoverable),
        lost: sum((r) => r.needles.lost),
      },
    },
  };
  if (flags.out) await writeFile(flags.out, `${JSON.stringify(report, null, 2)}\n`);
  if (flags.json) await writeJson(report);
  else await writeOut(`${resultsTable(results)}\n`);
  return report.totals.needles.lost > 0 ? EXIT.failure : EXIT.ok;
}
