import { between, oneOf, seeded } from '../random.js';
import type { Scenario } from '../scenario.js';

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN'];
const SERVICES = ['api', 'worker', 'scheduler', 'billing'];

/** 10,000 log lines with two stack traces; needles: the FATAL line, the trace's frame, the last line. */
export function logLines(): Scenario {
  const rand = seeded(4004);
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const ts = `2026-11-30T12:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
    if (i === 6123) {
      lines.push(
        `${ts} ERROR worker job 88412 failed: TypeError: Cannot read properties of undefined (reading 'ledgerId')`,
      );
      lines.push(
        '    at settle (/srv/app/billing/settle.js:214:19)',
        '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      );
      continue;
    }
    if (i === 8800) {
      lines.push(`${ts} FATAL scheduler lost lease on partition 42; shutting down`);
      continue;
    }
    lines.push(
      `${ts} ${oneOf(rand, LEVELS)} ${oneOf(rand, SERVICES)} request ${between(rand, 1, 99999)} handled in ${between(rand, 1, 400)} ms`,
    );
  }
  lines.push('2026-11-30T13:00:00.000Z INFO api shutdown complete');
  return {
    name: '10 000-line log with stack traces',
    type: 'log',
    text: `${lines.join('\n')}\n`,
    needles: [
      'FATAL scheduler lost lease on partition 42',
      "reading 'ledgerId'",
      'settle.js:214:19',
      'shutdown complete',
    ],
  };
}

/** 2,000 grep matches across files; needles: the query's definition and the last match. */
export function grepMatches(): Scenario {
  const rand = seeded(5005);
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const file = `src/${oneOf(rand, ['core', 'router', 'store', 'proxy'])}/${oneOf(rand, ['index', 'util', 'types', 'handler'])}${i % 40}.ts`;
    lines.push(
      `${file}:${between(rand, 1, 900)}:  const value = readConfig(options.${oneOf(rand, ['port', 'host', 'mode'])});`,
    );
  }
  lines[1337] = 'src/store/ledger.ts:88:export function reconcileLedgerDrift(rows: LedgerRow[]): number {';
  return {
    name: '2 000 grep matches',
    type: 'search',
    text: `${lines.join('\n')}\n`,
    query: 'reconcileLedgerDrift',
    needles: ['reconcileLedgerDrift', lines[1999] as string],
  };
}

/** Prose of seeded sentences; needle: the one sentence carrying a unique figure. */
export function prose(): Scenario {
  const rand = seeded(8008);
  const subjects = ['The cache', 'Every request', 'The router', 'A long session', 'The proxy'];
  const verbs = ['keeps', 'reduces', 'measures', 'stores', 'forwards'];
  const objects = [
    'the original bytes',
    'token counts',
    'prompt prefixes',
    'tool outputs',
    'retrieval markers',
  ];
  const paragraphs: string[] = [];
  for (let p = 0; p < 60; p++) {
    const sentences = Array.from(
      { length: 6 },
      () => `${oneOf(rand, subjects)} ${oneOf(rand, verbs)} ${oneOf(rand, objects)} for later turns.`,
    );
    if (p === 31)
      sentences[3] = 'The migration budget was capped at 7,431 engineer-hours by the steering group.';
    paragraphs.push(sentences.join(' '));
  }
  return {
    name: 'prose',
    type: 'text',
    text: `${paragraphs.join('\n\n')}\n`,
    needles: ['7,431 engineer-hours'],
  };
}
