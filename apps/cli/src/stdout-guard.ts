import { Writable } from 'node:stream';

type WriteFn = typeof process.stdout.write;

let protocolWrite: WriteFn | undefined;

/** The first operand of argv (skipping global options): the command name. */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--config') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * For `headroom mcp`, stdout belongs to the JSON-RPC protocol (cli.md §9): console.log/info/debug
 * and any stray `process.stdout.write` — from libraries printing at import, say — go to stderr,
 * and only the writable from `protocolStdout()` reaches fd 1. Must run before any other import.
 */
export function installStdoutGuard(argv: readonly string[] = process.argv): void {
  if (commandOf(argv) !== 'mcp' || protocolWrite) return;
  // `mcp --help` and `mcp --print-config` print data and exit: no protocol runs.
  if (argv.some((a) => a === '-h' || a === '--help' || a.startsWith('--print-config'))) return;
  protocolWrite = process.stdout.write.bind(process.stdout) as WriteFn;
  const toStderr = process.stderr.write.bind(process.stderr) as WriteFn;
  process.stdout.write = toStderr;
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}

/** The writable the MCP transport writes to: the real stdout even after the guard. */
export function protocolStdout(): Writable {
  const write = protocolWrite ?? (process.stdout.write.bind(process.stdout) as WriteFn);
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      write(chunk, (error?: Error | null) => callback(error ?? null));
    },
  });
}
