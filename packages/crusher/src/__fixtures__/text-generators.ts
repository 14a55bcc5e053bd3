import { prng } from './generators.js';

/** A build/server log of `n` lines with repeated INFO, a few warnings and the errors you ask for. */
export function appLog(
  n: number,
  opts: { fatalAt?: number; traceLines?: number; seed?: number } = {},
): string[] {
  const r = prng(opts.seed ?? 11);
  const lines: string[] = [];
  for (let i = 0; lines.length < n; i++) {
    const ts = `2025-03-01T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
    if (opts.fatalAt !== undefined && lines.length === opts.fatalAt) {
      lines.push(
        `${ts} FATAL worker-3 unrecoverable state in scheduler: java.lang.IllegalStateException: queue closed`,
      );
      lines.push('java.lang.IllegalStateException: queue closed');
      for (let f = 0; f < (opts.traceLines ?? 30) - 2; f++)
        lines.push(`\tat com.example.scheduler.Queue.take${f}(Queue.java:${100 + f})`);
      continue;
    }
    const roll = r();
    if (roll < 0.02)
      lines.push(
        `${ts} WARN  pool-${Math.floor(r() * 4)} connection pool at ${80 + Math.floor(r() * 20)}% capacity`,
      );
    else if (roll < 0.04) lines.push(`${ts} DEBUG cache miss for key user:${Math.floor(r() * 9999)}`);
    else
      lines.push(
        `${ts} INFO  http GET /api/v1/items/${Math.floor(r() * 9999)} 200 ${Math.floor(r() * 80)}ms`,
      );
  }
  return lines.slice(0, n);
}

/** `grep -rn` output over `files` files with `perFile` matches each; one file holds the needle. */
export function grepOutput(files: number, perFile: number, needle = 'parseConfigStrict'): string[] {
  const lines: string[] = [];
  for (let f = 0; f < files; f++) {
    for (let m = 0; m < perFile; m++) {
      const text =
        f === 137 && m === 2
          ? `  const cfg = ${needle}(raw); // validates the config`
          : `  const cfg = parseConfig(raw${m}); // module ${f}`;
      lines.push(`src/modules/mod${String(f).padStart(3, '0')}/config.ts:${10 + m * 7}:${text}`);
    }
  }
  return lines;
}

/** A unified git diff: `files` source files with `hunks` hunks each, plus a lockfile. */
export function gitDiff(files: number, hunks: number): string[] {
  const out: string[] = [];
  for (let f = 0; f < files; f++) {
    out.push(`diff --git a/src/file${f}.ts b/src/file${f}.ts`, `index 1a2b3c${f}..4d5e6f${f} 100644`);
    out.push(`--- a/src/file${f}.ts`, `+++ b/src/file${f}.ts`);
    for (let h = 0; h < hunks; h++) {
      const at = 10 + h * 40;
      out.push(`@@ -${at},11 +${at},11 @@ export function f${h}() {`);
      for (let c = 0; c < 4; c++) out.push(`   const unchanged${c} = compute(${c});`);
      out.push(`-  return oldValue${h};`, `+  return newValue${h};`);
      for (let c = 0; c < 5; c++) out.push(`   log(${c});`);
    }
  }
  out.push(
    'diff --git a/pnpm-lock.yaml b/pnpm-lock.yaml',
    'index 111..222 100644',
    '--- a/pnpm-lock.yaml',
    '+++ b/pnpm-lock.yaml',
  );
  out.push('@@ -1,300 +1,300 @@');
  for (let i = 0; i < 300; i++) out.push(i % 2 ? `+  /pkg${i}@1.0.${i}:` : `-  /pkg${i}@1.0.${i - 1}:`);
  return out;
}

/** Markdown prose with headings, a fenced code block, a table and filler paragraphs. */
export function markdown(paragraphs: number): string[] {
  const r = prng(21);
  const filler = [
    'The system handles this well in most cases.',
    'This is generally considered fine.',
    'Nothing else changes here.',
    'Users rarely notice the difference.',
  ];
  const out: string[] = ['# Design notes', '', 'Intro paragraph describing the overall approach.'];
  for (let p = 0; p < paragraphs; p++) {
    if (p % 25 === 0) out.push('', `## Section ${p / 25 + 1}`, '');
    if (p === 40)
      out.push(
        '```ts',
        'const limit = 4096;',
        'export function clamp(x: number) {',
        '  return Math.min(x, limit);',
        '}',
        '```',
      );
    if (p === 60) out.push('| key | value |', '|---|---|', '| timeout | 30s |', '| retries | 5 |');
    out.push(filler[Math.floor(r() * filler.length)]!);
    if (p === 77)
      out.push(
        'The rollout on 2025-04-02 raised p99 latency to 870 ms on https://status.example.com/incidents/4411.',
      );
  }
  return out;
}
