/**
 * A set of (uint32, uint32) pairs in flat typed arrays (open addressing, linear probing). Packing
 * a pair into one JS number above 2^31 makes a heap number per insert, and a `Set` of those cost
 * more than the scan that produced them.
 */
export class PairSet {
  private his: Uint32Array;
  private los: Uint32Array;
  private used: Uint8Array;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.his = new Uint32Array(size);
    this.los = new Uint32Array(size);
    this.used = new Uint8Array(size);
  }

  get size(): number {
    return this.count;
  }

  add(hi: number, lo: number): void {
    const mask = this.used.length - 1;
    const h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
    let slot = (h ^ (h >>> 16)) & mask;
    while (this.used[slot] === 1) {
      if (this.his[slot] === hi >>> 0 && this.los[slot] === lo >>> 0) return;
      slot = (slot + 1) & mask;
    }
    this.used[slot] = 1;
    this.his[slot] = hi;
    this.los[slot] = lo;
    if (++this.count * 2 > this.used.length) this.grow();
  }

  private grow(): void {
    const { his, los, used } = this;
    this.his = new Uint32Array(used.length * 2);
    this.los = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.count = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.add(his[i]!, los[i]!);
  }
}
