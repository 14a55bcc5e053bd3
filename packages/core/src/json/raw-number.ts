import { rawSentinels } from './raw-sentinels.js';

/** A JSON number whose lexeme a JS double cannot hold exactly; written back verbatim. */
export class RawNumber {
  readonly raw: string;
  constructor(raw: string) {
    this.raw = raw;
  }
  toJSON(): number {
    const lexemes = rawSentinels.lexemes;
    if (lexemes) {
      lexemes.push(this.raw);
      return `\u0000${lexemes.length - 1}` as unknown as number; // see raw-sentinels.ts
    }
    return Number(this.raw);
  }
  toString(): string {
    return this.raw;
  }
}

export type JsonPrimitive = string | number | boolean | null | RawNumber;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawNumber);
}
