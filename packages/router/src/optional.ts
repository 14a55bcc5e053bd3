import type {
  CcrSink,
  CodeCompressorConfigInput,
  CodeLanguage,
  LLMLinguaConfigInput,
  Tokenizer,
} from '@headroom/core';

/** What the router uses of @headroom/code (an optional peer): the structural subset, no import. */
export interface CodeCompressorLike {
  compress(
    code: string,
    opts?: { language?: CodeLanguage; query?: string; filePath?: string },
  ): Promise<OptionalResult>;
  compressSync(
    code: string,
    opts?: { language?: CodeLanguage; query?: string; filePath?: string },
  ): OptionalResult;
  warmup(languages?: CodeLanguage[]): Promise<void>;
}

/** What the router uses of @headroom/lingua (an optional peer). */
export interface LinguaCompressorLike {
  compress(
    text: string,
    opts?: { contentType?: 'text' | 'code' | 'json'; query?: string; signal?: AbortSignal },
  ): Promise<OptionalResult>;
}

export interface OptionalResult {
  compressed: string;
  wasModified: boolean;
  reason?: string;
}

interface CompressorDeps {
  store?: CcrSink;
  tokenizer?: Tokenizer;
}

export interface CodeModule {
  CodeAwareCompressor: new (config?: CodeCompressorConfigInput, deps?: CompressorDeps) => CodeCompressorLike;
}

export interface LinguaModule {
  LLMLinguaCompressor: new (config?: LLMLinguaConfigInput, deps?: CompressorDeps) => LinguaCompressorLike;
}

/** Resolves to the module, or undefined when it is not installed (or fails to load). */
export type ModuleLoader<M> = () => Promise<M | undefined>;

// Specifiers in variables: TypeScript and bundlers must not require these optional packages.
const CODE_PACKAGE = '@headroom/code';
const LINGUA_PACKAGE = '@headroom/lingua';

function memoized<M>(specifier: string): ModuleLoader<M> {
  let loading: Promise<M | undefined> | undefined;
  return () => {
    loading ??= import(specifier).then(
      (m: M) => m,
      () => undefined,
    );
    return loading;
  };
}

export const loadCodeModule: ModuleLoader<CodeModule> = memoized(CODE_PACKAGE);
export const loadLinguaModule: ModuleLoader<LinguaModule> = memoized(LINGUA_PACKAGE);

/** True when @headroom/code is installed and loads. */
export async function isCodeAwareAvailable(): Promise<boolean> {
  return (await loadCodeModule()) !== undefined;
}

/** True when @headroom/lingua is installed and loads (a model is loaded only on first use). */
export async function isLlmlinguaAvailable(): Promise<boolean> {
  return (await loadLinguaModule()) !== undefined;
}
