/** One SSE event with its raw bytes (forwarded as-is) and, when its data is JSON, the parsed value. */
export interface SseEvent {
  raw: Buffer;
  event: string | undefined;
  data: Record<string, unknown> | undefined;
}

const LF2 = Buffer.from('\n\n');
const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * Splits a byte stream on blank lines and decodes only whole events, so UTF-8 split across chunks is
 * safe. `push` returns the events completed by a chunk; `rest` is what never ended.
 */
export class SseSplitter {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SseEvent[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: SseEvent[] = [];
    for (;;) {
      const lf = this.buf.indexOf(LF2);
      const crlf = this.buf.indexOf(CRLF2);
      let end = -1;
      if (lf !== -1 && (crlf === -1 || lf < crlf)) end = lf + 2;
      else if (crlf !== -1) end = crlf + 4;
      if (end === -1) return out;
      out.push(parseEvent(this.buf.subarray(0, end)));
      this.buf = this.buf.subarray(end);
    }
  }

  rest(): Buffer {
    return this.buf;
  }
}

function parseEvent(raw: Buffer): SseEvent {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of raw.toString('utf8').split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  let parsed: Record<string, unknown> | undefined;
  try {
    const v = data.length > 0 ? (JSON.parse(data.join('\n')) as unknown) : undefined;
    if (v && typeof v === 'object' && !Array.isArray(v)) parsed = v as Record<string, unknown>;
  } catch {
    parsed = undefined;
  }
  return { raw, event, data: parsed };
}

/** An SSE event with a (re-encoded) JSON payload. */
export function encodeEvent(event: string, data: unknown): Buffer {
  return Buffer.from(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, 'utf8');
}
