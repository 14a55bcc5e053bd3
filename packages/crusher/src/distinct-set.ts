/**
 * Counts field values (compared as Map keys are) without making each one a Map key. A Map insert
 * cost ~150 ns per new string, plus a hash of all its characters the first time: more than all
 * the rest of an array's field statistics. Strings and numbers go to a flat open-addressing table
 * by a fingerprint (a string's length and up to 32 of its characters; a number's bits); equal
 * fingerprints are settled by comparing the values, and different values that share one go to
 * an exact Map, so every count is exact.
 */
export class DistinctSet {
  /** Fingerprint + 1 per slot, 0 when empty. */
  private prints: Int32Array;
  /** The value that took each slot, and how often it was added. */
  private firsts: unknown[];
  private hits: Int32Array;
  private used = 0;
  /** Values whose fingerprint a different value took first, and anything else (booleans, NaN). */
  private rest: Map<unknown, number> | undefined;
  size = 0;

  /** `capacity`: about how many distinct values to expect (the table grows past it). */
  constructor(capacity = 32) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.prints = new Int32Array(slots);
    this.firsts = new Array(slots);
    this.hits = new Int32Array(slots);
  }

  /** Adds one occurrence of a value; true when it was not in the set yet. */
  add(value: string | number | boolean): boolean {
    const print =
      typeof value === 'string'
        ? stringPrint(value)
        : typeof value === 'number' && !Number.isNaN(value)
          ? numberPrint(value)
          : -1;
    const fresh = print < 0 ? this.addRest(value) : this.addPrinted(value as string | number, print + 1);
    if (fresh) this.size++;
    return fresh;
  }

  /** Every value with its count (in no particular order). */
  counts(): Map<string | number | boolean, number> {
    const out = new Map<string | number | boolean, number>();
    for (let i = 0; i < this.prints.length; i++) {
      if (this.prints[i] !== 0) out.set(this.firsts[i] as string | number, this.hits[i]!);
    }
    if (this.rest) for (const [v, c] of this.rest) out.set(v as string | number | boolean, c);
    return out;
  }

  private addRest(value: unknown): boolean {
    this.rest ??= new Map();
    const before = this.rest.get(value);
    this.rest.set(value, (before ?? 0) + 1);
    return before === undefined;
  }

  private addPrinted(value: string | number, tag: number): boolean {
    const { prints } = this;
    const mask = prints.length - 1;
    let slot = tag & mask;
    for (let p = prints[slot]!; p !== 0; p = prints[slot]!) {
      if (p === tag) {
        // `===` is SameValueZero here: NaN never gets a fingerprint.
        if (this.firsts[slot] === value) {
          this.hits[slot]!++;
          return false;
        }
        return this.addRest(value);
      }
      slot = (slot + 1) & mask;
    }
    prints[slot] = tag;
    this.firsts[slot] = value;
    this.hits[slot] = 1;
    if (++this.used * 2 > prints.length) this.grow();
    return true;
  }

  private grow(): void {
    const { prints, firsts, hits } = this;
    this.prints = new Int32Array(prints.length * 2);
    this.firsts = new Array(prints.length * 2);
    this.hits = new Int32Array(prints.length * 2);
    const mask = this.prints.length - 1;
    for (let i = 0; i < prints.length; i++) {
      const tag = prints[i]!;
      if (tag === 0) continue;
      let slot = tag & mask;
      while (this.prints[slot] !== 0) slot = (slot + 1) & mask;
      this.prints[slot] = tag;
      this.firsts[slot] = firsts[i];
      this.hits[slot] = hits[i]!;
    }
  }
}

/**
 * Length and characters mixed into a 30-bit integer: all of them up to 32, else 16 spread evenly
 * from the last one back (ids and URLs often differ only at the end).
 */
function stringPrint(s: string): number {
  const n = s.length;
  let h = Math.imul(n, 0x9e3779b1);
  const step = n > 32 ? n >>> 4 : 1;
  for (let i = n - 1, left = 32; i >= 0 && left > 0; i -= step, left--) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

const BITS = new Float64Array(1);
const WORDS = new Int32Array(BITS.buffer);

/** The bits of a number (0 and -0 alike), mixed into a 30-bit integer. */
function numberPrint(x: number): number {
  BITS[0] = x + 0; // -0 + 0 is 0: the two are one Map key
  const h = Math.imul(WORDS[0]! ^ Math.imul(WORDS[1]!, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}
