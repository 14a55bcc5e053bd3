import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectShape, parsePipelineInput } from './pipeline-input.js';

describe('pipeline input', () => {
  it('detects Anthropic and Chat shapes and refuses a mix', () => {
    expect(
      detectShape(parsePipelineInput('{"system":"s","messages":[{"role":"user","content":"hi"}]}')),
    ).toBe('anthropic');
    expect(detectShape(parsePipelineInput('{"messages":[{"role":"user","content":"hi"}]}'))).toBe(
      'openai-chat',
    );
    expect(
      detectShape(parsePipelineInput('{"messages":[{"role":"tool","tool_call_id":"a","content":"x"}]}')),
    ).toBe('openai-chat');
    expect(() =>
      detectShape(parsePipelineInput('{"system":"s","messages":[{"role":"tool","content":"x"}]}')),
    ).toThrow(/ambiguous/);
  });

  it('names the line and column of the first bad character', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('  ', '\n', '\t'), { maxLength: 8 }), fc.nat(3), (pad, where) => {
        const head = `{"messages":${pad.join('')}[${'\n'.repeat(where)}`;
        const lines = head.split('\n');
        const expected = `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
        expect(() => parsePipelineInput(`${head}@]}`)).toThrow(`input is not JSON: ${expected}`);
      }),
      { numRuns: 50 },
    );
  });
});
