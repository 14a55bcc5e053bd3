import {
  type ChunkedDocs,
  chunkedDocText,
  errorStemDocs,
  isErrorItem,
  lowercaseDocs,
  valueDocs,
  valueText,
} from '@headroom/core';

/** How deep `valueText` looks into an item: its strings down to here are in the joined text. */
const TEXT_DEPTH = 4;

/**
 * The searchable texts (`valueText`) of an array's items, laid out once in a few long strings and
 * shared by the error screen, anchor matching, BM25 and adaptive k: one join and one lowercasing
 * per chunk instead of a string (and its lowercase copy) per item, and one regex pass for error
 * stems instead of one per string value. Built on first use.
 */
export class ItemTexts {
  private raw: ChunkedDocs | undefined;
  private lower: ChunkedDocs | undefined;
  /** Whether the layout was built (the raw text is let go once nothing needs it). */
  private built = false;
  private stems: Uint8Array | undefined;
  /** Texts made one by one, before (or without) the joined layout. */
  private single: (string | undefined)[] | undefined;

  constructor(private readonly items: readonly unknown[]) {}

  /** The items' texts, as they are. */
  docs(): ChunkedDocs {
    this.raw ??= valueDocs(this.items, TEXT_DEPTH);
    this.built = true;
    return this.raw;
  }

  /** The items' texts, lowercased. */
  lowerDocs(): ChunkedDocs {
    if (!this.lower) {
      const { chunks, firsts } = this.docs();
      this.lower = { chunks: chunks.map(lowercaseDocs), firsts };
      // With the error flags made too, nothing reads the raw text again: a smaller live heap.
      if (this.stems) this.raw = undefined;
    }
    return this.lower;
  }

  /** Item i's lowercased text: a slice of the layout when built, else made alone (a sample needs few). */
  text(i: number): string {
    if (this.built) return chunkedDocText(this.lowerDocs(), i);
    this.single ??= new Array(this.items.length);
    this.single[i] ??= valueText(this.items[i], TEXT_DEPTH).toLowerCase();
    return this.single[i];
  }

  /**
   * `isErrorItem(items[i])`, exactly: an item whose text holds no error stem has no string a
   * stem test could accept down to `TEXT_DEPTH`, so only its keys and deeper strings are checked.
   */
  isError(i: number): boolean {
    if (!this.stems) {
      const { chunks, firsts } = this.docs();
      this.stems = new Uint8Array(this.items.length);
      for (let c = 0; c < chunks.length; c++) this.stems.set(errorStemDocs(chunks[c]!), firsts[c]);
    }
    const item = this.items[i];
    return this.stems[i] === 1 ? isErrorItem(item) : isErrorItem(item, { stemFreeDepth: TEXT_DEPTH });
  }
}
