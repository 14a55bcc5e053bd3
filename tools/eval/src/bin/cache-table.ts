/**
 * Prints the prompt-cache table (`pnpm --filter @headroom/eval cache-table`); with `--write`, also
 * replaces the section between the cache-sim markers of packages/aligner/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluateCache } from '../cache-evaluation.js';
import { OPENAI_PROMPT_CACHE } from '../cache-simulator.js';
import { cacheTable } from '../cache-table.js';
import { ALIGNER_README, replaceCacheSection } from '../readme-section.js';

const table = cacheTable(evaluateCache(OPENAI_PROMPT_CACHE), OPENAI_PROMPT_CACHE);
process.stdout.write(`${table}\n`);
if (process.argv.includes('--write')) {
  const path = fileURLToPath(ALIGNER_README);
  writeFileSync(path, replaceCacheSection(readFileSync(path, 'utf8'), table));
  process.stderr.write(`wrote ${path}\n`);
}
