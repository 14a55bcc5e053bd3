import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from './languages/index.js';
import { lastSegment } from './languages/spec.js';
import type { SourceLines } from './source-lines.js';

/** A function-like node with a block body: the unit of elision. */
export interface Unit {
  node: Node;
  body: Node;
  /** UTF-16 span of the node. */
  start: number;
  end: number;
  /** As written (`Foo::bar` in C++); `simpleName` is its last segment. */
  name: string | undefined;
  simpleName: string | undefined;
  startRow: number;
  endRow: number;
  bodyStartRow: number;
  bodyEndRow: number;
  /** Rows of the body, braces included. */
  bodyLines: number;
  /** The nearest enclosing unit. */
  parent: Unit | undefined;
}

export interface Scan {
  units: Unit[];
  /** Start offsets of the `try` statements (`spec.tryTypes`), in document order. */
  tries: number[];
}

/**
 * Every unit and `try` statement in document order, found in one pass inside the WASM runtime
 * (no JS tree walk).
 */
export function scanTree(root: Node, spec: LanguageSpec, src: SourceLines): Scan {
  const units: Unit[] = [];
  const tries: number[] = [];
  const tryTypes = new Set(spec.tryTypes);
  for (const node of root.descendantsOfType([...spec.functionTypes, ...spec.tryTypes])) {
    if (!node) continue;
    if (tryTypes.size > 0 && tryTypes.has(node.type)) {
      tries.push(node.startIndex);
      continue;
    }
    const body = spec.bodyOf(node);
    if (!body) continue;
    const name = spec.nameOf(node);
    const start = node.startIndex;
    const end = node.endIndex;
    const bodyStartRow = src.rowOf(body.startIndex);
    const bodyEndRow = src.lastRowOf(body.startIndex, body.endIndex);
    units.push({
      node,
      body,
      start,
      end,
      name,
      simpleName: name === undefined ? undefined : lastSegment(name),
      startRow: src.rowOf(start),
      endRow: src.lastRowOf(start, end),
      bodyStartRow,
      bodyEndRow,
      bodyLines: bodyEndRow - bodyStartRow + 1,
      parent: undefined,
    });
  }
  units.sort((a, b) => a.start - b.start || b.end - a.end);
  const open: Unit[] = [];
  for (const unit of units) {
    while (open.length > 0 && open[open.length - 1]!.end <= unit.start) open.pop();
    unit.parent = open[open.length - 1];
    open.push(unit);
  }
  return { units, tries: tries.sort((a, b) => a - b) };
}
