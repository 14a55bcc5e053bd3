import type { CodeLanguage } from '@headroom/core';
import type { Node } from 'web-tree-sitter';
import {
  C_LIKE_KEYWORDS,
  type GrammarName,
  type LanguageSpec,
  lastSegment,
  precedingSiblings,
} from './spec.js';

const FUNCTIONS = [
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
  'method_definition',
];
const DECLARATIONS = new Set(['function_declaration', 'generator_function_declaration', 'method_definition']);
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
const STRUCTURAL = new Set([
  'function_declaration',
  'generator_function_declaration',
  'class_declaration',
  'abstract_class_declaration',
]);
const VARIABLE_DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const DECORATOR = new Set(['decorator']);
const TYPE_BODIES: Record<string, string> = {
  interface_declaration: 'body',
  enum_declaration: 'body',
  type_alias_declaration: 'value',
};
const WRAPPERS = new Set(['export_statement', 'ambient_declaration', 'expression_statement']);

/** `const f = () => {…}` and friends: the name a function expression is bound to. */
function boundName(fn: Node): string | undefined {
  const parent = fn.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'variable_declarator':
      return parent.childForFieldName('name')?.text;
    case 'pair':
      return parent.childForFieldName('key')?.text;
    case 'assignment_expression': {
      const left = parent.childForFieldName('left')?.text;
      return left === undefined ? undefined : lastSegment(left);
    }
    case 'field_definition':
      return parent.childForFieldName('property')?.text;
    case 'public_field_definition':
      return parent.childForFieldName('name')?.text;
    default:
      return undefined;
  }
}

/** Exported with `export`, or through `module.exports` / `exports.x =`. */
function isExported(fn: Node): boolean {
  let node: Node | null = fn;
  for (let depth = 0; node && depth < 5; depth++, node = node.parent) {
    if (node.type === 'export_statement') return true;
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left')?.text ?? '';
      if (left.startsWith('module.exports') || left.startsWith('exports.')) return true;
    }
    if (node.type === 'program' || node.type === 'statement_block') return false;
  }
  return false;
}

function hasPrivateModifier(fn: Node): boolean {
  for (const child of fn.namedChildren) {
    if (child?.type === 'accessibility_modifier') return child.text !== 'public';
  }
  return false;
}

/** The JavaScript family: JavaScript (with JSX), TypeScript and TSX share one spec shape. */
export function ecmascriptSpec(language: CodeLanguage, grammar: GrammarName): LanguageSpec {
  const typed = language !== 'javascript';
  return {
    language,
    grammar,
    tier: 1,
    lineComment: '//',
    blockComments: true,
    functionTypes: FUNCTIONS,
    tryTypes: ['try_statement'],
    blockTypes: new Set(['statement_block']),
    statementListTypes: new Set(),
    commentTypes: new Set(['comment', 'html_comment']),
    importTypes: new Set(['import_statement', 'import_alias']),
    keywords: new Set(C_LIKE_KEYWORDS),

    bodyOf(fn) {
      const body = fn.childForFieldName('body');
      return body?.type === 'statement_block' ? body : null;
    },
    nameOf: (fn) => fn.childForFieldName('name')?.text ?? boundName(fn),
    isPublic(fn, name) {
      if (fn.type === 'method_definition') {
        return name !== undefined && !/^[#_]/.test(name) && !hasPrivateModifier(fn);
      }
      return isExported(fn);
    },

    nestedContainers(child, type = child.type) {
      if (WRAPPERS.has(type)) {
        const inner = child.childForFieldName('declaration') ?? child.firstNamedChild;
        return inner && inner !== child ? this.nestedContainers(inner) : [];
      }
      if (CLASSES.has(type) || type === 'internal_module' || type === 'module') {
        const body = child.childForFieldName('body');
        return body ? [body] : [];
      }
      return [];
    },

    isStructural(statement, type = statement.type) {
      if (STRUCTURAL.has(type)) return true;
      if (!VARIABLE_DECLARATIONS.has(type) || statement.namedChildCount !== 1) return false;
      const value = statement.firstNamedChild?.childForFieldName('value');
      return value !== null && value !== undefined && FUNCTION_VALUES.has(value.type);
    },
    isErrorHandler: (statement, type = statement.type) =>
      type === 'try_statement' || type === 'throw_statement',
    ifOf: (statement, type = statement.type) => (type === 'if_statement' ? statement : null),
    isFinalReturn(statement, type = statement.type) {
      if (type === 'return_statement') return true;
      return type === 'expression_statement' && statement.firstNamedChild?.type === 'yield_expression';
    },
    typeBodies(child) {
      if (!typed) return [];
      if (WRAPPERS.has(child.type)) {
        const inner = child.childForFieldName('declaration') ?? child.firstNamedChild;
        return inner && inner !== child ? this.typeBodies(inner) : [];
      }
      const field = TYPE_BODIES[child.type];
      const body = field === undefined ? null : child.childForFieldName(field);
      if (!body) return [];
      return child.type === 'type_alias_declaration' && body.type !== 'object_type' ? [] : [body];
    },
    decoratorsOf: (fn) => (fn.type === 'method_definition' ? precedingSiblings(fn, DECORATOR) : []),
    declarationOf(fn) {
      if (!DECLARATIONS.has(fn.type)) return null;
      return fn.parent?.type === 'export_statement' ? fn.parent : fn;
    },
    isPrologue(statement) {
      return statement.type === 'expression_statement' && statement.firstNamedChild?.type === 'string';
    },
  };
}
