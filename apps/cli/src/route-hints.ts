import { CodeLanguage } from '@headroom/core';
import type { RouteOptions } from '@headroom/router';
import { usageError } from './io/errors.js';

export const CONTENT_TYPES = ['auto', 'json', 'search', 'log', 'diff', 'code', 'text'] as const;
export type TypeFlag = (typeof CONTENT_TYPES)[number];

export function parseType(value: string | undefined): TypeFlag {
  const type = (value ?? 'auto') as TypeFlag;
  if (!CONTENT_TYPES.includes(type))
    throw usageError(`unknown --type "${value}" (expected ${CONTENT_TYPES.join(', ')})`);
  return type;
}

export function parseLanguage(value: string | undefined): CodeLanguage | undefined {
  if (value === undefined) return undefined;
  const lang = CodeLanguage.safeParse(value.toLowerCase());
  if (!lang.success)
    throw usageError(`unknown --language "${value}" (expected ${CodeLanguage.options.join(', ')})`);
  return lang.data;
}

/**
 * `--type` forces the router's content type (no detection); `--language` alone means code. In
 * `auto` mode a FILE's own path is a hint, as it is for an agent's Read tool.
 */
export function routeHints(type: TypeFlag, language: CodeLanguage | undefined, file?: string): RouteOptions {
  if (type !== 'auto') return { contentType: type, ...(language ? { language } : {}) };
  if (language) return { contentType: 'code', language };
  return file !== undefined && file !== '-' ? { filePath: file } : {};
}
