import { isJsonObject, type JsonObject, type JsonValue } from '@headroom/core';

/** A Headroom table: `{"_columns": [...], "_rows": [[...]], "_ccr"?: marker}`. */
export function isColumnar(
  value: unknown,
): value is { _columns: string[]; _rows: JsonValue[][]; _ccr?: string } {
  // Asked of every row of every object array: rule out plain rows before listing their keys.
  if (!isJsonObject(value) || !Object.hasOwn(value, '_columns')) return false;
  const keys = Object.keys(value);
  return (
    keys[0] === '_columns' &&
    keys[1] === '_rows' &&
    (keys.length === 2 || (keys.length === 3 && keys[2] === '_ccr')) &&
    Array.isArray(value._columns) &&
    Array.isArray(value._rows)
  );
}

/** The shared key sequence of ≥ 2 plain objects, or undefined when any row differs. */
export function sharedKeys(rows: readonly JsonValue[]): string[] | undefined {
  const first = rows[0];
  if (rows.length < 2 || !isJsonObject(first)) return undefined;
  const keys = Object.keys(first);
  if (keys.length === 0) return undefined;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (!isJsonObject(row)) return undefined;
    let k = 0;
    for (const key in row) {
      if (key !== keys[k++]) return undefined;
    }
    if (k !== keys.length) return undefined;
  }
  return keys;
}

/** Bytes a row loses in the columnar form: its keys, quotes and colons. */
export function keyOverhead(keys: readonly string[]): number {
  let n = 0;
  for (const k of keys) n += JSON.stringify(k).length + 1;
  return n;
}

/** Bytes of the columnar form of rows whose compact lengths sum to `rowBytes`. */
export function columnarBytes(keys: readonly string[], count: number, rowBytes: number): number {
  const header = `{"_columns":${JSON.stringify(keys)},"_rows":[`.length + 2;
  return header + rowBytes - count * keyOverhead(keys) + Math.max(0, count - 1);
}

/** Bytes of a plain array of rows whose compact lengths sum to `rowBytes`. */
export function rowsBytes(count: number, rowBytes: number): number {
  return 2 + rowBytes + Math.max(0, count - 1);
}

export function toColumnar(keys: readonly string[], rows: readonly JsonObject[]): JsonObject {
  return { _columns: [...keys], _rows: rows.map((row) => keys.map((k) => row[k]!)) };
}

/** Restores every Headroom table in a value to its rows (the inverse of the columnar form). */
export function expandColumnar(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(expandColumnar);
  if (!isJsonObject(value)) return value;
  if (isColumnar(value)) {
    const rows: JsonValue[] = value._rows.map((cells) =>
      Object.fromEntries(value._columns.map((k, i) => [k, cells[i]!])),
    );
    if (value._ccr !== undefined) rows.push({ _ccr: value._ccr });
    return rows;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandColumnar(v)]));
}
