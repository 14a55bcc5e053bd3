import type { Unit } from './units.js';

export interface BudgetInput {
  /** Units whose bodies may be elided (long enough, not transparent, not protected). */
  elidable: readonly Unit[];
  totalLines: number;
  targetCompressionRate: number;
  maxBodyLines: number;
  /** Called only when some lines are left for bodies: importance of each elidable unit in [0, 1]. */
  importance: () => readonly number[];
}

/**
 * Lines each elidable body may keep as its leading statements. The file should keep
 * `⌈rate · L⌉` lines; whatever lies outside elidable bodies is kept anyway, and the rest is shared
 * among bodies in proportion to importance (at least 0.05) times their own lines.
 */
export function bodyLimits(input: BudgetInput): Map<Unit, number> {
  const { elidable, totalLines, targetCompressionRate, maxBodyLines } = input;
  const limits = new Map<Unit, number>();
  if (elidable.length === 0) return limits;
  const set = new Set(elidable);
  // A body's own lines exclude those of elidable bodies nested in it (they get their own share).
  const own = new Map<Unit, number>(elidable.map((u) => [u, u.bodyLines]));
  for (const u of elidable) {
    let p = u.parent;
    while (p && !set.has(p)) p = p.parent;
    if (p) own.set(p, own.get(p)! - u.bodyLines);
  }
  let ownTotal = 0;
  for (const n of own.values()) ownTotal += Math.max(0, n);
  const target = Math.ceil(targetCompressionRate * totalLines);
  const budget = Math.max(0, target - (totalLines - ownTotal));
  if (budget === 0) {
    for (const u of elidable) limits.set(u, 0);
    return limits;
  }
  const importance = input.importance();
  const weights = elidable.map((u, i) => Math.max(importance[i] ?? 0, 0.05) * Math.max(0, own.get(u)!));
  const sum = weights.reduce((a, b) => a + b, 0);
  elidable.forEach((u, i) => {
    const share = sum > 0 ? (budget * weights[i]!) / sum : 0;
    limits.set(u, Math.min(maxBodyLines, Math.floor(share)));
  });
  return limits;
}
