/**
 * Routing is written once as a generator that yields the promises of asynchronous strategies; the
 * async driver awaits them, and the sync driver never meets one (sync routes pick no async strategy).
 */
export type Steps<R> = Generator<Promise<unknown>, R, unknown>;

/** Awaits a promise inside a route; a rejection comes back as the thrown error. */
export function* settle<T>(promise: Promise<T>): Generator<Promise<unknown>, T, unknown> {
  const settled = yield promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const s = settled as { ok: true; value: T } | { ok: false; error: unknown };
  if (!s.ok) throw s.error;
  return s.value;
}

export async function drive<R>(steps: Steps<R>): Promise<R> {
  let step = steps.next();
  while (!step.done) step = steps.next(await step.value);
  return step.value;
}

export function driveSync<R>(steps: Steps<R>): R {
  const step = steps.next();
  if (!step.done) throw new Error('a synchronous route met an asynchronous strategy');
  return step.value;
}
