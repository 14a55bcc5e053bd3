export * from './count-messages.js';
export type { CountFn } from './engines.js';
export * from './models.js';
export * from './tokenizer.js';
