import type { CodeLanguage } from '@headroom/core';
import type { Node } from 'web-tree-sitter';
import { loadGrammar, parse, specForLanguage } from '../grammars.js';
import type { LanguageSpec } from '../languages/index.js';
import { SourceLines } from '../source-lines.js';
import { newErrors, parseErrors } from '../syntax-errors.js';
import { scanTree } from '../units.js';

const CLASSES = [
  'class_definition',
  'class_declaration',
  'abstract_class_declaration',
  'interface_declaration',
  'enum_declaration',
  'record_declaration',
  'class_specifier',
  'impl_item',
  'trait_item',
  'struct_item',
  'type_declaration',
];

export interface Inspection {
  inputErrors: number;
  outputErrors: number;
  /** Error nodes of the output that the input does not have. */
  newErrors: number;
  /**
   * Input lines every output must hold, in order: imports, class headers, and the signature rows of
   * every function not nested in another (top-level functions and methods), decorators included.
   */
  required: string[];
}

/** Parses input and output with the compressor's grammar for `language`: error nodes and required lines. */
export async function inspect(language: CodeLanguage, input: string, output: string): Promise<Inspection> {
  const spec = specForLanguage(language);
  const grammar = await loadGrammar(spec.grammar);
  const a = parse(grammar, input)!;
  const b = parse(grammar, output)!;
  try {
    const ea = parseErrors(a.rootNode);
    const eb = parseErrors(b.rootNode);
    return {
      inputErrors: ea.length,
      outputErrors: eb.length,
      newErrors: newErrors(ea, eb).length,
      required: requiredRows(a.rootNode, spec, new SourceLines(input)),
    };
  } finally {
    a.delete();
    b.delete();
  }
}

function requiredRows(root: Node, spec: LanguageSpec, src: SourceLines): string[] {
  const rows = new Set<number>();
  const { units } = scanTree(root, spec, src);
  for (const unit of units) {
    if (unit.parent) continue;
    const first = spec.decoratorsOf(unit.node)[0];
    const from = first ? src.rowOf(first.startIndex) : unit.startRow;
    const to = spec.emptyBody === undefined ? unit.bodyStartRow : unit.bodyStartRow - 1;
    for (let r = from; r <= to; r++) rows.add(r);
  }
  // Classes declared inside a function body go with the body.
  const inBody = (index: number) => units.some((u) => u.body.startIndex < index && index < u.body.endIndex);
  for (const node of root.descendantsOfType(CLASSES)) {
    if (node && !inBody(node.startIndex)) rows.add(src.rowOf(node.startIndex));
  }
  for (const node of root.namedChildren) {
    if (!node || !spec.importTypes.has(node.type)) continue;
    for (let r = src.rowOf(node.startIndex); r <= src.lastRowOf(node.startIndex, node.endIndex); r++)
      rows.add(r);
  }
  return [...rows].sort((a, b) => a - b).map((r) => src.lines[r]!);
}

/** The lines of `needles` that are missing from `haystack` as an in-order subsequence. */
export function missingInOrder(needles: readonly string[], haystack: readonly string[]): string[] {
  const missing: string[] = [];
  let j = 0;
  for (const needle of needles) {
    let k = j;
    while (k < haystack.length && haystack[k] !== needle) k++;
    if (k === haystack.length) missing.push(needle);
    else j = k + 1;
  }
  return missing;
}

/** Output lines that are ours: elision notes, the marker, Python's `...`, docstrings, comment closers. */
export function isInsertedLine(line: string, lineComment: string): boolean {
  const t = line.trim();
  return (
    t.startsWith(`${lineComment} [`) ||
    t.startsWith(`${lineComment} <<ccr:`) ||
    t === '...' ||
    /^[rRuU]?("""|''').*\1$/.test(t) ||
    /\[\d+ comment lines omitted\] \*\/$/.test(t)
  );
}

/**
 * Invariant 2: every output line that is not ours is byte-identical to an input line, and those
 * lines appear in input order. Returns the offending output lines.
 */
export function foreignLines(input: string, output: string, lineComment: string): string[] {
  const inLines = input.split('\n');
  const bad: string[] = [];
  let j = 0;
  for (const line of output.split('\n')) {
    // Our lines may equal some later input line: matching them would skip input order checks.
    if (isInsertedLine(line, lineComment)) continue;
    let k = j;
    while (k < inLines.length && inLines[k] !== line) k++;
    if (k < inLines.length) j = k + 1;
    else bad.push(line);
  }
  return bad;
}
