export * from './pipeline.js';
export * from './query.js';
export * from './transform.js';
