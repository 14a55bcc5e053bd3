/** Chat builders come from core; prose and rows are this package's own filler. */
export { assistant, system, toolCall, toolResult, user } from '@headroom/core/test-utils';

/** Deterministic prose of about `n` words, different per `seed` so messages are not alike. */
export function prose(n: number, seed = 0): string {
  const vocabulary =
    'route cache tenant region invoice ledger queue shard replica metric window budget policy ticket session'.split(
      ' ',
    );
  return Array.from(
    { length: n },
    (_, i) => `${vocabulary[(i * 7 + seed * 3) % vocabulary.length]}${(i + seed) % 13}`,
  ).join(' ');
}

/** A tool output of about `n` rows of JSON. */
export function rows(n: number, seed = 0): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({ id: i + seed * 100, status: 'ok', detail: prose(6, i + seed) })),
  );
}
