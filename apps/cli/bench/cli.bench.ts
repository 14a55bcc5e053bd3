import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defineSuite } from '@headroom/bench';
import { MemoryCcrStore } from '@headroom/core';
import { compressContent } from '@headroom/router';
import { SCENARIOS } from '../src/bench/scenarios/index.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const run = (args: string[], input?: string) =>
  execFileSync(process.execPath, [BIN, ...args], { input: input ?? '', stdio: ['pipe', 'pipe', 'ignore'] });

/** Process start-up: what every `headroom` call pays before doing any work (target: --version < 150 ms). */
const startup = defineSuite(
  { name: 'headroom start-up (a new process per run)', minRuns: 5, minTimeMs: 2000, warmupRuns: 1 },
  (s) => {
    s.baseline('node -e "" (bare Node start)', () => execFileSync(process.execPath, ['-e', '']));
    s.add('headroom --version (commander only)', () => run(['--version']));
    s.add('headroom compress (small input: libraries, tokenizer, store)', () =>
      run(['compress', '--store', 'memory', '-q'], '{"a":1}'),
    );
  },
);

/** The bundled scenarios in process: compressContent on a fresh memory store per run. */
const scenarios = defineSuite(
  {
    name: 'headroom bench scenarios (compressContent, in process)',
    minRuns: 5,
    minTimeMs: 1000,
    setup: () => SCENARIOS.map((make) => make()).filter((s) => s.type !== 'code'),
  },
  (s, list) => {
    for (const sc of list) {
      const bytes = Buffer.byteLength(sc.text);
      const opts = sc.query ? { query: sc.query } : {};
      s.add(sc.name, () => compressContent(sc.text, { ...opts, store: new MemoryCcrStore() }), { bytes });
    }
  },
);

export default [startup, scenarios];
