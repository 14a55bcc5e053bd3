#!/usr/bin/env node
// `pnpm bench [filter…] [--json] [--no-write]`: the root script builds the workspace first.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/cli.js', import.meta.url))) {
  process.stderr.write('@headroom/bench is not built: run `pnpm --filter @headroom/bench build`.\n');
  process.exit(1);
}
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
