import {
  type CcrPut,
  type CcrStore,
  type CodeLanguage,
  type ContentCompressor,
  ContentRouterConfig,
  type ContentRouterConfigInput,
  configFingerprint,
  contentSignature,
  defaultCcrStore,
  errorCode,
  getTokenizer,
  type HeadroomConfigInput,
  hasMarker,
  type MemoCache,
  type MemoRestore,
  type MessagesInput,
  parseConfig,
  type ToinAdvisor,
  type ToinRecorder,
  type Tokenizer,
  type TransformContext,
  type TransformResult,
} from '@headroom/core';
import { defined } from './defined.js';
import { detectContentType, forcedDetection } from './detect.js';
import { type Attempt, type AttemptInput, Engines } from './engines.js';
import { LINE_NUMBER_REWRITE, restoreLineNumbers, stripLineNumbers } from './line-numbers.js';
import { type Section, splitMixed } from './mixed.js';
import type { CodeModule, LinguaModule, ModuleLoader } from './optional.js';
import { drive, driveSync, type Steps, settle } from './route-steps.js';
import { applyToConversation } from './router-transform.js';
import {
  CompressionStrategy,
  type Detection,
  type RouteOptions,
  type RouterCompressionResult,
  type RoutingDecision,
} from './types.js';

export interface ContentRouterDeps {
  /** Where accepted originals go (default: core's process-wide store). */
  store?: CcrStore;
  /** Compress once, replay forever: shared with the pipeline (`ctx.memo` takes precedence). */
  memo?: MemoCache;
  toin?: ToinAdvisor & ToinRecorder;
  tokenizer?: Tokenizer;
  /** Sub-configs of the compressors (`smartCrusher`, `searchCompressor`, `codeCompressor`, …). */
  headroom?: HeadroomConfigInput;
  /** Replaces the dynamic imports of the optional packages (tests, bundlers). */
  modules?: { code?: ModuleLoader<CodeModule>; lingua?: ModuleLoader<LinguaModule> };
}

/** A route's result and how to rebuild its CCR entries from the content (for the memo). */
export interface RouteOutcome {
  result: RouterCompressionResult;
  restore: MemoRestore[];
}

/** One routed piece: its output text, its decision and its committed CCR entries. */
interface Routed {
  text: string;
  decision: RoutingDecision;
  hashes: string[];
  restore: MemoRestore[];
}

/** Where a piece sits in the content, and what is known of it before routing. */
interface Piece {
  text: string;
  index: number;
  offset: number;
  detection?: Detection;
}

const FENCE_LANGUAGES: Readonly<Record<string, CodeLanguage>> = {
  py: 'python',
  python: 'python',
  js: 'javascript',
  javascript: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  typescript: 'typescript',
  tsx: 'tsx',
  go: 'go',
  golang: 'go',
  rs: 'rust',
  rust: 'rust',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  'c++': 'cpp',
  cc: 'cpp',
};

/**
 * ContentRouter: detects what each piece of content is, sends it to the matching compressor,
 * keeps the result only if it pays, and logs every decision. Never throws.
 */
export class ContentRouter implements ContentCompressor {
  readonly name = 'content_router';
  readonly role = 'compressor';
  readonly config: ContentRouterConfig;
  readonly engines: Engines;
  /** Keys the memo: a different config must not replay another config's output. */
  readonly fingerprint: string;

  constructor(
    config?: ContentRouterConfigInput,
    readonly deps: ContentRouterDeps = {},
  ) {
    this.config = parseConfig(ContentRouterConfig, config, 'contentRouter');
    this.engines = new Engines({
      tokenizer: this.tokenizer,
      ...(deps.toin ? { toin: deps.toin } : {}),
      ...(deps.headroom ? { headroom: deps.headroom } : {}),
      ...(deps.modules ? { modules: deps.modules } : {}),
    });
    this.fingerprint = configFingerprint({ router: this.config, compressors: this.engines.config });
  }

  get tokenizer(): Tokenizer {
    return this.deps.tokenizer ?? getTokenizer();
  }

  get store(): CcrStore {
    return this.deps.store ?? defaultCcrStore();
  }

  /** Compresses one content (a tool output). Never throws: any failure returns the original. */
  async compress(content: string, opts: RouteOptions = {}): Promise<RouterCompressionResult> {
    return (await drive(this.route(content, opts, false))).result;
  }

