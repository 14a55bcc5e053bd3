import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readShape } from '../body/request-shape.js';
import { decideCcr, TOOL_BYTES } from './ccr-injection.js';

const shape = (body: unknown, endpoint: 'messages' | 'chat' | 'responses') =>
  readShape(Buffer.from(JSON.stringify(body)), endpoint);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);

describe('retrieval tool injection', () => {
  it('has constant bytes per shape (changing them busts every prompt cache once)', () => {
    expect(Object.fromEntries(Object.entries(TOOL_BYTES).map(([k, v]) => [k, sha(v)]))).toEqual({
      messages: '423f34aa347259f0',
      chat: '3bf480d3353e5da1',
      responses: '779fe43a513e5bbd',
    });
    expect(TOOL_BYTES.messages.toString()).toMatch(
      /^\{"name":"headroom_retrieve","description":"Return the original/,
    );
    expect(TOOL_BYTES.responses.toString()).toMatch(/"strict":true\}$/);
  });

  it('is a pure function of the request', () => {
    const tools = [{ type: 'function', function: { name: 'q', parameters: {} } }];
    expect(decideCcr(shape({ tools, messages: [] }, 'chat'), 'cache')).toEqual({
      inject: true,
      clientHasTool: false,
    });
    expect(decideCcr(shape({ tools, n: 2, messages: [] }, 'chat'), 'cache').inject).toBe(false);
    expect(decideCcr(shape({ tools: [], messages: [] }, 'chat'), 'cache').inject).toBe(false);
    expect(decideCcr(shape({ tools, messages: [] }, 'chat'), 'lossless').inject).toBe(false);
    const mcp = [{ name: 'mcp__headroom__headroom_retrieve', input_schema: {} }];
    expect(decideCcr(shape({ tools: mcp, messages: [] }, 'messages'), 'cache')).toEqual({
      inject: false,
      clientHasTool: true,
    });
    const rtools = [{ type: 'function', name: 'q', parameters: {} }];
    expect(decideCcr(shape({ tools: rtools, input: [], store: false }, 'responses'), 'cache').inject).toBe(
      false,
    );
    expect(
      decideCcr(
        shape(
          { tools: rtools, input: [], store: false, include: ['reasoning.encrypted_content'] },
          'responses',
        ),
        'cache',
      ).inject,
    ).toBe(true);
    expect(decideCcr(shape({ tools: rtools, input: 'hi' }, 'responses'), 'cache').inject).toBe(false);
  });
});
