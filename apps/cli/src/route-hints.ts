import type { CodeLanguage } from '@headroom/core';
import type { RouteOptions } from '@headroom/router';
import { usageError } from './io/errors.js';

export const CONTENT_TYPES = ['auto', 'json', 'search', 'log', 'diff', 'code', 'text'] as const;
export type TypeFlag = (typeof CONTENT_TYPES)[number];

const LANGUAGE_EXT: Record<CodeLanguage, string> = {
  python: 'py',
  javascript: 'js',
  typescript: 'ts',
  tsx: 'tsx',
  go: 'go',
  rust: 'rs',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
};

export function parseType(value: string | undefined): TypeFlag {
  const type = (value ?? 'auto') as TypeFlag;
  if (!CONTENT_TYPES.includes(type))
    throw usageError(`unknown --type "${value}" (expected ${CONTENT_TYPES.join(', ')})`);
  return type;
}

export function parseLanguage(value: string | undefined): CodeLanguage | undefined {
  if (value === undefined) return undefined;
  const lang = value.toLowerCase() as CodeLanguage;
  if (!(lang in LANGUAGE_EXT))
    throw usageError(`unknown --language "${value}" (expected ${Object.keys(LANGUAGE_EXT).join(', ')})`);
  return lang;
}

/**
 * The router detects types itself and takes source hints (a path's extension, a grep tool's name)
 * as the strongest signal, so a forced `--type` and `--language` are expressed as those hints. A
 * FILE's own path is a hint in `auto` mode, as it is for an agent's Read tool.
 */
export function routeHints(type: TypeFlag, language: CodeLanguage | undefined, file?: string): RouteOptions {
  switch (type) {
    case 'json':
      return { filePath: 'input.json' };
    case 'log':
      return { filePath: 'input.log' };
    case 'diff':
      return { filePath: 'input.diff' };
    case 'search':
      return { toolName: 'Grep' };
    case 'code':
      return { filePath: `input.${LANGUAGE_EXT[language ?? 'typescript']}` };
    default:
      if (language) return { filePath: `input.${LANGUAGE_EXT[language]}` };
      return file !== undefined && file !== '-' ? { filePath: file } : {};
  }
}
