import { isCcrHash, isHeadroomError } from '@headroom/core';
import type { HeadroomStore } from '@headroom/store';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { compressOne } from '../compress-one.js';
import { getJson, request } from '../io/http.js';
import { CONTENT_TYPES, routeHints } from '../route-hints.js';
import { CompressJsonSchema } from '../schemas.js';
import { storeProblem } from '../store.js';
import { VERSION } from '../version.js';

export interface McpDeps {
  store: HeadroomStore;
  storeKind: string;
  proxyUrl: string;
}

const COMPRESS_HELP =
  'Compress a large tool output, file content or search result before reading it: JSON arrays, logs, grep ' +
  'matches, diffs, code and prose shrink while errors, outliers and query matches are kept. Omitted parts ' +
  'are stored for 7 days; their <<ccr:HASH …>> markers can be expanded with headroom_retrieve.';
const RETRIEVE_HELP =
  'Return the exact original behind a <<ccr:HASH …>> marker. Use only when a detail you need was omitted ' +
  'from a compressed output.';
const STATS_HELP =
  'Compression counters of this session, the store and the local Headroom proxy (if running).';

function text(value: string, isError = false) {
  return { content: [{ type: 'text' as const, text: value }], ...(isError ? { isError: true } : {}) };
}

/** The three Headroom tools on an McpServer (cli.md §9); the caller connects the transport. */
export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer({ name: 'headroom', version: VERSION });
  const session = { compressions: 0, tokensBefore: 0, tokensAfter: 0, retrievals: 0, misses: 0 };

  server.registerTool(
    'headroom_compress',
    {
      title: 'Compress content',
      description: COMPRESS_HELP,
      inputSchema: {
        content: z.string(),
        query: z.string().optional(),
        type: z.enum(CONTENT_TYPES).optional(),
      },
      outputSchema: CompressJsonSchema.shape,
    },
    async ({ content, query, type }) => {
      const lossless = storeProblem(deps.store) !== undefined;
      const result = await compressOne(content, {
        store: deps.store,
        lossless,
        ...(query ? { query } : {}),
        ...routeHints(type ?? 'auto', undefined),
      });
      session.compressions++;
      session.tokensBefore += result.tokensBefore;
      session.tokensAfter += result.tokensAfter;
      return { ...text(JSON.stringify(result)), structuredContent: result };
    },
  );

  server.registerTool(
    'headroom_retrieve',
    { title: 'Retrieve an original', description: RETRIEVE_HELP, inputSchema: { hash: z.string() } },
    async ({ hash }) => {
      const miss = `No stored original for hash ${hash} (unknown or expired). Re-run the tool that produced it.`;
      if (!isCcrHash(hash)) return text(`Not a Headroom hash: ${hash}`, true);
      let original: string | undefined;
      try {
        original = (await deps.store.get(hash))?.original;
      } catch (error) {
        if (!isHeadroomError(error, 'STORE_UNAVAILABLE')) throw error;
      }
      if (original === undefined) {
        const res = await request(`${deps.proxyUrl}/v1/retrieve/${hash}`, { timeoutMs: 2000 });
        if (res?.ok) original = await res.text();
      }
      if (original === undefined) {
        session.misses++;
        return text(miss, true);
      }
      session.retrievals++;
      return text(original);
    },
  );

  server.registerTool(
    'headroom_stats',
    { title: 'Headroom statistics', description: STATS_HELP },
    async () => {
      const health = deps.store.health();
      const stats = health.ok ? await deps.store.stats().catch(() => undefined) : undefined;
      const proxy = await getJson(`${deps.proxyUrl}/stats`, 1000);
      return text(
        JSON.stringify({
          session,
          store: {
            kind: deps.storeKind,
            ok: health.ok,
            entries: stats?.entries ?? 0,
            bytes: stats?.bytes ?? 0,
          },
          proxy: proxy ?? null,
        }),
      );
    },
  );

  return server;
}
