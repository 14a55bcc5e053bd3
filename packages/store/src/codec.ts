import { createHash } from 'node:crypto';
import { type CcrEntry, type CcrEntryMeta, type CcrPut, CONTENT_HASH_LENGTH } from '@headroom/core';
import type { CcrRecord, CcrRow, CcrWrite } from './backend.js';
import { StoreUnavailableError } from './errors.js';
import { isWellFormed } from './text.js';

/** The `CcrPut` fields kept beside an original; anything else a caller passes is not stored. */
const META_FIELDS = [
  'kind',
  'strategy',
  'unit',
  'omitted',
  'total',
  'toolName',
  'toolCallId',
  'signature',
  'originalTokens',
  'compressedTokens',
  'format',
] as const satisfies readonly (keyof CcrPut)[];

type StoredMeta = Omit<CcrPut, 'original'>;

const REPLACEMENT_CHAR = Buffer.from('\uFFFD', 'utf8');

/**
 * Core's `fullDigest(text)` computed from the text's UTF-8 bytes, which are at hand: hashing the
 * bytes costs a third of re-encoding the string, and on read it checks exactly what was stored.
 */
function bytesDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function metaJson(input: CcrPut): string {
  const meta: Record<string, unknown> = {};
  for (const field of META_FIELDS) if (input[field] !== undefined) meta[field] = input[field];
  return JSON.stringify(meta);
}

/**
 * Encodes a put for a backend. Originals are stored as UTF-8, so a string with a lone surrogate
 * (which UTF-8 cannot carry) is refused rather than stored altered: byte-exact or not at all.
 */
export function encodePut(input: CcrPut, maxEntryBytes: number): CcrWrite {
  const original = Buffer.from(input.original, 'utf8');
  if (original.length > maxEntryBytes) {
    throw new StoreUnavailableError(
      'entry_too_large',
      `original of ${original.length} bytes is over maxEntryBytes (${maxEntryBytes})`,
    );
  }
  // U+FFFD in the bytes is either real or a replaced lone surrogate; only then is the scan needed.
  if (original.includes(REPLACEMENT_CHAR) && !isWellFormed(input.original)) {
    throw new StoreUnavailableError('not_well_formed', 'original holds a lone UTF-16 surrogate');
  }
  const digest = bytesDigest(original);
  return {
    hash: digest.slice(0, CONTENT_HASH_LENGTH),
    digest,
    original,
    text: input.original,
    meta: metaJson(input),
    bytes: original.length,
  };
}

/** Entry metadata from a stored row (what eviction and retrieval events carry). */
export function rowMeta(row: CcrRow): CcrEntryMeta {
  const meta = JSON.parse(row.meta) as StoredMeta;
  return Object.assign(meta, {
    hash: row.hash,
    digest: row.digest,
    createdAt: row.createdAt,
    lastAccessAt: row.lastAccessAt,
    ttlMs: row.ttlMs,
    retrievalCount: row.retrievalCount,
    bytes: row.bytes,
  });
}

/**
 * The entry of a retrieved record, or undefined when its checksum fails: the stored bytes must
 * hash to the stored digest, and the digest must start with the key. Anything else is corruption.
 * Valid UTF-8 of a well-formed string decodes back to that exact string.
 */
export function verifiedEntry(record: CcrRecord): CcrEntry | undefined {
  const { original: bytes } = record;
  if (typeof bytes === 'string') return Object.assign(rowMeta(record), { original: bytes });
  if (bytes.length !== record.bytes || !record.digest.startsWith(record.hash)) return undefined;
  if (bytesDigest(bytes) !== record.digest) return undefined;
  try {
    return Object.assign(rowMeta(record), { original: bytes.toString('utf8') });
  } catch {
    return undefined; // unparseable metadata is corruption too
  }
}
