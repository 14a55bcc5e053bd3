import { isHeadroomError } from '@headroom/core';
import { createProxy, type ProxyHandle, VERSION } from '@headroom/proxy';
import { CliError, EXIT } from '../io/errors.js';
import { note, writeJson } from '../io/output.js';
import { type ProxyFlags, proxyConfig } from '../proxy-config.js';
import { showUrl } from '../store.js';

interface Flags extends ProxyFlags {
  printConfig?: boolean;
  quiet?: boolean;
}

function banner(handle: ProxyHandle): string {
  const c = handle.config;
  return [
    `headroom proxy ${VERSION} · ${handle.url} · mode ${c.mode} · store ${showUrl(c.store)}`,
    `  /v1/messages → ${c.anthropicUpstream}    /v1/chat/completions, /v1/responses → ${c.openaiUpstream}`,
    `  export ANTHROPIC_BASE_URL=${handle.url}`,
    `  export OPENAI_BASE_URL=${handle.url}/v1`,
    `  dashboard: ${handle.url}/dashboard`,
  ].join('\n');
}

/** Runs the proxy in the foreground until SIGINT/SIGTERM (drain, exit 0) or its own shutdown. */
export async function run(flags: Flags): Promise<number> {
  const config = proxyConfig(flags);
  if (flags.printConfig) {
    await writeJson({ ...config, ...(config.proxyToken ? { proxyToken: '***' } : {}) });
    return EXIT.ok;
  }
  let handle: ProxyHandle;
  try {
    handle = await createProxy(config);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      const url = `http://${config.host ?? '127.0.0.1'}:${config.port ?? 8787}`;
      throw new CliError(`port ${config.port ?? 8787} is in use — another headroom proxy? see ${url}/health`);
    }
    if (isHeadroomError(error, 'INVALID_CONFIG')) throw new CliError(error.message, { exitCode: EXIT.usage });
    throw error;
  }
  if (!flags.quiet) note(banner(handle));
  const stop = () => void handle.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await handle.closed;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return EXIT.ok;
}
