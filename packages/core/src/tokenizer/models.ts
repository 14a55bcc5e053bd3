export type Encoding = 'o200k_base' | 'cl100k_base';

/** Model-name prefixes → BPE encoding; first (longest) matching prefix wins. */
const ENCODING_BY_PREFIX: ReadonlyArray<readonly [string, Encoding]> = [
  ['gpt-4o', 'o200k_base'],
  ['gpt-4.1', 'o200k_base'],
  ['gpt-4.5', 'o200k_base'],
  ['gpt-5', 'o200k_base'],
  ['gpt-oss', 'o200k_base'],
  ['chatgpt-4o', 'o200k_base'],
  ['o1', 'o200k_base'],
  ['o3', 'o200k_base'],
  ['o4', 'o200k_base'],
  ['gpt-4', 'cl100k_base'],
  ['gpt-3.5', 'cl100k_base'],
  ['text-embedding-3', 'cl100k_base'],
  ['text-embedding-ada-002', 'cl100k_base'],
];

/** Context windows in tokens, prefix-matched (longest prefix wins). */
export const MODEL_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  'gpt-5': 400_000,
  'gpt-4.1': 1_047_576,
  'gpt-4.5': 128_000,
  'gpt-4o': 128_000,
  'chatgpt-4o': 128_000,
  'gpt-4-turbo': 128_000,
  'gpt-4-1106': 128_000,
  'gpt-4-0125': 128_000,
  'gpt-4-32k': 32_768,
  'gpt-4': 8_192,
  'gpt-3.5-turbo': 16_385,
  'gpt-oss': 131_072,
  o1: 200_000,
  'o1-mini': 128_000,
  'o1-preview': 128_000,
  o3: 200_000,
  o4: 200_000,
  claude: 200_000,
  'claude-2': 100_000,
});

const LIMIT_PREFIXES = Object.keys(MODEL_LIMITS).sort((a, b) => b.length - a.length);

/** Strips a provider prefix such as `openai/` or `anthropic.` and lowercases. */
function normalizeModel(model: string): string {
  const lower = model.trim().toLowerCase();
  const slash = lower.lastIndexOf('/');
  const bare = slash >= 0 ? lower.slice(slash + 1) : lower;
  return bare.replace(/^(anthropic|openai|us|eu|apac)\./, '');
}

export function encodingForModel(model: string | undefined): { encoding: Encoding; exact: boolean } {
  if (model) {
    const name = normalizeModel(model);
    for (const [prefix, encoding] of ENCODING_BY_PREFIX) {
      if (name.startsWith(prefix)) return { encoding, exact: true };
    }
  }
  // Claude and unknown models: o200k is the closest public BPE; the proxy calibrates it.
  return { encoding: 'o200k_base', exact: false };
}

/** The model's context window, or undefined for unknown models. */
export function modelLimit(model: string): number | undefined {
  const name = normalizeModel(model);
  const prefix = LIMIT_PREFIXES.find((p) => name.startsWith(p));
  return prefix === undefined ? undefined : MODEL_LIMITS[prefix];
}
