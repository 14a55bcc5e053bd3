import { HeadroomError } from '../errors.js';
import { type JsonValue, RawNumber } from './raw-number.js';
import { riskyNumberSpans } from './risky-numbers.js';
import { parseWithSentinels } from './sentinel-parse.js';

/** What `parseJson` learned while parsing. */
export interface ParseInfo {
  /** False when the value holds no {@link RawNumber} (every number token round-trips as a double). */
  rawNumbers?: boolean;
}

/**
 * Parses JSON without altering any number. Plain `JSON.parse` runs unless a number token has a
 * lexeme a double does not reproduce (digits inside strings never count: UUIDs and versions stay
 * on the fast path); then each such number (`12345678901234567890`, `1.0`, `1e5`) becomes a
 * {@link RawNumber}, so kept items are written back byte for byte: still through `JSON.parse`,
 * with the risky tokens swapped for sentinels, or else a lexeme-preserving parser. Throws
 * `PARSE_FAILED` on invalid JSON.
 */
export function parseJson(text: string, info?: ParseInfo): JsonValue {
  const spans = riskyNumberSpans(text);
  if (info) info.rawNumbers = spans.length > 0;
  try {
    if (spans.length === 0) return JSON.parse(text) as JsonValue;
    const value = parseWithSentinels(text, spans);
    if (value !== undefined) return value;
  } catch (error) {
    throw new HeadroomError('PARSE_FAILED', `Invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  return new LosslessParser(text).parseDocument();
}

/** `parseJson` that returns undefined instead of throwing. */
export function tryParseJson(text: string): JsonValue | undefined {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class LosslessParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    const value = this.value();
    this.skipWs();
    if (this.pos !== this.text.length) this.fail('Unexpected data after JSON value');
    return value;
  }

  private fail(message: string): never {
    throw new HeadroomError('PARSE_FAILED', `Invalid JSON: ${message} at position ${this.pos}`);
  }

  private skipWs(): void {
    while (WS.has(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private value(): JsonValue {
    this.skipWs();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    return this.fail(c === undefined ? 'Unexpected end of input' : `Unexpected token ${c}`);
  }

  private object(): JsonValue {
    const out: Record<string, JsonValue> = {};
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail('Expected property name');
      const key = this.string();
      this.skipWs();
      if (this.text[this.pos] !== ':') this.fail("Expected ':'");
      this.pos++;
      // defineProperty keeps a "__proto__" key as data, as JSON.parse does.
      Object.defineProperty(out, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail("Expected ',' or '}'");
    }
  }

  private array(): JsonValue {
    const out: JsonValue[] = [];
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail("Expected ',' or ']'");
    }
  }

  private string(): string {
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const code = this.text.charCodeAt(i);
      if (Number.isNaN(code)) {
        this.pos = i;
        this.fail('Unterminated string');
      }
      if (code === 0x22) break;
      if (code === 0x5c) {
        escaped = true;
        i += 2;
        continue;
      }
      if (code < 0x20) {
        this.pos = i;
        this.fail('Bad control character in string');
      }
      i++;
    }
    this.pos = i + 1;
    if (!escaped) return this.text.slice(start + 1, i);
    try {
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('Bad escape in string');
    }
  }

  private number(): JsonValue {
    NUMBER_RE.lastIndex = this.pos;
    const m = NUMBER_RE.exec(this.text);
    if (!m) return this.fail('Bad number');
    const raw = m[0];
    this.pos += raw.length;
    const n = Number(raw);
    return String(n) === raw ? n : new RawNumber(raw);
  }
}

const LITERALS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];
