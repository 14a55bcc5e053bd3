import { z } from 'zod';
import { CliError } from './io/errors.js';

/** The `headroom pipeline` input document (cli.md §4). */
const InputSchema = z.object({
  messages: z.array(z.object({ role: z.string() }).passthrough()).min(1),
  system: z
    .union([z.string(), z.array(z.object({ type: z.literal('text'), text: z.string() }).passthrough())])
    .optional(),
  tools: z.array(z.unknown()).optional(),
  model: z.string().optional(),
});
export type PipelineInput = z.infer<typeof InputSchema>;
export type Shape = 'anthropic' | 'openai-chat';

/** Whether `prefix` is valid JSON so far: it parses, or fails only because it ends early. */
function validSoFar(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    // V8 reports an early end either in words or as an error at the very end of the prefix.
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message)?.[1];
    return /end of JSON input/.test(message) || (at !== undefined && Number(at) === prefix.length);
  }
}

/**
 * `input is not JSON: line L, column C`. Node 20's messages carry no position, so the first bad
 * character is found by bisection: every prefix before it is valid so far, every one after is not.
 */
function jsonError(text: string): CliError {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (validSoFar(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  const before = text.slice(0, Math.min(lo, text.length)).split('\n');
  const line = before.length;
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  return new CliError(`input is not JSON: line ${line}, column ${column}`);
}

export function parsePipelineInput(text: string): PipelineInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw jsonError(text);
  }
  const parsed = InputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new CliError(`input does not match {messages, system?, tools?, model?}: ${issues}`);
  }
  return parsed.data;
}

function blockTypes(message: Record<string, unknown>): string[] {
  const content = message.content;
  if (!Array.isArray(content)) return [];
  return content.map((b) => (b && typeof b === 'object' ? String((b as { type?: unknown }).type) : ''));
}

/** Anthropic: tool_use/tool_result blocks or a top-level system; Chat: system/tool roles or tool_calls. */
export function detectShape(input: PipelineInput): Shape {
  let anthropic = input.system !== undefined;
  let chat = false;
  for (const m of input.messages) {
    const types = blockTypes(m);
    if (types.includes('tool_use') || types.includes('tool_result')) anthropic = true;
    if (m.role === 'system' || m.role === 'tool' || 'tool_calls' in m) chat = true;
  }
  if (anthropic && chat)
    throw new CliError('ambiguous message shape: both Anthropic and OpenAI Chat signals');
  return anthropic ? 'anthropic' : 'openai-chat';
}
