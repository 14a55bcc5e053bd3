import type { Node } from 'web-tree-sitter';
import { C_LIKE_KEYWORDS, type LanguageSpec, precedingSiblings } from './spec.js';

const ATTRIBUTES = new Set(['attribute_item']);
const ITEMS = new Set(['function_item', 'impl_item', 'struct_item', 'enum_item', 'trait_item', 'mod_item']);
const CONTAINERS = new Set(['impl_item', 'trait_item', 'mod_item']);
/** Block children that are statements; any other expression ending a block is its value. */
const STATEMENTS = new Set([
  'expression_statement',
  'let_declaration',
  'empty_statement',
  'line_comment',
  'block_comment',
  'macro_definition',
  'use_declaration',
  'const_item',
  'static_item',
  'attribute_item',
  ...ITEMS,
]);
const FAILURE = /^(?:return\s+Err\b|(?:panic|unreachable|unimplemented|todo|bail)!)/;

function hasPub(fn: Node): boolean {
  for (const child of fn.namedChildren) if (child?.type === 'visibility_modifier') return true;
  return false;
}

export const rust: LanguageSpec = {
  language: 'rust',
  grammar: 'rust',
  tier: 2,
  lineComment: '//',
  blockComments: true,
  functionTypes: ['function_item', 'closure_expression'],
  tryTypes: [],
  blockTypes: new Set(['block']),
  statementListTypes: new Set(),
  commentTypes: new Set(['line_comment', 'block_comment']),
  importTypes: new Set(['use_declaration', 'extern_crate_declaration']),
  keywords: new Set([...C_LIKE_KEYWORDS, 'fn', 'match', 'loop', 'impl', 'where', 'as', 'move', 'ref', 'mut']),

  bodyOf(fn) {
    const body = fn.childForFieldName('body');
    return body?.type === 'block' ? body : null;
  },
  nameOf: (fn) => fn.childForFieldName('name')?.text,
  isPublic: (fn) => hasPub(fn),
  nestedContainers(child, type = child.type) {
    if (!CONTAINERS.has(type)) return [];
    const body = child.childForFieldName('body');
    return body ? [body] : [];
  },
  isStructural: (statement, type = statement.type) => ITEMS.has(type),
  isErrorHandler: (statement, type = statement.type) =>
    type === 'expression_statement' && FAILURE.test(statement.text),
  ifOf(statement, type = statement.type) {
    const inner = type === 'expression_statement' ? statement.firstNamedChild : statement;
    return inner?.type === 'if_expression' ? inner : null;
  },
  isFinalReturn(statement, type = statement.type) {
    if (type === 'expression_statement') return statement.text.startsWith('return');
    return !STATEMENTS.has(type);
  },
  typeBodies(child) {
    if (child.type !== 'struct_item' && child.type !== 'enum_item') return [];
    const body = child.childForFieldName('body');
    return body ? [body] : [];
  },
  decoratorsOf: (fn) => precedingSiblings(fn, ATTRIBUTES),
  declarationOf: (fn) => (fn.type === 'function_item' ? fn : null),
};
