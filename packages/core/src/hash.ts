import { hash } from 'node:crypto';

/** 24 hex chars (96 bits) of SHA-256: collision-safe for fleet-shared stores, ~10 tokens in a marker. */
export const CONTENT_HASH_LENGTH = 24;

export function fullDigest(text: string): string {
  // One-shot: a `createHash` object costs more than hashing a typical prompt.
  return hash('sha256', text, 'hex');
}

/** The CCR key of a text: the first 24 hex chars of its SHA-256. */
export function contentHash(text: string): string {
  return fullDigest(text).slice(0, CONTENT_HASH_LENGTH);
}

/** A short digest for fingerprints and signatures (never a CCR key). */
export function shortHash(text: string, length = 16): string {
  return fullDigest(text).slice(0, length);
}
