export * from './cache-evaluation.js';
export * from './cache-simulator.js';
export * from './cache-table.js';
export * from './readme-section.js';
export * from './replay.js';
export * from './request-prefix.js';
export * from './scenarios/catalog.js';
export * from './scenarios/client-request.js';
export { MinifyToolOutputs } from './scenarios/minify-tool-outputs.js';
