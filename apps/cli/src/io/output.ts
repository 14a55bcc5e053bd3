/**
 * stdout carries only data (cli.md §1). Writes go through here so the MCP guard in bin.ts can
 * swap the data writer, and so callers wait for the pipe to drain before exiting.
 */
export function writeOut(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

export function writeJson(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value)}\n`);
}

/** Diagnostics, summaries and warnings: always stderr. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function warn(message: string): void {
  note(`headroom: ${message}`);
}
