import { between, pickOne, type Random } from '../../prng.js';

const WORDS =
  'cache request latency token budget window vector index shard replica schema parser buffer stream queue worker retry timeout region cluster deploy rollout metric trace span payload header session billing invoice account profile order refund shipment carrier warehouse'.split(
    ' ',
  );

/** `n` seeded lower-case words. */
export const words = (rand: Random, n: number): string =>
  Array.from({ length: n }, () => pickOne(rand, WORDS)).join(' ');

/** A seeded RFC 4122-shaped id, unique enough to be a needle. */
export const uuid = (rand: Random): string => {
  const hex = (n: number) => Array.from({ length: n }, () => between(rand, 0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
};

export const ident = (rand: Random): string => {
  const w = words(rand, 2).split(' ');
  return w[0]! + w[1]!.charAt(0).toUpperCase() + w[1]!.slice(1);
};
