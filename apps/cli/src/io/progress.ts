import cliProgress from 'cli-progress';
import { showProgress } from './tty.js';

export interface Progress {
  increment(label?: string): void;
  stop(): void;
}

const NONE: Progress = { increment: () => {}, stop: () => {} };

/** A cli-progress bar on stderr, or nothing when not interactive (cli.md §1). */
export function startProgress(total: number, opts: { json?: boolean; progress?: boolean }): Progress {
  if (!showProgress(opts)) return NONE;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} {label}',
      noTTYOutput: true,
      notTTYSchedule: 200,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    increment: (label = '') => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
