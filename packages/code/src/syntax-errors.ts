import type { Node } from 'web-tree-sitter';

export interface ParseError {
  /** `E:` + the start of the ERROR node's text, or `M:` + the missing token: the same in input and output. */
  signature: string;
  startIndex: number;
  endIndex: number;
}

/** ERROR and MISSING nodes, found by descending only into subtrees that contain one. */
export function parseErrors(root: Node, limit = 10_000): ParseError[] {
  const out: ParseError[] = [];
  if (!root.hasError) return out;
  const stack: Node[] = [root];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop()!;
    if (node.isMissing) {
      out.push({ signature: `M:${node.type}`, startIndex: node.startIndex, endIndex: node.endIndex });
      continue;
    }
    if (node.isError) {
      const text = node.text;
      out.push({
        signature: `E:${text.length}:${text.slice(0, 80)}`,
        startIndex: node.startIndex,
        endIndex: node.endIndex,
      });
    }
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child?.hasError) stack.push(child);
    }
  }
  return out;
}

/** Errors of `output` that the input did not have (compared as a multiset of signatures). */
export function newErrors(input: readonly ParseError[], output: readonly ParseError[]): ParseError[] {
  const budget = new Map<string, number>();
  for (const e of input) budget.set(e.signature, (budget.get(e.signature) ?? 0) + 1);
  const fresh: ParseError[] = [];
  for (const e of output) {
    const left = budget.get(e.signature) ?? 0;
    if (left > 0) budget.set(e.signature, left - 1);
    else fresh.push(e);
  }
  return fresh;
}
