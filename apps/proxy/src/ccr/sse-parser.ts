/** One SSE event with its raw bytes (forwarded as-is) and, when its data is JSON, the parsed value. */
export interface SseEvent {
  raw: Buffer;
  event: string | undefined;
  data: Record<string, unknown> | undefined;
}

const LF2 = Buffer.from('\n\n');
const CRLF2 = Buffer.from('\r\n\r\n');

/** Whether `b` holds an event boundary. */
const hasBoundary = (b: Buffer) => b.indexOf(LF2) !== -1 || b.indexOf(CRLF2) !== -1;

/**
 * Splits a byte stream on blank lines and decodes only whole events, so UTF-8 split across chunks is
 * safe. `push` returns the events completed by a chunk; `rest` is what never ended. Chunks without a
 * boundary are only queued, so a long event costs one copy, not one per chunk.
 */
export class SseSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  /** The pending bytes' last 3: a boundary may straddle them and the next chunk. */
  private tail: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SseEvent[] {
    const seam = Buffer.concat([this.tail, chunk.subarray(0, 3)]);
    if (this.size > 0 && !hasBoundary(chunk) && !hasBoundary(seam)) {
      this.parts.push(chunk);
      this.size += chunk.length;
      this.tail = chunk.length >= 3 ? chunk.subarray(-3) : Buffer.concat([this.tail, chunk]).subarray(-3);
      return [];
    }
    let buf = this.size === 0 ? chunk : Buffer.concat([...this.parts, chunk]);
    const out: SseEvent[] = [];
    for (;;) {
      const lf = buf.indexOf(LF2);
      // Only a CRLF boundary before the first LF one matters: bounding the search keeps a chunk of
      // many LF events linear instead of rescanning the whole rest for CRLF at every event.
      const crlf = (lf === -1 ? buf : buf.subarray(0, lf + 2)).indexOf(CRLF2);
      let end = -1;
      if (lf !== -1 && (crlf === -1 || lf < crlf)) end = lf + 2;
      else if (crlf !== -1) end = crlf + 4;
      if (end === -1) break;
      out.push(parseEvent(buf.subarray(0, end)));
      buf = buf.subarray(end);
    }
    this.parts = buf.length > 0 ? [buf] : [];
    this.size = buf.length;
    this.tail = buf.subarray(-3);
    return out;
  }

  /** Bytes of the unfinished event. */
  get pending(): number {
    return this.size;
  }

  rest(): Buffer {
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
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
