import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './io/exit.js';
import { VERSION } from './version.js';

type Opts = Record<string, unknown>;

/** Runs a command module loaded on demand, so `headroom --version` loads only commander. */
function lazy<A extends unknown[]>(
  load: () => Promise<{ run: (...args: [...A, Opts]) => Promise<number> }>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const operands = args.slice(0, -2) as A;
    const mod = await load();
    process.exitCode = await mod.run(...operands, command.optsWithGlobals());
  };
}

const storeOption = () =>
  new Option('--store <url>', 'store URL: memory, sqlite:PATH, redis://HOST:PORT[/DB]');
const jsonOption = () => new Option('--json', 'print one JSON document on stdout');
const proxyOption = () =>
  new Option(
    '--proxy <url>',
    'headroom proxy URL (default $HEADROOM_PROXY_URL or http://127.0.0.1:$HEADROOM_PORT)',
  );
const progressOptions = (c: Command) =>
  c.option('--progress', 'force the progress bar').option('--no-progress', 'never draw a progress bar');

export function buildProgram(): Command {
  const program = new Command('headroom')
    .description('Headroom: the context-optimization layer for LLM apps')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--config <path>', 'config file (default $HEADROOM_HOME/config.json)')
    .option('-q, --quiet', 'no summaries on stderr')
    .option('--verbose', 'print stack traces on errors')
    .option('--no-color', 'no colour')
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(`headroom: ${message.replace(/^error: /, '')}`),
    });

  progressOptions(
    program
      .command('compress')
      .description('compress a tool output, file or stdin; originals go to the store for `retrieve`')
      .argument('[files...]', 'input FILE(s), or - for stdin (the default)')
      .option('--query <text>', 'what the reader is looking for: relevant items are kept')
      .option('--type <type>', 'auto|json|search|log|diff|code|text', 'auto')
      .option('--language <lang>', 'code language hint (python, typescript, go, …)')
      .option('--lossless', 'no lossy transforms and no markers')
      .option('--out-dir <dir>', 'batch mode: write each result to DIR/<basename>')
      .addOption(jsonOption())
      .addOption(storeOption()),
  ).action(lazy(() => import('./commands/compress.js')));

  program
    .command('retrieve')
    .description('print the exact original behind a CCR hash')
    .argument('<hash>', 'the hash from a <<ccr:HASH …>> marker or compress --json')
    .addOption(storeOption())
    .addOption(new Option('--proxy <url>', "on a miss, also ask this proxy's /v1/retrieve"))
    .action(lazy(() => import('./commands/retrieve.js')));

  program
    .command('pipeline')
    .description('run the default pipeline over a {messages, system?, tools?, model?} request')
    .argument('[file]', 'the request JSON, or - for stdin')
    .option('--model <model>', 'tokenizer and context limit (default: the input model, else gpt-4o)')
    .option('--max-tokens <n>', 'context budget the context manager enforces')
    .addOption(jsonOption())
    .addOption(storeOption())
    .action(lazy(() => import('./commands/pipeline.js')));

  program
    .command('proxy')
    .description('run the Headroom proxy in the foreground')
    .option('--port <port>', 'port (0 picks a free one; default $HEADROOM_PORT or 8787)')
    .option('--host <host>', 'bind address (default 127.0.0.1)')
    .option('--anthropic-upstream <url>', 'Anthropic API origin')
    .option('--openai-upstream <url>', 'OpenAI API origin')
    .addOption(storeOption())
    .option('--mode <mode>', 'cache|lossless|passthrough')
    .option('--allow-remote', 'allow a non-loopback bind (needs --proxy-token-file)')
    .option('--remote-metrics', 'serve /metrics to remote callers with the token')
    .option('--proxy-token-file <path>', 'file holding the inbound token (at least 32 characters)')
    .option('--log-level <level>', 'error|warn|info|debug')
    .option('--log-file <path>', 'append the JSON log lines to a file (mode 0600) instead of stderr')
    .option(
      '--log-bodies <dir>',
      'debugging: write request bodies (redacted headers, mode 0600) to a directory',
    )
    .option('--exit-when-unleased', 'lease mode: exit once the last `headroom wrap` lease is gone')
    .option('--cache-aligner', 'move dynamic values (dates, ids) out of system prompts so caches hit')
    .option('--context-manager <name>', 'over the model limit: intelligent|rolling-window|none')
    .option('--print-config', 'print the effective config as JSON and exit')
    .action(lazy(() => import('./commands/proxy.js')));

  program
    .command('wrap')
    .description('run claude, codex or aider through a local proxy (started or reused)')
    .argument('<agent>', 'claude|codex|aider')
    .argument('[args...]', 'the agent arguments, after --')
    .option('--port <port>', 'proxy port (default $HEADROOM_PORT or 8787)')
    .option('--mode <mode>', 'cache|lossless|passthrough, for a proxy wrap starts')
    .addOption(storeOption())
    .option('--no-start', 'use a running proxy only')
    .option('--print-env', 'print the export lines and exit')
    .option('--bin <path>', 'the agent binary (default: found on PATH)')
    .addOption(jsonOption())
    .action(lazy(() => import('./commands/wrap.js')));

  program
    .command('mcp')
    .description('serve headroom_compress, headroom_retrieve and headroom_stats over stdio MCP')
    .addOption(storeOption())
    .addOption(proxyOption())
    .option('--print-config <client>', 'print a registration snippet for claude|codex|generic and exit')
    .action(lazy(() => import('./commands/mcp.js')));

  program
    .command('stats')
    .description("show savings from a running proxy, else the store's ledger")
    .addOption(proxyOption())
    .addOption(storeOption())
    .option('--days <n>', 'days of history', '7')
    .addOption(jsonOption())
    .action(lazy(() => import('./commands/stats.js')));

  progressOptions(
    program
      .command('bench')
      .description('run the bundled benchmark (seeded scenarios with planted needles)')
      .option('--suite <suite>', 'quick|standard', 'quick')
      .option('--filter <regex>', 'only scenarios whose name matches')
      .option('--iterations <n>', 'timed iterations per scenario (default 5 quick, 30 standard)')
      .addOption(jsonOption())
      .option('--out <file>', 'also write the JSON results to FILE'),
  ).action(lazy(() => import('./commands/bench.js')));

  program
    .command('doctor')
    .description('check the installation, engines, store, proxy and agent settings')
    .addOption(jsonOption())
    .addOption(proxyOption())
    .addOption(storeOption())
    .option('--strict', 'warnings fail too')
    .action(lazy(() => import('./commands/doctor.js')));

  return program;
}

/** Parses argv and runs one command; returns the exit code (cli.md §1) and never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      const quiet = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return quiet.includes(error.code) ? EXIT.ok : EXIT.usage;
    }
    const { reportError } = await import('./io/report.js');
    return reportError(error, program.opts().verbose === true || argv.includes('--verbose'));
  }
}
