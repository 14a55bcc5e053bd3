import { CliError, EXIT, usageError } from '../io/errors.js';
import { getJson } from '../io/http.js';
import { note, writeJson, writeOut } from '../io/output.js';
import { compact } from '../io/tty.js';
import { storeUrl } from '../store.js';
import { agentEnv, inheritedUpstreams, parseAgent } from '../wrap/agents.js';
import { findBinary, runAgent } from '../wrap/launch.js';
import { releaseLease, takeLease } from '../wrap/leases.js';
import { ensureProxy } from '../wrap/proxy-manager.js';

export interface WrapFlags {
  port?: string;
  mode?: string;
  store?: string;
  start?: boolean;
  printEnv?: boolean;
  bin?: string;
  json?: boolean;
  quiet?: boolean;
  config?: string;
}

interface Totals {
  requests: number;
  before: number;
  after: number;
}

async function totals(proxy: string): Promise<Totals | undefined> {
  const s = (await getJson(`${proxy}/stats`, 2000)) as
    | { requests?: { total?: number }; tokens?: { before?: number; after?: number } }
    | undefined;
  if (!s) return undefined;
  return { requests: s.requests?.total ?? 0, before: s.tokens?.before ?? 0, after: s.tokens?.after ?? 0 };
}

function summary(agent: string, a: Totals, b: Totals, shared: boolean): string {
  const before = b.before - a.before;
  const after = b.after - a.after;
  const pct = before > 0 ? Math.round((100 * (before - after)) / before) : 0;
  const who = shared ? ' (shared proxy: includes other clients)' : '';
  return `headroom: ${b.requests - a.requests} requests · ${compact(before)} → ${compact(after)} tokens (−${pct} %) while ${agent} ran${who}`;
}

/** Starts or reuses a local proxy, runs the agent against it, and passes its exit code through. */
export async function run(agentName: string, args: string[], flags: WrapFlags): Promise<number> {
  const agent = parseAgent(agentName);
  const portText = flags.port ?? (process.env.HEADROOM_PORT || '8787');
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    throw usageError(`--port must be a port from 1 to 65535, got "${portText}"`);
  const bin = flags.printEnv ? undefined : findBinary(flags.bin ?? agent, process.env);
  if (!flags.printEnv && bin === undefined) {
    process.stderr.write(`headroom: ${flags.bin ?? agent}: command not found\n`);
    return EXIT.notFound;
  }
  const proxy = await ensureProxy({
    port,
    ...(flags.mode ? { mode: flags.mode } : {}),
    ...(flags.store ? { store: storeUrl(flags) } : {}),
    noStart: flags.start === false,
    upstreams: inheritedUpstreams(process.env),
  });
  const env = agentEnv(agent, proxy.url);
  if (flags.printEnv) {
    if (flags.json) await writeJson({ proxy: proxy.url, env });
    else
      await writeOut(
        Object.entries(env)
          .map(([k, v]) => `export ${k}=${v}\n`)
          .join(''),
      );
    return EXIT.ok;
  }
  if (!(await takeLease(proxy.url, agent)) && proxy.started) {
    throw new CliError(`the proxy at ${proxy.url} refused a lease`);
  }
  const before = await totals(proxy.url);
  try {
    const code = await runAgent(bin as string, args, { ...process.env, ...env });
    const after = await totals(proxy.url);
    if (before && after && !flags.quiet) note(summary(agent, before, after, !proxy.started));
    return code;
  } finally {
    await releaseLease(proxy.url);
  }
}
