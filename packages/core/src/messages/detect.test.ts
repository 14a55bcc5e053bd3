import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../errors.js';
import { anthropicMessages, chatParallelCalls, responsesInput } from '../test-utils/payloads.js';
import { detectFormat } from './detect.js';
import type { AnyMessage } from './types.js';

const tauBench = JSON.parse(
  readFileSync(new URL('../__fixtures__/tau-bench-airline.json', import.meta.url), 'utf8'),
) as AnyMessage[];

describe('detectFormat', () => {
  it('detects each provider shape from real-shaped payloads', () => {
    expect(detectFormat(tauBench)).toBe('openai-chat');
    expect(detectFormat(chatParallelCalls)).toBe('openai-chat');
    expect(detectFormat(anthropicMessages)).toBe('anthropic');
    expect(detectFormat(responsesInput)).toBe('openai-responses');
  });

  it('treats plain role/content messages as chat: all three formats read them the same way', () => {
    expect(
      detectFormat([
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ]),
    ).toBe('openai-chat');
    expect(detectFormat([])).toBe('openai-chat');
  });

  it('recognizes Responses by items or by input_text parts, even with system roles', () => {
    expect(
      detectFormat([
        { role: 'system', content: 's' },
        { type: 'function_call_output', call_id: 'c', output: 'x' },
      ]),
    ).toBe('openai-responses');
    expect(detectFormat([{ role: 'user', content: [{ type: 'input_text', text: 'x' }] }])).toBe(
      'openai-responses',
    );
    expect(detectFormat([{ type: 'web_search_call', id: 'ws_1', status: 'completed' }])).toBe(
      'openai-responses',
    );
  });

  it('recognizes Anthropic by thinking, tool blocks or an image with a source', () => {
    expect(
      detectFormat([{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'u' } }] }]),
    ).toBe('anthropic');
    expect(
      detectFormat([{ role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: 's' }] }]),
    ).toBe('anthropic');
  });

  it('rejects a mixed array with MIXED_FORMAT', () => {
    const mixed = [chatParallelCalls[2]!, anthropicMessages[1]!];
    expect(() => detectFormat(mixed)).toThrow(HeadroomError);
    try {
      detectFormat(mixed);
    } catch (error) {
      expect((error as HeadroomError).code).toBe('MIXED_FORMAT');
    }
    expect(() =>
      detectFormat([{ role: 'tool', tool_call_id: 'a', content: 'x' }, responsesInput[4]!]),
    ).toThrow(/mix/);
  });
});
