#!/usr/bin/env node
// `pnpm -s headroom …` and `pnpm start` from the repository root: runs the built CLI.
import { existsSync } from 'node:fs';

const bin = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(bin)) {
  process.stderr.write('headroom: CLI not built; run pnpm build\n');
  process.exit(1);
}
await import(bin.href);
