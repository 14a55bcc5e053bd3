#!/usr/bin/env node
// Inspect a conversation with @headroom/core: detect its wire format, group it into tool units,
// count its tokens exactly for a model, and validate every tool-call pair.
//
//   pnpm example                      # the bundled tau-bench airline conversation
//   pnpm example path/to/messages.json --model claude-sonnet-4-5
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { getTokenizer, HeadroomError, modelLimit, pairViolations, viewOf } from '@headroom/core';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: 'string', default: 'gpt-4o' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log('usage: inspect-conversation [messages.json] [--model NAME]');
  process.exit(0);
}

const file = positionals[0] ?? new URL('../src/__fixtures__/tau-bench-airline.json', import.meta.url);
let input;
try {
  const parsed = JSON.parse(readFileSync(file, 'utf8'));
  // Accept a bare message array or a request body ({ messages, system } / { input, instructions }).
  input = Array.isArray(parsed)
    ? parsed
    : {
        format: parsed.input ? 'openai-responses' : parsed.system ? 'anthropic' : 'openai-chat',
        system: parsed.system ?? parsed.instructions,
        messages: parsed.messages ?? parsed.input ?? [],
      };
} catch (error) {
  console.error(`Cannot read ${file}: ${error.message}`);
  process.exit(2);
}

try {
  const tokenizer = getTokenizer(values.model);
  const view = viewOf(input, { tokenizer });
  const limit = modelLimit(values.model);
  const units = {};
  for (const u of view.units) units[u.kind] = (units[u.kind] ?? 0) + 1;
  const tools = new Map();
  for (const slot of view.slots) {
    if (slot.kind === 'tool-result')
      tools.set(slot.toolName ?? '?', (tools.get(slot.toolName ?? '?') ?? 0) + tokenizer.count(slot.text));
  }
  const total = view.totalTokens();
  console.log(`format      ${view.format}`);
  console.log(`messages    ${view.conversation.messages.length} (${view.entries.length} entries)`);
  console.log(
    `units       ${Object.entries(units)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}; ${view.exchanges().length} exchanges`,
  );
  console.log(
    `tokens      ${total} for ${values.model} (${tokenizer.id}${tokenizer.exact ? '' : ', approximate'})${limit ? `, ${((100 * total) / limit).toFixed(1)}% of ${limit}` : ''}`,
  );
  console.log('tool output tokens by tool:');
  for (const [name, n] of [...tools].sort((a, b) => b[1] - a[1]))
    console.log(`  ${name.padEnd(28)} ${String(n).padStart(7)}`);
  const violations = pairViolations(input);
  console.log(violations.length === 0 ? 'tool pairs  valid' : `tool pairs  ${violations.length} problem(s):`);
  for (const v of violations) console.log(`  [${v.code}] ${v.message}`);
  process.exit(violations.length === 0 ? 0 : 1);
} catch (error) {
  console.error(error instanceof HeadroomError ? `${error.code}: ${error.message}` : error);
  process.exit(2);
}
