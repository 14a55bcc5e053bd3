/**
 * A hand-written BERT WordPiece tokenizer (cased) for generated test models: special tokens, every
 * printable ASCII character as a word start and as a `##` continuation, and a list of whole words,
 * so any ASCII word tokenizes into known pieces and words longer than 100 chars become `[UNK]`.
 */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const PRINTABLE = Array.from({ length: 126 - 33 + 1 }, (_, i) => String.fromCharCode(33 + i));

/** The vocabulary: special tokens, ASCII characters and continuations, then `words` (deduplicated). */
export function buildVocab(words: readonly string[]): string[] {
  const vocab = [...SPECIAL_TOKENS, ...PRINTABLE, ...PRINTABLE.map((c) => `##${c}`)];
  const seen = new Set(vocab);
  for (const w of words) {
    if (seen.has(w) || w.length === 0 || /\s/.test(w)) continue;
    seen.add(w);
    vocab.push(w);
  }
  return vocab;
}

const idOf = (vocab: readonly string[], token: string) => vocab.indexOf(token);

function special(vocab: readonly string[], token: string) {
  return {
    id: idOf(vocab, token),
    content: token,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  };
}

/** `tokenizer.json` in the Hugging Face tokenizers format. */
export function tokenizerJson(vocab: readonly string[]): object {
  const cls = { SpecialToken: { id: '[CLS]', type_id: 0 } };
  const sep = { SpecialToken: { id: '[SEP]', type_id: 0 } };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => special(vocab, t)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: false,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [cls, { Sequence: { id: 'A', type_id: 0 } }, sep],
      pair: [cls, { Sequence: { id: 'A', type_id: 0 } }, sep, { Sequence: { id: 'B', type_id: 1 } }, sep],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [idOf(vocab, '[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [idOf(vocab, '[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

/** `tokenizer_config.json`: the class and special tokens transformers.js reads. */
export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: false,
    model_max_length: maxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
}
