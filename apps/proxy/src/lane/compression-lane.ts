import { availableParallelism } from 'node:os';
import { type CcrStore, estimatingTokenizer, type HeadroomConfigInput } from '@headroom/core';
import { type CompressContentResult, compressContent } from '@headroom/router';
import { WorkerPool } from './worker-pool.js';

export interface LaneRequest {
  query: string;
  toolName?: string;
  lossless: boolean;
  store: CcrStore;
  deadline: number;
  signal: AbortSignal;
}

export interface LaneResult extends CompressContentResult {
  lane: 'inline' | 'worker';
}

export interface CompressionLaneOptions {
  /** Units larger than this (UTF-16 length as a cheap byte bound) go to a worker. */
  inlineMaxBytes: number;
  /** Worker count; 0 keeps everything inline (code then stays uncompressed). */
  workers?: number;
  hardKillMs?: number;
  /** Test seam: the worker script. */
  workerEntry?: URL;
}

// The main thread never loads @headroom/code or @headroom/lingua (proxy.md §1): its router has
// them off, and content it reads as code is handed to a worker, whose router has them on.
const INLINE_CONFIG: HeadroomConfigInput = {
  contentRouter: { enableCodeAware: false, enableLlmlingua: false },
};

/**
 * Where a live unit is compressed (proxy.md §1): inline for ordinary units, a worker for large
 * ones and for code. Decisions use core's token estimate; the proxy counts what it forwarded
 * exactly after dispatch. A failed or cancelled worker task returns the unit unchanged.
 */
export class CompressionLane {
  private pool: WorkerPool | undefined;
  readonly workers: number;

  constructor(private readonly opts: CompressionLaneOptions) {
    this.workers = opts.workers ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  }

  get queueDepth(): number {
    return this.pool?.queueDepth ?? 0;
  }

  async compress(text: string, req: LaneRequest): Promise<LaneResult> {
    if (this.workers > 0 && text.length > this.opts.inlineMaxBytes) return this.viaWorker(text, req);
    const inline = await compressContent(text, {
      store: req.store,
      query: req.query,
      lossless: req.lossless,
      deadline: req.deadline,
      signal: req.signal,
      tokenizer: estimatingTokenizer,
      config: INLINE_CONFIG,
      ...(req.toolName ? { toolName: req.toolName } : {}),
    });
    if (this.workers > 0 && inline.type === 'code' && inline.compressed === text && !req.lossless)
      return this.viaWorker(text, req);
    return { ...inline, lane: 'inline' };
  }

  close(): Promise<void> {
    return this.pool?.close() ?? Promise.resolve();
  }

  private async viaWorker(text: string, req: LaneRequest): Promise<LaneResult> {
    this.pool ??= new WorkerPool({
      size: this.workers,
      hardKillMs: this.opts.hardKillMs ?? 10_000,
      ...(this.opts.workerEntry ? { entry: this.opts.workerEntry } : {}),
    });
    // Past the deadline (or on a client abort) the request stops waiting: a queued task is dropped,
    // a running one finishes unobserved.
    const expired = AbortSignal.any([
      req.signal,
      AbortSignal.timeout(Math.max(0, req.deadline - Date.now())),
    ]);
    const task = {
      text,
      query: req.query,
      lossless: req.lossless,
      deadline: req.deadline,
      ...(req.toolName ? { toolName: req.toolName } : {}),
    };
    const reply = await Promise.race([this.pool.run(task, expired), whenAborted(expired)]);
    if (reply === undefined || (!reply.ok && reply.error === 'cancelled')) return unchanged(text);
    if (!reply.ok) throw new Error(`compression worker: ${reply.error}`);
    // The worker's entries become the proxy's; a hash that differs would leave a dead marker.
    for (const [i, put] of reply.puts.entries()) {
      if (req.store.put(put) !== reply.result.ccr[i])
        throw new Error('compression worker: CCR hash mismatch');
    }
    return { ...reply.result, lane: 'worker' };
  }
}

function whenAborted(signal: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(undefined);
    else signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
}

function unchanged(text: string): LaneResult {
  return {
    compressed: text,
    type: 'text',
    strategy: 'passthrough',
    tokensBefore: 0,
    tokensAfter: 0,
    ccr: [],
    lane: 'worker',
  };
}
