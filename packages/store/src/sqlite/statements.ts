import type Database from 'better-sqlite3';

/** Columns of a `CcrRow`, for SELECT and RETURNING clauses. */
const ROW = `hash, digest, meta, bytes, created_at AS createdAt, last_access_at AS lastAccessAt,
  ttl_ms AS ttlMs, retrieval_count AS retrievalCount`;

/** The sliding expiry with its ceiling, never shortened (backend.ts `refreshedExpiry`). */
const REFRESHED = 'max(expires_at, min(@now + @ttl, created_at + @max))';
/** Rows refreshed within the throttle are left alone: a hot key costs one write per interval. */
const STALE = 'last_access_at <= @now - @throttle';

const LEDGER_COLUMNS = [
  'requests',
  'tokens_before',
  'tokens_after',
  'provider_saved',
  'usage_input',
  'usage_output',
  'cache_read',
  'cache_write',
  'retrievals',
] as const;

const SQL = {
  begin: 'BEGIN IMMEDIATE',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
  head: `SELECT ${ROW}, expires_at AS expiresAt FROM ccr WHERE hash = ?`,
  insert: `INSERT INTO ccr (hash, digest, meta, bytes, created_at, last_access_at, ttl_ms, expires_at)
    VALUES (@hash, @digest, @meta, @bytes, @now, @now, @ttl, @expires)`,
  insertBlob: 'INSERT INTO ccr_blob (hash, original) VALUES (?, ?)',
  refresh: `UPDATE ccr SET last_access_at = @now, ttl_ms = max(ttl_ms, @ttl), expires_at = ${REFRESHED}
    WHERE hash = @hash AND ${STALE}`,
  retrieve: `UPDATE ccr SET retrieval_count = retrieval_count + @n, last_access_at = @now,
    expires_at = ${REFRESHED} WHERE hash = @hash AND expires_at > @now RETURNING ${ROW}`,
  blob: 'SELECT original FROM ccr_blob WHERE hash = ?',
  live: 'SELECT hash FROM ccr WHERE hash IN (SELECT value FROM json_each(?)) AND expires_at > ?',
  touch: `UPDATE ccr SET last_access_at = @now, expires_at = ${REFRESHED}
    WHERE hash IN (SELECT value FROM json_each(@hashes)) AND expires_at > @now AND ${STALE}`,
  remove: `DELETE FROM ccr WHERE hash = ? RETURNING ${ROW}`,
  counts: 'SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes FROM ccr WHERE expires_at > ?',
  memoSelect: `SELECT key, strategy, tokens_before AS tokensBefore, tokens_after AS tokensAfter, refs,
    entry_created_at AS createdAt, output FROM memo
    WHERE key IN (SELECT value FROM json_each(@keys)) AND expires_at > @now`,
  memoMissing: `SELECT DISTINCT j.value AS hash FROM json_each(@hashes) j
    LEFT JOIN ccr c ON c.hash = j.value AND c.expires_at > @now WHERE c.hash IS NULL`,
  memoRefresh: `UPDATE memo SET last_access_at = @now, expires_at = ${REFRESHED}
    WHERE key IN (SELECT value FROM json_each(@keys)) AND ${STALE}`,
  memoDropExpired: 'DELETE FROM memo WHERE key = @key AND expires_at <= @now',
  memoInsert: `INSERT INTO memo (key, strategy, tokens_before, tokens_after, refs, entry_created_at, bytes,
      created_at, last_access_at, expires_at, output)
    VALUES (@key, @strategy, @tokensBefore, @tokensAfter, @refs, @createdAt, @bytes, @now, @now, @expires, @output)
    ON CONFLICT(key) DO NOTHING`,
  memoDelete: 'DELETE FROM memo WHERE key = ?',
  toinSave: `INSERT INTO toin_export (instance_id, exported_at, data) VALUES (?, ?, ?)
    ON CONFLICT(instance_id) DO UPDATE SET exported_at = excluded.exported_at, data = excluded.data`,
  toinLoad: 'SELECT data FROM toin_export WHERE instance_id = ?',
  toinList: 'SELECT instance_id AS id, data AS json FROM toin_export ORDER BY instance_id',
  ledgerAdd: `INSERT INTO stats_daily (day, provider, family, ${LEDGER_COLUMNS.join(', ')})
    VALUES (@day, @provider, @family, ${LEDGER_COLUMNS.map((c) => `@${c}`).join(', ')})
    ON CONFLICT(day, provider, family) DO UPDATE SET
    ${LEDGER_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  ledgerPrune: 'DELETE FROM stats_daily WHERE day < ?',
  ledgerRows: `SELECT day, provider, family, ${LEDGER_COLUMNS.join(', ')} FROM stats_daily`,
  totalBytes: `SELECT value FROM meta WHERE key = 'total_bytes'`,
  expiredCcr: `SELECT ${ROW} FROM ccr WHERE expires_at <= ? ORDER BY expires_at LIMIT ?`,
  expiredMemo: 'DELETE FROM memo WHERE key IN (SELECT key FROM memo WHERE expires_at <= ? LIMIT ?)',
  lruCcr: `SELECT ${ROW} FROM ccr ORDER BY last_access_at LIMIT ?`,
  lruMemo: 'SELECT key, bytes, last_access_at AS lastAccessAt FROM memo ORDER BY last_access_at LIMIT ?',
  deleteCcr: 'DELETE FROM ccr WHERE hash = ?',
  probeRead: 'SELECT 1',
  probeWrite: `INSERT INTO meta (key, value) VALUES ('probe', ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
} as const;

export { LEDGER_COLUMNS };

export type Statements = { [K in keyof typeof SQL]: Database.Statement };

/** Every statement, prepared once per connection. */
export function prepareStatements(db: Database.Database): Statements {
  return Object.fromEntries(Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)])) as Statements;
}
