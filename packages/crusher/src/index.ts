export { expandColumnar, isColumnar } from './columnar.js';
export { SmartCrusher, type SmartCrusherDeps } from './smart-crusher.js';
export * from './text/index.js';
export type { ArrayReport, CrushOptions, CrushResult } from './types.js';
