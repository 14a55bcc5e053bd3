export { ContentRouterConfig, type ContentRouterConfigInput } from '@headroom/core';
export { type CompressOptions, type CompressResult, compress } from './compress.js';
export {
  type CompressContentOptions,
  type CompressContentResult,
  compressContent,
} from './compress-content.js';
export { ContentRouter, type ContentRouterDeps, type RouteOutcome } from './content-router.js';
export { createDefaultPipeline, type DefaultPipelineOptions } from './default-pipeline.js';
export { detectContentType } from './detect.js';
export { isCodeAwareAvailable, isLlmlinguaAvailable } from './optional.js';
export * from './types.js';
