/** A tiny typed emitter whose listeners can never break the caller (TOIN must not fail a retrieval). */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(e: never) => void>>();

  on<K extends keyof Events>(ev: K, fn: (e: Events[K]) => void): () => void {
    const set = this.listeners.get(ev) ?? new Set();
    this.listeners.set(ev, set);
    set.add(fn);
    return () => set.delete(fn);
  }

  emit<K extends keyof Events>(ev: K, event: Events[K]): void {
    for (const fn of (this.listeners.get(ev) ?? []) as Set<(e: Events[K]) => void>) {
      try {
        fn(event);
      } catch {
        // A listener's bug stays in the listener.
      }
    }
  }
}
