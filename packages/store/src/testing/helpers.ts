import type { StoreLogger } from '../types.js';

/** A logger that keeps its lines, so tests can assert that a condition was logged. */
export function collectingLogger(): StoreLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    warn: (message) => lines.push(`warn ${message}`),
    info: (message) => lines.push(`info ${message}`),
  };
}

/** A settable clock for stores opened with `now`. */
export function fakeClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Flips one bit in the middle of a stored value: what a bad disk or a stray write does. */
export function flipByte(bytes: Buffer): void {
  const i = bytes.length >> 1;
  bytes.writeUInt8(bytes.readUInt8(i) ^ 0x20, i);
}
