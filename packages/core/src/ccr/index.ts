export * from './marker.js';
export * from './memory-store.js';
export * from './search.js';
export * from './store.js';
export * from './tool.js';
