export * from './anchors.js';
export * from './bm25.js';
export * from './error-detector.js';
export * from './joined-docs.js';
export * from './lexer.js';
export * from './value-text.js';
