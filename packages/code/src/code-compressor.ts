import {
  type CcrSink,
  CodeCompressorConfig,
  type CodeCompressorConfigInput,
  CodeLanguage,
  contentHash,
  defaultCcrStore,
  formatMarker,
  getTokenizer,
  hasMarker,
  parseConfig,
  type Tokenizer,
} from '@headroom/core';
import {
  type Candidate,
  givenLanguage,
  type LanguageDetection,
  languageCandidates,
} from './detect-language.js';
import { type LineEdit, normalizeEdits, renderEdits } from './edits.js';
import { isTreeSitterAvailable, loadGrammar, specForLanguage } from './grammars.js';
import type { LanguageSpec } from './languages/index.js';
import { type NumberedText, stripLineNumbers } from './line-numbers.js';
import { grammarsFor, type ParsedSource, parseCandidates, parseSource } from './parse-source.js';
import { planEdits } from './plan.js';
import { PlanContext } from './plan-context.js';
import { QueryTerms } from './query-terms.js';
import { unchanged } from './result.js';
import { SourceLines } from './source-lines.js';
import { parseErrors } from './syntax-errors.js';
import type { CodeCompressionResult, CodeCompressorDeps, CompressOptions } from './types.js';
import { scanTree } from './units.js';
import { verifyEdits } from './verify.js';

/** Below this share of kept tokens a result is worth its marker. */
const MAX_RATIO = 0.95;
/** Average line length beyond which a file is minified or generated: line elision cannot help. */
const MINIFIED_LINE_LENGTH = 300;

/** Input past the cheap gates: the bare code (line numbers split off) and how to pick its language. */
interface Prepared {
  original: string;
  bare: string;
  numbered: NumberedText | undefined;
  tokensBefore: number;
  query: string | undefined;
  /** Set when the language is given (hint, option, path); else the candidates to parse. */
  given: LanguageDetection | undefined;
  candidates: Candidate[];
}

/**
 * Compresses source code by eliding function bodies while keeping imports, signatures, types,
 * decorators, error handlers and docstring summaries, and guarantees the output parses with the
 * same tree-sitter grammar (no ERROR or MISSING node the input did not have). Fails open: any
 * problem returns the input with a reason.
 */
export class CodeAwareCompressor {
  readonly config: CodeCompressorConfig;
  private readonly tokenizer: Tokenizer;

  constructor(
    config?: CodeCompressorConfigInput,
    private readonly deps: CodeCompressorDeps = {},
  ) {
    this.config = parseConfig(CodeCompressorConfig, config, 'codeCompressor');
    this.tokenizer = deps.tokenizer ?? getTokenizer();
  }

  private get store(): CcrSink | null {
    return this.deps.store === undefined ? defaultCcrStore() : this.deps.store;
  }

  async compress(code: string, opts: CompressOptions = {}): Promise<CodeCompressionResult> {
    const prepared = this.guard(code, () => this.prepare(code, opts));
    if (!('bare' in prepared)) return prepared;
    if (!isTreeSitterAvailable()) return unchanged(code, 'tree-sitter-unavailable', prepared.tokensBefore);
    const grammars = this.guard(
      code,
      () => grammarsFor(prepared.given, prepared.candidates, this.deps.grammarDir),
      prepared.tokensBefore,
    );
    if (!Array.isArray(grammars)) return grammars;
    try {
      await Promise.all(grammars.map((name) => loadGrammar(name, this.deps.grammarDir)));
    } catch {
      return unchanged(code, 'tree-sitter-unavailable', prepared.tokensBefore);
    }
    return this.guard(code, () => this.finish(prepared), prepared.tokensBefore);
  }

  /** Like `compress`, for grammars already loaded (`warmup`); otherwise `grammar-not-loaded`. */
  compressSync(code: string, opts: CompressOptions = {}): CodeCompressionResult {
    return this.guard(code, () => {
      const prepared = this.prepare(code, opts);
      return 'bare' in prepared ? this.finish(prepared) : prepared;
    });
  }

