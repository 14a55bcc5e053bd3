export * from './parse-json.js';
export * from './raw-number.js';
export * from './stringify.js';
