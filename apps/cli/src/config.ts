import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headroomHome } from '@headroom/store';
import { CliError, messageOf } from './io/errors.js';

/** `~/.headroom/config.json`, shared with the proxy: flags > env > this file > defaults. */
export interface FileConfig {
  cli?: Record<string, unknown>;
  proxy?: Record<string, unknown>;
  store?: { url?: string };
}

/** The config file named by `--config`, else `$HEADROOM_HOME/config.json` when it exists. */
export function loadConfig(path: string | undefined): FileConfig {
  const file = path ?? join(headroomHome(), 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (path === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`cannot read config ${file}: ${messageOf(error)}`, { exitCode: 2 });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as FileConfig;
  } catch (error) {
    throw new CliError(`config ${file} is not a JSON object: ${messageOf(error)}`, { exitCode: 2 });
  }
}
