import { CacheAligner } from '@headroom/aligner';
import { type AlignerPlacement, getTokenizer, type Tokenizer, TransformPipeline } from '@headroom/core';
import { type CacheProfile, type CacheSummary, OPENAI_PROMPT_CACHE } from './cache-simulator.js';
import { type RequestPath, replay } from './replay.js';
import { SCENARIOS, type Scenario } from './scenarios/catalog.js';

export const PLACEMENTS: readonly AlignerPlacement[] = ['end', 'last-user', 'system-tail'];

export interface ScenarioResult {
  scenario: Scenario;
  without: CacheSummary;
  with: Record<AlignerPlacement, CacheSummary>;
  /** The same traffic with a prompt free of dynamic values, through the same other transforms. */
  ceiling: CacheSummary;
}

/** The request path: the scenario's other transforms, behind an aligner when one is given. */
function pathFor(scenario: Scenario, tokenizer: Tokenizer, placement?: AlignerPlacement): RequestPath {
  const transforms = [
    ...(placement ? [new CacheAligner({ placement }, { tokenizer })] : []),
    ...(scenario.others?.() ?? []),
  ];
  if (transforms.length === 0) return (messages) => messages;
  const pipeline = new TransformPipeline(transforms);
  return (messages) => pipeline.transformSync(messages, { tokenizer }).messages;
}

/** Replays every scenario without the aligner and with it in each placement. */
export function evaluateCache(
  profile: CacheProfile = OPENAI_PROMPT_CACHE,
  scenarios: readonly Scenario[] = SCENARIOS,
): ScenarioResult[] {
  const tokenizer = getTokenizer('gpt-4o');
  return scenarios.map((scenario) => {
    const run = (placement?: AlignerPlacement) =>
      replay(scenario.requests(), pathFor(scenario, tokenizer, placement), profile, tokenizer);
    const withAligner = Object.fromEntries(PLACEMENTS.map((p) => [p, run(p)])) as Record<
      AlignerPlacement,
      CacheSummary
    >;
    const ceiling = replay(scenario.fixed(), pathFor(scenario, tokenizer), profile, tokenizer);
    return { scenario, without: run(), with: withAligner, ceiling };
  });
}