  /** The synchronous variant: no LLMLingua, and code compression only once its grammar is loaded. */
  compressSync(content: string, opts: RouteOptions = {}): RouterCompressionResult {
    return driveSync(this.route(content, opts, true)).result;
  }

  /** `compress` with the memo's restore list. */
  compressWithRestore(content: string, opts: RouteOptions = {}): Promise<RouteOutcome> {
    return drive(this.route(content, opts, false));
  }

  /** As a pipeline transform: compresses the conversation's tool outputs (see router-transform.ts). */
  apply<I extends MessagesInput>(
    input: I,
    opts: Partial<TransformContext> = {},
  ): Promise<TransformResult<I>> {
    return applyToConversation(this, input, opts);
  }

  private *route(content: string, opts: RouteOptions, sync: boolean): Steps<RouteOutcome> {
    if (typeof content !== 'string') {
      // JavaScript callers can pass anything: it comes back untouched.
      const skipped = this.passthrough({ text: content, index: 0, offset: 0 }, 'not-a-string', 0);
      return { result: summarize(content, content, [skipped]), restore: [] };
    }
    try {
      const whole = opts.contentType
        ? forcedDetection(content, opts.contentType, opts.language)
        : detectContentType(content, opts);
      const sections = opts.contentType ? undefined : this.mixedSections(content, whole, opts);
      if (!sections) {
        const r = yield* this.routePiece(
          { text: content, index: 0, offset: 0, detection: whole },
          opts,
          sync,
        );
        return { result: summarize(content, r.text, [r]), restore: r.restore };
      }
      const routed: Routed[] = [];
      let offset = 0;
      for (const [index, s] of sections.entries()) {
        routed.push(yield* this.routeSection(s, { text: s.text, index, offset }, opts, sync));
        offset += s.text.length + s.separator.length;
      }
      const compressed = sections.map((s, i) => routed[i]!.text + s.separator).join('');
      return {
        result: summarize(content, compressed, routed, CompressionStrategy.MIXED),
        restore: routed.flatMap((r) => r.restore),
      };
    } catch (error) {
      const failed = this.passthrough({ text: content, index: 0, offset: 0 }, `error:${errorCode(error)}`);
      return { result: summarize(content, content, [failed]), restore: [] };
    }
  }

  /** Mixed content is split only when it reads as prose or code as a whole and no path says otherwise. */
  private mixedSections(content: string, whole: Detection, opts: RouteOptions): Section[] | undefined {
    if (!this.config.mixedContent || opts.filePath !== undefined || whole.numbered) return undefined;
    if (whole.type !== 'text' && whole.type !== 'code' && whole.type !== 'html') return undefined;
    const sections = splitMixed(content, this.config.mixedContentThreshold);
    return sections && sections.length > 1 ? sections : undefined;
  }

  private *routeSection(s: Section, piece: Piece, opts: RouteOptions, sync: boolean): Steps<Routed> {
    if (!s.fence) return yield* this.routePiece(piece, opts, sync);
    const { open, body, close, tag } = s.fence;
    const language = FENCE_LANGUAGES[tag];
    const inner = yield* this.routePiece(
      {
        text: body,
        index: piece.index,
        offset: piece.offset + open.length,
        ...(language
          ? { detection: { type: 'code', confidence: 0.9, language, reason: `fence:${tag}` } }
          : {}),
      },
      opts,
      sync,
    );
    return { ...inner, text: open + inner.text + close };
  }

