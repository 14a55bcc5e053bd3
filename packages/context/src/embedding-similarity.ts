import { type ConversationView, type Embedder, errorCode } from '@headroom/core';
import { recentContext } from './scoring.js';
import type { UnitFeatures } from './unit-features.js';

/** Embedding models read a few hundred tokens; more text only costs time. */
const MAX_CHARS = 4000;

function unitText(view: ConversationView, u: UnitFeatures): string {
  const text = u.unit.entries
    .flatMap((e) => view.entry(e)?.slots ?? [])
    .map((s) => s.text)
    .join('\n');
  return text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  const c = dot / Math.sqrt(na * nb);
  return Number.isFinite(c) ? Math.max(0, Math.min(1, c)) : 0;
}

/**
 * Similarity of each candidate to the recent context (`recentContext`) from one batched `embed` call. Undefined, with a warning, when the embedder fails or answers in the wrong shape:
 * the caller then falls back to TF-IDF.
 */
export async function embeddingSimilarity(
  embedder: Embedder,
  view: ConversationView,
  units: readonly UnitFeatures[],
  candidates: ReadonlySet<number>,
  window: number,
  warnings: string[],
): Promise<Map<number, number> | undefined> {
  const chosen = units.filter((u) => candidates.has(u.unit.id));
  if (chosen.length === 0) return new Map();
  const context = recentContext(units, candidates, window)
    .map((u) => unitText(view, u))
    .join('\n');
  try {
    const vectors = await embedder.embed([context, ...chosen.map((u) => unitText(view, u))]);
    const [target, ...rest] = vectors;
    const dims = target?.length;
    if (vectors.length !== chosen.length + 1 || !dims || rest.some((v) => v?.length !== dims)) {
      warnings.push('embedder_failed:SHAPE');
      return undefined;
    }
    return new Map(chosen.map((u, i) => [u.unit.id, cosine(rest[i]!, target!)]));
  } catch (error) {
    warnings.push(`embedder_failed:${errorCode(error)}`);
    return undefined;
  }
}
