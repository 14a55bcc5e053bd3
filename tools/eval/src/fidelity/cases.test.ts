import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pairViolations } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { codeCases } from './cases/code-cases.js';
import { conversationCases } from './cases/conversation-cases.js';
import { jsonCases } from './cases/json-cases.js';
import { textCases } from './cases/text-cases.js';
import { conversationText } from './conversation-text.js';
import { tauBenchCases } from './sources/tau-bench.js';
import { isValid } from './validity.js';

const content = (seed: number) => [...jsonCases(seed), ...textCases(seed), ...codeCases(seed)];

describe('seeded cases', () => {
  it('are identical for a seed and differ across seeds', () => {
    expect(content(3)).toEqual(content(3));
    expect(content(3).map((c) => c.text)).not.toEqual(content(4).map((c) => c.text));
  });

  it('carry their must-keep items verbatim, and are valid as generated', () => {
    for (const c of content(11)) {
      expect(c.mustKeep.length, c.id).toBeGreaterThan(0);
      for (const s of c.mustKeep) expect(c.text.includes(s), `${c.id}: ${s}`).toBe(true);
      expect(isValid(c.text, c.validity), c.id).not.toBe(false);
    }
  });

  it('build conversations with parallel tool calls, valid pairs, and every needle present', () => {
    for (const c of conversationCases(5)) {
      expect(pairViolations(c.messages)).toEqual([]);
      expect(c.messages.some((m) => ((m as { tool_calls?: unknown[] }).tool_calls?.length ?? 0) >= 2)).toBe(
        true,
      );
      const text = conversationText(c.messages);
      for (const s of c.mustKeep) expect(text.includes(s)).toBe(true);
    }
  });
});

describe('tauBenchCases', () => {
  it('keeps the gold argument values that occur in tool outputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-eval-'));
    try {
      const file = join(dir, 'tau.json');
      const traj = [
        { role: 'user', content: 'cancel my trip' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'get_user_details', arguments: '{"user_id":"mia_li_3668"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"reservations":["ZFA04Y"]}' },
      ];
      const actions = [
        { name: 'cancel_reservation', kwargs: { reservation_id: 'ZFA04Y', user_id: 'mia_li_3668', n: 1 } },
      ];
      writeFileSync(file, JSON.stringify([{ task_id: 3, trial: 1, info: { task: { actions } }, traj }]));
      const [c] = tauBenchCases(pathToFileURL(file));
      expect(c).toMatchObject({ id: 'tau-airline-3-1', origin: 'fixture', goldValues: ['ZFA04Y'] });
      expect(tauBenchCases(pathToFileURL(join(dir, 'missing.json')))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