  /** Hint, then file extension, then content (regexes, then the fewest parse errors among two). */
  async detectLanguage(code: string, opts: { filePath?: string } = {}): Promise<LanguageDetection> {
    const none: LanguageDetection = { confidence: 0, source: 'none' };
    try {
      const bare = stripLineNumbers(code)?.code ?? code;
      const given = givenLanguage(bare, { ...opts, hint: this.config.languageHint });
      if (given) return given;
      const candidates = languageCandidates(bare);
      if (candidates.length === 0 || !isTreeSitterAvailable()) return none;
      const { grammarDir } = this.deps;
      await Promise.all(
        grammarsFor(undefined, candidates, grammarDir).map((name) => loadGrammar(name, grammarDir)),
      );
      const parsed = parseCandidates(bare, candidates, grammarDir);
      parsed?.tree.delete();
      return parsed?.detection ?? none;
    } catch {
      return none;
    }
  }

  /** Loads the runtime and the grammars of `languages` (default: all nine). */
  async warmup(languages: readonly CodeLanguage[] = CodeLanguage.options): Promise<void> {
    const names = new Set(languages.map((l) => specForLanguage(l, this.deps.grammarDir).grammar));
    await Promise.all([...names].map((name) => loadGrammar(name, this.deps.grammarDir)));
  }

  private guard<T>(code: string, fn: () => T | CodeCompressionResult, tokens = 0): T | CodeCompressionResult {
    try {
      return fn();
    } catch {
      return unchanged(code, 'error', tokens);
    }
  }

  /** The cheap gates, in order of cost, then line numbers and language choice. */
  private prepare(code: string, opts: CompressOptions): Prepared | CodeCompressionResult {
    const cfg = this.config;
    if (!cfg.enableCcr || this.store === null) return unchanged(code, 'ccr-disabled', 0);
    if (hasMarker(code)) return unchanged(code, 'already-compressed', 0);
    if (Buffer.byteLength(code, 'utf8') > cfg.maxInputBytes) return unchanged(code, 'too-large', 0);
    const tokensBefore = this.tokenizer.count(code);
    if (tokensBefore < cfg.minTokensForCompression) return unchanged(code, 'too-small', tokensBefore);
    const numbered = stripLineNumbers(code);
    const bare = numbered?.code ?? code;
    const lines = bare.split('\n').length;
    if (bare.length > MINIFIED_LINE_LENGTH * lines) return unchanged(code, 'minified', tokensBefore);
    const given = givenLanguage(bare, { ...opts, hint: cfg.languageHint });
    if (given && !CodeLanguage.safeParse(given.language).success) {
      return unchanged(code, 'unsupported-language', tokensBefore);
    }
    const candidates = given ? [] : languageCandidates(bare);
    if (!given && candidates.length === 0) return unchanged(code, 'unsupported-language', tokensBefore);
    return { original: code, bare, numbered, tokensBefore, query: opts.query, given, candidates };
  }

  private finish(prepared: Prepared): CodeCompressionResult {
    const parsed = parseSource(prepared.bare, prepared.given, prepared.candidates, this.deps.grammarDir);
    if (typeof parsed === 'string') {
      const language = prepared.given?.language;
      return unchanged(prepared.original, parsed, prepared.tokensBefore, language ? { language } : {});
    }
    try {
      return this.compressParsed(prepared, parsed);
    } finally {
      parsed.tree.delete();
    }
  }

