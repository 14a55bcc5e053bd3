export * from './conversation.js';
export * from './detect.js';
export * from './edits.js';
export * from './pairs.js';
export * from './render.js';
export * from './types.js';
export * from './units.js';
export * from './view.js';
