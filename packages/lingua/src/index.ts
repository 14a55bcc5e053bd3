export * from './check-model.js';
export type { LinguaContentType } from './content-type.js';
export * from './embedding-scorer.js';
export { isLlmlinguaModelLoaded, loadLlmlinguaModel, unloadLlmlinguaModel } from './lingua-model.js';
export type * from './lingua-result.js';
export * from './llmlingua-compressor.js';
export { ModelUnavailableError } from './load-model.js';
export type { LinguaLog } from './log.js';
export { EMBEDDING_MODEL_ENV, LINGUA_MODEL_ENV } from './model-source.js';
