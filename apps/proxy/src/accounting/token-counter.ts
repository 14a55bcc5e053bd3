import { hash } from 'node:crypto';
import {
  type AnyMessage,
  countMessage,
  countSystem,
  getTokenizer,
  LruMap,
  REPLY_PRIMING_TOKENS,
  type Tokenizer,
  type WireFormat,
} from '@headroom/core';
import { child } from '../body/json-scan.js';
import type { Endpoint, RequestShape } from '../body/request-shape.js';
import { Calibration } from './calibration.js';

const FORMAT: Record<Endpoint, WireFormat> = {
  messages: 'anthropic',
  chat: 'openai-chat',
  responses: 'openai-responses',
};

type Kind = 'message' | 'system' | 'raw';

/**
 * Whole-request local BPE counts the way providers count prompts (core's `countMessage`: message
 * text plus per-message overhead, not the JSON syntax around it), with a per-chunk cache keyed by
 * SHA-1 of the bytes so a conversation's turn tokenizes only its new messages (proxy.md §5.9).
 * Counting text rather than raw JSON keeps OpenAI models within 2 % of `prompt_tokens` and agrees
 * with the router's savings, which are counted on decoded text too.
 */
export class TokenCounter {
  /** Per-family ratio of provider-reported input to these counts (proxy.md §12). */
  readonly calibration = new Calibration();
  /** Counts of scan nodes: a node reused by the next turn's scan (`RecentScans`) is not hashed again. */
  private readonly byNode = new WeakMap<object, { tag: string; n: number }>();
  private readonly cache = new LruMap<string, number>({
    maxEntries: 200_000,
    maxBytes: 64 * 1024 * 1024,
    sizeOf: (_v, k) => 2 * k.length + 16,
  });

  count(shape: RequestShape): number {
    const t = getTokenizer(shape.model);
    const format = FORMAT[shape.endpoint];
    const { buf, root } = shape;
    let total = REPLY_PRIMING_TOKENS;
    for (const m of shape.messages?.items ?? []) total += this.chunk(t, format, 'message', buf, m);
    const system =
      shape.endpoint === 'messages'
        ? child(root, 'system')
        : shape.endpoint === 'responses'
          ? child(root, 'instructions')
          : undefined;
    if (system) total += this.chunk(t, format, 'system', buf, system);
    // Tool definitions reach the model in a provider-specific rendering; their JSON is close.
    if (shape.tools) total += this.chunk(t, format, 'raw', buf, shape.tools);
    return total;
  }

  countText(model: string | undefined, text: string): number {
    return getTokenizer(model).count(text);
  }

  private chunk(
    t: Tokenizer,
    format: WireFormat,
    kind: Kind,
    buf: Buffer,
    range: { start: number; end: number },
  ): number {
    if (range.end <= range.start) return 0;
    const tag = `${t.id}\0${format}\0${kind}`;
    const known = this.byNode.get(range);
    if (known?.tag === tag) return known.n;
    // One-shot hashing: `createHash` objects cost more than hashing a message.
    const key = `${tag}\0${hash('sha1', buf.subarray(range.start, range.end), 'base64')}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.byNode.set(range, { tag, n: hit });
      return hit;
    }
    const text = buf.toString('utf8', range.start, range.end);
    let n: number;
    if (kind === 'raw') n = t.count(text);
    else {
      try {
        const value: unknown = JSON.parse(text);
        n = kind === 'message' ? countMessage(format, value as AnyMessage, t) : countSystem(value, t);
      } catch {
        n = t.count(text);
      }
    }
    this.cache.set(key, n);
    this.byNode.set(range, { tag, n });
    return n;
  }
}
