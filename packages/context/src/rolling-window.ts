import {
  type CcrSink,
  defaultCcrStore,
  type MessagesInput,
  parseConfig,
  RollingWindowConfig,
  type RollingWindowConfigInput,
  type Tokenizer,
  type Transform,
  toConversation,
  type Unit,
  type UnitKind,
  viewOf,
} from '@headroom/core';
import { resolveBudget } from './budget.js';
import { dropUnits } from './drop.js';
import { modelTokenizer } from './model-tokenizer.js';
import { noNewViolations } from './pair-check.js';
import { frozenCount, protectedUnits } from './protect.js';
import {
  changedWindow,
  dropChange,
  failOpenWindow,
  keptWarning,
  type RunBase,
  unchangedWindow,
} from './result.js';
import type { WindowOptions, WindowResult } from './types.js';
import { unitTokens } from './unit-tokens.js';

export interface RollingWindowDeps {
  tokenizer?: Tokenizer;
  /** Where dropped messages go; `opts.store`, then this, then core's process-wide store. */
  store?: CcrSink;
}

// The seed's drop priority: old tool outputs, then assistant text, then user text "only if
// necessary"; a system unit is only a candidate with `preserveSystem: false`, and goes last.
const PRIORITY: Record<UnitKind, number> = { tool: 0, assistant: 1, user: 2, system: 3 };

/**
 * Fits a conversation into a token budget by dropping whole units by position: oldest tool
 * outputs first, never the system prompt, the recent turns or the active tool pair. Dropped
 * messages go to CCR behind one marker message. Under budget, the input is returned as is.
 */
export class RollingWindow implements Transform {
  readonly name = 'rolling_window';
  readonly role = 'context-manager';
  readonly config: RollingWindowConfig;

  constructor(
    config?: RollingWindowConfigInput,
    private readonly deps: RollingWindowDeps = {},
  ) {
    this.config = parseConfig(RollingWindowConfig, config, 'rollingWindow');
  }

  apply<I extends MessagesInput>(messages: I, opts: WindowOptions = {}): WindowResult<I> {
    const tokenizer = opts.tokenizer ?? this.deps.tokenizer ?? modelTokenizer(opts.model);
    let budget: number | undefined;
    try {
      const warnings: string[] = [];
      budget = resolveBudget(opts, this.config, warnings);
      const conversation = toConversation(messages);
      const view = viewOf(conversation, { tokenizer });
      const base: RunBase<I> = {
        input: messages,
        conversation,
        tokens: view.totalTokens(),
        budget,
        warnings,
      };
      if (!this.config.enabled || base.tokens <= budget) return unchangedWindow(base, false);

      const frozen = frozenCount(opts.frozenMessageCount, warnings);
      const keep = protectedUnits(view, {
        keepSystem: this.config.preserveSystem,
        keepLastTurns: this.config.preserveRecentTurns,
        frozenMessageCount: frozen,
      });
      const tokensOf = new Map(view.units.map((u) => [u.id, unitTokens(view, u)]));
      const bySize = (a: Unit, b: Unit) =>
        this.config.dropOldestFirst ? 0 : tokensOf.get(b.id)! - tokensOf.get(a.id)!;
      const candidates = view.units
        .filter((u) => !keep.has(u.id))
        .sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || bySize(a, b) || a.first - b.first);

      const outcome = dropUnits({
        view,
        originals: conversation.messages,
        candidates,
        budget,
        tokens: base.tokens,
        frozen,
        strategy: 'rolling_window',
        reason: 'token_cap',
        store: opts.store ?? this.deps.store ?? defaultCcrStore(),
        accept: noNewViolations(conversation),
      });
      if (outcome.kind === 'dropped') return changedWindow(base, dropChange(outcome, 'window_cap'));
      warnings.push(keptWarning(outcome.reason));
      return unchangedWindow(base, outcome.reason !== 'pair_check_failed');
    } catch (error) {
      return failOpenWindow(messages, this.name, error, tokenizer, budget);
    }
  }
}
