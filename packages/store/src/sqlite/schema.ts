import type { Database } from 'better-sqlite3';

/**
 * Forward-only migrations, keyed by `PRAGMA user_version`, one immediate transaction each (so two
 * processes opening a new file at once cannot both migrate it).
 *
 * v1 differs from store.md §5.2 in three deliberate ways:
 * - originals live in `ccr_blob`, apart from their metadata: refreshing a TTL or counting a
 *   retrieval rewrites a ~200-byte row, never a 5 MB original, and sweeps never page blobs in;
 * - a memo row keeps its refs as a JSON array (their order matters to the proxy) and `missingRefs`
 *   comes from `json_each` joined against `ccr`, so no `memo_ref` table is needed;
 * - `meta.total_bytes` (originals + memo outputs) is kept by triggers, inside every transaction that
 *   changes it, whichever process writes.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE ccr (
    hash TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    meta TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_access_at INTEGER NOT NULL,
    ttl_ms INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    retrieval_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX ccr_expires ON ccr(expires_at);
  CREATE INDEX ccr_lru ON ccr(last_access_at);
  CREATE TABLE ccr_blob (
    hash TEXT PRIMARY KEY REFERENCES ccr(hash) ON DELETE CASCADE,
    original BLOB NOT NULL
  );
  CREATE TABLE memo (
    key TEXT PRIMARY KEY,
    strategy TEXT NOT NULL,
    tokens_before INTEGER NOT NULL,
    tokens_after INTEGER NOT NULL,
    refs TEXT NOT NULL,
    entry_created_at INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_access_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    output TEXT NOT NULL
  );
  CREATE INDEX memo_expires ON memo(expires_at);
  CREATE INDEX memo_lru ON memo(last_access_at);
  CREATE TABLE toin_export (instance_id TEXT PRIMARY KEY, exported_at INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE TABLE stats_daily (
    day TEXT NOT NULL, provider TEXT NOT NULL, family TEXT NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0, tokens_before INTEGER NOT NULL DEFAULT 0,
    tokens_after INTEGER NOT NULL DEFAULT 0, provider_saved INTEGER NOT NULL DEFAULT 0,
    usage_input INTEGER NOT NULL DEFAULT 0, usage_output INTEGER NOT NULL DEFAULT 0,
    cache_read INTEGER NOT NULL DEFAULT 0, cache_write INTEGER NOT NULL DEFAULT 0,
    retrievals INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, provider, family)
  );
  CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);
  INSERT INTO meta (key, value) VALUES ('total_bytes', 0), ('created_by', '@headroom/store schema v1');
  CREATE TRIGGER ccr_bytes_in AFTER INSERT ON ccr BEGIN
    UPDATE meta SET value = value + NEW.bytes WHERE key = 'total_bytes'; END;
  CREATE TRIGGER ccr_bytes_out AFTER DELETE ON ccr BEGIN
    UPDATE meta SET value = value - OLD.bytes WHERE key = 'total_bytes'; END;
  CREATE TRIGGER memo_bytes_in AFTER INSERT ON memo BEGIN
    UPDATE meta SET value = value + NEW.bytes WHERE key = 'total_bytes'; END;
  CREATE TRIGGER memo_bytes_out AFTER DELETE ON memo BEGIN
    UPDATE meta SET value = value - OLD.bytes WHERE key = 'total_bytes'; END;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database): void {
  for (;;) {
    const applied = db
      .transaction(() => {
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version > SCHEMA_VERSION) {
          throw new Error(`store schema v${version} is newer than this Headroom (v${SCHEMA_VERSION})`);
        }
        if (version === SCHEMA_VERSION) return false;
        db.exec(MIGRATIONS[version]!);
        db.pragma(`user_version = ${version + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return;
  }
}
