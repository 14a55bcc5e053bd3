import {
  type CcrSink,
  CONTENT_HASH_LENGTH,
  configFingerprint,
  defaultCcrStore,
  type Edit,
  editedResult,
  errorCode,
  extractAnchors,
  fullDigest,
  getTokenizer,
  hasMarker,
  type JsonValue,
  MemoCache,
  type MessagesInput,
  type ParseInfo,
  parseConfig,
  parseJson,
  parseMarkers,
  queryFor,
  queryTokens,
  SmartCrusherConfig,
  type SmartCrusherConfigInput,
  stringifyCompact,
  structureSignature,
  type TextSlot,
  type ToinAdvisor,
  type ToinRecorder,
  type Tokenizer,
  type Transform,
  type TransformContext,
  type TransformResult,
  toConversation,
  viewOf,
} from '@headroom/core';
import type { CrushOptions, CrushResult } from './types.js';
import { walk } from './walk.js';
import type { WalkContext } from './walk-context.js';

/** No BPE token is longer than this many bytes, so `bytes / 128` is a floor on the token count. */
const LONGEST_TOKEN_BYTES = 128;

export interface SmartCrusherDeps {
  /** Where originals go; `null` means no CCR, so nothing may be dropped (lossless only). */
  store?: CcrSink | null;
  tokenizer?: Tokenizer;
  toin?: ToinAdvisor & Partial<ToinRecorder>;
}

/**
 * SmartCrusher: statistical compression of JSON tool outputs. Lossless first (minify, columnar
 * tables); then, for crushable arrays only, keeps first/last items, errors, anomalies, outliers,
 * query matches and an adaptive sample, and stores the original behind a marker.
 */
export class SmartCrusher implements Transform {
  readonly name = 'smart_crusher';
  readonly role = 'compressor';
  readonly config: SmartCrusherConfig;
  private readonly fingerprint: string;

  constructor(
    config?: SmartCrusherConfigInput,
    private readonly deps: SmartCrusherDeps = {},
  ) {
    this.config = parseConfig(SmartCrusherConfig, config, 'smartCrusher');
    this.fingerprint = configFingerprint(this.config);
  }

  private get store(): CcrSink | null {
    return this.deps.store === undefined ? defaultCcrStore() : this.deps.store;
  }

  /** Compresses one tool output (text or parsed value). Never throws; bad input passes through. */
  crush(toolOutput: string | JsonValue, opts: CrushOptions = {}): CrushResult {
    let original: string;
    try {
      original = typeof toolOutput === 'string' ? toolOutput : stringifyCompact(toolOutput);
    } catch (error) {
      return {
        ...passthrough(String(toolOutput), `passthrough:error:${errorCode(error)}`),
        value: undefined,
      };
    }
    try {
      return this.crushText(original, typeof toolOutput === 'string' ? opts.parsed : toolOutput, opts);
    } catch (error) {
      return passthrough(original, `passthrough:error:${errorCode(error)}`);
    }
  }

