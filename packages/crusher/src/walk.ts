import { isJsonObject, type JsonObject, type JsonValue } from '@headroom/core';
import { isColumnar } from './columnar.js';
import { numberOf } from './field-stats.js';
import { crushMap } from './map-crush.js';
import { crushMixedArray } from './mixed-array.js';
import { crushObjectArray } from './object-array.js';
import { crushNumberArray, crushStringArray } from './scalar-arrays.js';
import type { WalkContext } from './walk-context.js';

const childPath = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function walkArray(array: readonly JsonValue[], path: string, depth: number, ctx: WalkContext): JsonValue {
  const n = array.length;
  const trivial = array.every((v) => Array.isArray(v) || typeof v === 'boolean' || v === null);
  if (n < ctx.config.minItemsToAnalyze || trivial) {
    let changed = false;
    const out = array.map((v, i) => {
      const w = walk(v, `${path}[${i}]`, depth + 1, ctx);
      if (w !== v) changed = true;
      return w;
    });
    return changed ? out : (array as JsonValue[]);
  }
  if (array.every((v) => isJsonObject(v) && !isColumnar(v)))
    return crushObjectArray(array as JsonObject[], path, ctx);
  if (array.every((v) => typeof v === 'string')) return crushStringArray(array as string[], path, ctx);
  if (array.every((v) => numberOf(v) !== undefined)) return crushNumberArray(array, path, ctx);
  return crushMixedArray(array, path, ctx);
}

function walkObject(obj: JsonObject, path: string, depth: number, ctx: WalkContext): JsonObject {
  if (isColumnar(obj)) return obj; // a table from an earlier pass: compressing again changes nothing
  let changed = false;
  const entries = Object.entries(obj).map(([k, v]): [string, JsonValue] => {
    const w = walk(v, childPath(path, k), depth + 1, ctx);
    if (w !== v) changed = true;
    return [k, w];
  });
  const next = changed ? Object.fromEntries(entries) : obj;
  return crushMap(next, path, ctx);
}

/** Walks a parsed value depth-first (≤ `maxDepth`) and compresses the arrays and maps it finds. */
export function walk(value: JsonValue, path: string, depth: number, ctx: WalkContext): JsonValue {
  if (depth > ctx.config.maxDepth) return value;
  if (Array.isArray(value)) return walkArray(value, path, depth, ctx);
  if (isJsonObject(value)) return walkObject(value, path, depth, ctx);
  return value;
}