  private compressParsed(
    prepared: Prepared,
    { tree, spec, grammar, detection }: ParsedSource,
  ): CodeCompressionResult {
    const { original, tokensBefore } = prepared;
    const src = new SourceLines(prepared.bare, prepared.numbered?.trailingNewline);
    const context = { language: spec.language, languageConfidence: detection.confidence };
    const errors = parseErrors(tree.rootNode);
    // So many errors that the grammar is likely wrong for this text: nothing can be trusted.
    if (errors.length > Math.max(5, src.count * 0.02)) {
      return unchanged(original, 'parse-errors', tokensBefore, { ...context, syntaxValid: false });
    }
    const parsedContext = { ...context, syntaxValid: errors.length === 0 };
    const { units, tries } = scanTree(tree.rootNode, spec, src);
    const names = new Set(units.map((u) => u.simpleName).filter((n): n is string => n !== undefined));
    const ctx = new PlanContext(src, spec, this.config, new QueryTerms(prepared.query, names), units, tries);
    const planned = normalizeEdits(planEdits(tree.rootNode, units, ctx, errors));
    if (planned.length === 0) {
      return unchanged(original, errors.length > 0 ? 'parse-errors' : 'no-gain', tokensBefore, parsedContext);
    }

    const hash = contentHash(original);
    const trailer = (edits: readonly LineEdit[]) => [this.markerLine(spec, hash, edits, src.count)];
    const prefixOf = prepared.numbered ? (row: number) => prepared.numbered!.prefixes[row] ?? '' : undefined;
    const render = (edits: readonly LineEdit[]) => renderEdits(src, edits, trailer(edits), prefixOf).text;
    // Token counting is cheaper than a parse: a plan without gain is dropped before verifying it.
    let compressed = render(planned);
    let tokensAfter = this.tokenizer.count(compressed);
    if (tokensAfter >= MAX_RATIO * tokensBefore)
      return unchanged(original, 'no-gain', tokensBefore, parsedContext);

    const verified = verifyEdits(grammar, src, planned, errors, trailer);
    if (typeof verified === 'string') return unchanged(original, verified, tokensBefore, parsedContext);
    if (verified.edits !== planned) {
      compressed = render(verified.edits);
      tokensAfter = this.tokenizer.count(compressed);
      if (tokensAfter >= MAX_RATIO * tokensBefore)
        return unchanged(original, 'no-gain', tokensBefore, parsedContext);
    }

    const omitted = verified.rendered.omitted;
    const stored = this.store!.put({
      original,
      kind: 'code',
      strategy: `code_aware:${spec.language}`,
      unit: 'lines',
      omitted,
      total: src.count,
      originalTokens: tokensBefore,
      compressedTokens: tokensAfter,
    });
    if (stored !== hash) {
      // A store with its own keys: hex for hex inside a comment cannot change the parse.
      compressed = compressed.replace(`<<ccr:${hash} `, `<<ccr:${stored} `);
      tokensAfter = this.tokenizer.count(compressed);
    }
    return {
      compressed,
      original,
      wasModified: true,
      language: spec.language,
      languageConfidence: detection.confidence,
      tokensBefore,
      tokensAfter,
      compressionRatio: tokensAfter / tokensBefore,
      syntaxValid: verified.errors === 0,
      bodiesCompressed: bodyNames(verified.edits, true),
      ccrHash: stored,
    };
  }

  /** `<comment> <<ccr:HASH N of L lines omitted; bodies: f, g>>` on the last line. */
  private markerLine(spec: LanguageSpec, hash: string, edits: readonly LineEdit[], total: number): string {
    let omitted = 0;
    for (const e of edits) omitted += e.to - e.from + 1;
    const bodies = bodyNames(edits, false);
    const summary = bodies.length > 0 ? `bodies: ${bodies.join(', ')}` : undefined;
    return `${spec.lineComment} ${formatMarker({ hash, omitted, total, unit: 'lines', summary })}`;
  }
}

/** Distinct names of the functions whose bodies edits elide, in source order. */
function bodyNames(edits: readonly LineEdit[], withAnonymous: boolean): string[] {
  const names = new Set<string>();
  for (const e of edits) {
    if ((e.kind !== 'body' && e.kind !== 'collapse') || e.owner === undefined) continue;
    if (withAnonymous || e.owner !== '(anonymous)') names.add(e.owner);
  }
  return [...names];
}
