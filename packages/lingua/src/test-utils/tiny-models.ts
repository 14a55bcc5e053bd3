/**
 * Generated test models: BERT-shaped ONNX exports small enough to write per test run, loaded by
 * the package through exactly the code path a real export takes (`config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, `onnx/model.onnx`). Scores are chosen per vocabulary token, so tests can
 * say which words a model keeps.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph } from './onnx-graph.js';
import { TEXT_WORDS } from './texts.js';
import { buildVocab, tokenizerConfigJson, tokenizerJson } from './wordpiece.js';

export interface TinyModel {
  dir: string;
  vocab: string[];
  /** Removes the directory. */
  cleanup(): Promise<void>;
}

export interface TinyLinguaOptions {
  /** Whole words in the vocabulary (besides every ASCII character and `##` continuation). */
  words?: readonly string[];
  /** Tokens the model keeps: logit margin +8. */
  keepWords?: readonly string[];
  /** Tokens the model drops first: logit margin −8. */
  dropWords?: readonly string[];
  /** Keep-minus-drop logit per token; overrides the default (a fixed pseudo-random margin in [−3, 3]). */
  score?: (token: string) => number;
  /** Rows of the embedding table; fewer than the vocabulary makes a model that fails on high ids. */
  rows?: number;
  /** Width of each embedding row; a large width (with `extraRows`) makes a heavy model. */
  width?: number;
  /** Unused rows appended to the table, to make the model big (memory measurements). */
  extraRows?: number;
  /** `vocab_size` written to config.json (default: the table's rows). */
  configVocabSize?: number;
  /** Output labels (LLMLingua-2 has two: drop, keep). */
  labels?: number;
  /** Model window, special tokens included. */
  maxLength?: number;
}

/** A deterministic margin in [−3, 3] per token (FNV-1a). */
export function defaultMargin(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return ((h >>> 0) / 0xffffffff) * 6 - 3;
}

async function writeExport(
  files: { config: object; vocab: string[]; maxLength: number; onnx: Uint8Array },
  prefix: string,
): Promise<TinyModel> {
  const dir = await mkdtemp(join(tmpdir(), `headroom-lingua-${prefix}-`));
  await mkdir(join(dir, 'onnx'));
  await Promise.all([
    writeFile(join(dir, 'config.json'), JSON.stringify(files.config)),
    writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(files.vocab))),
    writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfigJson(files.maxLength))),
    writeFile(join(dir, 'onnx', 'model.onnx'), files.onnx),
  ]);
  return { dir, vocab: files.vocab, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** An LLMLingua-2-shaped token classifier: logits `[batch, seq, labels]`, label 1 = keep. */
export function writeTinyLinguaModel(opts: TinyLinguaOptions = {}): Promise<TinyModel> {
  const keep = new Set(opts.keepWords ?? []);
  const drop = new Set(opts.dropWords ?? []);
  const vocab = buildVocab([...(opts.words ?? TEXT_WORDS), ...keep, ...drop]);
  const margin = (t: string) => (keep.has(t) ? 8 : drop.has(t) ? -8 : (opts.score ?? defaultMargin)(t));
  const labels = opts.labels ?? 2;
  const width = Math.max(opts.width ?? 2, 2);
  const rows = (opts.rows ?? vocab.length) + (opts.extraRows ?? 0);
  const maxLength = opts.maxLength ?? 512;
  const embedding = new Float32Array(rows * width);
  for (let i = 0; i < Math.min(rows, vocab.length); i++) embedding[i * width + 1] = margin(vocab[i]!);
  // Column 1 of the row is the keep margin; the projection copies columns 0 and 1 to labels 0 and 1.
  const weight = new Float32Array(width * labels);
  for (let l = 0; l < Math.min(labels, 2); l++) weight[l * labels + l] = 1;
  const id2label = Object.fromEntries(Array.from({ length: labels }, (_, l) => [l, `LABEL_${l}`]));
  return writeExport(
    {
      vocab,
      maxLength,
      onnx: buildGraph({
        embedding,
        rows,
        width,
        projection: { weight, bias: new Float32Array(labels), outputs: labels },
        output: 'logits',
      }),
      config: {
        model_type: 'bert',
        architectures: ['BertForTokenClassification'],
        vocab_size: opts.configVocabSize ?? rows,
        hidden_size: width,
        max_position_embeddings: maxLength,
        num_labels: labels,
        id2label,
        label2id: Object.fromEntries(Object.entries(id2label).map(([k, v]) => [v, Number(k)])),
      },
    },
    'classifier',
  );
}

export interface TinyEmbeddingOptions {
  words?: readonly string[];
  /** Vector width. */
  dims?: number;
  maxLength?: number;
}

/** A feature-extraction model: `last_hidden_state` rows are fixed pseudo-random vectors per token. */
export function writeTinyEmbeddingModel(opts: TinyEmbeddingOptions = {}): Promise<TinyModel> {
  const vocab = buildVocab(opts.words ?? TEXT_WORDS);
  const dims = opts.dims ?? 16;
  const maxLength = opts.maxLength ?? 512;
  const embedding = new Float32Array(vocab.length * dims);
  vocab.forEach((token, i) => {
    for (let d = 0; d < dims; d++) embedding[i * dims + d] = defaultMargin(`${d}:${token}`);
  });
  return writeExport(
    {
      vocab,
      maxLength,
      onnx: buildGraph({ embedding, rows: vocab.length, width: dims, output: 'last_hidden_state' }),
      config: {
        model_type: 'bert',
        architectures: ['BertModel'],
        vocab_size: vocab.length,
        hidden_size: dims,
        max_position_embeddings: maxLength,
      },
    },
    'embedder',
  );
}
