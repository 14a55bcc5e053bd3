/**
 * Lua scripts, registered with ioredis's `defineCommand` (EVALSHA, reloaded on NOSCRIPT). Times
 * come from the caller as absolute ms; Redis only ever gets relative PEXPIREs, so the sliding TTL,
 * its ceiling `h` and the never-shorten rule (backend.ts) are computed the same way as in SQL.
 *
 * CCR hash fields: o original, d digest, m meta JSON, b bytes, c created, a last access, t ttl,
 * h hard expiry (created + max lifetime), r retrievals. Memo hash fields: out, refs (JSON), tb, ta,
 * s strategy, ec entry createdAt, c created, a last access, h hard expiry. A key accessed within
 * `throttle` ms is not refreshed again (one write per refresh interval, as in SQL).
 */
const REFRESH = `
local function refresh(key, now, ttl, throttle)
  local last = tonumber(redis.call('HGET', key, 'a')) or 0
  if now - last < throttle then return end
  local hard = tonumber(redis.call('HGET', key, 'h'))
  local want = math.min(now + ttl, hard)
  local left = redis.call('PTTL', key)
  if left >= 0 and want > now + left then redis.call('PEXPIRE', key, want - now) end
  redis.call('HSET', key, 'a', now)
end
`;

export const SCRIPTS = {
  /** KEYS[1] ccr key. ARGV original, digest, meta, bytes, now, ttl, maxLifetime, throttle → 0 stored, 1 refreshed, 2 collision. */
  hrCcrPut: {
    numberOfKeys: 1,
    lua: `${REFRESH}
local key = KEYS[1]
local now, ttl = tonumber(ARGV[5]), tonumber(ARGV[6])
local digest = redis.call('HGET', key, 'd')
if digest then
  if digest ~= ARGV[2] then return 2 end
  refresh(key, now, ttl, tonumber(ARGV[8]))
  if ttl > tonumber(redis.call('HGET', key, 't')) then redis.call('HSET', key, 't', ttl) end
  return 1
end
local hard = now + tonumber(ARGV[7])
redis.call('HSET', key, 'o', ARGV[1], 'd', ARGV[2], 'm', ARGV[3], 'b', ARGV[4], 'c', now, 'a', now,
  't', ttl, 'h', hard, 'r', 0)
redis.call('PEXPIRE', key, math.min(ttl, hard - now))
return 0`,
  },
  /** KEYS[1] ccr key. ARGV now, ttl, n → nil, or [o, d, m, b, c, a, t, r] after counting n retrievals. */
  hrCcrGet: {
    numberOfKeys: 1,
    lua: `${REFRESH}
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return false end
redis.call('HINCRBY', key, 'r', tonumber(ARGV[3]))
refresh(key, tonumber(ARGV[1]), tonumber(ARGV[2]), 0)
return redis.call('HMGET', key, 'o', 'd', 'm', 'b', 'c', 'a', 't', 'r')`,
  },
  /** KEYS ccr keys. ARGV now, ttl, throttle → the 1-based indexes of the missing keys. */
  hrCcrTouch: {
    lua: `${REFRESH}
local now, ttl, throttle = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local missing = {}
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then refresh(key, now, ttl, throttle) else missing[#missing + 1] = i end
end
return missing`,
  },
  /** KEYS[1] ccr key → nil, or [d, m, b, c, a, t, r] of the deleted entry. */
  hrCcrDelete: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local row = redis.call('HMGET', KEYS[1], 'd', 'm', 'b', 'c', 'a', 't', 'r')
redis.call('DEL', KEYS[1])
return row`,
  },
  /**
   * KEYS memo keys. ARGV now, ttl, ccr key prefix, throttle → per hit [index, out, refs, tb, ta, s, ec, missing
   * refs JSON]; hits and their live refs are refreshed.
   */
  hrMemoGet: {
    lua: `${REFRESH}
local now, ttl, prefix, throttle = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local hits = {}
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    refresh(key, now, ttl, throttle)
    local f = redis.call('HMGET', key, 'out', 'refs', 'tb', 'ta', 's', 'ec')
    local missing = {}
    for _, ref in ipairs(cjson.decode(f[2])) do
      local ck = prefix .. ref
      if redis.call('EXISTS', ck) == 1 then refresh(ck, now, ttl, throttle) else missing[#missing + 1] = ref end
    end
    hits[#hits + 1] = { i, f[1], f[2], f[3], f[4], f[5], f[6], cjson.encode(missing) }
  end
end
return hits`,
  },
  /** KEYS[1] memo key. ARGV out, refs, tb, ta, s, ec, now, ttl, maxLifetime → 1 written, 0 taken. */
  hrMemoPut: {
    numberOfKeys: 1,
    lua: `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local now, ttl = tonumber(ARGV[7]), tonumber(ARGV[8])
local hard = now + tonumber(ARGV[9])
redis.call('HSET', KEYS[1], 'out', ARGV[1], 'refs', ARGV[2], 'tb', ARGV[3], 'ta', ARGV[4], 's', ARGV[5],
  'ec', ARGV[6], 'c', now, 'a', now, 'h', hard)
redis.call('PEXPIRE', KEYS[1], math.min(ttl, hard - now))
return 1`,
  },
} as const;

export type ScriptName = keyof typeof SCRIPTS;
