import { createHash } from 'node:crypto';

/** Pieces that break careless storage: NUL, CRLF, a BOM, astral and combining characters. */
const AWKWARD = ['\u0000', '\r\n', '\uFEFF', '😀', 'é', 'e\u0301', '\t', '"\\', '\u2028', '𝔘𝔫𝔦'];

/** About 1 KB of hash-derived ASCII with an awkward piece every ~44 bytes, seeded by `seed`. */
function unit(seed: string): string {
  const parts: string[] = [];
  let block = seed;
  for (let n = 0; n < 24; n++) {
    block = createHash('sha256').update(block).digest('base64');
    parts.push(block, AWKWARD[n % AWKWARD.length]!);
  }
  return parts.join('');
}

const UNITS = Array.from({ length: 16 }, (_, k) => unit(`unit-${k}`));
/** Code points, so a header slice never splits a surrogate pair. */
const HEAD_POOL = Array.from(unit('head'));

/**
 * A deterministic text of at least `bytes` UTF-8 bytes for entry `i` (rounded up to whole pieces,
 * never splitting a surrogate pair): a unique header, then whole ~1 KB units, so every entry
 * differs and every byte class is exercised.
 */
export function corpusText(i: number, bytes: number): string {
  const from = i % 300;
  const head = `entry ${i}: ${HEAD_POOL.slice(from, from + Math.min(bytes, 600)).join('')}`;
  const body = UNITS[i % UNITS.length]!;
  const repeat = Math.max(0, Math.ceil((bytes - Buffer.byteLength(head)) / Buffer.byteLength(body)));
  return head + body.repeat(repeat);
}

/**
 * Sizes for the bulk round trip: `count` entries, mostly 20 B–4 KB, plus a few of 1–5 MB, so 10,000
 * entries total about 35 MB and the suite stays fast.
 */
export function corpusSizes(count: number): number[] {
  const large = [5, 4, 3, 2, 1].map((mb) => mb * 1024 * 1024);
  return Array.from({ length: count }, (_, i) =>
    i % 2000 === 999 ? large[(i / 2000) | 0]! : 20 + ((i * 7919) % 4096),
  );
}
