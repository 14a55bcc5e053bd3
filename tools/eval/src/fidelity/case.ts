import type { AnyMessage } from '@headroom/core';

/** How an output's validity is checked: JSON parses, JS passes `node --check`, Python compiles. */
export type Validity = 'json' | 'javascript' | 'python' | 'none';

/** One labelled tool output. `mustKeep` strings must appear verbatim in any faithful compression. */
export interface ContentCase {
  id: string;
  /** The row of the report it belongs to, e.g. `json: search results`. */
  kind: string;
  /** Seeded cases are identical on every machine and make up the fast subset (the CI gate). */
  origin: 'seeded' | 'machine';
  text: string;
  query?: string;
  mustKeep: string[];
  validity: Validity;
  toolName?: string;
  filePath?: string;
}

/** One labelled agent conversation (OpenAI Chat messages). */
export interface ConversationCase {
  id: string;
  kind: string;
  origin: 'seeded' | 'fixture';
  messages: AnyMessage[];
  /** Needles planted in tool outputs that later turns depend on. */
  mustKeep: string[];
  /** tau-bench: the gold actions' argument values that occur in the original tool outputs. */
  goldValues: string[];
}
