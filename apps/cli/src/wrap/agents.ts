import { usageError } from '../io/errors.js';
import { isLoopbackUrl } from '../io/local-url.js';

export const AGENTS = ['claude', 'codex', 'aider'] as const;
export type Agent = (typeof AGENTS)[number];

export function parseAgent(name: string): Agent {
  if (!(AGENTS as readonly string[]).includes(name))
    throw usageError(`unknown agent "${name}" (expected claude, codex or aider)`);
  return name as Agent;
}

/** The child-only variables that point an agent at the proxy (cli.md §10 step 3). */
export function agentEnv(agent: Agent, proxy: string): Record<string, string> {
  switch (agent) {
    case 'claude':
      return { ANTHROPIC_BASE_URL: proxy };
    case 'codex':
      return { OPENAI_BASE_URL: `${proxy}/v1` };
    case 'aider':
      return { OPENAI_API_BASE: `${proxy}/v1`, OPENAI_BASE_URL: `${proxy}/v1`, ANTHROPIC_BASE_URL: proxy };
  }
}

/**
 * A gateway the user's environment already points the agent at (a non-loopback base URL) becomes
 * the proxy's upstream, so wrapping keeps requests going where they went before.
 */
export function inheritedUpstreams(env: NodeJS.ProcessEnv): { anthropic?: string; openai?: string } {
  const out: { anthropic?: string; openai?: string } = {};
  const anthropic = env.ANTHROPIC_BASE_URL;
  if (anthropic && !isLoopbackUrl(anthropic)) out.anthropic = anthropic.replace(/\/+$/, '');
  const openai = env.OPENAI_BASE_URL || env.OPENAI_API_BASE;
  if (openai && !isLoopbackUrl(openai)) out.openai = openai.replace(/\/+$/, '').replace(/\/v1$/, '');
  return out;
}
