import { MemoryCcrStore, parseMarkers } from '@headroom/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeAwareCompressor } from './code-compressor.js';
import { specForLanguage } from './grammars.js';
import { type ProgramLanguage, program, render } from './test-utils/programs.js';
import { foreignLines, inspect, isInsertedLine, missingInOrder } from './test-utils/structure.js';

const LANGUAGES: ProgramLanguage[] = ['python', 'javascript', 'typescript', 'tsx'];

const config = fc.record({
  maxBodyLines: fc.integer({ min: 0, max: 8 }),
  targetCompressionRate: fc.double({ min: 0, max: 1, noNaN: true }),
  docstringMode: fc.constantFrom('full' as const, 'first-line' as const, 'remove' as const),
  preserveSignatures: fc.boolean(),
  preserveDecorators: fc.boolean(),
  preserveErrorHandlers: fc.boolean(),
  collapseCommentBlocks: fc.integer({ min: 2, max: 12 }),
  minTokensForCompression: fc.constant(0),
});

beforeAll(async () => {
  await new CodeAwareCompressor().warmup(LANGUAGES);
});

describe.each(LANGUAGES)('generated %s programs', (language) => {
  const comment = specForLanguage(language).lineComment;

  it('compress to output that parses, keeps structure and input bytes, and counts what it omits', async () => {
    let modified = 0;
    await fc.assert(
      fc.asyncProperty(program, async (p) => {
        const code = render(p, language);
        const result = new CodeAwareCompressor(
          { minTokensForCompression: 0 },
          { store: new MemoryCcrStore() },
        ).compressSync(code, { language });
        const report = await inspect(language, code, result.compressed);
        expect(report.inputErrors).toBe(0);
        // Invariant 1: the output parses with the same grammar.
        expect(report.outputErrors).toBe(0);
        expect(result.syntaxValid).toBe(true);
        // Invariant 3: imports, class headers, signatures and decorators stay, in order.
        expect(missingInOrder(report.required, result.compressed.split('\n'))).toEqual([]);
        // Invariant 2: every other line is an input line, in input order.
        expect(foreignLines(code, result.compressed, comment)).toEqual([]);
        if (!result.wasModified) return;
        modified++;
        // Invariant 6: the marker counts the input lines the output does not copy.
        const out = result.compressed.trimEnd().split('\n');
        const ours = out.filter((l) => isInsertedLine(l, comment)).length;
        const [marker] = parseMarkers(result.compressed);
        expect(marker!.omitted).toBe(code.trimEnd().split('\n').length - (out.length - ours));
        // Invariant 9.
        expect(result.compressionRatio).toBeLessThanOrEqual(0.95);
      }),
      { numRuns: 25 },
    );
    // Most generated programs are worth compressing: the properties above are not vacuous.
    expect(modified).toBeGreaterThanOrEqual(12);
  }, 60_000);

  it('keeps the output parsing under any configuration, and is deterministic and idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(program, config, async (p, cfg) => {
        const code = render(p, language);
        const compress = (text: string) =>
          new CodeAwareCompressor(cfg, { store: new MemoryCcrStore() }).compressSync(text, { language });
        const first = compress(code);
        expect((await inspect(language, code, first.compressed)).outputErrors).toBe(0);
        // Invariant 8.
        expect(compress(code).compressed).toBe(first.compressed);
        expect(compress(first.compressed).compressed).toBe(first.compressed);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