  private *routePiece(piece: Piece, opts: RouteOptions, sync: boolean): Steps<Routed> {
    const started = performance.now();
    const timed = (r: Routed): Routed => {
      r.decision.durationMs = performance.now() - started;
      return r;
    };
    const { text } = piece;
    const tokensBefore = this.tokenizer.count(text);
    if (opts.signal?.aborted) return timed(this.passthrough(piece, 'aborted', tokensBefore));
    if (hasMarker(text)) return timed(this.passthrough(piece, 'already-compressed', tokensBefore));
    if (tokensBefore < this.config.minSectionTokens)
      return timed(this.passthrough(piece, 'below-min-tokens', tokensBefore));

    const detection = piece.detection ?? detectContentType(text, opts);
    const notes: string[] = [];
    const candidates = yield* this.candidates(detection, sync, notes);
    const input: AttemptInput = {
      text: detection.numbered ? stripLineNumbers(text) : text,
      query: opts.query ?? '',
      bias: (this.config.toolBias[opts.toolName ?? ''] ?? 1) * (opts.bias ?? 1),
      lossless: opts.lossless === true,
      ...defined({
        toolName: opts.toolName,
        filePath: opts.filePath,
        language: detection.language,
        parsed: detection.parsed,
        signal: opts.signal,
      }),
    };
    for (const strategy of candidates) {
      if (input.lossless && strategy !== CompressionStrategy.SMART_CRUSHER) {
        notes.push('lossless-only');
        break;
      }
      let attempt: Attempt;
      try {
        attempt = isAsync(strategy, sync)
          ? yield* settle(this.engines.runAsync(strategy, input))
          : this.engines.run(strategy, input);
      } catch (error) {
        notes.push(`error:${strategy}:${errorCode(error)}`);
        continue;
      }
      return timed(this.judge(piece, input.text, detection, strategy, attempt, tokensBefore, notes));
    }
    return timed(this.passthrough(piece, notes.join(';') || 'no-strategy', tokensBefore, detection));
  }

  /** The strategies to try for a detection, best first; notes why a preferred one is missing. */
  private *candidates(d: Detection, sync: boolean, notes: string[]): Steps<CompressionStrategy[]> {
    const c = this.config;
    const S = CompressionStrategy;
    const fallback = yield* this.defaultStrategy(sync, notes);
    switch (d.type) {
      case 'empty':
        return [];
      case 'json':
        return c.enableSmartCrusher ? [S.SMART_CRUSHER] : fallback;
      case 'search':
        return c.enableSearchCompression ? [S.SEARCH, ...fallback] : fallback;
      case 'log':
        return c.enableLogCompression ? [S.LOG, ...fallback] : fallback;
      case 'diff':
        return c.enableDiffCompression ? [S.DIFF, ...fallback] : fallback;
      case 'code': {
        // Never TEXT: sampling lines out of code breaks it.
        const out: CompressionStrategy[] = [];
        if (c.enableCodeAware) {
          if (yield* this.codeAvailable(sync)) out.push(S.CODE_AWARE);
          else
            notes.push(
              sync ? 'code-aware-not-loaded' : 'code-aware-unavailable:@headroom/code not installed',
            );
        }
        if (c.enableLlmlingua && this.engines.config.codeCompressor.fallbackToLlmlingua && !sync) {
          if (yield* settle(this.engines.loadLingua())) out.push(S.LLMLINGUA);
        }
        return out;
      }
      default: {
        if (c.enableLlmlingua && !sync && (yield* settle(this.engines.loadLingua())))
          return [S.LLMLINGUA, ...fallback];
        return fallback;
      }
    }
  }

  private *codeAvailable(sync: boolean): Steps<boolean> {
    if (sync) return this.engines.codeLoaded;
    return (yield* settle(this.engines.loadCode())) !== undefined;
  }

  /** `defaultStrategy` as candidates: LLMLingua when installed (async only), else text. */
  private *defaultStrategy(sync: boolean, notes: string[]): Steps<CompressionStrategy[]> {
    const S = CompressionStrategy;
    switch (this.config.defaultStrategy) {
      case 'passthrough':
        return [];
      case 'llmlingua':
        if (!sync && (yield* settle(this.engines.loadLingua()))) return [S.LLMLINGUA, S.TEXT];
        notes.push(sync ? 'llmlingua-skipped-sync' : 'llmlingua-unavailable:@headroom/lingua not installed');
        return [S.TEXT];
      default:
        return [S.TEXT];
    }
  }

