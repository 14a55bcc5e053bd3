import { prng } from '@headroom/bench';
import { type JsonValue, structureSignature, type ToinConfigInput } from '@headroom/core';
import { MemoryToinBackend } from '../backend-memory.js';
import { Toin, type ToinDeps } from '../toin.js';
import type { ToinWarning } from '../warnings.js';

export interface TestToin {
  toin: Toin;
  warnings: ToinWarning[];
  clock: { t: number };
}

/** A TOIN with a fixed id, a settable clock, a memory backend and collected warnings. */
export function testToin(config: ToinConfigInput = {}, deps: ToinDeps & { id?: number } = {}): TestToin {
  const warnings: ToinWarning[] = [];
  const clock = { t: 1_000_000 };
  const { id = 1, ...rest } = deps;
  const toin = new Toin(config, {
    backend: new MemoryToinBackend(),
    now: () => clock.t,
    instanceId: id.toString(16).padStart(16, '0'),
    onWarning: (w) => warnings.push(w),
    ...rest,
  });
  return { toin, warnings, clock };
}

/** Seeded, so generated workloads are identical on every run. */
export const rng = prng;

export type Order = { id: string; status: string; amount: number; customer: string; note: string };

/** Orders where about `failRate` of the rows carry `failStatus` and the rest `okStatus`. */
export function orders(
  n: number,
  seed: number,
  opts: { failRate?: number; failStatus?: string | string[]; okStatus?: string } = {},
): Order[] {
  const rand = rng(seed);
  const { failRate = 0.1, okStatus = 'success' } = opts;
  const fails = [opts.failStatus ?? 'failed'].flat();
  return Array.from({ length: n }, (_, i) => ({
    id: `ord_${seed}_${i}`,
    status: rand() < failRate ? fails[i % fails.length]! : okStatus,
    amount: Math.round(rand() * 10_000) / 100,
    customer: `cust_${Math.floor(rand() * 40)}`,
    note: `routine order line ${i} for batch ${seed}`,
  }));
}

export const signatureOf = (items: readonly JsonValue[]): string => structureSignature(items);

/** `n` compressions of fresh order batches (each its own seed). */
export function compress(
  toin: Toin,
  n: number,
  opts: { seed?: number; tenant?: string; batch?: number } = {},
): void {
  const { seed = 1, batch = 60 } = opts;
  for (let i = 0; i < n; i++) {
    const items = orders(batch, seed * 1000 + i);
    toin.recordCompression({
      signature: signatureOf(items),
      strategy: 'top_n',
      tokensBefore: 4000,
      tokensAfter: 900,
      itemsBefore: items.length,
      itemsAfter: 15,
      items,
      ...(opts.tenant === undefined ? {} : { tenant: opts.tenant }),
    });
  }
}

export const ORDER_SIGNATURE = signatureOf(orders(5, 1));

/** Shipments a crusher thins (low uniqueness): about `rate` of them carry `fail`, the rest "delivered". */
export function shipments(n: number, seed: number, fail: string, rate = 0.2) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, () => ({
    status: rand() < rate ? fail : 'delivered',
    region: pick(['north', 'south', 'east', 'west']),
    carrier: pick(['ups', 'dhl', 'fedex']),
    sku: pick(['a1', 'b2', 'c3', 'd4', 'e5', 'f6']),
    qty: 1 + Math.floor(rand() * 5),
  }));
}
