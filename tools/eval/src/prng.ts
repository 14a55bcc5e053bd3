/** SplitMix32: a small seeded generator, so every replay is the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof seeded>;

/** An integer in `[min, max]`. */
export const between = (rand: Random, min: number, max: number): number =>
  min + Math.floor(rand() * (max - min + 1));

export const pickOne = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
