/** The spec's bounds (§4.3–4.6); the config adds `maxPatterns` and `maxFieldsPerPattern`. */
export const LIMITS = {
  /** Sampled items read per compression or retrieval. */
  items: 100,
  strategies: 20,
  queryPatterns: 20,
  /** Per field: the most common values seen in compressions. */
  topValues: 20,
  /** Per field: value hashes counted from retrievals. */
  retrievedValues: 100,
  importantValues: 50,
  commonFields: 20,
  preserveFields: 10,
  /** A field queried this often becomes "commonly retrieved". */
  commonAfter: 3,
  /** Distinct instances contributing to the network view. */
  origins: 10_000,
} as const;
