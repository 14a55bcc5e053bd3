/**
 * One validating pass over JSON bytes that records where things are, without converting numbers or
 * decoding strings nobody asks for. Structural characters are ASCII, so scanning UTF-8 bytes is safe.
 */
export type JNode = JObject | JArray | JString | JLiteral;

export interface JObject {
  kind: 'object';
  start: number;
  end: number;
  /** Last occurrence wins, as in `JSON.parse`; `dup` notes any key seen twice. */
  keys: Map<string, JNode>;
  dup: ReadonlySet<string>;
}
export interface JArray {
  kind: 'array';
  start: number;
  /** Offset just past the closing `]`. */
  end: number;
  items: JNode[];
}
export interface JString {
  kind: 'string';
  /** The literal, quotes included. */
  start: number;
  end: number;
  escaped: boolean;
}
export interface JLiteral {
  kind: 'literal';
  start: number;
  end: number;
}

export class JsonScanError extends Error {}

const MAX_DEPTH = 512;
/** Shared by every object without duplicate keys (nearly all): no Set per object. */
const NO_DUPS: ReadonlySet<string> = new Set();
const CONTROL = /[\x00-\x1f]/g;

/**
 * A previous scan of bytes that this buffer repeats up to `common`: the root object's members before
 * `listKey` and the list's items that end inside the shared bytes are taken over as they are (nodes
 * are never mutated), and scanning starts after the last of them.
 */
export interface ScanResume {
  root: JObject;
  listKey: string;
  common: number;
}

export function scanJson(buf: Buffer, resume?: ScanResume): JNode {
  return (resume && resumedScan(buf, resume)) || (scan(buf, 0, false) as JNode);
}

/** Reused root members and list items, then a scan of only the bytes after them. */
function resumedScan(buf: Buffer, r: ScanResume): JObject | undefined {
  const list = r.root.keys.get(r.listKey);
  if (r.root.dup.size > 0 || list?.kind !== 'array') return undefined;
  let reused = list.items.length;
  while (reused > 0 && list.items[reused - 1]!.end > r.common) reused--;
  if (reused === 0) return undefined;
  const at = list.items[reused - 1]!.end;
  const tail = scan(buf.subarray(at), at, true) as Tail;
  // Without duplicate keys, a Map's insertion order is the byte order of the members.
  const root: JObject = {
    kind: 'object',
    start: r.root.start,
    end: tail.root.end + at,
    keys: new Map(),
    dup: NO_DUPS,
  };
  for (const [key, v] of r.root.keys) {
    if (v === list) break;
    root.keys.set(key, v);
  }
  root.keys.set(r.listKey, {
    kind: 'array',
    start: list.start,
    end: tail.list.end + at,
    items: [...list.items.slice(0, reused), ...tail.list.items.map((x) => shifted(x, at))],
  });
  const dup = new Set(tail.root.dup);
  for (const [key, v] of tail.root.keys) {
    if (root.keys.has(key)) dup.add(key);
    root.keys.set(key, shifted(v, at));
  }
  if (dup.size > 0) root.dup = dup;
  return root;
}

/** A node scanned at a buffer offset, moved to document offsets. */
function shifted(node: JNode, by: number): JNode {
  switch (node.kind) {
    case 'object': {
      const keys = new Map<string, JNode>();
      for (const [k, v] of node.keys) keys.set(k, shifted(v, by));
      return { ...node, start: node.start + by, end: node.end + by, keys };
    }
    case 'array':
      return {
        ...node,
        start: node.start + by,
        end: node.end + by,
        items: node.items.map((x) => shifted(x, by)),
      };
    default:
      return { ...node, start: node.start + by, end: node.end + by };
  }
}

/** What a tail scan finds after a resumed list item: the list's rest and the root's rest. */
interface Tail {
  list: JArray;
  root: JObject;
}

/**
 * The scanner. `base` is where `buf` starts in the document (for error offsets); `tail` starts it
 * just after an item of the root's list: it scans the list's remaining items, then the root's
 * remaining members.
 */
