import { CCR_TOOL_NAME } from '@headroom/core';
import type { Endpoint } from '../body/request-shape.js';
import type { RetrievalResult } from './retrieve.js';

type Json = Record<string, unknown>;

/** A retrieval call in a response; `hash` is undefined when its arguments are invalid. */
export interface RetrievalCall {
  id: string;
  hash: string | undefined;
}

export interface RoundCalls {
  retrieval: RetrievalCall[];
  client: number;
}

/** How one wire shape's responses are read, continued, trimmed and merged (proxy.md §8.3–8.5). */
export interface RoundAdapter {
  calls(r: Json): RoundCalls;
  stoppedForTools(r: Json): boolean;
  /** Entries to insert before the closing `]` of messages / input, each JSON-encoded. */
  continuation(r: Json, results: ReadonlyArray<{ id: string; result: RetrievalResult }>): string[];
  /** Removes retrieval calls; with `endTurn`, a response left without calls stops normally. */
  suppress(r: Json, endTurn: boolean): Json;
  /** One response from the rounds (all but the last were served). */
  merge(rounds: Json[]): Json;
}

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const isRetrieval = (name: unknown) => name === CCR_TOOL_NAME;

function hashFromArgs(args: unknown): string | undefined {
  try {
    const parsed = typeof args === 'string' ? (JSON.parse(args) as unknown) : args;
    const hash = (parsed as Json | null)?.hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

function sumUsage(rounds: Json[], keys: string[]): Json {
  const out: Json = { ...((rounds[rounds.length - 1]?.usage as Json) ?? {}) };
  for (const k of keys) {
    let total = 0;
    let seen = false;
    for (const r of rounds) {
      const v = (r.usage as Json | undefined)?.[k];
      if (typeof v === 'number') {
        total += v;
        seen = true;
      }
    }
    if (seen) out[k] = total;
  }
  return out;
}

const anthropic: RoundAdapter = {
  calls(r) {
    const uses = arr(r.content).filter((b) => b.type === 'tool_use');
    return {
      retrieval: uses
        .filter((b) => isRetrieval(b.name))
        .map((b) => ({ id: String(b.id), hash: hashFromArgs(b.input) })),
      client: uses.filter((b) => !isRetrieval(b.name)).length,
    };
  },
  stoppedForTools: (r) => r.stop_reason === 'tool_use',
  continuation(r, results) {
    const toolResults = results.map(({ id, result }) => ({
      type: 'tool_result',
      tool_use_id: id,
      content: result.text,
      ...(result.isError ? { is_error: true } : {}),
    }));
    return [
      JSON.stringify({ role: 'assistant', content: r.content }),
      JSON.stringify({ role: 'user', content: toolResults }),
    ];
  },
  suppress(r, endTurn) {
    const content = arr(r.content).filter((b) => !(b.type === 'tool_use' && isRetrieval(b.name)));
    const hasCalls = content.some((b) => b.type === 'tool_use');
    return { ...r, content, ...(endTurn && !hasCalls ? { stop_reason: 'end_turn' } : {}) };
  },
  merge(rounds) {
    const last = rounds[rounds.length - 1]!;
    const content = rounds.flatMap((r) => arr(anthropic.suppress(r, false).content));
    return {
      ...rounds[0],
      content,
      stop_reason: last.stop_reason,
      stop_sequence: last.stop_sequence ?? null,
      usage: sumUsage(rounds, [
        'input_tokens',
        'output_tokens',
        'cache_read_input_tokens',
        'cache_creation_input_tokens',
      ]),
    };
  },
};

const chatMessage = (r: Json): Json => (arr(r.choices)[0]?.message as Json | undefined) ?? {};

const chat: RoundAdapter = {
  calls(r) {
    const calls = arr(chatMessage(r).tool_calls);
    const fn = (c: Json) => (c.function as Json | undefined) ?? {};
    return {
      retrieval: calls
        .filter((c) => isRetrieval(fn(c).name))
        .map((c) => ({ id: String(c.id), hash: hashFromArgs(fn(c).arguments) })),
      client: calls.filter((c) => !isRetrieval(fn(c).name)).length,
    };
  },
  stoppedForTools: (r) => arr(r.choices)[0]?.finish_reason === 'tool_calls',
  continuation(r, results) {
    const m = chatMessage(r);
    const assistant = { role: 'assistant', content: m.content ?? null, tool_calls: m.tool_calls };
    return [
      JSON.stringify(assistant),
      ...results.map(({ id, result }) =>
        JSON.stringify({ role: 'tool', tool_call_id: id, content: result.text }),
      ),
    ];
  },
  suppress(r, endTurn) {
    const choices = arr(r.choices).map((c, i) => {
      if (i !== 0) return c;
      const m = { ...((c.message as Json) ?? {}) };
      const calls = arr(m.tool_calls).filter((t) => !isRetrieval((t.function as Json | undefined)?.name));
      if (calls.length > 0) m.tool_calls = calls;
      else delete m.tool_calls;
      return { ...c, message: m, ...(endTurn && calls.length === 0 ? { finish_reason: 'stop' } : {}) };
    });
    return { ...r, choices };
  },
  merge(rounds) {
    const trimmed = rounds.map((r) => chat.suppress(r, false));
    const last = rounds[rounds.length - 1]!;
    const texts = trimmed
      .map((r) => chatMessage(r).content)
      .filter((t): t is string => typeof t === 'string' && t.length > 0);
    const lastChoice = arr(last.choices)[0] ?? {};
    const message = {
      ...chatMessage(trimmed[trimmed.length - 1]!),
      content: texts.length > 0 ? texts.join('') : null,
    };
    const first = rounds[0]!;
    const choice = { ...(arr(first.choices)[0] ?? {}), message, finish_reason: lastChoice.finish_reason };
    return {
      ...first,
      choices: [choice],
      usage: sumUsage(rounds, ['prompt_tokens', 'completion_tokens', 'total_tokens']),
    };
  },
};

const responses: RoundAdapter = {
  calls(r) {
    const calls = arr(r.output).filter((o) => o.type === 'function_call');
    return {
      retrieval: calls
        .filter((c) => isRetrieval(c.name))
        .map((c) => ({ id: String(c.call_id), hash: hashFromArgs(c.arguments) })),
      client: calls.filter((c) => !isRetrieval(c.name)).length,
    };
  },
  stoppedForTools: (r) => r.status === 'completed',
  continuation(r, results) {
    return [
      ...arr(r.output).map((o) => JSON.stringify(o)),
      ...results.map(({ id, result }) =>
        JSON.stringify({ type: 'function_call_output', call_id: id, output: result.text }),
      ),
    ];
  },
  suppress(r) {
    return {
      ...r,
      output: arr(r.output).filter((o) => !(o.type === 'function_call' && isRetrieval(o.name))),
    };
  },
  merge(rounds) {
    const last = rounds[rounds.length - 1]!;
    const output = rounds.flatMap((r) => arr(responses.suppress(r, false).output));
    return { ...last, output, usage: sumUsage(rounds, ['input_tokens', 'output_tokens', 'total_tokens']) };
  },
};

export const ADAPTERS: Record<Endpoint, RoundAdapter> = { messages: anthropic, chat, responses };
