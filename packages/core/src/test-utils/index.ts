export * from './arbitraries.js';
export * from './chat.js';
export * from './payloads.js';
export * from './tau-bench.js';
