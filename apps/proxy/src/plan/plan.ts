import { estimateTokens } from '@headroom/core';
import type { HeadroomStore, MemoEntry, MemoHit } from '@headroom/store';
import { child, decodeString, stringField } from '../body/json-scan.js';
import { type Provider, type RequestShape, readShape } from '../body/request-shape.js';
import { type Edit, jsonStringBytes, splice } from '../body/splice.js';
import { findUnits, type Unit, unitText } from '../body/units.js';
import type { ProxyMode } from '../config.js';
import type { CompressionLane } from '../lane/compression-lane.js';
import { alignSystemPrompt } from './cache-align.js';
import { type CcrDecision, decideCcr, TOOL_BYTES } from './ccr-injection.js';
import { contextRescue, mayNeedRescue, type RescueOptions } from './context-rescue.js';
import { unitMemoKey } from './memo-key.js';
import { repairMemoHits } from './memo-repair.js';
import { verifySplice } from './verify.js';

export type FailOpenReason = 'parse' | 'error' | 'deadline' | 'store_unavailable' | 'splice' | 'backpressure';

export interface PlanOptions {
  provider: Provider;
  mode: ProxyMode;
  store: HeadroomStore;
  minUnitTokens: number;
  isProtected: (toolName: string | undefined) => boolean;
  /** Epoch ms after which no more units are compressed. */
  deadline: number;
  signal: AbortSignal;
  verify: boolean;
  lane: CompressionLane;
  /** Opt-in CacheAligner (§5.7): the only step that may rewrite a system prompt. */
  cacheAligner?: boolean;
  /** The proxy is overloaded (§9): memo replays only, no new compression. */
  backpressure?: boolean;
  /** Context rescue over the model limit (§7.4); absent = never. */
  rescue?: Omit<RescueOptions, 'store'>;
}

export interface UnitOutcome {
  outcome: 'compressed' | 'replayed' | 'kept' | 'protected' | 'small';
  type?: string;
  strategy?: string;
  /** Where a compressed unit ran (proxy.md §1). */
  lane?: 'inline' | 'worker';
  tokensSaved: number;
}

/**
 * A unit compressed in this request. Compression decides on estimated tokens (fast enough for the
 * critical path); `recountUnits` replaces the estimates with exact counts after dispatch.
 */
export interface Recount {
  unit: UnitOutcome;
  entry: MemoEntry;
  before: string;
  after: string;
}

export interface Plan {
  body: Buffer;
  ccr: CcrDecision;
  transforms: string[];
  failOpen: FailOpenReason[];
  units: UnitOutcome[];
  /** Memo entries for newly compressed units; written after dispatch, once counted exactly. */
  memoWrites: Array<[string, MemoEntry]>;
  recount: Recount[];
  /** Exact local counts around a context rescue, when one ran. */
  rescued?: { before: number; after: number; dropped: number };
}

const MIN_UNIT_BYTES = 1024;
const MAX_QUERY = 2048;

function lastUserText(shape: RequestShape): string {
  const items = shape.messages?.items ?? [];
  for (let i = items.length - 1; i >= 0; i--) {
    const m = items[i];
    if (stringField(shape.buf, m, 'role') !== 'user') continue;
    const c = child(m, 'content');
    if (c?.kind === 'string') return decodeString(shape.buf, c).slice(0, MAX_QUERY);
    if (c?.kind === 'array') {
      const texts = c.items
        .map((p) => stringField(shape.buf, p, 'text'))
        .filter((t): t is string => t !== undefined);
      if (texts.length > 0 && !c.items.some((p) => stringField(shape.buf, p, 'type') === 'tool_result')) {
        return texts.join('\n').slice(0, MAX_QUERY);
      }
    }
  }
  return '';
}

/**
 * The request plan (proxy.md §5): memo replay for history, compression for live units, the
 * retrieval tool, then one splice. Never throws for bad input; reasons land in `failOpen`.
 */
