#!/usr/bin/env node
// Compress an agent conversation with @headroom/router's one-call API and print what happened to
// every tool output: its detected type, the strategy, and the tokens before and after.
//
//   pnpm example                      # the bundled coding-agent conversation (real tool outputs)
//   pnpm example path/to/messages.json --model claude-sonnet-4-5
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getTokenizer, MemoryCcrStore } from '@headroom/core';
import { compress, detectContentType } from '@headroom/router';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: 'string', default: 'gpt-4o' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('usage: compress-conversation [messages.json] [--model NAME]');
  process.exit(0);
}

const file = positionals[0] ?? new URL('./agent-conversation.json', import.meta.url);
let messages;
try {
  messages = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(messages)) throw new Error('expected a JSON array of chat messages');
} catch (error) {
  console.error(`compress-conversation: cannot read ${file}: ${error.message}`);
  process.exit(1);
}

const store = new MemoryCcrStore();
const result = await compress(messages, { model: values.model, store });
const tokenizer = getTokenizer(values.model);
const names = new Map(messages.flatMap((m) => (m.tool_calls ?? []).map((c) => [c.id, c.function.name])));

// `transformsApplied` lists the router's compressions in conversation order: router:<tool>:<strategy>:<ratio>.
const applied = result.transformsApplied.filter((t) => t.startsWith('router:') && t !== 'router:noop');
const rows = messages.flatMap((m, i) => {
  if (m.role !== 'tool' || typeof m.content !== 'string') return [];
  const after = result.messages[i].content;
  const strategy = after === m.content ? 'kept' : (applied.shift()?.split(':')[2] ?? '?');
  const name = names.get(m.tool_call_id) ?? '?';
  return [
    [name, detectContentType(m.content).type, strategy, tokenizer.count(m.content), tokenizer.count(after)],
  ];
});
const table = [['tool', 'detected', 'strategy', 'tokens before', 'after'], ...rows];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => String(r[c]).length)));
for (const r of table)
  console.log(
    r
      .map((v, c) => (typeof v === 'number' ? String(v).padStart(widths[c]) : String(v).padEnd(widths[c])))
      .join('  '),
  );
console.log(
  `\nwhole request: ${result.tokensBefore} → ${result.tokensAfter} tokens (${(100 * (1 - result.compressionRatio)).toFixed(1)}% saved), ` +
    `${result.ccrHashes.length} originals retrievable by hash${result.warnings.length ? `; warnings: ${result.warnings.join(', ')}` : ''}`,
);