  private crushText(original: string, given: JsonValue | undefined, opts: CrushOptions): CrushResult {
    const trimmed = original.trim();
    if (!this.config.enabled) return passthrough(original, 'passthrough:disabled');
    if (given === undefined && trimmed[0] !== '{' && trimmed[0] !== '[')
      return passthrough(original, 'passthrough:not-json');
    if (hasMarker(trimmed)) return passthrough(original, 'passthrough:already-compressed');
    let value: JsonValue;
    const parsed: ParseInfo = {};
    try {
      value = given ?? parseJson(trimmed, parsed);
    } catch {
      return passthrough(original, 'passthrough:parse-error');
    }
    // Parsed here without a risky number: no RawNumber anywhere, so native JSON writes it exactly.
    const rawFree = given === undefined && parsed.rawNumbers === false;

    if (!opts.force && this.underGate(trimmed)) {
      const minified = stringifyCompact(value);
      return minified.length < trimmed.length
        ? { ...passthrough(original, 'minify'), compressed: minified, value, wasModified: true }
        : { ...passthrough(original, 'passthrough:small'), value };
    }

    const query = opts.query ?? '';
    const store = this.store;
    // Hashed on first use: outputs that drop nothing (kept whole, minified, tables) never need it.
    // The store is handed the same digest, so the original is hashed once.
    let digest: string | undefined;
    const texts = new Map<unknown, string>();
    const ctx: WalkContext = {
      config: this.config,
      query,
      queryTerms: queryTokens(query),
      anchors: extractAnchors(query),
      bias: opts.bias ?? 1,
      get hash() {
        digest ??= fullDigest(original);
        return digest.slice(0, CONTENT_HASH_LENGTH);
      },
      lossy: store !== null && !this.config.losslessOnly,
      advise: this.adviser(query),
      reports: [],
      omissions: [],
      texts,
      rawFree,
    };
    const out = walk(value, '$', 0, ctx);
    const compressed = compactText(out, texts, rawFree);
    const result: CrushResult = {
      compressed,
      value: out,
      original,
      wasModified: compressed !== trimmed,
      strategy: strategyOf(ctx, compressed !== trimmed),
      arrays: ctx.reports,
    };
    if (ctx.omissions.length > 0 && store) {
      const largest = ctx.omissions.reduce((a, b) => (b.total > a.total ? b : a));
      const hash = ctx.hash;
      const put = store.put({
        original,
        digest,
        kind: 'json',
        strategy: result.strategy,
        unit: largest.unit,
        omitted: ctx.omissions.reduce((a, o) => a + o.omitted, 0),
        total: ctx.omissions.reduce((a, o) => a + o.total, 0),
        ...(opts.toolName === undefined ? {} : { toolName: opts.toolName }),
        signature: signatureOf(value),
      });
      if (put !== hash) throw new Error('CCR store returned a different hash');
      result.ccrHash = put;
    }
    this.record(value, result, query);
    return result;
  }

  /** True when the output is surely or measurably at most `minTokensToCrush` tokens. */
  private underGate(text: string): boolean {
    const limit = this.config.minTokensToCrush;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= limit) return true;
    if (bytes / LONGEST_TOKEN_BYTES > limit) return false;
    return this.tokenizer.count(text) <= limit;
  }

  private get tokenizer(): Tokenizer {
    return this.deps.tokenizer ?? getTokenizer();
  }

  /** TOIN advice, only in `advise` mode and above the confidence threshold. */
  private adviser(query: string): WalkContext['advise'] {
    const { toin } = this.deps;
    if (!toin || this.config.toinMode !== 'advise') return undefined;
    return (items) => {
      const hint = toin.advise(structureSignature(items), query);
      return hint && hint.confidence >= this.config.toinConfidenceThreshold ? hint : undefined;
    };
  }

  private record(value: JsonValue, result: CrushResult, query: string): void {
    const { toin } = this.deps;
    if (!toin?.recordCompression || this.config.toinMode === 'off' || result.arrays.length === 0) return;
    const main = result.arrays.reduce((a, b) => (b.n > a.n ? b : a));
    toin.recordCompression({
      signature: signatureOf(value),
      strategy: result.strategy,
      tokensBefore: this.tokenizer.count(result.original),
      tokensAfter: this.tokenizer.count(result.compressed),
      itemsBefore: main.n,
      itemsAfter: main.kept,
      items: sampleItems(value),
      ...(query ? { query } : {}),
    });
  }

  /**
   * As a pipeline transform: compresses every JSON tool output of the conversation (all three wire
   * shapes), skipping frozen entries, error results, excluded tools and already-compressed text.
   * Compressions are memoized by content, so later turns re-send identical bytes.
   */
  apply<I extends MessagesInput>(input: I, opts: Partial<TransformContext> = {}): TransformResult<I> {
    const conv = toConversation(input);
    const tokenizer = opts.tokenizer ?? this.tokenizer;
    const view = viewOf(conv, { tokenizer });
    const memo = opts.memo;
    const frozen = opts.frozenMessageCount ?? 0;
    const edits: Edit[] = [];
    const applied: string[] = [];
    const markers: string[] = [];
    const hashes: string[] = [];
    for (const slot of view.slots) {
      if (!this.eligible(slot, frozen, tokenizer)) continue;
      const key = memo ? MemoCache.key(slot.text, this.fingerprint) : undefined;
      const hit = key ? memo?.get(key) : undefined;
      let compressed: string;
      let strategy: string;
      let slotHashes: readonly string[];
      if (hit) {
        ({ compressed, strategy } = hit);
        slotHashes = hit.ccrHashes;
        this.refresh(slot.text, compressed, strategy, slot.toolName);
      } else {
        const result = this.crush(slot.text, { query: opts.query ?? queryFor(view, slot), ...tool(slot) });
        if (!result.wasModified) continue;
        ({ compressed, strategy } = result);
        slotHashes = result.ccrHash ? [result.ccrHash] : [];
        if (key) memo?.set(key, { compressed, ccrHashes: slotHashes, strategy });
      }
      edits.push({ op: 'replace', slot, text: compressed });
      applied.push(`smart_crusher:${slot.toolName ?? 'unknown'}:${strategy}`);
      markers.push(...parseMarkers(compressed).map((m) => m.text));
      hashes.push(...slotHashes);
    }
    return editedResult(input, conv, { edits, applied, markers, hashes });
  }

  private eligible(slot: TextSlot, frozen: number, tokenizer: Tokenizer): boolean {
    if (slot.kind !== 'tool-result' || slot.isError || (slot.entry >= 0 && slot.entry < frozen)) return false;
    if (slot.toolName !== undefined && this.config.excludeTools.includes(slot.toolName)) return false;
    const head = slot.text.trimStart()[0];
    if ((head !== '{' && head !== '[') || hasMarker(slot.text)) return false;
    const bytes = slot.text.length;
    return (
      bytes / LONGEST_TOKEN_BYTES > this.config.minTokensToCrush ||
      tokenizer.count(slot.text) > this.config.minTokensToCrush
    );
  }

  /** A memo hit re-sends a marker: keep its original alive in the store (sliding TTL). */
  private refresh(original: string, compressed: string, strategy: string, toolName?: string): void {
    const marker = parseMarkers(compressed)[0];
    const store = this.store;
    if (!marker || !store) return;
    store.put({
      original,
      kind: 'json',
      strategy,
      unit: marker.unit,
      omitted: marker.omitted,
      total: marker.total,
      ...(toolName === undefined ? {} : { toolName }),
    });
  }
}

