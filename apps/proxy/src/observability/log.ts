import { appendFileSync } from 'node:fs';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export type LogSink = (line: string) => void;

/**
 * JSON-lines logger. Callers pass only allowlisted fields: never keys, bodies, query strings or
 * header values beyond `user-agent`, `anthropic-version`, `anthropic-beta` (proxy.md §11).
 */
export class Logger {
  constructor(
    private readonly level: LogLevel,
    private readonly sink: LogSink,
  ) {}

  static to(level: LogLevel, file: string | undefined, sink?: LogSink): Logger {
    if (sink) return new Logger(level, sink);
    if (file) return new Logger(level, (line) => appendFileSync(file, `${line}\n`, { mode: 0o600 }));
    return new Logger(level, (line) => process.stderr.write(`${line}\n`));
  }

  log(level: LogLevel, fields: Record<string, unknown>): void {
    if (RANK[level] > RANK[this.level]) return;
    this.sink(JSON.stringify({ ts: new Date().toISOString(), level, ...fields }));
  }
}
