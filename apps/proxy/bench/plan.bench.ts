import { defineSuite } from '@headroom/bench';
import { openStore } from '@headroom/store';
import { RecentScans } from '../src/body/recent-scans.js';
import { readShape } from '../src/body/request-shape.js';
import { CompressionLane } from '../src/lane/compression-lane.js';
import { planRequest } from '../src/plan/plan.js';
import { anthropicToolRequest, bigJsonOutput, historyRequest } from '../src/test-utils/harness.js';

const SLOT = 'QUESTION';
const chat8k = Buffer.from(
  JSON.stringify({
    model: 'gpt-4o',
    messages: [
      ...Array.from({ length: 15 }, (_, i) => ({
        role: i % 2 ? 'assistant' : 'user',
        content: `turn ${i} `.repeat(60),
      })),
      { role: 'user', content: SLOT },
    ],
  }),
);

/** The conversation's next turns: `body` with a new question in place of the slot each call. */
function nextTurns(body: Buffer): () => Buffer {
  const at = body.indexOf(SLOT);
  const [head, tail] = [body.subarray(0, at), body.subarray(at + SLOT.length)];
  const turns = Array.from({ length: 64 }, (_, i) =>
    Buffer.concat([head, Buffer.from(`and question ${i}?`), tail]),
  );
  let next = 0;
  return () => turns[next++ % turns.length]!;
}

/**
 * The proxy's critical path (scan + plan + splice) on the request shapes of proxy.md §14, with the
 * proxy's `RecentScans`: each turn repeats the previous one's history and asks a new question.
 */
export default defineSuite(
  {
    name: 'request plan (critical path, in-process)',
    minTimeMs: 1500,
    setup: async () => {
      const store = await openStore('memory', { role: 'proxy' });
      const lane = new CompressionLane({ inlineMaxBytes: 512 * 1024 });
      const opts = (o: { now?: number } = {}) => ({
        provider: 'anthropic' as const,
        mode: 'cache' as const,
        store,
        minUnitTokens: 500,
        isProtected: () => false,
        deadline: (o.now ?? Date.now()) + 10_000,
        signal: new AbortController().signal,
        verify: false,
        lane,
      });
      // Distinct outputs, built before timing; the plan never writes the memo itself (the handler
      // does after dispatch), so cycling through them keeps every call a fresh compression.
      const bodies = Array.from({ length: 64 }, (_, seed) =>
        Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, seed)))),
      );
      let next = 0;
      const fresh = () => bodies[next++ % bodies.length]!;
      const replay = Buffer.from(JSON.stringify(anthropicToolRequest(bigJsonOutput(100, 999_999))));
      const first = await planRequest(readShape(replay, 'messages'), opts());
      for (const [k, e] of first.memoWrites) await store.memoPut(k, e);
      // ~2.5 MB of history (100 tool results of 20 KB, all in the memo) and a new question.
      const history = nextTurns(historyRequest(SLOT));
      const seen = await planRequest(readShape(history(), 'messages'), opts());
      for (const [k, e] of seen.memoWrites) await store.memoPut(k, e);
      const recent = new RecentScans();
      return { store, lane, opts, fresh, replay, history, chat: nextTurns(chat8k), recent };
    },
    teardown: async ({ store, lane }) => {
      await lane.close();
      await store.close();
    },
  },
  (s, { opts, fresh, replay, history, chat, recent }) => {
    s.baseline(
      '8 KB chat, nothing to compress',
      () => planRequest(readShape(chat(), 'chat', recent), { ...opts(), provider: 'openai' }),
      {
        bytes: chat8k.length,
      },
    );
    s.add(
      'fresh 100 KB JSON tool result (compress)',
      // Without `recent`: the bench cycles through 64 bodies, which a real fresh result never repeats.
      () => planRequest(readShape(fresh(), 'messages'), opts()),
      {
        bytes: 100 * 1024,
        baseline: '8 KB chat, nothing to compress',
      },
    );
    s.add(
      'same 100 KB result replayed from the memo',
      () => planRequest(readShape(replay, 'messages', recent), opts()),
      {
        bytes: replay.length,
        baseline: '8 KB chat, nothing to compress',
      },
    );
    const bytes = history().length;
    s.add(
      `${(bytes / 1e6).toFixed(1)} MB history replayed from the memo, nothing new`,
      () => planRequest(readShape(history(), 'messages', recent), opts()),
      { bytes, baseline: '8 KB chat, nothing to compress' },
    );
  },
);
