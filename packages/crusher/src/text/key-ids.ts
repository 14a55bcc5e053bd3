/**
 * Dense ids, in first-seen order, for numeric keys (integers below 2^53, such as template keys):
 * an open-addressing table, at most half full, doubled as keys arrive. A `Map` keyed by such
 * numbers boxes every key and hashes it as a heap number; here a lookup is one array probe or a few.
 */
export class KeyIds {
  /** Key of each id. */
  readonly keys: number[] = [];
  private slots = new Int32Array(64); // id + 1, 0 = empty
  private mask = 63;

  /** The key's id: a new one (the next integer) the first time it is seen. */
  id(key: number): number {
    const { slots, keys, mask } = this;
    let at = home(key) & mask;
    for (;;) {
      const slot = slots[at]!;
      if (slot === 0) break;
      if (keys[slot - 1] === key) return slot - 1;
      at = (at + 1) & mask;
    }
    slots[at] = keys.push(key);
    if (keys.length * 2 > slots.length) this.grow();
    return keys.length - 1;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.keys.forEach((key, id) => {
      let at = home(key) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = id + 1;
    });
    this.slots = slots;
    this.mask = mask;
  }
}

/** A key's low 32 bits mixed with its high ones, so keys differing only in either still spread. */
function home(key: number): number {
  const low = key | 0;
  return low ^ (low >>> 15) ^ ((key / 4294967296) | 0);
}
