/** Whether stdout and stderr are both terminals; `HEADROOM_FORCE_TTY=1` is the test hook (cli.md §1). */
export function isInteractive(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.HEADROOM_FORCE_TTY === '1') return true;
  return Boolean(process.stdout.isTTY && process.stderr.isTTY);
}

/** Progress bars: on a TTY, without --json and outside CI, unless --progress/--no-progress says otherwise. */
export function showProgress(opts: { json?: boolean; progress?: boolean }, env = process.env): boolean {
  if (opts.progress !== undefined) return opts.progress;
  if (opts.json) return false;
  if (env.CI && env.HEADROOM_FORCE_TTY !== '1') return false;
  return isInteractive(env);
}

/** Colour on a TTY only; NO_COLOR wins, FORCE_COLOR forces it on. */
export function useColor(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isInteractive(env);
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `12.3k`, `4.5M`: compact token counts for summaries. */
export function compact(n: number): string {
  if (Math.abs(n) >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (Math.abs(n) >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return formatInt(n);
}
