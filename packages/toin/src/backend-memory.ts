import type { ToinBackend, ToinExport } from '@headroom/core';

/**
 * Keeps the last saved export in memory, serialized, so a saved state can never be changed
 * afterwards by its producer. Seed it with an export to restore one without touching the disk.
 */
export class MemoryToinBackend implements ToinBackend {
  private text: string | undefined;
  /** Number of completed saves. */
  saves = 0;

  constructor(initial?: ToinExport) {
    if (initial) this.text = JSON.stringify(initial);
  }

  async load(): Promise<ToinExport | undefined> {
    return this.text === undefined ? undefined : (JSON.parse(this.text) as ToinExport);
  }

  async save(data: ToinExport): Promise<void> {
    this.text = JSON.stringify(data);
    this.saves++;
  }
}
