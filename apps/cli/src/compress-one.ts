import type { CcrStore } from '@headroom/core';
import { compressContent, type RouteOptions } from '@headroom/router';
import type { CompressJson } from './schemas.js';

export interface CompressOneOptions extends RouteOptions {
  store: CcrStore;
  lossless: boolean;
}

/**
 * One text through the router, shaped as the `compress --json` contract (key order fixed). The
 * store is flushed before the result is returned: if the originals did not become durable, the
 * input comes back unchanged (fail open), so no marker ever points at nothing.
 */
export async function compressOne(text: string, opts: CompressOneOptions): Promise<CompressJson> {
  const { store, ...route } = opts;
  const started = performance.now();
  const r = await compressContent(text, { ...route, store });
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  let ccr = r.ccr;
  let compressed = r.compressed;
  let strategy = r.strategy;
  let tokensAfter = r.tokensAfter;
  if (ccr.length > 0) {
    try {
      await store.flush();
    } catch {
      compressed = text;
      strategy = 'passthrough';
      tokensAfter = r.tokensBefore;
      ccr = [];
    }
  }
  return {
    compressed,
    type: r.type,
    strategy,
    tokensBefore: r.tokensBefore,
    tokensAfter,
    ccr: ccr.map((hash) => ({ hash })),
    durationMs,
  };
}

/** `json · smart_crusher · 12,480 → 1,310 tokens (−89.5 %) · 1 CCR entry · 3.21 ms` */
export function summaryLine(r: CompressJson): string {
  const pct = r.tokensBefore === 0 ? 0 : (100 * (r.tokensBefore - r.tokensAfter)) / r.tokensBefore;
  const n = r.ccr.length;
  return [
    r.type,
    r.strategy,
    `${r.tokensBefore.toLocaleString('en-US')} → ${r.tokensAfter.toLocaleString('en-US')} tokens (−${pct.toFixed(1)} %)`,
    `${n} CCR ${n === 1 ? 'entry' : 'entries'}`,
    `${r.durationMs.toFixed(2)} ms`,
  ].join(' · ');
}
