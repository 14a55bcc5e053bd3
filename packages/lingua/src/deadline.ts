export type DeadlineOutcome<T> = { ok: true; value: T } | { ok: false; reason: 'timeout' | 'aborted' };

/**
 * Runs `work` against a deadline of `ms` and the caller's `signal`; whichever comes first wins.
 * On expiry the work's signal aborts (so queued inference is skipped and batching stops) and its
 * eventual result or error is discarded.
 */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  signal?: AbortSignal,
): Promise<DeadlineOutcome<T>> {
  if (signal?.aborted) return { ok: false, reason: 'aborted' };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const expired = new Promise<DeadlineOutcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), ms);
    onAbort = () => resolve({ ok: false, reason: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const running = work(controller.signal).then((value): DeadlineOutcome<T> => ({ ok: true, value }));
  try {
    const outcome = await Promise.race([running, expired]);
    if (!outcome.ok) {
      controller.abort();
      running.catch(() => {});
    }
    return outcome;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
