import type { Node } from 'web-tree-sitter';
import { C_LIKE_KEYWORDS, type GrammarName, type LanguageSpec } from './spec.js';

const PREPROCESSOR_BLOCKS = new Set([
  'preproc_if',
  'preproc_ifdef',
  'preproc_else',
  'preproc_elif',
  'preproc_elifdef',
]);
const SCOPES = new Set(['namespace_definition', 'linkage_specification']);
const RECORDS = new Set(['struct_specifier', 'union_specifier', 'enum_specifier']);
const TYPE_HOLDERS = new Set(['declaration', 'type_definition', 'field_declaration']);

/** `static int *f(void)` → `f`; `Foo::bar` and `operator<<` stay qualified as written. */
function declaratorName(fn: Node): string | undefined {
  let d = fn.childForFieldName('declarator');
  for (let depth = 0; d && depth < 8; depth++) {
    if (d.type === 'function_declarator') return d.childForFieldName('declarator')?.text.replace(/\s+/g, '');
    d = d.childForFieldName('declarator') ?? d.firstNamedChild;
  }
  return undefined;
}

function isStatic(fn: Node): boolean {
  for (const child of fn.namedChildren) {
    if (child?.type === 'storage_class_specifier' && child.text === 'static') return true;
  }
  return false;
}

/** C and C++: one spec shape; C++ adds exceptions, lambdas, classes and templates. */
export function cFamilySpec(language: 'c' | 'cpp', grammar: GrammarName): LanguageSpec {
  const cpp = language === 'cpp';
  const classes = new Set(cpp ? ['class_specifier', 'struct_specifier', 'union_specifier'] : []);
  return {
    language,
    grammar,
    tier: 2,
    lineComment: '//',
    blockComments: true,
    functionTypes: cpp ? ['function_definition', 'lambda_expression'] : ['function_definition'],
    tryTypes: cpp ? ['try_statement'] : [],
    blockTypes: new Set(['compound_statement']),
    statementListTypes: new Set(),
    commentTypes: new Set(['comment']),
    importTypes: new Set(['preproc_include']),
    keywords: new Set([...C_LIKE_KEYWORDS, 'defined', 'alignof', '_Alignof', 'decltype', 'noexcept']),

    bodyOf(fn) {
      const body = fn.childForFieldName('body');
      return body?.type === 'compound_statement' ? body : null;
    },
    nameOf(fn) {
      if (fn.type === 'function_definition') return declaratorName(fn);
      const parent = fn.parent;
      return parent?.type === 'init_declarator' ? parent.childForFieldName('declarator')?.text : undefined;
    },
    isPublic: (fn) => !isStatic(fn),
    nestedContainers(child, type = child.type) {
      if (PREPROCESSOR_BLOCKS.has(type)) return [child];
      if (SCOPES.has(type)) {
        const body = child.childForFieldName('body');
        return body ? [body] : [];
      }
      if (type === 'template_declaration') {
        return child.namedChildren.flatMap((c) => (c ? this.nestedContainers(c) : []));
      }
      if (TYPE_HOLDERS.has(type)) {
        const inner = child.childForFieldName('type');
        return inner ? this.nestedContainers(inner) : [];
      }
      if (classes.has(type)) {
        const body = child.childForFieldName('body');
        return body ? [body] : [];
      }
      return [];
    },
    isStructural: () => false,
    isErrorHandler: (statement, type = statement.type) =>
      cpp && (type === 'try_statement' || type === 'throw_statement'),
    ifOf: (statement, type = statement.type) => (type === 'if_statement' ? statement : null),
    isFinalReturn: (statement, type = statement.type) => type === 'return_statement',
    typeBodies(child) {
      if (TYPE_HOLDERS.has(child.type)) {
        const type = child.childForFieldName('type');
        return type ? this.typeBodies(type) : [];
      }
      if (!RECORDS.has(child.type) || (cpp && child.type !== 'enum_specifier')) return [];
      const body = child.childForFieldName('body');
      return body ? [body] : [];
    },
    decoratorsOf: () => [],
    declarationOf(fn) {
      if (fn.type !== 'function_definition') return null;
      return fn.parent?.type === 'template_declaration' ? fn.parent : fn;
    },
  };
}
