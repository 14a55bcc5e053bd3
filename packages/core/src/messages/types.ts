/** Wire shapes Headroom understands. Loose on purpose: unknown fields are allowed and preserved. */
export type WireFormat = 'openai-chat' | 'openai-responses' | 'anthropic';

export type ChatPart = { type: string; text?: string; [k: string]: unknown };
export type ChatToolCall = {
  id: string;
  type?: string;
  function?: { name: string; arguments: string };
  [k: string]: unknown;
};
export type ChatMessage = {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content?: string | ChatPart[] | null;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
  name?: string;
  [k: string]: unknown;
};

export type ResponsesPart = { type: string; text?: string; [k: string]: unknown };
export type ResponsesItem =
  | {
      type?: 'message';
      role: 'system' | 'developer' | 'user' | 'assistant';
      content: string | ResponsesPart[];
      [k: string]: unknown;
    }
  | { type: 'function_call' | 'custom_tool_call'; call_id: string; name: string; [k: string]: unknown }
  | {
      type: 'function_call_output' | 'custom_tool_call_output';
      call_id: string;
      output: string | ResponsesPart[];
      [k: string]: unknown;
    }
  | { type: string; [k: string]: unknown };

export type AnthropicTextBlock = { type: 'text'; text: string; [k: string]: unknown };
export type AnthropicBlock = { type: string; [k: string]: unknown };
export type AnthropicMessage = {
  role: 'user' | 'assistant';
  content: string | AnthropicBlock[];
  [k: string]: unknown;
};

export type AnyMessage = ChatMessage | ResponsesItem | AnthropicMessage;

/**
 * Any wire message object. Inputs are typed loosely on purpose so SDK types (the `openai` and
 * `@anthropic-ai/sdk` param interfaces) and users' own interfaces pass without casts; everything is
 * read defensively at run time.
 */
export type WireMessage = object;

export interface Conversation<M extends WireMessage = AnyMessage> {
  format: WireFormat;
  /** Anthropic's top-level `system`, or the Responses `instructions`. */
  system?: string | AnthropicTextBlock[];
  messages: readonly M[];
}

export type MessagesInput = readonly WireMessage[] | Conversation<WireMessage>;

export type Role = 'system' | 'user' | 'assistant' | 'tool';
export type EntryKind = 'message' | 'tool-call' | 'tool-result' | 'mixed' | 'opaque';
export type SlotKind = 'system-text' | 'user-text' | 'assistant-text' | 'tool-result';
export type Path = readonly (string | number)[];

/** A text position inside a wire object that transforms may read and replace. */
export interface TextSlot {
  /** Entry index (position in `conversation.messages`; -1 = the external system prompt). */
  readonly entry: number;
  /** Path inside the wire object (inside `conversation.system` when `entry` is -1). */
  readonly path: Path;
  readonly kind: SlotKind;
  readonly text: string;
  readonly toolName?: string;
  readonly toolCallId?: string;
  readonly toolArgs?: string;
  /** Anthropic `tool_result.is_error === true`. */
  readonly isError?: boolean;
}

/** The normalized view of one wire message. */
export interface Entry {
  readonly index: number;
  readonly role: Role;
  readonly kind: EntryKind;
  /** Tool-call ids this entry issues. */
  readonly callIds: readonly string[];
  /** Tool-call ids this entry answers. */
  readonly resultIds: readonly string[];
  readonly slots: readonly TextSlot[];
  /** A user entry carrying human text, not only tool results. */
  readonly isRealUser: boolean;
}

export type UnitKind = 'system' | 'tool' | 'user' | 'assistant';

/** An atomic group of entries: dropped, kept or moved together, never split. */
export interface Unit {
  readonly id: number;
  readonly kind: UnitKind;
  /** Ascending entry indexes. */
  readonly entries: readonly number[];
  readonly first: number;
  readonly last: number;
}

export function isConversation(input: MessagesInput): input is Conversation<WireMessage> {
  return !Array.isArray(input);
}
