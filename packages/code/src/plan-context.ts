import type { CodeCompressorConfig } from '@headroom/core';
import type { Node } from 'web-tree-sitter';
import type { LineEdit } from './edits.js';
import type { LanguageSpec } from './languages/index.js';
import type { QueryTerms } from './query-terms.js';
import type { SourceLines } from './source-lines.js';
import type { Unit } from './units.js';

const FREE = 0;
const EDITED = 1;
const PROTECTED = 2;

/** A `try` and the start of the function it belongs to (-1 at module level). */
export interface TryStatement {
  start: number;
  functionStart: number;
}

/** A named child of a block or container, with its span and rows. */
export interface Item {
  node: Node;
  type: string;
  start: number;
  end: number;
  startRow: number;
  endRow: number;
  lines: number;
  comment: boolean;
}

/** What every planning step shares: the source, the language, the config and the rows taken so far. */
export class PlanContext {
  /** Per row: FREE, EDITED (an edit replaces it) or PROTECTED (query match, syntax error nearby). */
  readonly rows: Uint8Array;
  readonly edits: LineEdit[] = [];
  private readonly itemCache = new Map<number, Item[]>();
  private tries: TryStatement[] | undefined;

  constructor(
    readonly src: SourceLines,
    readonly spec: LanguageSpec,
    readonly config: CodeCompressorConfig,
    readonly query: QueryTerms,
    private readonly units: readonly Unit[],
    private readonly tryStarts: readonly number[],
  ) {
    this.rows = new Uint8Array(src.count);
  }

  isFree(from: number, to = from): boolean {
    for (let r = from; r <= to; r++) if (this.rows[r] !== FREE) return false;
    return true;
  }

  protect(from: number, to: number): void {
    this.rows.fill(PROTECTED, from, to + 1);
  }

  add(edit: LineEdit): void {
    this.edits.push(edit);
    this.rows.fill(EDITED, edit.from, edit.to + 1);
  }

  /** `<indent><comment> [text]`: the one shape of every line we insert. */
  note(indent: string, text: string): string {
    return `${indent}${this.spec.lineComment} [${text}]`;
  }

  /** `try` statements starting inside `[start, end)`, with the function each belongs to. */
  triesWithin(start: number, end: number): TryStatement[] {
    this.tries ??= this.tryStarts.map((t) => ({ start: t, functionStart: this.enclosingFunctionStart(t) }));
    const out: TryStatement[] = [];
    for (const t of this.tries) if (t.start > start && t.start < end) out.push(t);
    return out;
  }

  /** Start of the innermost unit around `index` (units are sorted by start), or -1. */
  private enclosingFunctionStart(index: number): number {
    let found = -1;
    for (const u of this.units) {
      if (u.start > index) break;
      if (u.end > index) found = u.start;
    }
    return found;
  }

  /** Named children of a block or container in order, statement lists (Go) flattened. */
  items(parent: Node): Item[] {
    const cached = this.itemCache.get(parent.id);
    if (cached) return cached;
    const out: Item[] = [];
    const push = (node: Node) => {
      const start = node.startIndex;
      const end = node.endIndex;
      const startRow = this.src.rowOf(start);
      const endRow = this.src.lastRowOf(start, end);
      const type = node.type;
      const comment = this.spec.commentTypes.has(type);
      out.push({ node, type, start, end, startRow, endRow, lines: endRow - startRow + 1, comment });
    };
    for (const child of parent.namedChildren) {
      if (!child) continue;
      if (this.spec.statementListTypes.size > 0 && this.spec.statementListTypes.has(child.type)) {
        for (const inner of child.namedChildren) if (inner) push(inner);
      } else push(child);
    }
    if (out.length > 1 && this.spec.statementListTypes.size > 0) out.sort((a, b) => a.start - b.start);
    this.itemCache.set(parent.id, out);
    return out;
  }
}
