import { between, pickOne, type Random, seeded } from '../../prng.js';
import type { ContentCase } from '../case.js';
import { ident, words } from './words.js';

/** A test-runner log: passing lines, two failures with a stack trace, a summary. */
function buildLog(rand: Random, n: number): ContentCase {
  const failures = [
    `FAIL src/${ident(rand)}.test.ts > rejects expired tokens`,
    `Error: connect ECONNREFUSED 127.0.0.1:${between(rand, 5000, 9000)}`,
  ];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i === Math.floor(n / 3))
      lines.push(
        failures[0]!,
        '  AssertionError: expected 401 to be 200',
        '    at verify (src/auth.ts:88:11)',
      );
    if (i === Math.floor((2 * n) / 3))
      lines.push(failures[1]!, '    at TCPConnectWrap.afterConnect (node:net:1555:16)');
    lines.push(` ✓ src/${ident(rand)}.test.ts > ${words(rand, 4)} (${between(rand, 1, 40)} ms)`);
  }
  lines.push(` Test Files  2 failed | ${n - 2} passed (${n})`);
  return {
    id: `log-tests-${n}`,
    kind: 'log: test run',
    origin: 'seeded',
    text: lines.join('\n'),
    mustKeep: [...failures, 'Test Files  2 failed'],
    validity: 'none',
    toolName: 'Bash',
  };
}

/** `grep -rn` output: the query's target symbol is defined in one file among many hits. */
function grepOutput(rand: Random, n: number): ContentCase {
  const symbol = 'resolveTenantQuota';
  const hitAt = between(rand, Math.floor(n / 4), Math.floor((3 * n) / 4));
  const lines = Array.from({ length: n }, (_, i) => {
    const file = `src/${pickOne(rand, ['api', 'core', 'jobs', 'web'])}/${ident(rand)}.ts`;
    const line = between(rand, 1, 900);
    const text =
      i === hitAt
        ? `export function ${symbol}(tenant: Tenant): Quota {`
        : `  const ${ident(rand)} = ${ident(rand)}(${words(rand, 1)});`;
    return `${file}:${line}:${text}`;
  });
  return {
    id: `search-grep-${n}`,
    kind: 'search: grep -rn',
    origin: 'seeded',
    text: lines.join('\n'),
    query: `where is ${symbol} defined`,
    mustKeep: [lines[hitAt]!],
    validity: 'none',
    toolName: 'Grep',
  };
}

/** A multi-file unified diff: every file header and every changed line are must-keep. */
function diff(rand: Random, files: number): ContentCase {
  const out: string[] = [];
  const keep: string[] = [];
  for (let f = 0; f < files; f++) {
    const path = `src/${ident(rand)}.ts`;
    out.push(
      `diff --git a/${path} b/${path}`,
      `index 3f2a1b0..8c9d4e1 100644`,
      `--- a/${path}`,
      `+++ b/${path}`,
    );
    keep.push(`diff --git a/${path} b/${path}`);
    const start = between(rand, 10, 400);
    out.push(`@@ -${start},14 +${start},14 @@ export class ${ident(rand)} {`);
    for (let l = 0; l < 14; l++) {
      if (l === 7) {
        const removed = `-    return ${ident(rand)}(input, ${between(rand, 1, 9)});`;
        const added = `+    return ${ident(rand)}(input, ${between(rand, 10, 99)});`;
        out.push(removed, added);
        keep.push(removed, added);
      } else out.push(`     ${words(rand, 1)}.${ident(rand)}(${words(rand, 1)});`);
    }
  }
  return {
    id: `diff-${files}-files`,
    kind: 'diff: unified',
    origin: 'seeded',
    text: out.join('\n'),
    mustKeep: keep,
    validity: 'none',
    toolName: 'Bash',
  };
}

/** Prose with one planted fact the question asks about. */
function prose(rand: Random, paragraphs: number): ContentCase {
  const code = `${between(rand, 1000, 9999)}-${pickOne(rand, ['XK', 'QZ', 'MV'])}`;
  const needle = `The maintenance window access code is ${code}.`;
  const paras = Array.from({ length: paragraphs }, (_, i) => {
    const sentences = Array.from({ length: 6 }, () => {
      const s = words(rand, between(rand, 8, 16));
      return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
    });
    if (i === Math.floor(paragraphs / 2)) sentences.splice(3, 0, needle);
    return sentences.join(' ');
  });
  return {
    id: `prose-${paragraphs}`,
    kind: 'text: prose',
    origin: 'seeded',
    text: paras.join('\n\n'),
    query: 'what is the maintenance window access code',
    mustKeep: [needle],
    validity: 'none',
    toolName: 'fetch_page',
  };
}

export function textCases(seed: number): ContentCase[] {
  const rand = seeded(seed);
  return [buildLog(rand, 300), grepOutput(rand, 400), diff(rand, 12), prose(rand, 40)];
}
