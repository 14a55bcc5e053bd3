/** xorshift32: seeded, so every bench run compresses byte-identical inputs. */
export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

export type Rand = ReturnType<typeof seeded>;

export const between = (rand: Rand, lo: number, hi: number): number =>
  lo + Math.floor(rand() * (hi - lo + 1));
export const oneOf = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
