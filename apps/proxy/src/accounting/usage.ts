/** Provider-reported usage, summed over every usage object seen in a response. */
export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export function emptyUsage(): Usage {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Reads Anthropic, Chat and Responses usage objects (Chat/Responses `prompt`/`input` include cached tokens). */
export function readUsage(u: unknown): Usage {
  if (!u || typeof u !== 'object') return emptyUsage();
  const o = u as Record<string, unknown>;
  const details = (o.prompt_tokens_details ?? o.input_tokens_details) as Record<string, unknown> | undefined;
  const cached = num(details?.cached_tokens);
  const anthropic = 'cache_read_input_tokens' in o || 'cache_creation_input_tokens' in o;
  return {
    input: num(o.input_tokens) + num(o.prompt_tokens) - (anthropic ? 0 : cached),
    output: num(o.output_tokens) + num(o.completion_tokens),
    cacheRead: num(o.cache_read_input_tokens) + cached,
    cacheWrite: num(o.cache_creation_input_tokens),
  };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
  };
}

const MAX_LINE = 1 << 20;

/**
 * Watches response bytes as they stream past and picks up usage objects, without holding the body:
 * JSON bodies up to 4 MiB are parsed at the end; SSE `data:` lines mentioning usage are parsed alone.
 * Anthropic streams report input in `message_start` and output in `message_delta`: the max of each
 * field across events is kept, which is what the SDKs show.
 */
export class UsageTap {
  usage: Usage = emptyUsage();
  private line = '';
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly sse: boolean) {}

  push(chunk: Buffer): void {
    if (!this.sse) {
      if (this.size + chunk.length <= 4 * MAX_LINE) this.chunks.push(chunk);
      this.size += chunk.length;
      return;
    }
    const text = this.line + chunk.toString('utf8');
    const lines = text.split('\n');
    this.line = (lines.pop() ?? '').slice(-MAX_LINE);
    for (const l of lines) this.onLine(l);
  }

  end(): Usage {
    if (this.sse) {
      this.onLine(this.line);
      return this.usage;
    }
    if (this.size > 4 * MAX_LINE) return this.usage;
    try {
      const body = JSON.parse(Buffer.concat(this.chunks).toString('utf8')) as { usage?: unknown };
      this.usage = readUsage(body.usage);
    } catch {
      // Not JSON: no usage.
    }
    return this.usage;
  }

  private onLine(line: string): void {
    if (!line.startsWith('data:') || !line.includes('"usage"')) return;
    try {
      const ev = JSON.parse(line.slice(5)) as Record<string, unknown>;
      const holder = (ev.message ?? ev.response ?? ev) as Record<string, unknown>;
      const u = readUsage(holder.usage ?? ev.usage);
      this.usage = {
        input: Math.max(this.usage.input, u.input),
        output: Math.max(this.usage.output, u.output),
        cacheRead: Math.max(this.usage.cacheRead, u.cacheRead),
        cacheWrite: Math.max(this.usage.cacheWrite, u.cacheWrite),
      };
    } catch {
      // A partial or foreign line: ignore.
    }
  }
}
