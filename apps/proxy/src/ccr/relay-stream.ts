import type { Dispatcher } from 'undici';
import type { Endpoint } from '../body/request-shape.js';
import { relayAnthropicStream } from './anthropic-stream.js';
import { relayChatStream } from './chat-stream.js';
import { relayResponsesStream } from './responses-stream.js';
import type { StreamRoundsOptions, StreamRoundsResult } from './stream-rounds.js';

/** The SSE relay with proxy-executed retrievals for one endpoint (proxy.md §8.6). */
export function relayCcrStream(
  endpoint: Endpoint,
  first: Dispatcher.ResponseData,
  o: StreamRoundsOptions,
): Promise<StreamRoundsResult> {
  if (endpoint === 'chat') return relayChatStream(first, o);
  if (endpoint === 'responses') return relayResponsesStream(first, o);
  return relayAnthropicStream(first, o);
}
