import { countMessage, countSystem, REPLY_PRIMING_TOKENS } from '../tokenizer/count-messages.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import { toConversation } from './conversation.js';
import { buildEntries } from './entries.js';
import type { Conversation, Entry, MessagesInput, TextSlot, Unit, WireFormat } from './types.js';
import { buildUnits, type Exchange, exchangesOf } from './units.js';

export interface ConversationView {
  readonly conversation: Conversation;
  readonly format: WireFormat;
  /** All entries in order; the external system prompt, when present, comes first with index -1. */
  readonly entries: readonly Entry[];
  readonly units: readonly Unit[];
  readonly slots: readonly TextSlot[];
  readonly tokenizer: Tokenizer;
  /** The entry of a wire index (-1 = external system prompt). */
  entry(index: number): Entry | undefined;
  /** The unit holding an entry index. */
  unitOf(index: number): Unit | undefined;
  exchanges(): readonly Exchange[];
  entryTokens(index: number): number;
  totalTokens(): number;
  /** Index of the last user entry carrying human text. */
  lastRealUser(): number | undefined;
}

// Token counts per wire object and tokenizer: objects are immutable by contract, so a message
// that survives a transform by reference is never counted twice.
const countCache = new WeakMap<Tokenizer, WeakMap<object, number>>();

function cachedCount(t: Tokenizer, key: object, count: () => number): number {
  let perTokenizer = countCache.get(t);
  if (!perTokenizer) {
    perTokenizer = new WeakMap();
    countCache.set(t, perTokenizer);
  }
  let n = perTokenizer.get(key);
  if (n === undefined) {
    n = count();
    perTokenizer.set(key, n);
  }
  return n;
}

class View implements ConversationView {
  readonly format: WireFormat;
  readonly entries: readonly Entry[];
  readonly units: readonly Unit[];
  readonly slots: readonly TextSlot[];
  private readonly offset: number;
  private unitByEntry?: Map<number, Unit>;
  private exchangeList?: readonly Exchange[];
  private total?: number;

  constructor(
    readonly conversation: Conversation,
    readonly tokenizer: Tokenizer,
  ) {
    this.format = conversation.format;
    this.entries = buildEntries(conversation);
    this.units = buildUnits(this.entries, this.format);
    this.slots = this.entries.flatMap((e) => e.slots);
    this.offset = conversation.system === undefined ? 0 : 1;
  }

  entry(index: number): Entry | undefined {
    return this.entries[index + this.offset];
  }

  unitOf(index: number): Unit | undefined {
    if (!this.unitByEntry) {
      this.unitByEntry = new Map();
      for (const u of this.units) for (const e of u.entries) this.unitByEntry.set(e, u);
    }
    return this.unitByEntry.get(index);
  }

  exchanges(): readonly Exchange[] {
    this.exchangeList ??= exchangesOf(this.units);
    return this.exchangeList;
  }

  entryTokens(index: number): number {
    const t = this.tokenizer;
    if (index < 0) {
      const system = this.conversation.system;
      if (system === undefined) return 0;
      return typeof system === 'string'
        ? countSystem(system, t)
        : cachedCount(t, system, () => countSystem(system, t));
    }
    const m = this.conversation.messages[index];
    if (m === undefined) return 0;
    return cachedCount(t, m, () => countMessage(this.format, m, t));
  }

  totalTokens(): number {
    if (this.total === undefined) {
      let n = REPLY_PRIMING_TOKENS;
      for (const e of this.entries) n += this.entryTokens(e.index);
      this.total = n;
    }
    return this.total;
  }

  lastRealUser(): number | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.isRealUser) return e.index;
    }
    return undefined;
  }
}

/** The normalized view every transform works on. Throws `MIXED_FORMAT` for mixed arrays. */
export function viewOf(input: MessagesInput, opts: { tokenizer: Tokenizer }): ConversationView {
  return new View(toConversation(input), opts.tokenizer);
}

/** Tokens of a whole conversation as the provider counts them (messages, overhead, priming). */
export function countConversation(input: MessagesInput, t: Tokenizer): number {
  return viewOf(input, { tokenizer: t }).totalTokens();
}

export function countEntry(view: ConversationView, index: number): number {
  return view.entryTokens(index);
}