function scan(buf: Buffer, base: number, tail: boolean): JNode | Tail {
  // Structural characters are ASCII, so the bytes as a one-byte string keep byte offsets and let
  // plain strings end with `indexOf` (native, word at a time) instead of a byte loop.
  const s = buf.toString('latin1');
  const n = s.length;
  let pos = 0;
  // Next backslash and next control character at or after the cursor (n + 1 when there is none):
  // both only move forward, so each is found once per occurrence, not once per string.
  let nextBackslash = -1;
  let nextControl = -1;
  const fail = (what: string): never => {
    throw new JsonScanError(`${what} at byte ${base + pos}`);
  };
  const ws = () => {
    while (pos < n) {
      const c = s.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };
  const str = (): JString => {
    const start = pos;
    const close = s.indexOf('"', start + 1);
    if (nextBackslash <= start) nextBackslash = indexOrPast(s.indexOf('\\', start + 1), n);
    if (nextControl <= start) {
      CONTROL.lastIndex = start + 1;
      nextControl = CONTROL.test(s) ? CONTROL.lastIndex - 1 : n + 1;
    }
    if (close >= 0 && close < nextBackslash && close < nextControl) {
      pos = close + 1;
      return { kind: 'string', start, end: pos, escaped: false };
    }
    return escapedStr(start);
  };
  const escapedStr = (start: number): JString => {
    const end = escapedStringEnd(buf, start);
    if (end > 0) {
      pos = end;
      return { kind: 'string', start, end, escaped: true };
    }
    pos = ~end;
    const c = buf[pos];
    return fail(
      c === undefined ? 'unterminated string' : c === 0x5c ? 'bad escape' : 'control character in string',
    );
  };
  const value = (depth: number): JNode => {
    if (depth > MAX_DEPTH) fail('too deep');
    ws();
    const c = s.charCodeAt(pos);
    if (c === 0x7b) return object(depth);
    if (c === 0x5b) return array(depth);
    if (c === 0x22) return str();
    return literal();
  };
  const literal = (): JLiteral => {
    const start = pos;
    while (pos < n && LITERAL_BYTE[s.charCodeAt(pos)] === 1) pos++;
    const text = s.slice(start, pos);
    if (!(text === 'true' || text === 'false' || text === 'null' || NUMBER_RE.test(text)))
      fail('bad literal');
    return { kind: 'literal', start, end: pos };
  };
  const object = (depth: number): JObject => {
    const node: JObject = { kind: 'object', start: pos++, end: 0, keys: new Map(), dup: NO_DUPS };
    ws();
    if (s.charCodeAt(pos) === 0x7d) {
      node.end = ++pos;
      return node;
    }
    return members(node, depth, false);
  };
  /** The members of an object from the cursor; `afterValue`: the cursor is past a member's value. */
  const members = (node: JObject, depth: number, afterValue: boolean): JObject => {
    for (;;) {
      if (!afterValue) {
        ws();
        if (s.charCodeAt(pos) !== 0x22) fail('expected key');
        const k = str();
        const key = decodeString(buf, k);
        ws();
        if (s.charCodeAt(pos) !== 0x3a) fail('expected colon');
        pos++;
        const v = value(depth + 1);
        if (node.keys.has(key)) node.dup = new Set(node.dup).add(key);
        node.keys.set(key, v);
      }
      afterValue = false;
      ws();
      const c = s.charCodeAt(pos++);
      if (c === 0x2c) continue;
      if (c === 0x7d) break;
      fail('expected , or }');
    }
    node.end = pos;
    return node;
  };
  const array = (depth: number): JArray => {
    const node: JArray = { kind: 'array', start: pos++, end: 0, items: [] };
    ws();
    if (s.charCodeAt(pos) === 0x5d) {
      node.end = ++pos;
      return node;
    }
    return elements(node, depth, false);
  };
  const elements = (node: JArray, depth: number, afterValue: boolean): JArray => {
    for (;;) {
      if (!afterValue) node.items.push(value(depth + 1));
      afterValue = false;
      ws();
      const c = s.charCodeAt(pos++);
      if (c === 0x2c) continue;
      if (c === 0x5d) break;
      fail('expected , or ]');
    }
    node.end = pos;
    return node;
  };
  let root: JNode | Tail;
  if (tail) {
    const list: JArray = { kind: 'array', start: 0, end: 0, items: [] };
    const rest: JObject = { kind: 'object', start: 0, end: 0, keys: new Map(), dup: NO_DUPS };
    elements(list, 1, true);
    members(rest, 0, true);
    root = { list, root: rest };
  } else root = value(0);
  ws();
  if (pos !== n) fail('trailing bytes');
  return root;
}

/**
 * End offset of the string literal at `start` that holds escapes (validated byte by byte), or
 * `~offset` of the byte where it stops being valid. A top-level function: V8 keeps this loop tight
 * here, not in a closure over the scanner's mutable state.
 */
function escapedStringEnd(buf: Buffer, start: number): number {
  const n = buf.length;
  let p = start + 1;
  for (;;) {
    while (p < n && STRING_STOP[buf[p]!] === 0) p++;
    if (p >= n) return ~p;
    const c = buf[p]!;
    if (c === 0x22) return p + 1;
    if (c !== 0x5c) return ~p;
    const e = buf[p + 1];
    if (e !== undefined && ESCAPES[e] === 1) p += 2;
    else if (e === 0x75 && isHex(buf[p + 2]) && isHex(buf[p + 3]) && isHex(buf[p + 4]) && isHex(buf[p + 5]))
      p += 6;
    else return ~p;
  }
}

function indexOrPast(i: number, n: number): number {
  return i < 0 ? n + 1 : i;
}

/** The string's value (decodes escapes only when there are any). */
export function decodeString(buf: Buffer, s: JString): string {
  if (!s.escaped) return buf.toString('utf8', s.start + 1, s.end - 1);
  return JSON.parse(buf.toString('utf8', s.start, s.end)) as string;
}

/** A child of an object, or undefined. */
export function child(node: JNode | undefined, key: string): JNode | undefined {
  return node?.kind === 'object' ? node.keys.get(key) : undefined;
}

/** A string field's value, or undefined when absent or not a string. */
export function stringField(buf: Buffer, node: JNode | undefined, key: string): string | undefined {
  const v = child(node, key);
  return v?.kind === 'string' ? decodeString(buf, v) : undefined;
}

/** The literal's text (`true`, `12`, …), or undefined for non-literals. */
export function literalText(buf: Buffer, node: JNode | undefined): string | undefined {
  return node?.kind === 'literal' ? buf.toString('latin1', node.start, node.end) : undefined;
}

const ESCAPES = new Uint8Array(256);
for (const e of [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]) ESCAPES[e] = 1;
const NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Bytes that end a run of plain string content: `"`, `\\` and control characters. */
const STRING_STOP = new Uint8Array(256);
STRING_STOP.fill(1, 0, 0x20);
STRING_STOP[0x22] = 1;
STRING_STOP[0x5c] = 1;
const LITERAL_BYTE = new Uint8Array(256);
for (const ch of 'truefalsn0123456789+-.eE') LITERAL_BYTE[ch.charCodeAt(0)] = 1;

function isHex(c: number | undefined): boolean {
  return (
    c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))
  );
}