export async function planRequest(shape: RequestShape, opts: PlanOptions): Promise<Plan> {
  const plan: Plan = {
    body: shape.buf,
    ccr: { inject: false, clientHasTool: false },
    transforms: [],
    failOpen: [],
    units: [],
    memoWrites: [],
    recount: [],
  };
  if (opts.mode === 'passthrough') return plan;
  plan.ccr = decideCcr(shape, opts.mode);
  const { buf } = shape;
  const storeOk = opts.store.health().ok;
  const lossyAllowed = opts.mode === 'cache' && storeOk && (plan.ccr.inject || plan.ccr.clientHasTool);
  if (opts.mode === 'cache' && !storeOk) plan.failOpen.push('store_unavailable');
  const edits: Edit[] = [];
  const intended: string[] = [];
  // Inserts carry no intended literal; verifySplice expects replacements first.
  const inserts: Edit[] = [];

  const units = findUnits(shape).filter((u) => u.literal.end - u.literal.start >= MIN_UNIT_BYTES);
  const keys = units.map((u) => unitMemoKey(opts.provider, buf, u));
  const hits = await lookupMemo(opts.store, keys, plan);
  const repaired =
    opts.mode === 'cache'
      ? await repairMemoHits(
          opts.store,
          units.flatMap((u, i) => {
            const hit = hits.get(keys[i]!);
            return hit && hit.missingRefs.length > 0
              ? [{ key: keys[i]!, unit: u, text: unitText(buf, u), hit }]
              : [];
          }),
        )
      : new Set<string>();
  for (const key of repaired) hits.set(key, { ...hits.get(key)!, missingRefs: [] });
  if (repaired.size > 0) addTransform(plan, 'memo_repair');

  const replace = (u: Unit, text: string) => {
    edits.push({ start: u.literal.start, end: u.literal.end, bytes: jsonStringBytes(text) });
    intended.push(text);
  };
  const query = lastUserText(shape);
  for (const [i, u] of units.entries()) {
    const hit = hits.get(keys[i]!);
    if (hit && usableHit(hit, opts.mode)) {
      replace(u, hit.entry.output);
      plan.units.push({
        outcome: 'replayed',
        strategy: hit.entry.strategy,
        tokensSaved: hit.entry.tokensBefore - hit.entry.tokensAfter,
      });
      addTransform(plan, 'memo_replay');
      continue;
    }
    if (hit && hit.missingRefs.length > 0) void opts.store.memoDelete(keys[i]!).catch(() => undefined);
    if (!u.live || hit) continue;
    if (u.isError || opts.isProtected(u.toolName) || isRetrievalTool(u.toolName)) {
      plan.units.push({ outcome: 'protected', tokensSaved: 0 });
      continue;
    }
    const text = unitText(buf, u);
    if (isSmall(text, opts.minUnitTokens)) {
      plan.units.push({ outcome: 'small', tokensSaved: 0 });
      continue;
    }
    if (opts.backpressure) {
      if (!plan.failOpen.includes('backpressure')) plan.failOpen.push('backpressure');
      continue;
    }
    if (Date.now() >= opts.deadline || opts.signal.aborted) {
      if (!plan.failOpen.includes('deadline')) plan.failOpen.push('deadline');
      continue;
    }
    const outcome = await compressUnit(text, u, query, lossyAllowed, opts, plan);
    if (!outcome) {
      plan.units.push({ outcome: 'kept', tokensSaved: 0 });
      continue;
    }
    replace(u, outcome.output);
    const { type, lane, ...entry } = outcome;
    const unit: UnitOutcome = {
      outcome: 'compressed',
      type,
      strategy: entry.strategy,
      lane,
      tokensSaved: entry.tokensBefore - entry.tokensAfter,
    };
    plan.memoWrites.push([keys[i]!, entry]);
    plan.units.push(unit);
    plan.recount.push({ unit, entry, before: text, after: entry.output });
    if (lane === 'worker') addTransform(plan, 'worker_lane');
    addTransform(plan, outcome.strategy);
  }

  if (opts.cacheAligner) {
    try {
      const aligned = alignSystemPrompt(shape);
      if (aligned) {
        edits.push(...aligned.replace);
        intended.push(...aligned.intended);
        inserts.push(...aligned.insert);
        addTransform(plan, 'cache_align');
      }
    } catch {
      if (!plan.failOpen.includes('error')) plan.failOpen.push('error');
    }
  }
  if (plan.ccr.inject && shape.tools) {
    inserts.push({
      start: shape.tools.end - 1,
      end: shape.tools.end - 1,
      bytes: Buffer.concat([Buffer.from(','), TOOL_BYTES[shape.endpoint]]),
    });
    addTransform(plan, 'ccr_tool');
  }
  try {
    const all = [...edits, ...inserts];
    const out = splice(buf, all);
    if (opts.verify && all.length > 0) verifySplice(out, all, intended);
    plan.body = out;
  } catch {
    plan.failOpen.push('splice');
    plan.body = buf;
    plan.memoWrites = [];
    plan.recount = [];
    plan.ccr = { inject: false, clientHasTool: plan.ccr.clientHasTool };
  }
  // Drops are lossy and leave a marker: never in lossless mode (§5 table), like any other marker.
  if (opts.rescue && opts.mode === 'cache') await rescue(shape, plan, { ...opts.rescue, store: opts.store });
  return plan;
}

