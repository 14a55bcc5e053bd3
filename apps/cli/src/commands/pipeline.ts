import type { Conversation } from '@headroom/core';
import { compress } from '@headroom/router';
import { CliError, EXIT, usageError } from '../io/errors.js';
import { readInputText } from '../io/input.js';
import { note, writeJson, writeOut } from '../io/output.js';
import { detectShape, parsePipelineInput } from '../pipeline-input.js';
import type { PipelineJson } from '../schemas.js';
import { openCliStore, storeProblem } from '../store.js';

export interface PipelineFlags {
  model?: string;
  maxTokens?: string;
  json?: boolean;
  store?: string;
  quiet?: boolean;
  config?: string;
}

function parseMaxTokens(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw usageError(`--max-tokens must be a positive integer, got "${value}"`);
  return n;
}

/** The library's default pipeline over one request document (cli.md §4). */
export async function run(file: string | undefined, flags: PipelineFlags): Promise<number> {
  const maxTokens = parseMaxTokens(flags.maxTokens);
  const input = parsePipelineInput(await readInputText(file));
  const shape = detectShape(input);
  const model = flags.model ?? input.model ?? 'gpt-4o';
  const opened = await openCliStore(flags);
  try {
    const problem = storeProblem(opened.store);
    if (problem !== undefined) throw new CliError(`store unavailable: ${problem}`);
    const conversation: Conversation<object> =
      shape === 'anthropic'
        ? {
            format: 'anthropic',
            messages: input.messages,
            ...(input.system === undefined ? {} : { system: input.system }),
          }
        : { format: 'openai-chat', messages: input.messages };
    const r = await compress(conversation, {
      model,
      store: opened.store,
      ...(maxTokens === undefined ? {} : { modelLimit: maxTokens }),
    });
    await opened.store.flush();
    const out: PipelineJson = {
      messages: [...r.messages.messages],
      ...(shape === 'anthropic' && input.system !== undefined ? { system: r.messages.system } : {}),
      tokensBefore: r.tokensBefore,
      tokensAfter: r.tokensAfter,
      transformsApplied: r.transformsApplied,
    };
    if (flags.json) await writeJson(out);
    else {
      await writeOut(`${JSON.stringify(out, null, 2)}\n`);
      if (!flags.quiet) {
        note(
          `${shape} · ${model} · ${r.tokensBefore} → ${r.tokensAfter} tokens · ${r.transformsApplied.length} transforms`,
        );
      }
    }
    for (const w of r.warnings) if (w.startsWith('failed:')) note(`headroom: ${w}`);
    return EXIT.ok;
  } finally {
    await opened.store.close();
  }
}
