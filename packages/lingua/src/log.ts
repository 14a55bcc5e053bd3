/** Where the package's actionable lines go; never stdout, which MCP servers use for the protocol. */
export type LinguaLog = (line: string) => void;

export const stderrLog: LinguaLog = (line) => {
  process.stderr.write(`[headroom:lingua] ${line}\n`);
};

const reported = new WeakSet<object>();

/** Logs each of `lines` once per `owner` (a failed load, a loaded model), however many calls see it. */
export function reportOnce(owner: object, lines: readonly string[], log: LinguaLog): void {
  if (reported.has(owner)) return;
  reported.add(owner);
  for (const line of lines) log(line);
}
