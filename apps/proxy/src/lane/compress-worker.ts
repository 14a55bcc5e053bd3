/**
 * Worker entry of the compression lane: the router with every engine (@headroom/code included),
 * off the main thread. CCR entries land in a private memory store and travel back as puts for the
 * proxy's own store, so the worker never opens the store itself.
 */
import { parentPort } from 'node:worker_threads';
import { type CcrPut, estimatingTokenizer, MemoryCcrStore } from '@headroom/core';
import { compressContent } from '@headroom/router';
import type { CompressReply, CompressTask } from './task.js';

const staging = new MemoryCcrStore();

async function run(task: CompressTask): Promise<CompressReply> {
  try {
    const result = await compressContent(task.text, {
      store: staging,
      query: task.query,
      lossless: task.lossless,
      deadline: task.deadline,
      tokenizer: estimatingTokenizer,
      ...(task.toolName ? { toolName: task.toolName } : {}),
    });
    const puts: CcrPut[] = [];
    for (const hash of result.ccr) {
      const entry = await staging.get(hash);
      await staging.delete(hash);
      if (!entry) throw new Error(`staged entry ${hash} is gone`);
      const {
        hash: _h,
        digest: _d,
        createdAt: _c,
        lastAccessAt: _l,
        ttlMs: _t,
        retrievalCount: _r,
        bytes: _b,
        ...put
      } = entry;
      puts.push(put);
    }
    return { id: task.id, ok: true, result, puts };
  } catch (error) {
    return { id: task.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (task: CompressTask) => {
  void run(task).then((reply) => parentPort?.postMessage(reply));
});
