import {
  EmbeddingConfig,
  type EmbeddingConfigInput,
  LLMLinguaConfig,
  type LLMLinguaConfigInput,
  parseConfig,
} from '@headroom/core';
import { chooseModel, EMBEDDING_MODEL_ENV, LINGUA_MODEL_ENV } from './model-source.js';

const DEFAULT_LINGUA_MODEL = LLMLinguaConfig.parse({}).model;
const DEFAULT_EMBEDDING_MODEL = EmbeddingConfig.parse({}).model;

/** The LLMLingua config with its model chosen: explicit option, then `HEADROOM_LINGUA_MODEL`, then the default. */
export function linguaConfig(input?: LLMLinguaConfigInput): LLMLinguaConfig {
  const model = chooseModel(input?.model, LINGUA_MODEL_ENV, DEFAULT_LINGUA_MODEL);
  return parseConfig(LLMLinguaConfig, { ...input, model }, 'llmlingua');
}

/** The embedding config with its model chosen: explicit option, then `HEADROOM_EMBEDDING_MODEL`, then the default. */
export function embeddingConfig(input?: EmbeddingConfigInput): EmbeddingConfig {
  const model = chooseModel(input?.model, EMBEDDING_MODEL_ENV, DEFAULT_EMBEDDING_MODEL);
  return parseConfig(EmbeddingConfig, { ...input, model }, 'embedding');
}
