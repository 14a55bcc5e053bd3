import { describe, expect, it } from 'vitest';
import { parseMarkers } from './marker.js';
import { MemoryCcrStore } from './memory-store.js';
import {
  CCR_TOOL_DESCRIPTION,
  CCR_TOOL_NAME,
  ccrToolDefinition,
  exampleMarker,
  formatRetrieval,
  isCcrHash,
} from './tool.js';

const SCHEMA =
  '{"type":"object","properties":{"hash":{"type":"string","description":"The hash shown in the marker."}},"required":["hash"],"additionalProperties":false}';

describe('retrieval tool', () => {
  it('has constant bytes per provider shape', () => {
    const d = JSON.stringify(CCR_TOOL_DESCRIPTION);
    expect(JSON.stringify(ccrToolDefinition('anthropic'))).toBe(
      `{"name":"headroom_retrieve","description":${d},"input_schema":${SCHEMA}}`,
    );
    expect(JSON.stringify(ccrToolDefinition('openai-chat'))).toBe(
      `{"type":"function","function":{"name":"headroom_retrieve","description":${d},"parameters":${SCHEMA}}}`,
    );
    expect(JSON.stringify(ccrToolDefinition('openai-responses'))).toBe(
      `{"type":"function","name":"headroom_retrieve","description":${d},"parameters":${SCHEMA},"strict":true}`,
    );
    expect(CCR_TOOL_DESCRIPTION).toMatchInlineSnapshot(
      `"Return the original, uncompressed content behind a Headroom marker such as <<ccr:0123456789abcdef01234567 85 of 100 rows omitted>>. Use only when the compressed text lacks a detail you need. Call it on its own, not in the same turn as other tools."`,
    );
  });

  it('shows a marker that parses, so description and grammar cannot drift', () => {
    expect(parseMarkers(CCR_TOOL_DESCRIPTION)[0]!.text).toBe(exampleMarker());
    expect(CCR_TOOL_NAME).toBe('headroom_retrieve');
  });

  it('validates hashes and formats hits and misses', async () => {
    expect(isCcrHash('0123456789abcdef01234567')).toBe(true);
    expect(isCcrHash('0123456789ABCDEF01234567')).toBe(false);
    expect(isCcrHash('0123')).toBe(false);
    const store = new MemoryCcrStore();
    const hash = store.put({
      original: 'orig',
      kind: 'text',
      strategy: 's',
      unit: 'lines',
      omitted: 1,
      total: 1,
    });
    expect(formatRetrieval(await store.get(hash))).toBe('orig');
    expect(formatRetrieval(undefined, 'abc')).toBe(
      'Headroom: no stored original for hash abc (unknown or expired). Re-run the tool that produced it if you need the full output.',
    );
  });
});