/** Runs the context rescue on the planned body; any failure forwards the plan as it was. */
async function rescue(shape: RequestShape, plan: Plan, opts: RescueOptions): Promise<void> {
  // The planned body keeps the request's model and max output: gate on its size before re-scanning it.
  if (!mayNeedRescue(shape, plan.body.length, opts)) return;
  try {
    const planned = plan.body === shape.buf ? shape : readShape(plan.body, shape.endpoint);
    let before = 0;
    const r = await contextRescue(planned, {
      ...opts,
      count: (s) => {
        before = opts.count(s);
        return before;
      },
    });
    if (!r) return;
    const after = opts.count(readShape(r.body, shape.endpoint));
    plan.body = r.body;
    plan.rescued = { before, after, dropped: r.dropped };
    addTransform(plan, 'context_rescue');
  } catch {
    if (!plan.failOpen.includes('error')) plan.failOpen.push('error');
  }
}

function addTransform(plan: Plan, name: string): void {
  if (!plan.transforms.includes(name)) plan.transforms.push(name);
}

function isRetrievalTool(name: string | undefined): boolean {
  return name !== undefined && /(^|__)headroom_retrieve$/.test(name);
}

function usableHit(hit: MemoHit, mode: ProxyMode): boolean {
  if (hit.missingRefs.length > 0) return false;
  return mode === 'cache' || hit.entry.ccrRefs.length === 0;
}

async function lookupMemo(store: HeadroomStore, keys: string[], plan: Plan): Promise<Map<string, MemoHit>> {
  if (keys.length === 0) return new Map();
  try {
    return await store.memoGetMany(keys);
  } catch {
    plan.failOpen.push('store_unavailable');
    return new Map();
  }
}

interface Compressed extends MemoEntry {
  type: string;
  lane: 'inline' | 'worker';
}

async function compressUnit(
  text: string,
  u: Unit,
  query: string,
  lossyAllowed: boolean,
  opts: PlanOptions,
  plan: Plan,
): Promise<Compressed | undefined> {
  try {
    const r = await opts.lane.compress(text, {
      query,
      ...(u.toolName ? { toolName: u.toolName } : {}),
      lossless: !lossyAllowed,
      store: opts.store,
      deadline: opts.deadline,
      signal: opts.signal,
    });
    const saved = r.tokensBefore - r.tokensAfter;
    if (r.compressed === text && Date.now() >= opts.deadline && !plan.failOpen.includes('deadline'))
      plan.failOpen.push('deadline');
    if (r.compressed === text || saved < Math.max(100, r.tokensBefore * 0.1)) return undefined;
    if (r.ccr.length > 0) {
      // A marker may leave only once its original is durable.
      try {
        await opts.store.flush();
      } catch {
        if (!plan.failOpen.includes('store_unavailable')) plan.failOpen.push('store_unavailable');
        return undefined;
      }
    }
    return {
      output: r.compressed,
      ccrRefs: r.ccr,
      tokensBefore: r.tokensBefore,
      tokensAfter: r.tokensAfter,
      strategy: r.strategy,
      createdAt: Date.now(),
      type: r.type,
      lane: r.lane,
    };
  } catch {
    if (!plan.failOpen.includes('error')) plan.failOpen.push('error');
    return undefined;
  }
}

/**
 * `estimateTokens(text) < min`, without scanning big units: the estimate is at least UTF-8 bytes / 4,
 * and a string's length never exceeds its UTF-8 byte count.
 */
function isSmall(text: string, min: number): boolean {
  return text.length < 4 * min && estimateTokens(text) < min;
}
