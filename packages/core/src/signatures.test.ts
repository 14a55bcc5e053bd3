import { describe, expect, it } from 'vitest';
import { HeadroomConfig } from './config/headroom.js';
import { contentHash, fullDigest } from './hash.js';
import {
  configFingerprint,
  contentSignature,
  fieldHash,
  messageDropSignature,
  structureSignature,
  valueHash,
} from './signatures.js';

describe('hashes and signatures', () => {
  it('hashes content with 24 hex chars of SHA-256', () => {
    expect(fullDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea414140de');
  });

  it('signs structure by field names and kinds, never values', () => {
    const a = structureSignature([
      { id: 1, name: 'x' },
      { id: 2, name: 'y' },
    ]);
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(structureSignature([{ name: 'z', id: 9 }])).toBe(a);
    expect(structureSignature([{ id: '1', name: 'x' }])).not.toBe(a);
    expect(contentSignature('log')).not.toBe(contentSignature('code', 'python'));
    const drop = { roles: { assistant: 2, tool: 2 }, tools: ['grep', 'grep'], errors: 0, tokens: 900 };
    expect(messageDropSignature(drop)).toBe(messageDropSignature({ ...drop, tools: ['grep'], tokens: 1000 }));
    expect(messageDropSignature(drop)).not.toBe(messageDropSignature({ ...drop, errors: 1 }));
  });

  it('hashes field names and canonical values for TOIN without storing them', () => {
    expect(fieldHash('status')).toMatch(/^[0-9a-f]{8}$/);
    expect(fieldHash('status')).not.toBe(fieldHash('state'));
    expect(valueHash({ a: 1, b: [2] })).toBe(valueHash({ b: [2], a: 1 }));
    expect(valueHash('1')).not.toBe(valueHash(1));
  });

  it('fingerprints equal configs equally, whatever the key order', () => {
    const a = HeadroomConfig.parse({ smartCrusher: { keepFirst: 4 } });
    const b = HeadroomConfig.parse({ smartCrusher: { keepFirst: 4 } });
    expect(configFingerprint(a)).toBe(configFingerprint(b));
    expect(configFingerprint({ x: 1, y: 2 })).toBe(configFingerprint({ y: 2, x: 1 }));
    expect(configFingerprint(a)).not.toBe(configFingerprint(HeadroomConfig.parse({})));
  });
});
