import type { Node } from 'web-tree-sitter';
import { docstringEdit } from './docstrings.js';
import type { Item, PlanContext } from './plan-context.js';

const IMPORT_BLOCK_LINES = 10;
const IMPORT_KEEP_LINES = 3;
const COMMENT_KEEP_LINES = 2;

/** The root and every container under it (class bodies, namespaces, impls, preprocessor blocks). */
function containersOf(root: Node, ctx: PlanContext): Node[] {
  const out: Node[] = [];
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const container = queue[i]!;
    out.push(container);
    for (const item of ctx.items(container)) queue.push(...ctx.spec.nestedContainers(item.node, item.type));
  }
  return out;
}

const alone = (item: Item, ctx: PlanContext) => ctx.src.startsLine(item.start) && ctx.src.endsLine(item.end);

/**
 * Long comment runs (licence headers, banners) keep their first two lines. Consecutive line
 * comments collapse to one note; a long block comment keeps its opening lines and gets a closing
 * line of ours.
 */
function collapseComments(items: readonly Item[], ctx: PlanContext): void {
  const threshold = ctx.config.collapseCommentBlocks;
  for (let i = 0; i < items.length; ) {
    const first = items[i]!;
    if (!first.comment || !alone(first, ctx)) {
      i++;
      continue;
    }
    let j = i;
    while (
      j + 1 < items.length &&
      items[j + 1]!.comment &&
      items[j + 1]!.startRow === items[j]!.endRow + 1 &&
      items[j]!.lines === 1 &&
      items[j + 1]!.lines === 1 &&
      alone(items[j + 1]!, ctx)
    ) {
      j++;
    }
    const from = first.startRow + COMMENT_KEEP_LINES;
    const to = items[j]!.endRow;
    const total = to - first.startRow + 1;
    if (total >= threshold && ctx.isFree(first.startRow, to)) {
      const omitted = to - from + 1;
      if (i === j && first.lines > 1) blockCommentEdit(first, from, to, omitted, ctx);
      else if (first.lines === 1) {
        const note = ctx.note(ctx.src.indentOf(first.startRow), `${omitted} comment lines omitted`);
        ctx.add({ from, to, lines: [note], kind: 'comments' });
      }
    }
    i = j + 1;
  }
}

function blockCommentEdit(comment: Item, from: number, to: number, omitted: number, ctx: PlanContext): void {
  const { src } = ctx;
  const text = src.text.slice(comment.start, comment.end);
  if (!ctx.spec.blockComments || !text.startsWith('/*') || !text.endsWith('*/')) return;
  const kept = src.lines.slice(comment.startRow, from).join('\n');
  if (kept.indexOf('*/') >= 0 || kept.indexOf('/*', 2) >= 0) return;
  const second = src.lines[comment.startRow + 1] ?? '';
  const indent = src.indentOf(comment.startRow + 1);
  const star = second.trimStart().startsWith('*') ? '* ' : '';
  ctx.add({ from, to, lines: [`${indent}${star}[${omitted} comment lines omitted] */`], kind: 'comments' });
}

/** Keeps leading members within `keepLines` lines; the rest of the list becomes one note. */
function trimMembers(list: Node, keepLines: number, ctx: PlanContext, kind: 'imports' | 'type'): void {
  const items = ctx.items(list);
  let used = 0;
  let first = 0;
  while (first < items.length && (items[first]!.comment || used + items[first]!.lines <= keepLines)) {
    if (!items[first]!.comment) used += items[first]!.lines;
    first++;
  }
  let last = items.length - 1;
  if (first > last) return;
  // The omitted run must start and end its rows, and share no row with what stays.
  const prev = items[first - 1];
  if (prev && prev.endRow >= items[first]!.startRow) return;
  if (!ctx.src.startsLine(items[first]!.start)) return;
  while (last >= first && !ctx.src.endsLine(items[last]!.end, true)) last--;
  if (last < first) return;
  const from = items[first]!.startRow;
  const to = items[last]!.endRow;
  if (to - from + 1 < 2 || !ctx.isFree(from, to)) return;
  const unit = kind === 'imports' ? 'import lines' : 'lines';
  ctx.add({ from, to, lines: [ctx.note(ctx.src.indentOf(from), `${to - from + 1} ${unit} omitted`)], kind });
}

/** `preserveImports: false`: import blocks over 10 lines keep their first 3 lines. */
function trimImports(items: readonly Item[], ctx: PlanContext): void {
  const { importTypes } = ctx.spec;
  for (let i = 0; i < items.length; ) {
    if (!importTypes.has(items[i]!.node.type)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && (importTypes.has(items[j + 1]!.node.type) || items[j + 1]!.comment)) j++;
    while (j > i && items[j]!.comment) j--;
    const block = items.slice(i, j + 1);
    const lines = items[j]!.endRow - items[i]!.startRow + 1;
    if (lines > IMPORT_BLOCK_LINES) {
      // One Go `import ( … )` declaration: trim its spec list instead.
      const list =
        i === j ? items[i]!.node.namedChildren.find((c) => c?.type === 'import_spec_list') : undefined;
      if (list) trimMembers(list, IMPORT_KEEP_LINES, ctx, 'imports');
      else trimImportStatements(block, ctx);
    }
    i = j + 1;
  }
}

function trimImportStatements(block: readonly Item[], ctx: PlanContext): void {
  let used = 0;
  let k = 0;
  while (k < block.length && (block[k]!.comment || used + block[k]!.lines <= IMPORT_KEEP_LINES)) {
    if (!block[k]!.comment) used += block[k]!.lines;
    k++;
  }
  const rest = block.slice(k);
  if (rest.length === 0 || !alone(rest[0]!, ctx) || !alone(rest[rest.length - 1]!, ctx)) return;
  const prev = block[k - 1];
  const from = rest[0]!.startRow;
  const to = rest[rest.length - 1]!.endRow;
  if ((prev && prev.endRow >= from) || to - from + 1 < 2 || !ctx.isFree(from, to)) return;
  ctx.add({
    from,
    to,
    lines: [ctx.note(ctx.src.indentOf(from), `${to - from + 1} import lines omitted`)],
    kind: 'imports',
  });
}

/** Module docstrings (Python) and class docstrings follow `docstringMode` like function docstrings. */
function containerDocstring(container: Node, items: readonly Item[], ctx: PlanContext): void {
  const doc = ctx.spec.docstringOf?.(container);
  if (!doc) return;
  const item = items.find((it) => it.start === doc.startIndex);
  if (!item) return;
  const others = items.some((it) => !it.comment && it !== item);
  const edit = docstringEdit(item, ctx, !others);
  if (edit) ctx.add(edit);
}

/** Edits outside function bodies: comment runs, imports, type member lists and docstrings. */
export function planContainers(root: Node, ctx: PlanContext): void {
  const { config, spec } = ctx;
  for (const container of containersOf(root, ctx)) {
    const items = ctx.items(container);
    collapseComments(items, ctx);
    if (container === root && !config.preserveImports) trimImports(items, ctx);
    if (!config.preserveTypeAnnotations) {
      for (const item of items)
        for (const body of spec.typeBodies(item.node)) trimMembers(body, config.maxBodyLines, ctx, 'type');
    }
    containerDocstring(container, items, ctx);
  }
}
