import { CliError, EXIT, usageError } from '../io/errors.js';
import { getJson, proxyUrl } from '../io/http.js';
import { writeJson, writeOut } from '../io/output.js';
import { formatLedger, formatProxyStats, type ProxyStats } from '../stats-format.js';
import { openCliStore, storeProblem } from '../store.js';

export interface StatsFlags {
  proxy?: string;
  store?: string;
  days?: string;
  json?: boolean;
  config?: string;
}

/** The proxy's `/stats` when one runs, else the store's daily ledger (cli.md §6). */
export async function run(flags: StatsFlags): Promise<number> {
  const days = Number(flags.days ?? '7');
  if (!Number.isSafeInteger(days) || days <= 0)
    throw usageError(`--days must be a positive integer, got "${flags.days}"`);
  const url = proxyUrl(flags.proxy);
  if (flags.store === undefined) {
    const stats = await getJson(`${url}/stats`, 2000);
    if (stats !== undefined) {
      if (flags.json) await writeJson({ source: 'proxy', url, stats });
      else await writeOut(`${formatProxyStats(url, stats as ProxyStats)}\n`);
      return EXIT.ok;
    }
    if (flags.proxy !== undefined) throw new CliError(`no running proxy at ${url}`);
  }
  const opened = await openCliStore(flags);
  try {
    const problem = storeProblem(opened.store);
    const report =
      problem === undefined ? await opened.store.ledger.read({ days }).catch(() => undefined) : undefined;
    if (report === undefined) {
      const prefix = flags.store === undefined ? `no running proxy at ${url} and ` : '';
      throw new CliError(`${prefix}store ${opened.shown} unavailable${problem ? ` (${problem})` : ''}`);
    }
    if (flags.json) {
      const day = (d: (typeof report.days)[number]) => ({
        date: d.date,
        requests: d.requests,
        tokensBefore: d.tokensBefore,
        tokensAfter: d.tokensAfter,
        tokensSaved: d.tokensBefore - d.tokensAfter,
        providerTokensSaved: d.providerSaved,
      });
      await writeJson({
        source: 'store',
        store: opened.shown,
        lifetime: report.lifetime,
        days: report.days.map(day),
      });
    } else await writeOut(`${formatLedger(opened.shown, report)}\n`);
    return EXIT.ok;
  } finally {
    await opened.store.close();
  }
}
