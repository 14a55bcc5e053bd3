import { type LineEdit, type Rendered, renderEdits } from './edits.js';
import { type Grammar, parse } from './grammars.js';
import { SourceLines } from './source-lines.js';
import { newErrors, type ParseError, parseErrors } from './syntax-errors.js';

const MAX_ROUNDS = 4;

export interface Verified {
  edits: LineEdit[];
  rendered: Rendered;
  /** ERROR/MISSING nodes in the output (all of them inherited from the input). */
  errors: number;
}

export type Verification = Verified | 'invalid-output' | 'parse-timeout';

/**
 * Re-parses the output with the same grammar. When it has an error node the input did not have,
 * the edits next to it are dropped (less elision) and the output is parsed again; after a few
 * rounds, or with no edit left, the input wins.
 */
export function verifyEdits(
  grammar: Grammar,
  src: SourceLines,
  initial: LineEdit[],
  inputErrors: readonly ParseError[],
  trailer: (edits: readonly LineEdit[]) => string[],
): Verification {
  let edits = initial;
  for (let round = 0; round < MAX_ROUNDS && edits.length > 0; round++) {
    const rendered = renderEdits(src, edits, trailer(edits));
    const tree = parse(grammar, rendered.text);
    if (!tree) return 'parse-timeout';
    let fresh: ParseError[];
    let errors: number;
    try {
      const found = parseErrors(tree.rootNode);
      errors = found.length;
      fresh = newErrors(inputErrors, found);
    } finally {
      tree.delete();
    }
    if (fresh.length === 0) return { edits, rendered, errors };
    const out = new SourceLines(rendered.text);
    const culprits = new Set<number>();
    for (const e of fresh) {
      for (const i of editsNear(
        rendered.spans,
        out.rowOf(e.startIndex),
        out.lastRowOf(e.startIndex, e.endIndex),
      )) {
        culprits.add(i);
      }
    }
    edits = edits.filter((_, i) => !culprits.has(i));
  }
  return 'invalid-output';
}

/** The edits whose output rows touch `[first, last]` (±1 row), else the last one before it. */
function editsNear(spans: readonly [number, number][], first: number, last: number): number[] {
  const near: number[] = [];
  let before = 0;
  for (let i = 0; i < spans.length; i++) {
    const [a, b] = spans[i]!;
    if (a <= last + 1 && Math.max(a, b) >= first - 1) near.push(i);
    if (a <= first) before = i;
  }
  return near.length > 0 ? near : [before];
}
