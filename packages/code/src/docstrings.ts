import type { LineEdit } from './edits.js';
import type { Item, PlanContext } from './plan-context.js';

const TRIPLE = /^([rRuU]?)("""|''')([\s\S]*)\2$/;

/** `"""Summary.\n\n    Details…\n    """` → `"""Summary."""`, or undefined when that would not be safe. */
export function firstLineDocstring(text: string): string | undefined {
  const m = TRIPLE.exec(text);
  if (!m) return undefined;
  const [, prefix, quote, content] = m as unknown as [string, string, string, string];
  if (!content.includes('\n')) return undefined;
  const first = content
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  // A closing quote or backslash right before our quotes would change where the string ends.
  if (first === undefined || /["'\\]$/.test(first) || first.includes(quote)) return undefined;
  return `${prefix}${quote}${first}${quote}`;
}

/**
 * The edit a docstring statement gets under `docstringMode`: shortened to its first line, deleted,
 * or (`remove` in a block left without statements) replaced by the empty-body placeholder.
 */
export function docstringEdit(doc: Item, ctx: PlanContext, blockBecomesEmpty: boolean): LineEdit | undefined {
  const mode = ctx.config.docstringMode;
  const { src } = ctx;
  if (mode === 'full' || !src.startsLine(doc.start) || !src.endsLine(doc.end)) return undefined;
  if (!ctx.isFree(doc.startRow, doc.endRow)) return undefined;
  const indent = src.indentOf(doc.startRow);
  if (mode === 'remove') {
    const placeholder = blockBecomesEmpty ? ctx.spec.emptyBody : undefined;
    if (blockBecomesEmpty && placeholder === undefined) return undefined;
    return {
      from: doc.startRow,
      to: doc.endRow,
      lines: placeholder === undefined ? [] : [indent + placeholder],
      kind: 'docstring',
    };
  }
  const short = firstLineDocstring(src.text.slice(doc.start, doc.end));
  return short === undefined
    ? undefined
    : { from: doc.startRow, to: doc.endRow, lines: [indent + short], kind: 'docstring' };
}
