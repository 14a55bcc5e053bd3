import type { JObject, ScanResume } from './json-scan.js';

/** Bodies are grouped by their first KiB: a conversation keeps it from turn to turn. */
const KEY_BYTES = 1024;
/** Smaller bodies scan in microseconds, and their first KiB reaches into the newest turn. */
const MIN_BYTES = 2 * KEY_BYTES;
/** Bodies kept per group: parallel conversations (sub-agents) behind one system prompt. */
const PER_KEY = 4;

interface Entry {
  buf: Buffer;
  root: JObject;
}

/**
 * Recent request bodies and their scans. Each turn of a conversation re-sends the whole history,
 * so a new body usually repeats a recent one as a byte prefix: its scan then reuses the messages
 * that end inside the shared bytes and scans only from there (`ScanResume`), and the nodes it reuses
 * carry what was learned about them (token counts, memo keys) to the next turn. Bounded by the bytes
 * of the bodies it holds.
 */
export class RecentScans {
  /** Least recently used group first (Map insertion order). */
  private readonly groups = new Map<string, Entry[]>();
  private held = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  get bytes(): number {
    return this.held;
  }

  /** The remembered body sharing the longest prefix with `buf`, as a scan to resume. */
  resumeFor(buf: Buffer, listKey: string): ScanResume | undefined {
    if (buf.length < MIN_BYTES) return undefined;
    const entries = this.groups.get(groupKey(buf, listKey));
    let best: ScanResume | undefined;
    for (const e of entries ?? []) {
      const common = commonPrefix(e.buf, buf);
      if (!best || common > best.common) best = { root: e.root, listKey, common };
    }
    return best;
  }

  /** Remembers a scanned body; the one it resumed from is superseded (the conversation moved on). */
  remember(buf: Buffer, listKey: string, root: JObject, resumed?: ScanResume): void {
    if (buf.length < MIN_BYTES || buf.length > this.maxBytes / 4) return;
    const key = groupKey(buf, listKey);
    const entries = (this.groups.get(key) ?? []).filter((e) => {
      const keep = e.root !== resumed?.root;
      if (!keep) this.held -= e.buf.length;
      return keep;
    });
    entries.unshift({ buf, root });
    this.held += buf.length;
    for (const dropped of entries.splice(PER_KEY)) this.held -= dropped.buf.length;
    this.groups.delete(key);
    this.groups.set(key, entries);
    this.evict();
  }

  private evict(): void {
    for (const [key, entries] of this.groups) {
      if (this.held <= this.maxBytes) return;
      while (entries.length > 0 && this.held > this.maxBytes) this.held -= entries.pop()!.buf.length;
      if (entries.length === 0) this.groups.delete(key);
    }
  }
}

function groupKey(buf: Buffer, listKey: string): string {
  return `${listKey}\0${buf.toString('latin1', 0, KEY_BYTES)}`;
}

/** Length of the common prefix: whole blocks compared natively, narrowing down to single bytes. */
export function commonPrefix(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  let at = 0;
  for (let block = 64 * 1024; block >= 16; block >>= 4) {
    while (at + block <= n && a.compare(b, at, at + block, at, at + block) === 0) at += block;
  }
  while (at < n && a[at] === b[at]) at++;
  return at;
}
