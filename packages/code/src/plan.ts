import type { Node } from 'web-tree-sitter';
import { bodyLimits } from './budget.js';
import { planContainers } from './containers.js';
import type { LineEdit } from './edits.js';
import { elideBlock } from './elide.js';
import { identifierCounts, referenceCount, unitImportance } from './importance.js';
import type { PlanContext } from './plan-context.js';
import type { ParseError } from './syntax-errors.js';
import type { Unit } from './units.js';

/** A body whose nested declarations fill at least half of it reads like a module: its statements stay. */
function isTransparent(unit: Unit, ctx: PlanContext): boolean {
  let structural = 0;
  for (const item of ctx.items(unit.body))
    if (!item.comment && ctx.spec.isStructural(item.node, item.type)) structural += item.lines;
  return structural * 2 >= unit.bodyLines;
}

/** Python: a `nonlocal` needs its binding in an enclosing body, so bodies holding one stay whole. */
function holdsNonlocal(unit: Unit, ctx: PlanContext): boolean {
  return (
    ctx.spec.language === 'python' &&
    /\bnonlocal\b/.test(ctx.src.text.slice(unit.body.startIndex, unit.body.endIndex))
  );
}

/** `preserveSignatures: false`: a private helper nobody references becomes one comment line. */
function collapseHelper(unit: Unit, refs: number, ctx: PlanContext): boolean {
  const { spec, src } = ctx;
  if (unit.parent || refs > 0 || spec.isPublic(unit.node, unit.simpleName)) return false;
  const decl = spec.declarationOf(unit.node);
  if (!decl) return false;
  const start = spec.decoratorsOf(unit.node)[0] ?? decl;
  if (!src.startsLine(start.startIndex) || !src.endsLine(decl.endIndex)) return false;
  // An emptied Python class body would not parse: keep the only statement of a block.
  const siblings = decl.parent ? ctx.items(decl.parent).filter((it) => !it.comment) : [];
  if (spec.emptyBody !== undefined && siblings.length <= 1) return false;
  const from = src.rowOf(start.startIndex);
  const to = src.lastRowOf(decl.startIndex, decl.endIndex);
  if (to - from + 1 < 2 || !ctx.isFree(from, to)) return false;
  const text = `${unit.name ?? 'function'}: ${to - from + 1} lines omitted`;
  ctx.add({ from, to, lines: [ctx.note(src.indentOf(from), text)], kind: 'collapse', owner: unit.name });
  return true;
}

/** `preserveDecorators: false`: an elided function's decorators on rows of their own go too. */
function dropDecorators(unit: Unit, ctx: PlanContext): void {
  const { src } = ctx;
  for (const d of ctx.spec.decoratorsOf(unit.node)) {
    if (!src.startsLine(d.startIndex) || !src.endsLine(d.endIndex)) continue;
    const from = src.rowOf(d.startIndex);
    const to = src.lastRowOf(d.startIndex, d.endIndex);
    if (ctx.isFree(from, to)) ctx.add({ from, to, lines: [], kind: 'decorators', owner: unit.name });
  }
}

/**
 * Every edit for one parsed file: rows near syntax errors and functions the query names are
 * protected; containers lose long comments (and, by config, imports and type members); each
 * function body keeps what its share of the line budget allows.
 */
export function planEdits(
  root: Node,
  units: readonly Unit[],
  ctx: PlanContext,
  errors: readonly ParseError[],
): LineEdit[] {
  const { src, config, spec, query } = ctx;
  for (const e of errors) ctx.protect(src.rowOf(e.startIndex), src.lastRowOf(e.startIndex, e.endIndex));
  for (const u of units) {
    if ((config.keepQueryMatches && query.names(u.simpleName)) || (errors.length > 0 && u.node.hasError)) {
      ctx.protect(u.startRow, u.endRow);
    }
  }
  planContainers(root, ctx);

  const minLines = config.maxBodyLines + 2;
  const elidable = units.filter(
    (u) =>
      u.bodyLines > minLines &&
      ctx.isFree(u.startRow) &&
      ctx.isFree(u.endRow) &&
      !isTransparent(u, ctx) &&
      !holdsNonlocal(u, ctx),
  );
  let counts: Map<string, number> | undefined;
  const referenceCounts = () => {
    counts ??= identifierCounts(
      src.text,
      new Set(units.map((u) => u.simpleName).filter((n): n is string => !!n)),
    );
    return counts;
  };
  const limits = bodyLimits({
    elidable,
    totalLines: src.count,
    targetCompressionRate: config.targetCompressionRate,
    maxBodyLines: config.maxBodyLines,
    importance: () => unitImportance(elidable, src.text, spec, query, referenceCounts()),
  });

  for (const u of units) {
    if (!ctx.isFree(u.startRow) || !ctx.isFree(u.endRow)) continue;
    if (!config.preserveSignatures && collapseHelper(u, referenceCount(u, referenceCounts()), ctx)) continue;
    const limit = limits.get(u);
    if (limit !== undefined) {
      if (elideBlock(u.body, limit, ctx, u.name ?? '(anonymous)') && !config.preserveDecorators)
        dropDecorators(u, ctx);
    } else if (spec.docstringOf) elideBlock(u.body, Number.POSITIVE_INFINITY, ctx, u.name);
  }
  return ctx.edits;
}
