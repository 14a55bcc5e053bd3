import {
  type CcrPut,
  type CodeLanguage,
  HeadroomConfig,
  type HeadroomConfigInput,
  type JsonValue,
  parseConfig,
  type ToinAdvisor,
  type ToinRecorder,
  type Tokenizer,
} from '@headroom/core';
import {
  DiffCompressor,
  LogCompressor,
  SearchCompressor,
  SmartCrusher,
  TextCompressor,
} from '@headroom/crusher';
import {
  type CodeModule,
  type LinguaModule,
  loadCodeModule,
  loadLinguaModule,
  type ModuleLoader,
  type OptionalResult,
} from './optional.js';
import { StagingSink } from './staging-sink.js';
import { CompressionStrategy } from './types.js';

/** One compressor call: what it produced and the CCR entries it staged. */
export interface Attempt {
  compressed: string;
  puts: readonly CcrPut[];
  /** The compressor's own reason for leaving the content alone, when it did. */
  reason?: string;
}

export interface AttemptInput {
  text: string;
  query: string;
  bias: number;
  toolName?: string;
  filePath?: string;
  language?: CodeLanguage;
  parsed?: JsonValue;
  lossless: boolean;
  signal?: AbortSignal;
}

export interface EngineDeps {
  toin?: ToinAdvisor & Partial<ToinRecorder>;
  tokenizer: Tokenizer;
  headroom?: HeadroomConfigInput;
  modules?: { code?: ModuleLoader<CodeModule>; lingua?: ModuleLoader<LinguaModule> };
}

/**
 * The compressors the router dispatches to. The synchronous ones share one staging sink that is
 * emptied per call (synchronous code cannot interleave); the asynchronous optional ones are built
 * per call with their own sink, so concurrent requests never mix their CCR entries.
 */
export class Engines {
  readonly config: HeadroomConfig;
  private readonly sink = new StagingSink();
  private readonly crusher: SmartCrusher;
  private losslessCrusher: SmartCrusher | undefined;
  private readonly search: SearchCompressor;
  private readonly log: LogCompressor;
  private readonly diff: DiffCompressor;
  private readonly prose: TextCompressor;
  private code: CodeModule | undefined;

  constructor(private readonly deps: EngineDeps) {
    this.config = parseConfig(HeadroomConfig, deps.headroom, 'headroom');
    const c = this.config;
    const store = this.sink;
    this.crusher = new SmartCrusher(c.smartCrusher, { store, tokenizer: deps.tokenizer, ...toinOf(deps) });
    this.search = new SearchCompressor(c.searchCompressor, { store });
    this.log = new LogCompressor(c.logCompressor, { store });
    this.diff = new DiffCompressor(c.diffCompressor, { store });
    this.prose = new TextCompressor(c.textCompressor, { store });
  }

  loadCode(): Promise<CodeModule | undefined> {
    return (this.deps.modules?.code ?? loadCodeModule)().then((m) => {
      this.code = m;
      return m;
    });
  }

  loadLingua(): Promise<LinguaModule | undefined> {
    return (this.deps.modules?.lingua ?? loadLinguaModule)();
  }

  /** Code compression is possible synchronously only once the module has been loaded. */
  get codeLoaded(): boolean {
    return this.code !== undefined;
  }

  /** Runs a synchronous strategy. */
  run(strategy: CompressionStrategy, input: AttemptInput): Attempt {
    const sink = this.sink;
    sink.clear();
    const opts = { query: input.query, bias: input.bias };
    switch (strategy) {
      case CompressionStrategy.SMART_CRUSHER: {
        const crusher = input.lossless ? this.lossless() : this.crusher;
        const r = crusher.crush(input.text, {
          ...opts,
          ...(input.parsed === undefined ? {} : { parsed: input.parsed }),
          ...(input.toolName === undefined ? {} : { toolName: input.toolName }),
        });
        return { compressed: r.compressed, puts: sink.take(), reason: r.strategy };
      }
      case CompressionStrategy.SEARCH:
        return fromText(this.search.compress(input.text, opts), sink);
      case CompressionStrategy.LOG:
        return fromText(this.log.compress(input.text, opts), sink);
      case CompressionStrategy.DIFF:
        return fromText(this.diff.compress(input.text, opts), sink);
      case CompressionStrategy.TEXT:
        return fromText(this.prose.compress(input.text, opts), sink);
      case CompressionStrategy.CODE_AWARE:
        return this.codeSync(input);
      default:
        return { compressed: input.text, puts: [], reason: 'passthrough' };
    }
  }

  /** Runs an asynchronous (optional-package) strategy. */
  async runAsync(strategy: CompressionStrategy, input: AttemptInput): Promise<Attempt> {
    const sink = new StagingSink();
    const deps = { store: sink, tokenizer: this.deps.tokenizer };
    let result: OptionalResult;
    if (strategy === CompressionStrategy.CODE_AWARE) {
      const mod = await this.loadCode();
      if (!mod) throw new Error('@headroom/code is not installed');
      result = await new mod.CodeAwareCompressor(this.config.codeCompressor, deps).compress(
        input.text,
        codeOpts(input),
      );
    } else {
      const mod = await this.loadLingua();
      if (!mod) throw new Error('@headroom/lingua is not installed');
      result = await new mod.LLMLinguaCompressor(this.config.llmlingua, deps).compress(input.text, {
        contentType: input.language ? 'code' : 'text',
        query: input.query,
        ...(input.signal ? { signal: input.signal } : {}),
      });
    }
    return {
      compressed: result.compressed,
      puts: sink.take(),
      ...(result.reason ? { reason: result.reason } : {}),
    };
  }

  private codeSync(input: AttemptInput): Attempt {
    if (!this.code) return { compressed: input.text, puts: [], reason: 'grammar-not-loaded' };
    const sink = new StagingSink();
    const compressor = new this.code.CodeAwareCompressor(this.config.codeCompressor, {
      store: sink,
      tokenizer: this.deps.tokenizer,
    });
    const r = compressor.compressSync(input.text, codeOpts(input));
    return { compressed: r.compressed, puts: sink.take(), ...(r.reason ? { reason: r.reason } : {}) };
  }

  private lossless(): SmartCrusher {
    this.losslessCrusher ??= new SmartCrusher(this.config.smartCrusher, {
      store: null,
      tokenizer: this.deps.tokenizer,
    });
    return this.losslessCrusher;
  }
}

function toinOf(deps: EngineDeps) {
  return deps.toin ? { toin: deps.toin } : {};
}

function codeOpts(input: AttemptInput) {
  return {
    query: input.query,
    ...(input.language ? { language: input.language } : {}),
    ...(input.filePath ? { filePath: input.filePath } : {}),
  };
}

function fromText(r: { compressed: string; strategy: string }, sink: StagingSink): Attempt {
  return { compressed: r.compressed, puts: sink.take(), reason: r.strategy };
}
