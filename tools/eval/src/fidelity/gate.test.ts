import type { AnyMessage } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { baselineOf, readBaseline } from './baseline-file.js';
import { gateFailures } from './gate.js';
import { runEval } from './run.js';
import { summarizeCases } from './summary.js';

const fastSummary = async (opts: Parameters<typeof runEval>[0]) => {
  const run = await runEval(opts);
  return { run, summary: baselineOf(summarizeCases(run.cases)) };
};

describe('CI regression gate (fast subset vs results/baseline.json)', () => {
  it('passes for Headroom as it is, within 60 s', async () => {
    const { run, summary } = await fastSummary({ subset: 'fast' });
    expect(run.seconds).toBeLessThan(60);
    expect(run.cases.every((c) => c.origin === 'seeded')).toBe(true);
    expect(gateFailures(summary, readBaseline())).toEqual([]);
    // Must-keep recall is absolute on the seeded cases.
    for (const [kind, m] of Object.entries(summary)) expect([kind, m.headroom!.recall]).toEqual([kind, 1]);
  }, 90_000);

  it('fails for a deliberately broken compressor: it truncates tool outputs and compresses no conversation', async () => {
    const truncate = async (c: { text: string }) => c.text.slice(0, Math.floor(c.text.length * 0.4));
    const unchanged = async (messages: AnyMessage[]) => messages;
    const { summary } = await fastSummary({ subset: 'fast', content: truncate, conversation: unchanged });
    const failures = gateFailures(summary, readBaseline());
    expect(failures.some((f) => /^json: search results, 1000 hits: must-keep recall/.test(f))).toBe(true);
    expect(failures.some((f) => /^json: log records: validity 0\.0%/.test(f))).toBe(true);
    expect(failures.some((f) => /^conversation: agent, parallel calls: reduction 0\.0%/.test(f))).toBe(true);
  }, 90_000);

  it('fails when reduction falls more than the margin, or a kind disappears', () => {
    const committed = readBaseline();
    const [kind, methods] = Object.entries(committed)[0]!;
    const worse = {
      ...committed,
      [kind]: { headroom: { ...methods.headroom!, reduction: methods.headroom!.reduction - 0.05 } },
    };
    expect(gateFailures(worse, committed)).toEqual([
      expect.stringMatching(new RegExp(`^${kind}: reduction`)),
    ]);
    const { [kind]: _dropped, ...rest } = committed;
    expect(gateFailures(rest, committed)).toEqual([`${kind}: missing from this run`]);
    expect(gateFailures(committed, committed)).toEqual([]);
  });
});
