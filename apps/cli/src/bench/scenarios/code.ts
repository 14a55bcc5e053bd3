import { between, seeded } from '../random.js';
import type { Scenario } from '../scenario.js';

/** A large unified diff across files; needles: the security fix and the last hunk's line. */
export function largeDiff(): Scenario {
  const rand = seeded(6006);
  const out: string[] = [];
  for (let f = 0; f < 40; f++) {
    out.push(
      `diff --git a/src/module${f}.ts b/src/module${f}.ts`,
      `--- a/src/module${f}.ts`,
      `+++ b/src/module${f}.ts`,
    );
    for (let h = 0; h < 5; h++) {
      const start = between(rand, 1, 800);
      out.push(`@@ -${start},7 +${start},7 @@ export class Module${f} {`);
      out.push(`   private counter${h} = 0;`, `   private label${h} = 'module-${f}';`);
      out.push(`-  limit${h} = ${between(rand, 1, 99)};`, `+  limit${h} = ${between(rand, 100, 999)};`);
      out.push(`   reset${h}(): void {`, `     this.counter${h} = 0;`, '   }');
    }
  }
  out.splice(900, 0, '+  if (!verifySignature(token, secretKeyRing)) throw new AuthError("bad signature");');
  out.push('+// end of generated change set 0xC0FFEE');
  return {
    name: 'large diff',
    type: 'diff',
    text: `${out.join('\n')}\n`,
    needles: ['verifySignature(token, secretKeyRing)', '0xC0FFEE'],
  };
}

/** A TypeScript module of many small functions; needles: one function's signature and the exports. */
export function typescriptSource(): Scenario {
  const rand = seeded(7007);
  const out: string[] = ["import { readFile } from 'node:fs/promises';", ''];
  for (let i = 0; i < 120; i++) {
    out.push(`/** Computes step ${i} of the schedule. */`);
    out.push(`export function step${i}(input: number[], factor = ${between(rand, 2, 9)}): number {`);
    out.push(
      '  let total = 0;',
      '  for (const value of input) {',
      `    total += value * factor + ${between(rand, 1, 50)};`,
      '  }',
    );
    out.push(`  return total % ${between(rand, 1000, 9999)};`, '}', '');
  }
  out.push('export async function loadScheduleFromDisk(path: string): Promise<number[]> {');
  out.push("  return JSON.parse(await readFile(path, 'utf8')) as number[];", '}', '');
  return {
    name: 'TypeScript source',
    type: 'code',
    text: out.join('\n'),
    needles: ['loadScheduleFromDisk(path: string)', 'step0', 'step119'],
  };
}
