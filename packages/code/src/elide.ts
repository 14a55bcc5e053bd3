import type { Node } from 'web-tree-sitter';
import { calleesIn } from './callees.js';
import { docstringEdit } from './docstrings.js';
import type { LineEdit } from './edits.js';
import type { Item, PlanContext } from './plan-context.js';

/** Error handlers and query calls keep their header; their inner blocks are elided this deep. */
const MAX_DEPTH = 3;
const JUMP = /^[\s{]*(?:return|throw|raise|continue|break)\b/;

/** `if (!x) return null;`, `if err != nil { return err }`: a short if that only leaves. */
function isGuard(item: Item, ctx: PlanContext): boolean {
  if (item.lines > 3) return false;
  const ifNode = ctx.spec.ifOf(item.node, item.type);
  if (!ifNode || ifNode.childForFieldName('alternative')) return false;
  const consequence = ifNode.childForFieldName('consequence');
  return consequence !== null && JUMP.test(consequence.text);
}

/** A loop, `with` or branch holding a `try` of its own function (not of a nested one): its skeleton stays. */
function holdsTry(item: Item, ctx: PlanContext): boolean {
  if (item.lines < 2) return false;
  for (const t of ctx.triesWithin(item.start, item.end)) if (t.functionStart < item.start) return true;
  return false;
}

function mustKeep(item: Item, ctx: PlanContext): boolean {
  if (
    ctx.config.preserveErrorHandlers &&
    (ctx.spec.isErrorHandler(item.node, item.type) || holdsTry(item, ctx))
  )
    return true;
  if (isGuard(item, ctx)) return true;
  return !ctx.query.isEmpty && ctx.query.callsIn(ctx.src.text.slice(item.start, item.end));
}

/** The blocks directly under a kept compound statement (try body, except/catch/finally, if branches). */
function innerBlocks(node: Node, ctx: PlanContext): Node[] {
  const out: Node[] = [];
  const stack: [Node, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    for (const child of n.namedChildren) {
      if (!child) continue;
      if (ctx.spec.blockTypes.has(child.type)) out.push(child);
      else if (depth < 3 && !ctx.spec.functionTypes.includes(child.type)) stack.push([child, depth + 1]);
    }
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/** Decides which items stay: a leading run within `limit` lines, plus everything that must stay. */
function chooseKept(
  items: readonly Item[],
  limit: number,
  docIndex: number,
  ctx: PlanContext,
  inner: Node[],
) {
  const keep = new Array<boolean>(items.length).fill(false);
  let used = 0;
  let open = true;
  let prologue = true;
  let lastStatement = -1;
  items.forEach((item, i) => {
    if (item.comment) return;
    lastStatement = i;
    if (i === docIndex) {
      keep[i] = true;
      return;
    }
    if (prologue && ctx.spec.isPrologue?.(item.node)) {
      keep[i] = true;
      return;
    }
    prologue = false;
    if (ctx.spec.isStructural(item.node, item.type)) keep[i] = true;
    else if (mustKeep(item, ctx)) {
      keep[i] = true;
      if (item.lines > 1) inner.push(item.node);
    } else if (open && used + item.lines <= limit) {
      keep[i] = true;
      used += item.lines;
    } else open = false;
  });
  const last = items[lastStatement];
  if (last && !keep[lastStatement] && last.lines === 1 && ctx.spec.isFinalReturn(last.node, last.type))
    keep[lastStatement] = true;
  return keep;
}

/** A comment follows the statement it trails on the same row, else the statement after it. */
function attachComments(items: readonly Item[], keep: boolean[]): void {
  let prev = -1;
  const nextStatement = new Array<number>(items.length).fill(-1);
  for (let i = items.length - 1, next = -1; i >= 0; i--) {
    nextStatement[i] = next;
    if (!items[i]!.comment) next = i;
  }
  items.forEach((item, i) => {
    if (!item.comment) {
      prev = i;
      return;
    }
    const next = nextStatement[i]!;
    if (prev >= 0 && items[prev]!.endRow === item.startRow) keep[i] = keep[prev]!;
    else if (next >= 0) keep[i] = keep[next]!;
    else keep[i] = prev >= 0 ? keep[prev]! : true;
  });
}

/** Rows are elided whole: an omitted item sharing a row with a kept one stays. */
function keepSharedRows(items: readonly Item[], keep: boolean[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i + 1 < items.length; i++) {
      if (items[i]!.endRow >= items[i + 1]!.startRow && keep[i] !== keep[i + 1]) {
        keep[i] = true;
        keep[i + 1] = true;
        changed = true;
      }
    }
  }
}

interface Run {
  first: number;
  last: number;
}

/** Runs of omitted items that start and end their rows, span ≥ 2 rows, and touch no taken row. */
function omittedRuns(items: readonly Item[], keep: boolean[], ctx: PlanContext): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < items.length; ) {
    if (keep[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && !keep[j + 1]) j++;
    let first = i;
    let last = j;
    while (first <= last && !ctx.src.startsLine(items[first]!.start)) keep[first++] = true;
    while (last >= first && !ctx.src.endsLine(items[last]!.end)) keep[last--] = true;
    if (first <= last) {
      const from = items[first]!.startRow;
      const to = items[last]!.endRow;
      if (to - from + 1 >= 2 && ctx.isFree(from, to)) runs.push({ first, last });
      else for (let k = first; k <= last; k++) keep[k] = true;
    }
    i = j + 1;
  }
  return runs;
}

/** The indentation of a run's first statement (a comment may sit at any column). */
function runIndent(items: readonly Item[], run: Run, ctx: PlanContext): string {
  for (let k = run.first; k <= run.last; k++) {
    if (!items[k]!.comment) return ctx.src.indentOf(items[k]!.startRow);
  }
  return ctx.src.indentOf(items[run.first]!.startRow);
}

function runEdit(items: readonly Item[], run: Run, ctx: PlanContext, owner: string | undefined): LineEdit {
  const { src, spec } = ctx;
  const from = items[run.first]!.startRow;
  const to = items[run.last]!.endRow;
  // Comments mention calls that do not happen: only statements count.
  const code: string[] = [];
  for (let k = run.first; k <= run.last; k++) {
    const item = items[k]!;
    if (!item.comment) code.push(src.text.slice(item.start, item.end));
  }
  const calls = calleesIn(code.join('\n'), spec.keywords);
  const text = `${to - from + 1} lines omitted${calls.length > 0 ? `; calls: ${calls.join(', ')}` : ''}`;
  return { from, to, lines: [ctx.note(runIndent(items, run, ctx), text)], kind: 'body', owner };
}

/**
 * Elides a block's statements in place: keeps a leading run within `limit` lines, nested
 * declarations, error handlers and guard clauses (their own blocks elided one level down), calls
 * the query names and a final one-line return; each run of the rest becomes one comment line.
 * A statement is never cut in half. Returns whether anything was omitted.
 */
export function elideBlock(
  block: Node,
  limit: number,
  ctx: PlanContext,
  owner: string | undefined,
  depth = 0,
): boolean {
  const items = ctx.items(block);
  if (items.length === 0) return false;
  const doc = depth === 0 ? (ctx.spec.docstringOf?.(block) ?? null) : null;
  const docIndex = doc ? items.findIndex((it) => it.start === doc.startIndex) : -1;
  const inner: Node[] = [];
  const keep = chooseKept(items, limit, docIndex, ctx, inner);
  attachComments(items, keep);
  keepSharedRows(items, keep);
  const runs = omittedRuns(items, keep, ctx);
  const edits = runs.map((run) => runEdit(items, run, ctx, owner));

  let keptStatements = 0;
  items.forEach((item, i) => {
    if (keep[i] && !item.comment && i !== docIndex) keptStatements++;
  });
  let docKept = false;
  if (docIndex >= 0) {
    const docEdit = docstringEdit(items[docIndex]!, ctx, keptStatements === 0 && runs.length === 0);
    if (docEdit) ctx.add(docEdit);
    docKept = ctx.config.docstringMode !== 'remove' || docEdit === undefined;
  }
  const placeholder = ctx.spec.emptyBody;
  const lastEdit = edits[edits.length - 1];
  if (keptStatements === 0 && !docKept && placeholder !== undefined && lastEdit) {
    lastEdit.lines.push(runIndent(items, runs[runs.length - 1]!, ctx) + placeholder);
  }
  for (const edit of edits) ctx.add(edit);
  if (depth < MAX_DEPTH) {
    for (const node of inner)
      for (const b of innerBlocks(node, ctx)) elideBlock(b, limit, ctx, owner, depth + 1);
  }
  return edits.length > 0;
}
