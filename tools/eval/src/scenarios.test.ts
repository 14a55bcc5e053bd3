/**
 * The aligner issue's acceptance numbers, measured on the same replays the README table comes from
 * (the support scenarios on one hour of traffic, to keep the suite fast).
 */
import { describe, expect, it } from 'vitest';
import { evaluateCache, type ScenarioResult } from './cache-evaluation.js';
import { SCENARIOS, type Scenario } from './scenarios/catalog.js';
import { clock } from './scenarios/client-request.js';
import { supportTraffic } from './scenarios/support-traffic.js';

const byId = (id: string) => SCENARIOS.find((s) => s.id === id)!;
const run = (scenario: Scenario): ScenarioResult => evaluateCache(undefined, [scenario])[0]!;
const TIMEOUT = 120_000;

describe('prompt-cache replays', () => {
  it(
    'the aligned daily-date scenario caches at least 95 % of prompt tokens',
    () => {
      const r = run(byId('daily-date'));
      expect(r.with.end.hitRate).toBeGreaterThanOrEqual(0.95);
      // A date that changes once a day costs little without the aligner either: overnight the cache
      // expires anyway. The aligner stays within a tenth of a point of a prompt with no date at all.
      expect(r.ceiling.hitRate - r.with.end.hitRate).toBeLessThan(0.001);
    },
    TIMEOUT,
  );

  it(
    'a timestamp per request: nothing cached without the aligner, 95 % with it at the end',
    () => {
      const r = run(byId('date-time'));
      expect(r.without.hitRate).toBe(0);
      expect(r.with.end.hitRate).toBeGreaterThanOrEqual(0.95);
      // The tail at the end costs only itself; in the system prompt or the last user message it
      // invalidates everything after it on every request.
      expect(r.with.end.hitRate).toBeGreaterThan(r.with['last-user'].hitRate + 0.5);
      expect(r.with['last-user'].hitRate).toBeGreaterThan(r.with['system-tail'].hitRate);
    },
    TIMEOUT,
  );

  it(
    "with the proxy's other transforms, the prefix stays cached and the prompts shrink",
    () => {
      const r = run(byId('pipeline'));
      expect(r.with.end.hitRate).toBeGreaterThanOrEqual(0.95);
      const plain = run({ ...byId('date-time'), others: undefined });
      expect(r.with.end.promptTokens).toBeLessThan(plain.with.end.promptTokens * 0.95);
    },
    TIMEOUT,
  );

  it(
    'per-user values in the prompt: the aligner restores the shared prefix, a fixed prompt changes not at all',
    () => {
      const hour = (context: Parameters<typeof supportTraffic>[0]) => () =>
        supportTraffic(context, { days: 1, hours: 1 });
      const fixed = hour(() => []);
      const r = run({
        ...byId('user-context'),
        requests: hour((c, at) => [
          `User ID: ${c.userId}`,
          `Session ID: ${c.sessionId}`,
          `Current time: ${clock(at)} UTC`,
        ]),
        fixed,
      });
      expect(r.with.end.hitRate).toBeGreaterThan(r.without.hitRate + 0.3);
      expect(r.ceiling.hitRate - r.with.end.hitRate).toBeLessThan(0.05);
      const consistent = run({ ...byId('consistent'), requests: fixed, fixed });
      expect(consistent.with.end).toEqual(consistent.without);
    },
    TIMEOUT,
  );
});
