import { createRequire } from 'node:module';
import { getTokenizer } from '@headroom/core';
import { VERSION } from '../../version.js';
import { type Check, result } from '../check.js';

const MIN_NODE = [20, 19] as const;
const require = createRequire(import.meta.url);

export const nodeCheck: Check = async () => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? result('node', 'ok', `Node ${process.versions.node}`)
    : result(
        'node',
        'fail',
        `Node ${process.versions.node} is older than 20.19`,
        'install Node 20.19 or newer (nodejs.org, nvm, fnm)',
      );
};

const REQUIRED = ['@headroom/core', '@headroom/router', '@headroom/store'];

export const packagesCheck: Check = async () => {
  const problems: string[] = [];
  for (const name of REQUIRED) {
    try {
      await import(name);
      const { version } = require(`${name}/package.json`) as { version: string };
      if (version.split('.').slice(0, 2).join('.') !== VERSION.split('.').slice(0, 2).join('.')) {
        problems.push(`${name} ${version} ≠ headroom ${VERSION}`);
      }
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message.split('\n', 1)[0]}`);
    }
  }
  return problems.length === 0
    ? result('packages', 'ok', `${REQUIRED.join(', ')} load (${VERSION})`)
    : result(
        'packages',
        'fail',
        problems.join('; '),
        'reinstall: npm i -g headroom (or pnpm install in the repository)',
      );
};

export const tokenizerCheck: Check = async () => {
  try {
    const n = getTokenizer('gpt-4o').count('headroom doctor tokenizer probe');
    if (n > 0) return result('tokenizer', 'ok', `o200k_base counts a sample (${n} tokens)`);
    return result('tokenizer', 'fail', 'tokenizer counted 0 tokens', 'reinstall @headroom/core');
  } catch (error) {
    return result(
      'tokenizer',
      'fail',
      `BPE ranks do not load: ${(error as Error).message}`,
      'reinstall @headroom/core',
    );
  }
};
