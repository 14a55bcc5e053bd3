import type { CcrPut } from '@headroom/core';
import type { CompressContentResult } from '@headroom/router';

/** One unit for a compression worker; the worker holds no store, so it returns its puts. */
export interface CompressTask {
  id: number;
  text: string;
  query: string;
  toolName?: string;
  lossless: boolean;
  /** Epoch ms (clocks are shared between threads). */
  deadline: number;
}

export type CompressReply =
  | { id: number; ok: true; result: CompressContentResult; puts: CcrPut[] }
  | { id: number; ok: false; error: string };
