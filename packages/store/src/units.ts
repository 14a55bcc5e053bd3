import { HeadroomError } from '@headroom/core';

const DURATION_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const SIZE_BYTES = {
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
} as const;
const GIB = { g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 } as const;

/** `90m`, `24h`, `7d`, `30s`, `500ms` → milliseconds; `name` is the setting named in the error. */
export function parseDuration(text: string, name: string): number {
  const m = /^\s*(\d+)\s*(ms|s|m|h|d)\s*$/i.exec(text);
  const unit = m?.[2]?.toLowerCase() as keyof typeof DURATION_MS | undefined;
  if (!m || !unit || Number(m[1]) <= 0) {
    throw new HeadroomError(
      'INVALID_CONFIG',
      `${name}: "${text}" is not a duration (a positive number with ms, s, m, h or d, e.g. 24h)`,
    );
  }
  return Number(m[1]) * DURATION_MS[unit];
}

/** `2147483648`, `512MiB`, `2g` (binary units) → bytes; `name` is the setting named in the error. */
export function parseSize(text: string, name: string): number {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = (m?.[2] ?? '').toLowerCase() || 'b';
  const factor = { ...SIZE_BYTES, ...GIB }[unit as keyof typeof SIZE_BYTES];
  if (!m || factor === undefined || Number(m[1]) <= 0) {
    throw new HeadroomError(
      'INVALID_CONFIG',
      `${name}: "${text}" is not a size (a positive number of bytes, or with KiB, MiB or GiB)`,
    );
  }
  return Number(m[1]) * factor;
}
