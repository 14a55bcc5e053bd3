import type { Node } from 'web-tree-sitter';
import { C_LIKE_KEYWORDS, childrenOfType, type LanguageSpec } from './spec.js';

const CLASSES = new Set([
  'class_declaration',
  'interface_declaration',
  'enum_declaration',
  'record_declaration',
  'annotation_type_declaration',
]);
const ANNOTATIONS = new Set(['annotation', 'marker_annotation']);
const ERROR_HANDLERS = new Set(['try_statement', 'try_with_resources_statement', 'throw_statement']);

function modifiersOf(fn: Node): Node | undefined {
  return childrenOfType(fn, 'modifiers')[0];
}

export const java: LanguageSpec = {
  language: 'java',
  grammar: 'java',
  tier: 2,
  lineComment: '//',
  blockComments: true,
  functionTypes: ['method_declaration', 'constructor_declaration', 'lambda_expression'],
  tryTypes: ['try_statement', 'try_with_resources_statement'],
  blockTypes: new Set(['block', 'constructor_body']),
  statementListTypes: new Set(),
  commentTypes: new Set(['line_comment', 'block_comment']),
  importTypes: new Set(['import_declaration', 'package_declaration']),
  keywords: new Set([...C_LIKE_KEYWORDS, 'synchronized', 'assert']),

  bodyOf(fn) {
    const body = fn.childForFieldName('body');
    return body?.type === 'block' || body?.type === 'constructor_body' ? body : null;
  },
  nameOf: (fn) => fn.childForFieldName('name')?.text,
  isPublic(fn) {
    const modifiers = modifiersOf(fn)?.text ?? '';
    return /\bpublic\b/.test(modifiers) || fn.parent?.type === 'interface_body';
  },
  nestedContainers(child, type = child.type) {
    if (type === 'enum_body_declarations') return [child];
    if (!CLASSES.has(type)) return [];
    const body = child.childForFieldName('body');
    return body ? [body] : [];
  },
  isStructural: (statement, type = statement.type) => CLASSES.has(type),
  isErrorHandler: (statement, type = statement.type) => ERROR_HANDLERS.has(type),
  ifOf: (statement, type = statement.type) => (type === 'if_statement' ? statement : null),
  isFinalReturn: (statement, type = statement.type) => type === 'return_statement',
  typeBodies(child) {
    if (child.type !== 'interface_declaration' && child.type !== 'enum_declaration') return [];
    const body = child.childForFieldName('body');
    return body ? [body] : [];
  },
  decoratorsOf(fn) {
    const modifiers = modifiersOf(fn);
    return modifiers ? childrenOfType(modifiers, ANNOTATIONS) : [];
  },
  declarationOf: (fn) => (fn.type === 'lambda_expression' ? null : fn),
};
