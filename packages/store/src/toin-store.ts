import type { ToinExport } from '@headroom/core';
import { StoreUnavailableError } from './errors.js';
import type { Run } from './runner.js';
import type { ToinStore } from './types.js';

function parseExport(json: string): ToinExport | undefined {
  try {
    const value = JSON.parse(json) as Partial<ToinExport> | null;
    return typeof value === 'object' && value !== null && typeof value.patterns === 'object'
      ? (value as ToinExport)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * TOIN persistence: one record per instance, keyed by this store's instance id, so no instance
 * ever overwrites another's. `save` while the backend is unreachable keeps the latest export and
 * writes it on recovery (exports are whole snapshots, so nothing is double-counted).
 */
export class StoreToin implements ToinStore {
  private pending: string | undefined;

  constructor(
    private readonly run: Run,
    private readonly instanceId: () => string,
    private readonly closed: () => boolean,
  ) {}

  async load(): Promise<ToinExport | undefined> {
    if (this.pending !== undefined) return parseExport(this.pending);
    const json = await this.run((b) => b.toinLoad(this.instanceId()), 'read');
    return json === undefined ? undefined : parseExport(json);
  }

  async save(data: ToinExport): Promise<void> {
    if (this.closed()) throw new StoreUnavailableError('closed', 'the store is closed');
    const json = JSON.stringify(data);
    try {
      await this.run((b) => b.toinSave(this.instanceId(), json), 'write');
      this.pending = undefined;
    } catch {
      this.pending = json;
    }
  }

  async listExports(): Promise<ToinExport[]> {
    const records = await this.run((b) => b.toinList(), 'read');
    const id = this.pending === undefined ? undefined : this.instanceId();
    const jsons = records.filter((r) => r.id !== id).map((r) => r.json);
    if (this.pending !== undefined) jsons.push(this.pending);
    return jsons.map(parseExport).filter((e): e is ToinExport => e !== undefined);
  }

  async flushPending(): Promise<void> {
    const json = this.pending;
    if (json === undefined) return;
    await this.run((b) => b.toinSave(this.instanceId(), json), 'write');
    if (this.pending === json) this.pending = undefined;
  }
}