const tool = (slot: TextSlot) => (slot.toolName === undefined ? {} : { toolName: slot.toolName });

function passthrough(original: string, strategy: string): CrushResult {
  return { compressed: original, value: undefined, original, wasModified: false, strategy, arrays: [] };
}

/**
 * `stringifyCompact(out)`, reusing the compact JSON the walk already made: the root array's, or
 * its kept rows' (an array's JSON is its items' joined by commas in brackets).
 */
function compactText(out: JsonValue, texts: ReadonlyMap<unknown, string>, rawFree: boolean): string {
  const known = texts.get(out);
  if (known !== undefined) return known;
  const compact = rawFree ? (v: JsonValue) => JSON.stringify(v) ?? 'null' : stringifyCompact;
  if (texts.size === 0 || !Array.isArray(out)) return compact(out);
  return `[${out.map((item) => texts.get(item) ?? compact(item)).join(',')}]`;
}

/** The strategy of the largest lossy array, else why the largest one was kept, else its encoding. */
function strategyOf(ctx: WalkContext, modified: boolean): string {
  const byN = [...ctx.reports].sort((a, b) => b.n - a.n);
  const lossy = byN.find((r) => r.strategy.startsWith('top_n'));
  if (lossy) return lossy.strategy;
  const skipped = byN.find((r) => r.reason.endsWith('_no_signal'));
  if (skipped) return `skip:${skipped.reason}`;
  if (byN.some((r) => r.strategy === 'lossless:columnar')) return 'lossless:columnar';
  return modified ? 'minify' : 'passthrough';
}

/** The structure signature of the main array (or the value itself): never content. */
function signatureOf(value: JsonValue): string {
  const array = Array.isArray(value) ? value : Object.values(value ?? {}).find(Array.isArray);
  return structureSignature(Array.isArray(array) ? array : [value]);
}

function sampleItems(value: JsonValue): JsonValue[] {
  const array = Array.isArray(value) ? value : Object.values(value ?? {}).find(Array.isArray);
  return Array.isArray(array) ? (array as JsonValue[]).slice(0, 100) : [];
}
