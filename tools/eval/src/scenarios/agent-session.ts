import type { ChatMessage } from '@headroom/core';
import { between, pickOne, type Random, seeded } from '../prng.js';
import { type ClientRequest, DAY, EPOCH, HOUR, MINUTE, SECOND } from './client-request.js';
import { agentSystemPrompt } from './system-prompts.js';

/** What the app writes into the prompt's environment block at the time of a request. */
export type Environment = (at: number) => string[];

const TASKS = [
  'The checkout integration test fails with a timeout since yesterday. Find out why and fix it.',
  'Add a retry with exponential backoff to the payment client, with a test.',
  'Why does the order list endpoint return duplicates when the page size is 50?',
  'Rename the `legacyTotal` field to `grossTotal` everywhere, including the API docs.',
  'The nightly export job runs out of memory on large accounts. Make it stream.',
  'Write a migration that adds an index on orders.customer_id and check the query plan.',
  'Explain how refunds flow from the API to the ledger, then add logging at each step.',
  'The date picker shows the wrong week start for German users. Fix it and add a test.',
];

const FOLLOW_UPS = [
  'Good. Now run the whole suite.',
  'Can you also cover the error path?',
  'That works, but keep the old name as a deprecated alias.',
  'Please show me the diff before you continue.',
  'The linter complains about the new file, fix that too.',
  'Looks right. Update the changelog entry.',
];

const FILES = [
  'packages/api/src/checkout.ts',
  'packages/api/src/orders/list.ts',
  'packages/payments/src/client.ts',
  'packages/jobs/src/export.ts',
  'packages/web/src/date-picker.tsx',
  'packages/ledger/src/refunds.ts',
];
const IDENTS = [
  'order',
  'customer',
  'payment',
  'refund',
  'cursor',
  'page',
  'total',
  'ledger',
  'retry',
  'timeout',
];

function codeListing(rand: Random, lines: number): string {
  const out: string[] = [];
  for (let i = 1; i <= lines; i++) {
    const a = pickOne(rand, IDENTS);
    const b = pickOne(rand, IDENTS);
    const shapes = [
      `  const ${a}${i} = await ${b}Service.find${a[0]!.toUpperCase()}${a.slice(1)}(${b}Id, { limit: ${between(rand, 10, 100)} });`,
      `  if (!${a}) throw new HeadroomError('NOT_FOUND', \`${a} \${${b}Id} not found\`);`,
      `  // ${b} ${a}s are cached for ${between(rand, 1, 60)} seconds to spare the database.`,
      `export function ${a}${b[0]!.toUpperCase()}${b.slice(1)}(input: ${a[0]!.toUpperCase()}${a.slice(1)}Input): number {`,
      `  return ${a}s.filter((x) => x.${b}Id === ${b}.id).length;`,
      '}',
    ];
    out.push(`${String(i).padStart(4)}  ${pickOne(rand, shapes)}`);
  }
  return out.join('\n');
}

/** Tool results as tools really return them: pretty-printed JSON, code listings, test logs. */
function toolResult(rand: Random, tool: string): string {
  switch (tool) {
    case 'read_file':
      return codeListing(rand, between(rand, 30, 120));
    case 'search_code':
      return JSON.stringify(
        {
          matches: Array.from({ length: between(rand, 5, 25) }, () => ({
            path: pickOne(rand, FILES),
            line: between(rand, 1, 400),
            text: `const ${pickOne(rand, IDENTS)} = ${pickOne(rand, IDENTS)}Repository.load(${pickOne(rand, IDENTS)}Id);`,
          })),
          truncated: false,
        },
        null,
        2,
      );
    case 'list_dir':
      return JSON.stringify(
        Array.from({ length: between(rand, 8, 30) }, (_, i) => ({
          name: `${pickOne(rand, IDENTS)}-${i}.ts`,
          size: between(rand, 200, 20000),
          modified: `2024-12-${String(between(rand, 10, 28)).padStart(2, '0')}`,
        })),
        null,
        2,
      );
    default: {
      const failing = between(rand, 0, 2);
      const lines = Array.from(
        { length: between(rand, 10, 40) },
        (_, i) =>
          `${i < failing ? 'FAIL' : 'PASS'}  ${pickOne(rand, FILES).replace('.ts', '.test.ts')} (${between(rand, 3, 900)} ms)`,
      );
      return `${lines.join('\n')}\n\nTests: ${failing} failed, ${lines.length - failing} passed`;
    }
  }
}

const ANSWERS = [
  'The test timed out because the payment stub never resolved when the cart was empty. I made the stub resolve immediately for empty carts and added a test for that path; the suite passes.',
  'I added the retry with backoff (100 ms doubling to 3.2 s, five attempts) in the payment client and a test with a fake clock. Lint and tests pass.',
  'The duplicates came from ordering by a non-unique column. I added the id as a tie-breaker in the cursor and a regression test.',
  'Done: the field is renamed in the API, the client and the docs, with a deprecated alias that logs once.',
];

interface SessionShape {
  turns: number;
  start: number;
}

/**
 * A coding agent used for several days: each morning and afternoon a new conversation, each user
 * turn an agent loop of 2–10 tool calls (one request each) and a final answer. Users think for one to
 * four minutes between turns and now and then step away for longer (the cache expires then).
 */
export function* agentSession(
  env: Environment,
  opts: { days?: number; seed?: number } = {},
): Generator<ClientRequest> {
  const rand = seeded(opts.seed ?? 7);
  const days = opts.days ?? 3;
  let call = 0;
  for (let day = 0; day < days; day++) {
    const sessions: SessionShape[] = [
      { start: EPOCH + day * DAY + 9 * HOUR + between(rand, 0, 20) * MINUTE, turns: between(rand, 8, 12) },
      {
        start: EPOCH + day * DAY + 13 * HOUR + 30 * MINUTE + between(rand, 0, 20) * MINUTE,
        turns: between(rand, 8, 12),
      },
    ];
    for (const session of sessions) {
      let at = session.start;
      const history: ChatMessage[] = [];
      for (let turn = 0; turn < session.turns; turn++) {
        history.push({
          role: 'user',
          content: turn === 0 ? pickOne(rand, TASKS) : pickOne(rand, FOLLOW_UPS),
        });
        const calls = between(rand, 2, 10);
        for (let c = 0; c <= calls; c++) {
          yield { at, messages: [{ role: 'system', content: agentSystemPrompt(env(at)) }, ...history] };
          at += between(rand, 3, 9) * SECOND;
          if (c === calls) break;
          const tool = pickOne(rand, ['read_file', 'search_code', 'list_dir', 'run_tests']);
          const id = `call_${++call}`;
          history.push({
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id,
                type: 'function',
                function: { name: tool, arguments: JSON.stringify({ path: pickOne(rand, FILES) }) },
              },
            ],
          });
          history.push({ role: 'tool', tool_call_id: id, content: toolResult(rand, tool) });
          at += between(rand, 1, 8) * SECOND;
        }
        history.push({ role: 'assistant', content: pickOne(rand, ANSWERS) });
        // Thinking time; one turn in eight the user steps away for longer than the cache lives.
        at += rand() < 0.125 ? between(rand, 8, 25) * MINUTE : between(rand, 40, 240) * SECOND;
      }
    }
  }
}
