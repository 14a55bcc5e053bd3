import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { compressOne as CompressOne } from '../compress-one.js';
import { CliError, EXIT, messageOf, usageError } from '../io/errors.js';
import { decodeUtf8, readInputBytes, readInputText } from '../io/input.js';
import { note, warn, writeJson, writeOut } from '../io/output.js';
import { startProgress } from '../io/progress.js';
import { isInteractive } from '../io/tty.js';
import { parseLanguage, parseType, routeHints } from '../route-hints.js';
import type { CompressJson } from '../schemas.js';

export interface CompressFlags {
  query?: string;
  type?: string;
  language?: string;
  json?: boolean;
  store?: string;
  lossless?: boolean;
  outDir?: string;
  quiet?: boolean;
  config?: string;
  progress?: boolean;
}

export async function run(files: string[], flags: CompressFlags): Promise<number> {
  if (files.length > 1 && flags.outDir === undefined) {
    throw usageError('several FILEs need --out-dir DIR');
  }
  const type = parseType(flags.type);
  const language = parseLanguage(flags.language);
  // The libraries load only after the usage checks, so a usage error exits at once.
  const [{ isCodeAwareAvailable }, { compressOne, summaryLine }, { openCliStore, storeProblem }] =
    await Promise.all([import('@headroom/router'), import('../compress-one.js'), import('../store.js')]);
  if (type === 'code' && !(await isCodeAwareAvailable())) {
    throw new CliError('code compression needs the optional package @headroom/code; see headroom doctor');
  }
  const opened = await openCliStore(flags);
  try {
    let lossless = flags.lossless === true;
    const problem = storeProblem(opened.store);
    if (problem !== undefined && !lossless) {
      warn(`store unavailable (${problem}); lossless compression only`);
      lossless = true;
    }
    if (opened.url.trim() === 'memory' && !lossless) {
      warn('--store memory: these CCR hashes cannot be retrieved after this process exits');
    }
    const base = { store: opened.store, lossless, ...(flags.query ? { query: flags.query } : {}) };
    if (flags.outDir !== undefined)
      return await batch(files, flags, (file, text) =>
        compressOne(text, { ...base, ...routeHints(type, language, file) }),
      );
    const file = files[0];
    const text = await readInputText(file);
    const result = await compressOne(text, { ...base, ...routeHints(type, language, file) });
    if (flags.json) await writeJson(result);
    else {
      await writeOut(result.compressed);
      if (!flags.quiet && isInteractive()) note(summaryLine(result));
    }
    return EXIT.ok;
  } finally {
    await opened.store.close();
  }
}

type Compress = (file: string, text: string) => ReturnType<typeof CompressOne>;

async function batch(files: string[], flags: CompressFlags, compress: Compress): Promise<number> {
  const names = new Set<string>();
  for (const file of files) {
    if (file === '-') throw usageError('batch mode reads files, not stdin');
    const name = basename(file);
    if (names.has(name)) throw usageError(`two inputs share the name ${name}; their outputs would collide`);
    names.add(name);
  }
  const outDir = flags.outDir as string;
  await mkdir(outDir, { recursive: true });
  const bar = startProgress(files.length, flags);
  const results: (Omit<CompressJson, 'compressed'> & { file: string; out: string })[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const text = decodeUtf8(await readInputBytes(file), file);
      const r = await compress(file, text);
      const out = join(outDir, basename(file));
      await writeFile(out, r.compressed);
      const { compressed: _, ...rest } = r;
      results.push({ file, out, ...rest });
    } catch (error) {
      failed = true;
      warn(`${file}: ${messageOf(error)}`);
    }
    bar.increment();
  }
  bar.stop();
  const sum = (k: 'tokensBefore' | 'tokensAfter' | 'durationMs') => results.reduce((a, r) => a + r[k], 0);
  if (flags.json) {
    await writeJson({
      files: results,
      tokensBefore: sum('tokensBefore'),
      tokensAfter: sum('tokensAfter'),
      durationMs: Math.round(sum('durationMs') * 100) / 100,
    });
  } else if (!flags.quiet) {
    note(
      `${results.length} of ${files.length} files · ${sum('tokensBefore')} → ${sum('tokensAfter')} tokens`,
    );
  }
  return failed ? EXIT.failure : EXIT.ok;
}
