import type { Scenario } from '../scenario.js';
import { largeDiff, typescriptSource } from './code.js';
import { apiResponses, dbRows, searchResults } from './json.js';
import { grepMatches, logLines, prose } from './text.js';

/** Every bundled scenario, generated from fixed seeds (nothing is downloaded). */
export const SCENARIOS: ReadonlyArray<() => Scenario> = [
  searchResults,
  dbRows,
  apiResponses,
  logLines,
  grepMatches,
  largeDiff,
  typescriptSource,
  prose,
];
