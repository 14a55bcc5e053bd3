import type { Transform } from '@headroom/core';
import { agentSession } from './agent-session.js';
import { type ClientRequest, clock, isoDate, pythonNow } from './client-request.js';
import { MinifyToolOutputs } from './minify-tool-outputs.js';
import { supportTraffic } from './support-traffic.js';

export interface Scenario {
  id: string;
  title: string;
  /** The seed document's claim for this kind of prompt, before → after. */
  seedClaim: { before: string; after: string };
  requests: () => Iterable<ClientRequest>;
  /** The same traffic with no dynamic value in the prompt: the ceiling any aligner can reach. */
  fixed: () => Iterable<ClientRequest>;
  /** Transforms that run after the aligner, as in the proxy's pipeline (fresh per replay). */
  others?: () => Transform[];
}

const agentDate = () => agentSession((at) => [`Today's date: ${isoDate(at)}`]);
const agentDateTime = () => agentSession((at) => [`Current date and time: ${pythonNow(at)}`]);
const agentFixed = () => agentSession(() => []);
const supportFixed = () => supportTraffic(() => []);

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'daily-date',
    title: "Daily date in prompt: coding agent, 3 days, `Today's date: 2025-01-07`",
    seedClaim: { before: '0%', after: '~95%' },
    requests: agentDate,
    fixed: agentFixed,
  },
  {
    id: 'date-time',
    title: 'Date and time in prompt: the same agent with `datetime.now()`',
    seedClaim: { before: '0%', after: '~95%' },
    requests: agentDateTime,
    fixed: agentFixed,
  },
  {
    id: 'user-context',
    title: 'Dynamic user context: support bot, user ID, session ID and time in the prompt',
    seedClaim: { before: '~10%', after: '~80%' },
    requests: () =>
      supportTraffic((c, at) => [
        `User ID: ${c.userId}`,
        `Session ID: ${c.sessionId}`,
        `Current time: ${clock(at)} UTC`,
      ]),
    fixed: supportFixed,
  },
  {
    id: 'consistent',
    title: 'Consistent prompts: the same support bot with a fixed prompt',
    seedClaim: { before: '~90%', after: '~95%' },
    requests: supportFixed,
    fixed: supportFixed,
  },
  {
    id: 'pipeline',
    title: "With the proxy's other transforms: date-and-time agent, JSON tool outputs minified",
    seedClaim: { before: '–', after: '–' },
    requests: agentDateTime,
    fixed: agentFixed,
    others: () => [new MinifyToolOutputs()],
  },
];
