import type { Node } from 'web-tree-sitter';
import { C_LIKE_KEYWORDS, childrenOfType, type LanguageSpec } from './spec.js';

const ERR_CONDITION = /\berr\b|!= nil/;
const FATAL_CALL = /^(?:panic|log\.(?:Fatal|Panic)\w*)\(/;

/** `type ( A struct {…}; B interface {…} )`: the member lists of each spec. */
function typeSpecBodies(decl: Node): Node[] {
  const out: Node[] = [];
  for (const spec of childrenOfType(decl, 'type_spec')) {
    const type = spec.childForFieldName('type');
    if (type?.type === 'struct_type') {
      const fields = type.firstNamedChild;
      if (fields?.type === 'field_declaration_list') out.push(fields);
    } else if (type?.type === 'interface_type') out.push(type);
  }
  return out;
}

export const go: LanguageSpec = {
  language: 'go',
  grammar: 'go',
  tier: 2,
  lineComment: '//',
  blockComments: true,
  functionTypes: ['function_declaration', 'method_declaration', 'func_literal'],
  tryTypes: [],
  blockTypes: new Set(['block']),
  statementListTypes: new Set(['statement_list']),
  commentTypes: new Set(['comment']),
  importTypes: new Set(['import_declaration', 'package_clause']),
  keywords: new Set([...C_LIKE_KEYWORDS, 'func', 'go', 'defer', 'range', 'select', 'make', 'len', 'cap']),

  bodyOf: (fn) => fn.childForFieldName('body'),
  nameOf: (fn) => fn.childForFieldName('name')?.text,
  isPublic: (_fn, name) => name !== undefined && /^[A-Z]/.test(name),
  nestedContainers: () => [],
  isStructural: () => false,
  isErrorHandler(statement, type = statement.type) {
    if (type === 'if_statement') {
      const condition = statement.childForFieldName('condition')?.text ?? '';
      return ERR_CONDITION.test(condition);
    }
    return type === 'expression_statement' && FATAL_CALL.test(statement.text);
  },
  ifOf: (statement, type = statement.type) => (type === 'if_statement' ? statement : null),
  isFinalReturn: (statement, type = statement.type) => type === 'return_statement',
  typeBodies: (child) => (child.type === 'type_declaration' ? typeSpecBodies(child) : []),
  decoratorsOf: () => [],
  declarationOf: (fn) => (fn.type === 'func_literal' ? null : fn),
};
