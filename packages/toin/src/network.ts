import type { PatternMap, ToinState } from './codec.js';
import { LIMITS } from './limits.js';
import { mergePatterns } from './merge.js';
import type { PatternTable } from './table.js';
import type { WarningSink } from './warnings.js';

/**
 * Folds decoded states into the pattern table: this instance's own earlier state (on restore) and
 * each peer's latest export, kept apart per peer so that a newer export replaces an older one.
 */
export class Network {
  /** Merged peers: instance id → `exportedAt` of the export their contributions come from. */
  readonly origins = new Map<string, number>();

  constructor(
    private readonly table: PatternTable,
    private readonly self: string,
    private readonly maxFields: number,
    private readonly warn: WarningSink,
  ) {}

  /** `restore`: the state is our own saved one, added to whatever was recorded since start. */
  apply(state: ToinState, restore: boolean): void {
    const sources: [string, number, PatternMap][] = [[state.instanceId, state.exportedAt, state.patterns]];
    for (const [id, peer] of Object.entries(state.peers ?? {}))
      sources.push([id, peer.exportedAt, peer.patterns]);
    for (const [origin, exportedAt, patterns] of sources) {
      if (origin !== this.self) this.adopt(origin, exportedAt, patterns);
      else if (restore) this.restoreOwn(patterns);
      else if (Object.keys(patterns).length > 0)
        this.warn({
          code: 'self_import',
          message: 'TOIN: an export of this very instance was not merged into itself',
        });
    }
  }

  private restoreOwn(patterns: PatternMap): void {
    for (const [key, loaded] of Object.entries(patterns)) {
      const live = this.table.peek(key)?.get(this.self);
      this.table.put(key, this.self, live ? mergePatterns(loaded, live, this.maxFields) : loaded);
    }
  }

  /** Replaces a peer's contributions with those of a newer (or the same) export of it. */
  private adopt(origin: string, exportedAt: number, patterns: PatternMap): void {
    const known = this.origins.get(origin);
    if (known !== undefined && exportedAt < known) return;
    if (known === undefined && this.origins.size >= LIMITS.origins) {
      this.warn({
        code: 'too_many_origins',
        message: `TOIN: already merging ${LIMITS.origins} instances; export ignored`,
      });
      return;
    }
    if (known !== undefined) this.table.dropOrigin(origin);
    for (const [key, p] of Object.entries(patterns)) this.table.put(key, origin, p);
    this.origins.set(origin, exportedAt);
  }
}
