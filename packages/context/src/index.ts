export {
  IntelligentContextConfig,
  type IntelligentContextConfigInput,
  intelligentConfigFromRollingWindow,
  RollingWindowConfig,
  type RollingWindowConfigInput,
  ScoringWeights,
  type ScoringWeightsInput,
} from '@headroom/core';
export { DEFAULT_BUDGET } from './budget.js';
export { type IntelligentContextDeps, IntelligentContextManager } from './intelligent-context.js';
export { RollingWindow, type RollingWindowDeps } from './rolling-window.js';
export type * from './types.js';
