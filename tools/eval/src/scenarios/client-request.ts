import type { ChatMessage } from '@headroom/core';

/** One request exactly as the client sends it: its own history, never a transform's output. */
export interface ClientRequest {
  /** Epoch milliseconds. */
  at: number;
  messages: ChatMessage[];
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 2025-01-06 00:00 UTC, a Monday: day 0 of every replay. */
export const EPOCH = Date.UTC(2025, 0, 6);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2025-01-07`. */
export function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Python's `str(datetime.now())`: `2025-01-07 10:32:05.123456`. */
export function pythonNow(at: number): string {
  const d = new Date(at);
  return `${isoDate(at)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${pad((at * 7) % 1000, 3)}`;
}

/** `10:32`. */
export function clock(at: number): string {
  const d = new Date(at);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
