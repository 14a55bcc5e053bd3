import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryCcrStore } from '../ccr/memory-store.js';
import { HeadroomError } from '../errors.js';
import { applyEdits } from '../messages/edits.js';
import type { Conversation } from '../messages/types.js';
import { viewOf } from '../messages/view.js';
import { anyConversationArb } from '../test-utils/arbitraries.js';
import { anthropicMessages, chatParallelCalls } from '../test-utils/payloads.js';
import { getTokenizer } from '../tokenizer/tokenizer.js';
import { TransformPipeline } from './pipeline.js';
import { queryFor } from './query.js';
import type { Transform, TransformContext, TransformResult } from './transform.js';

const tokenizer = getTokenizer('gpt-4o');

function result(conversation: Conversation, name: string): TransformResult {
  return {
    messages: conversation,
    conversation,
    transformsApplied: [name],
    markersInserted: [],
    ccrHashes: [],
    warnings: [],
  };
}

/** Replaces every tool result with a short text: a deterministic stand-in compressor. */
const shorten: Transform = {
  name: 'shorten',
  apply(input, ctx) {
    const view = viewOf(input, ctx);
    const edits = view.slots
      .filter((s) => s.kind === 'tool-result')
      .map((slot) => ({ op: 'replace' as const, slot, text: `len=${slot.text.length}` }));
    return result(applyEdits(input, edits), 'shorten');
  },
};
const thrower: Transform = {
  name: 'thrower',
  apply() {
    throw new HeadroomError('PARSE_FAILED', 'boom');
  },
};
const orphaner: Transform = {
  name: 'orphaner',
  apply(input) {
    return result({ ...input, messages: input.messages.filter((_, i) => i !== 2) }, 'orphaner');
  },
};
const slow: Transform = {
  name: 'slow',
  apply: (input) =>
    new Promise((resolve) => setTimeout(() => resolve(result({ ...input, messages: [] }, 'slow')), 500)),
};