  /** Accepts a result only if it pays; commits its CCR entries only then. */
  private judge(
    piece: Piece,
    seen: string,
    detection: Detection,
    strategy: CompressionStrategy,
    attempt: Attempt,
    tokensBefore: number,
    notes: string[],
  ): Routed {
    const numbered = detection.numbered === true;
    const changed = attempt.compressed !== seen;
    const compressed = !changed
      ? piece.text
      : numbered
        ? restoreLineNumbers(piece.text, attempt.compressed)
        : attempt.compressed;
    const why = attempt.reason ? `:${attempt.reason}` : '';
    if (compressed === piece.text)
      return this.passthrough(
        piece,
        [...notes, `no-gain:${strategy}${why}`].join(';'),
        tokensBefore,
        detection,
      );
    const tokensAfter = this.tokenizer.count(compressed);
    const lossy = attempt.puts.length > 0;
    const limit = lossy ? this.config.acceptRatio * tokensBefore : tokensBefore - 1;
    if (tokensAfter > limit) {
      const reason = lossy ? `rejected:ratio-${ratio(tokensAfter, tokensBefore)}` : 'rejected:no-gain';
      return this.passthrough(
        piece,
        [...notes, `${reason}:${strategy}${why}`].join(';'),
        tokensBefore,
        detection,
      );
    }
    const restore = this.commit(
      attempt.puts,
      piece,
      seen,
      numbered,
      contentSignature(strategy, detection.language),
    );
    if (lossy && strategy !== CompressionStrategy.SMART_CRUSHER)
      this.record(strategy, detection, tokensBefore, tokensAfter);
    return {
      text: compressed,
      hashes: restore.map((r) => r.hash),
      restore: restore.filter((r) => r.restorable).map((r) => r.restore),
      decision: {
        sectionIndex: piece.index,
        contentType: detection.type,
        confidence: detection.confidence,
        strategy,
        accepted: true,
        reason: [...notes, `${lossy ? 'lossy' : 'lossless'}${why}`].join(';'),
        tokensBefore,
        tokensAfter,
        durationMs: 0,
      },
    };
  }

  /** Writes the staged entries to the store, each with how to rebuild it from the content. */
  private commit(puts: readonly CcrPut[], piece: Piece, seen: string, numbered: boolean, signature: string) {
    const from = piece.offset;
    const to = piece.offset + piece.text.length;
    return puts.map((staged) => {
      // Text, log, code… entries carry their content signature, so retrievals reach TOIN too.
      const put = staged.signature === undefined ? { ...staged, signature } : staged;
      const hash = this.store.put(put);
      const { original, ...entry } = put;
      const restore: MemoRestore = numbered
        ? { entry, from, to, rewrite: LINE_NUMBER_REWRITE }
        : { entry, from, to };
      // Only an entry whose original is the piece itself can be rebuilt from the content.
      return { hash, restore, restorable: original === seen };
    });
  }

  /** Non-JSON compressions go to TOIN by strategy and language (SmartCrusher records JSON itself). */
  private record(
    strategy: CompressionStrategy,
    d: Detection,
    tokensBefore: number,
    tokensAfter: number,
  ): void {
    this.deps.toin?.recordCompression({
      signature: contentSignature(strategy, d.language),
      strategy,
      tokensBefore,
      tokensAfter,
    });
  }

  private passthrough(piece: Piece, reason: string, tokensBefore?: number, d?: Detection): Routed {
    const tokens = tokensBefore ?? this.tokenizer.count(piece.text);
    return {
      text: piece.text,
      hashes: [],
      restore: [],
      decision: {
        sectionIndex: piece.index,
        contentType: d?.type ?? piece.detection?.type ?? 'text',
        confidence: d?.confidence ?? piece.detection?.confidence ?? 0,
        strategy: CompressionStrategy.PASSTHROUGH,
        accepted: false,
        reason,
        tokensBefore: tokens,
        tokensAfter: tokens,
        durationMs: 0,
      },
    };
  }
}

const isAsync = (s: CompressionStrategy, sync: boolean) =>
  !sync && (s === CompressionStrategy.CODE_AWARE || s === CompressionStrategy.LLMLINGUA);

const ratio = (after: number, before: number) => (before === 0 ? 1 : after / before).toFixed(2);

function summarize(
  original: string,
  compressed: string,
  routed: readonly Routed[],
  mixed?: CompressionStrategy,
): RouterCompressionResult {
  const decisions = routed.map((r) => r.decision);
  const tokensBefore = decisions.reduce((a, d) => a + d.tokensBefore, 0);
  const tokensAfter = decisions.reduce((a, d) => a + d.tokensAfter, 0);
  const accepted = decisions.filter((d) => d.accepted);
  return {
    compressed,
    original,
    strategyUsed: mixed ?? accepted[0]?.strategy ?? CompressionStrategy.PASSTHROUGH,
    routingLog: decisions,
    sectionsProcessed: decisions.length,
    tokensBefore,
    tokensAfter,
    tokensSaved: tokensBefore - tokensAfter,
    compressionRatio: tokensBefore === 0 ? 1 : tokensAfter / tokensBefore,
    ccrHashes: [...new Set(routed.flatMap((r) => r.hashes))],
  };
}
