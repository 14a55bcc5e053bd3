/** Exit codes of cli.md §1: 1 operational or data failure, 2 usage error, 127 agent not found. */
export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 127 } as const;
