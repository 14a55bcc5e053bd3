import type { CodeLanguage } from '@headroom/core';
import type { Node } from 'web-tree-sitter';

/** A grammar file: the nine languages share eight `@vscode/tree-sitter-wasm` grammars plus C's own. */
export type GrammarName =
  | 'python'
  | 'javascript'
  | 'typescript'
  | 'tsx'
  | 'go'
  | 'rust'
  | 'java'
  | 'cpp'
  | 'c';

/**
 * What the compressor needs to know about one language: node types, and the few questions that
 * need more than a type check. Every answer is local to a node, so a spec never walks the tree.
 * Predicates take the node's `type` when the caller has it: reading it again costs a WASM call.
 */
export interface LanguageSpec {
  readonly language: CodeLanguage;
  readonly grammar: GrammarName;
  /** 1: exports, docstrings and full structure; 2: body elision with the same guarantees. */
  readonly tier: 1 | 2;
  readonly lineComment: '#' | '//';
  /** `/* … *\/` comments exist (a long one collapses to its first lines plus a closing line). */
  readonly blockComments: boolean;
  /** A statement an emptied block needs to stay valid (Python's `...`); braces need none. */
  readonly emptyBody?: string;
  /** Function-like nodes: declarations, methods, lambdas and closures with a block body. */
  readonly functionTypes: readonly string[];
  /** Handlers whose enclosing statements stay as a skeleton (a loop around a `try` keeps its header). */
  readonly tryTypes: readonly string[];
  /** Statement blocks: function bodies and the blocks of try/if/for inside them. */
  readonly blockTypes: ReadonlySet<string>;
  /** Wrappers whose children are a block's statements (Go's `statement_list`). */
  readonly statementListTypes: ReadonlySet<string>;
  readonly commentTypes: ReadonlySet<string>;
  readonly importTypes: ReadonlySet<string>;
  /** Words that precede `(` without being calls (`if (`, `while (`, `sizeof (`). */
  readonly keywords: ReadonlySet<string>;
  /** The block body of a function-like node; null for expression bodies and bodiless declarations. */
  bodyOf(fn: Node): Node | null;
  nameOf(fn: Node): string | undefined;
  /** Exported, `pub`, `public`, capitalized, not `static`, no leading underscore: per language. */
  isPublic(fn: Node, name: string | undefined): boolean;
  /** Nodes under a container child whose named children are declarations too (class bodies, namespaces). */
  nestedContainers(child: Node, type?: string): Node[];
  /** A declaration inside a function body that stays, with its own body elided (nested defs, local classes). */
  isStructural(statement: Node, type?: string): boolean;
  /** try/catch/except/finally, raise/throw, Go `if err != nil`, Rust `return Err(…)` / `panic!`. */
  isErrorHandler(statement: Node, type?: string): boolean;
  /** The `if` of a statement (Rust wraps it in an expression statement), for guard clauses. */
  ifOf(statement: Node, type?: string): Node | null;
  /** A `return`/`yield` (or Rust tail expression) worth keeping when it ends a body on one line. */
  isFinalReturn(statement: Node, type?: string): boolean;
  /** Member lists of the type declarations under a container child (trimmed when types are not preserved). */
  typeBodies(child: Node): Node[];
  /** Decorators, annotations and attributes of a function, in source order. */
  decoratorsOf(fn: Node): Node[];
  /** The whole declaration a private helper collapses to a comment with; null for function expressions. */
  declarationOf(fn: Node): Node | null;
  /** A body's docstring statement (Python). */
  docstringOf?(block: Node): Node | null;
  /** A directive that must stay first in a body (`'use strict'`). */
  isPrologue?(statement: Node): boolean;
}

/** Named children of a node that has `type` (allocation-light helper for spec code). */
export function childrenOfType(node: Node, types: ReadonlySet<string> | string): Node[] {
  const out: Node[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (typeof types === 'string' ? child.type === types : types.has(child.type)) out.push(child);
  }
  return out;
}

/** Named siblings of `types` immediately before `node` (decorators, attributes), in source order. */
export function precedingSiblings(node: Node, types: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  for (let s = node.previousNamedSibling; s && types.has(s.type); s = s.previousNamedSibling) out.unshift(s);
  return out;
}

/** The last segment of a dotted or qualified name: `a.b.c` → `c`, `ns::K::m` → `m`. */
export function lastSegment(name: string): string {
  const parts = name.split(/\.|::/);
  return parts[parts.length - 1] ?? name;
}

/** Keywords shared by the C-like languages that precede `(` without being calls. */
export const C_LIKE_KEYWORDS = [
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'sizeof',
  'typeof',
  'function',
  'do',
  'else',
  'new',
  'throw',
  'case',
  'await',
  'yield',
  'in',
  'of',
  'instanceof',
  'delete',
  'void',
  'super',
  'this',
];
