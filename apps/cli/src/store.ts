import type { HeadroomStore } from '@headroom/store';
import { openStore, parseStoreUrl, redactStoreUrl, resolveStoreUrl } from '@headroom/store';
import { loadConfig } from './config.js';
import { CliError, messageOf } from './io/errors.js';

export interface StoreFlags {
  store?: string;
  config?: string;
}

/** `--store` > `HEADROOM_STORE` > config > `sqlite:$HEADROOM_HOME/store.db`; an unknown scheme exits 2. */
export function storeUrl(flags: StoreFlags): string {
  const url = resolveStoreUrl({ flag: flags.store, config: loadConfig(flags.config).store?.url });
  try {
    parseStoreUrl(url);
  } catch (error) {
    throw new CliError(messageOf(error), { exitCode: 2 });
  }
  return url;
}

const SILENT = { warn: () => {}, info: () => {} };

export interface OpenedStore {
  store: HeadroomStore;
  url: string;
  /** The URL for messages: passwords as `***`, the home directory as `~`. */
  shown: string;
}

export async function openCliStore(flags: StoreFlags, role: 'cli' | 'mcp' = 'cli'): Promise<OpenedStore> {
  const url = storeUrl(flags);
  // Commands report store health themselves, in one `headroom: …` line (cli.md §1).
  const store = await openStore(url, { role, logger: SILENT });
  return { store, url, shown: showUrl(url) };
}

export function showUrl(url: string): string {
  const home = process.env.HOME;
  const redacted = redactStoreUrl(url);
  return home ? redacted.replace(`sqlite:${home}/`, 'sqlite:~/') : redacted;
}

/** The store's reason for being down, for `store unavailable (<reason>)`. */
export function storeProblem(store: HeadroomStore): string | undefined {
  const health = store.health();
  if (health.ok) return undefined;
  return health.lastError ?? health.state;
}
