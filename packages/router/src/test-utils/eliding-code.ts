import type { CcrSink } from '@headroom/core';
import type { CodeModule } from '../optional.js';

/**
 * A stand-in for @headroom/code in policy tests: keeps unindented lines (imports, signatures),
 * stores the original and appends a marker comment, as the real compressor does. Tests of the
 * real package's output live in the integration tests.
 */
export const elidingCodeModule: CodeModule = {
  CodeAwareCompressor: class {
    constructor(
      _config?: unknown,
      private readonly deps: { store?: CcrSink } = {},
    ) {}
    async compress(text: string) {
      const hash = this.deps.store!.put({
        original: text,
        kind: 'code',
        strategy: 'code_aware',
        unit: 'lines',
        omitted: 1,
        total: 1,
      });
      const kept = text.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
      return { compressed: `${kept.join('\n')}\n# [${hash}]`, wasModified: true };
    }
    compressSync(): never {
      throw new Error('not warmed up');
    }
    async warmup() {}
  },
};
