import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { EXIT, usageError } from '../io/errors.js';
import { proxyUrl } from '../io/http.js';
import { writeOut } from '../io/output.js';
import { createMcpServer } from '../mcp/server.js';
import { protocolStdout } from '../stdout-guard.js';
import { openCliStore } from '../store.js';

export interface McpFlags {
  store?: string;
  proxy?: string;
  printConfig?: string;
  config?: string;
}

const SNIPPETS: Record<string, string> = {
  claude: 'claude mcp add headroom -- headroom mcp\n',
  codex: '[mcp_servers.headroom]\ncommand = "headroom"\nargs = ["mcp"]\n',
  generic: `${JSON.stringify({ mcpServers: { headroom: { command: 'headroom', args: ['mcp'] } } }, null, 2)}\n`,
};

/** Serves MCP on stdio until stdin closes (exit 0). */
export async function run(flags: McpFlags): Promise<number> {
  if (flags.printConfig !== undefined) {
    const snippet = SNIPPETS[flags.printConfig];
    if (snippet === undefined)
      throw usageError(`unknown client "${flags.printConfig}" (expected claude, codex or generic)`);
    await writeOut(snippet);
    return EXIT.ok;
  }
  const opened = await openCliStore(flags, 'mcp');
  const server = createMcpServer({
    store: opened.store,
    storeKind: opened.url.split(':', 1)[0] ?? 'unknown',
    proxyUrl: proxyUrl(flags.proxy),
  });
  const transport = new StdioServerTransport(process.stdin, protocolStdout());
  const closed = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
  await opened.store.close();
  return EXIT.ok;
}
