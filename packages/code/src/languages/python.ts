import type { Node } from 'web-tree-sitter';
import { childrenOfType, type LanguageSpec } from './spec.js';

const DECORATOR = new Set(['decorator']);
const STRUCTURAL = new Set(['function_definition', 'decorated_definition', 'class_definition']);
const ERROR_HANDLERS = new Set(['try_statement', 'raise_statement']);

function definitionOf(node: Node): Node | null {
  return node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
}

export const python: LanguageSpec = {
  language: 'python',
  grammar: 'python',
  tier: 1,
  lineComment: '#',
  blockComments: false,
  emptyBody: '...',
  functionTypes: ['function_definition'],
  tryTypes: ['try_statement'],
  blockTypes: new Set(['block']),
  statementListTypes: new Set(),
  commentTypes: new Set(['comment']),
  importTypes: new Set(['import_statement', 'import_from_statement', 'future_import_statement']),
  keywords: new Set([
    'if',
    'elif',
    'while',
    'for',
    'return',
    'yield',
    'await',
    'assert',
    'not',
    'and',
    'or',
    'in',
    'is',
    'with',
    'except',
    'lambda',
    'print',
    'raise',
    'del',
  ]),

  bodyOf: (fn) => fn.childForFieldName('body'),
  nameOf: (fn) => fn.childForFieldName('name')?.text,
  isPublic: (_fn, name) => name !== undefined && (!name.startsWith('_') || /^__\w+__$/.test(name)),

  nestedContainers(child, type = child.type) {
    if (type !== 'class_definition' && type !== 'decorated_definition') return [];
    const def = definitionOf(child);
    if (def?.type !== 'class_definition') return [];
    const body = def.childForFieldName('body');
    return body ? [body] : [];
  },

  isStructural: (statement, type = statement.type) => STRUCTURAL.has(type),
  isErrorHandler: (statement, type = statement.type) => ERROR_HANDLERS.has(type),
  ifOf: (statement, type = statement.type) => (type === 'if_statement' ? statement : null),
  isFinalReturn(statement, type = statement.type) {
    if (type === 'return_statement') return true;
    return type === 'expression_statement' && statement.firstNamedChild?.type === 'yield';
  },
  typeBodies: () => [],
  decoratorsOf(fn) {
    const parent = fn.parent;
    return parent?.type === 'decorated_definition' ? childrenOfType(parent, DECORATOR) : [];
  },
  declarationOf(fn) {
    const parent = fn.parent;
    return parent?.type === 'decorated_definition' ? parent : fn;
  },
  docstringOf(block) {
    // Comments are not statements: the first statement after them is still the docstring.
    let first = block.firstNamedChild;
    while (first?.type === 'comment') first = first.nextNamedSibling;
    if (first?.type !== 'expression_statement' || first.namedChildCount !== 1) return null;
    return first.firstNamedChild?.type === 'string' ? first : null;
  },
};