describe('TransformPipeline', () => {
  it('measures tokens before and after and returns the input kind', async () => {
    const out = await new TransformPipeline([shorten]).transform(chatParallelCalls, { tokenizer });
    expect(Array.isArray(out.messages)).toBe(true);
    expect(out.tokensBefore).toBe(viewOf(chatParallelCalls, { tokenizer }).totalTokens());
    expect(out.tokensAfter).toBe(viewOf(out.messages, { tokenizer }).totalTokens());
    expect(out.tokensSaved).toBe(Math.max(0, out.tokensBefore - out.tokensAfter));
    expect(out.compressionRatio).toBeCloseTo(out.tokensAfter / out.tokensBefore);
    expect(out.transformsApplied).toEqual(['shorten']);
    expect(out.timing.shorten).toBeGreaterThanOrEqual(0);
    const conv: Conversation = { format: 'anthropic', messages: anthropicMessages };
    expect((await new TransformPipeline([shorten]).transform(conv, { tokenizer })).messages).toHaveProperty(
      'format',
      'anthropic',
    );
  });

  it('fails open when a transform throws, and keeps going', async () => {
    const out = await new TransformPipeline([thrower, shorten]).transform(chatParallelCalls, { tokenizer });
    expect(out.warnings).toContain('failed:thrower:PARSE_FAILED');
    expect(out.transformsApplied).toEqual(['shorten']);
    const sync = new TransformPipeline([thrower]).transformSync(chatParallelCalls, { tokenizer });
    expect(sync.messages).toBe(chatParallelCalls);
    expect(sync.tokensSaved).toBe(0);
  });

  it('reverts a transform that orphans a tool result', async () => {
    const out = await new TransformPipeline([orphaner]).transform(chatParallelCalls, { tokenizer });
    expect(out.messages).toBe(chatParallelCalls);
    expect(out.warnings).toEqual(['reverted:orphaner:pair-invariant']);
    expect(out.transformsApplied).toEqual([]);
  });

  it('does not revert a transform that only shifts a violation the input already had', async () => {
    const broken = [
      { role: 'system' as const, content: 'rules' },
      { role: 'assistant' as const, content: 'hi first' },
      { role: 'user' as const, content: 'question' },
    ];
    const dropSystem: Transform = {
      name: 'drop_system',
      apply: (input) => result({ ...input, messages: input.messages.slice(1) }, 'drop_system'),
    };
    const out = await new TransformPipeline([dropSystem]).transform(broken, { tokenizer });
    expect(out.messages).toHaveLength(2);
    expect(out.warnings).toEqual([]);
  });

  it('times out a slow transform and keeps the previous conversation', async () => {
    const out = await new TransformPipeline([slow], { transformTimeoutMs: 20 }).transform(chatParallelCalls, {
      tokenizer,
    });
    expect(out.messages).toBe(chatParallelCalls);
    expect(out.warnings).toEqual(['timeout:slow']);
  });

  it('stops at an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await new TransformPipeline([shorten]).transform(chatParallelCalls, {
      tokenizer,
      signal: controller.signal,
    });
    expect(out.messages).toBe(chatParallelCalls);
    expect(out.warnings).toEqual(['aborted:shorten']);
  });

  it('refuses async transforms in transformSync', () => {
    expect(() => new TransformPipeline([slow]).transformSync(chatParallelCalls, { tokenizer })).toThrow(
      expect.objectContaining({ code: 'ASYNC_TRANSFORM' }),
    );
  });

  it('passes mixed formats through untouched', async () => {
    const mixed = [chatParallelCalls[2]!, anthropicMessages[1]!];
    const out = await new TransformPipeline([shorten]).transform(mixed);
    expect(out.messages).toBe(mixed);
    expect(out.warnings).toEqual(['failed:pipeline:MIXED_FORMAT']);
    expect(out.tokensBefore).toBeGreaterThan(0);
  });

  it('skips transforms whose shouldApply says no, and warns when a context manager is not last', async () => {
    const never: Transform = { ...shorten, name: 'never', shouldApply: () => false };
    const window: Transform = { name: 'window', role: 'context-manager', apply: (c) => result(c, 'window') };
    const out = await new TransformPipeline([never, window, shorten]).transform(chatParallelCalls, {
      tokenizer,
    });
    expect(out.transformsApplied).toEqual(['shorten']);
    expect(out.warnings).toContain('order:window:context-manager-not-last');
  });

  it('awaits the store flush before returning', async () => {
    const store = new MemoryCcrStore();
    let flushed = false;
    store.flush = async () => {
      await new Promise((r) => setTimeout(r, 5));
      flushed = true;
    };
    await new TransformPipeline([shorten]).transform(chatParallelCalls, { tokenizer, store });
    expect(flushed).toBe(true);
  });

  it('never mutates input, is deterministic, never grows violations, and fails open (property)', async () => {
    await fc.assert(
      fc.asyncProperty(anyConversationArb(), async ({ conversation }) => {
        const snapshot = structuredClone(conversation);
        const pipeline = new TransformPipeline([thrower, shorten, orphaner]);
        const a = await pipeline.transform(conversation, { tokenizer });
        const b = await pipeline.transform(structuredClone(conversation), { tokenizer });
        expect(conversation).toEqual(snapshot);
        expect(JSON.stringify(a.messages)).toBe(JSON.stringify(b.messages));
        const failedOnly = await new TransformPipeline([thrower]).transform(conversation, { tokenizer });
        expect(failedOnly.messages).toBe(conversation);
        expect(a.warnings[0]).toBe('failed:thrower:PARSE_FAILED');
      }),
      { numRuns: 50 },
    );
  });
});

describe('queryFor', () => {
  it('joins the last user text with the values of the call arguments', () => {
    const view = viewOf(chatParallelCalls, { tokenizer } satisfies Partial<TransformContext>);
    const tokyo = view.entry(4)!.slots[0]!;
    expect(queryFor(view, tokyo)).toBe('And this picture?\nTokyo');
    expect(queryFor(view)).toBe('And this picture?');
  });
});
