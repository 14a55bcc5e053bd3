import { detectFormat } from './detect.js';
import {
  type AnyMessage,
  type Conversation,
  isConversation,
  type MessagesInput,
  type WireFormat,
} from './types.js';

/**
 * Wraps a message array (or passes a Conversation through) so every transform sees one shape.
 * Messages are typed as the wire unions from here on; every reader checks shapes at run time.
 */
export function toConversation(input: MessagesInput, format?: WireFormat): Conversation {
  if (isConversation(input)) {
    const conv = input as Conversation;
    return format === undefined || format === conv.format ? conv : { ...conv, format };
  }
  const messages = input as readonly AnyMessage[];
  return { format: format ?? detectFormat(messages), messages };
}

/** Returns the conversation as the same kind of input it came from: array in, array out. */
export function fromConversation<I extends MessagesInput>(conv: Conversation, like: I): I {
  if (isConversation(like)) return conv as unknown as I;
  return conv.messages as unknown as I;
}

export function messagesOf(input: MessagesInput): readonly AnyMessage[] {
  return (isConversation(input) ? input.messages : input) as readonly AnyMessage[];
}
