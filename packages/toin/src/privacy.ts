import { hostname, userInfo } from 'node:os';
import { fieldHash, type JsonValue, shortHash, valueHash } from '@headroom/core';
import { OP_SYMBOL, parseQuery } from './query.js';

/**
 * Everything TOIN keeps passes through here first: field names, values and queries become short
 * hashes, and any signature, strategy or tenant that is not already a safe identifier is hashed
 * too, so no raw text can reach the state, an export or a file.
 *
 * The hashes are domain-separated but not salted per instance: instances must agree on them to
 * merge, and SmartCrusher and the context manager compute the same ones to look advice up. A field
 * name such as `status` is therefore a pseudonym, not a secret (a dictionary reverses it); values
 * and queries are what the hashing protects.
 */

/** `sha256('field|' + name)`, first 8 hex (core's `fieldHash`, the one SmartCrusher looks up). */
export function hashField(name: string): string {
  return fieldHash(name);
}

/** `sha256('value|' + canonical JSON)`, first 8 hex (core's `valueHash`). */
export function hashValue(value: JsonValue): string {
  return valueHash(value);
}

/**
 * The shape of a query with every value removed: `name op value` terms become `<hashField(name)><op>*`,
 * quoted strings, numbers, UUIDs and e-mails become `*`, other words are dropped. Sorted and unique.
 */
export function anonymizeQuery(query: string): string {
  const { terms, literals } = parseQuery(query);
  const tokens = new Set(terms.map((t) => `${fieldHash(t.name)}${OP_SYMBOL[t.op]}*`));
  if (literals > 0) tokens.add('*');
  return [...tokens].sort().join(' ');
}

const SIGNATURE = /^[0-9a-f]{24}$/;
const STRATEGY = /^[a-z0-9_:.-]{1,48}$/;

/** Core signatures (24 hex) pass; anything else (a tool name, say) is hashed into one. */
export function safeSignature(signature: string): string {
  return SIGNATURE.test(signature) ? signature : shortHash(`signature|${signature}`, 24);
}

/** Compressor strategy names pass; anything unusual is hashed. */
export function safeStrategy(strategy: string): string {
  return STRATEGY.test(strategy) ? strategy : `h:${shortHash(`strategy|${strategy}`, 12)}`;
}

/** A tenant can be a customer's name, so pattern keys carry its hash. */
export function tenantHash(tenant: string): string {
  return shortHash(`tenant|${tenant}`, 8);
}

/** First 16 hex of SHA-256 of host name, user id and storage path: stable across restarts. */
export function defaultInstanceId(storagePath: string): string {
  let user = '';
  try {
    user = String(userInfo().uid);
  } catch {
    // No passwd entry (some containers): the host and path still tell instances apart.
  }
  return shortHash(`instance|${hostname()}|${user}|${storagePath}`, 16);
}
