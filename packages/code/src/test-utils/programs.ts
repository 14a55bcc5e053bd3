import fc from 'fast-check';

/**
 * Random programs that parse, for property tests: one small statement language rendered as Python,
 * JavaScript, TypeScript or TSX (functions with nested blocks, loops, try/catch, raise/throw, early
 * and final returns, decorators, docstrings, classes with fields and methods, comments).
 */
export type ProgramLanguage = 'python' | 'javascript' | 'typescript' | 'tsx';

type Stmt =
  | { kind: 'assign'; name: string; value: number }
  | { kind: 'call'; callee: string; arg: string }
  | { kind: 'if'; name: string; consequence: Stmt[]; otherwise: Stmt[] }
  | { kind: 'guard'; name: string }
  | { kind: 'for'; name: string; body: Stmt[] }
  | { kind: 'try'; body: Stmt[]; handler: Stmt[]; cleanup: Stmt[] }
  | { kind: 'raise'; message: string }
  | { kind: 'comment'; text: string }
  | { kind: 'def'; fn: Fn };

interface Fn {
  name: string;
  params: string[];
  decorated: boolean;
  doc: string[];
  body: Stmt[];
  returns: string | undefined;
}

interface Cls {
  name: string;
  fields: [string, number][];
  methods: Fn[];
}

type Item = { kind: 'fn'; fn: Fn } | { kind: 'class'; cls: Cls } | { kind: 'stmt'; stmt: Stmt };

export interface Program {
  imports: string[];
  items: Item[];
}

const ident = fc.constantFrom(
  'alpha',
  'beta',
  'gamma',
  'delta',
  'items',
  'count',
  'value',
  'result',
  'total',
  'node',
);
const callee = fc.constantFrom(
  'log',
  'emit',
  'store.save',
  'cache.clear',
  'helper',
  'validate',
  'queue.push',
);
const words = fc.array(fc.constantFrom('load', 'the', 'value', 'from', 'cache', 'and', 'retry', 'later'), {
  minLength: 1,
  maxLength: 6,
});
const text = words.map((w) => w.join(' '));

const stmt: fc.Memo<Stmt> = fc.memo((n) => {
  const leaf: fc.Arbitrary<Stmt> = fc.oneof(
    fc.record({ kind: fc.constant('assign' as const), name: ident, value: fc.nat(999) }),
    fc.record({ kind: fc.constant('call' as const), callee, arg: ident }),
    fc.record({ kind: fc.constant('guard' as const), name: ident }),
    fc.record({ kind: fc.constant('raise' as const), message: text }),
    fc.record({ kind: fc.constant('comment' as const), text }),
  );
  if (n <= 1) return leaf;
  const block = fc.array(stmt(n - 1), { minLength: 1, maxLength: 4 });
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    fc.record({
      kind: fc.constant('if' as const),
      name: ident,
      consequence: block,
      otherwise: fc.array(stmt(n - 1), { maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant('for' as const), name: ident, body: block }),
    fc.record({
      kind: fc.constant('try' as const),
      body: block,
      handler: block,
      cleanup: fc.array(stmt(n - 1), { maxLength: 2 }),
    }),
    fc.record({ kind: fc.constant('def' as const), fn: fnArb(n - 1, false) }),
  );
});

function fnArb(depth: number, decorable: boolean): fc.Arbitrary<Fn> {
  return fc.record({
    name: ident.chain((base) => fc.nat(99).map((i) => `${base}_${i}`)),
    params: fc.uniqueArray(ident, { maxLength: 3 }),
    decorated: decorable ? fc.boolean() : fc.constant(false),
    doc: fc.array(text, { maxLength: 3 }),
    body: fc.array(stmt(Math.max(1, depth)), { minLength: 1, maxLength: 10 }),
    returns: fc.option(ident, { nil: undefined }),
  });
}

const cls: fc.Arbitrary<Cls> = fc.record({
  name: fc.constantFrom('Store', 'Queue', 'Cache', 'Worker'),
  fields: fc.array(fc.tuple(ident, fc.nat(99)), { maxLength: 3 }),
  methods: fc.array(fnArb(3, true), { minLength: 1, maxLength: 3 }),
});

export const program: fc.Arbitrary<Program> = fc.record({
  imports: fc.uniqueArray(fc.constantFrom('os', 'json', 'logging', 're', 'path', 'events'), { maxLength: 4 }),
  items: fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fnArb(3, true).map((fn) => ({ kind: 'fn' as const, fn })) },
      cls.map((c) => ({ kind: 'class' as const, cls: c })),
      stmt(1).map((s) => ({ kind: 'stmt' as const, stmt: s })),
    ),
    { minLength: 1, maxLength: 6 },
  ),
});

/** Renders a program; classes get unique names so TypeScript sees no duplicate declarations. */
export function render(p: Program, language: ProgramLanguage): string {
  return language === 'python' ? renderPython(p) : renderEcmascript(p, language);
}

function renderPython(p: Program): string {
  const out: string[] = p.imports.map((m) => `import ${m}`);
  const block = (stmts: Stmt[], indent: string) => {
    const lines = stmts.flatMap((s) => pyStmt(s, indent));
    return lines.some((l) => !l.trimStart().startsWith('#')) ? lines : [...lines, `${indent}pass`];
  };
  const fn = (f: Fn, indent: string, method: boolean): string[] => {
    const inner = `${indent}    `;
    const params = method ? ['self', ...f.params] : f.params;
    const doc =
      f.doc.length > 0
        ? [`${inner}"""${f.doc[0]}.`, ...f.doc.slice(1).map((d) => `${inner}${d}.`), `${inner}"""`]
        : [];
    return [
      ...(f.decorated ? [`${indent}@${method ? 'staticmethod' : 'functools.cache'}`] : []),
      `${indent}def ${f.name}(${params.join(', ')}):`,
      ...doc,
      ...block(f.body, inner),
      ...(f.returns === undefined ? [] : [`${inner}return ${f.returns}`]),
    ];
  };
  const pyStmt = (s: Stmt, indent: string): string[] => {
    const inner = `${indent}    `;
    switch (s.kind) {
      case 'assign':
        return [`${indent}${s.name} = ${s.value}`];
      case 'call':
        return [`${indent}${s.callee}(${s.arg})`];
      case 'guard':
        return [`${indent}if not ${s.name}:`, `${inner}return None`];
      case 'raise':
        return [`${indent}raise ValueError("${s.message}")`];
      case 'comment':
        return [`${indent}# ${s.text}`];
      case 'if':
        return [
          `${indent}if ${s.name}:`,
          ...block(s.consequence, inner),
          ...(s.otherwise.length > 0 ? [`${indent}else:`, ...block(s.otherwise, inner)] : []),
        ];
      case 'for':
        return [`${indent}for ${s.name} in items:`, ...block(s.body, inner)];
      case 'try':
        return [
          `${indent}try:`,
          ...block(s.body, inner),
          `${indent}except ValueError as error:`,
          ...block(s.handler, inner),
          ...(s.cleanup.length > 0 ? [`${indent}finally:`, ...block(s.cleanup, inner)] : []),
        ];
      case 'def':
        return fn(s.fn, indent, false);
    }
  };
  p.items.forEach((item, i) => {
    if (item.kind === 'fn') out.push('', ...fn(item.fn, '', false));
    else if (item.kind === 'class') {
      const c = item.cls;
      out.push('', `class ${c.name}${i}:`, ...c.fields.map(([f, v]) => `    ${f} = ${v}`));
      for (const m of c.methods) out.push('', ...fn(m, '    ', true));
    } else out.push(...pyStmt(item.stmt, ''));
  });
  return `${out.join('\n')}\n`;
}

function renderEcmascript(p: Program, language: Exclude<ProgramLanguage, 'python'>): string {
  const typed = language !== 'javascript';
  const out: string[] = p.imports.map((m) => `import * as ${m} from '${m}';`);
  const param = (name: string) => (typed ? `${name}: unknown` : name);
  const block = (stmts: Stmt[], indent: string) => stmts.flatMap((s) => jsStmt(s, indent));
  const fn = (f: Fn, indent: string, method: boolean): string[] => {
    const inner = `${indent}  `;
    const doc =
      f.doc.length > 0 ? [`${indent}/**`, ...f.doc.map((d) => `${indent} * ${d}.`), `${indent} */`] : [];
    const head = method
      ? `${f.name}(${f.params.map(param).join(', ')})`
      : `function ${f.name}(${f.params.map(param).join(', ')})`;
    const ret =
      f.returns === undefined
        ? []
        : [
            language === 'tsx' && !method
              ? `${inner}return <div className="${f.returns}">{${f.returns}}</div>;`
              : `${inner}return ${f.returns};`,
          ];
    return [
      ...doc,
      ...(f.decorated && method && typed ? [`${indent}@logged()`] : []),
      `${indent}${head} {`,
      ...block(f.body, inner),
      ...ret,
      `${indent}}`,
    ];
  };
  const jsStmt = (s: Stmt, indent: string): string[] => {
    const inner = `${indent}  `;
    switch (s.kind) {
      case 'assign':
        return [`${indent}let ${s.name}${typed ? ': number' : ''} = ${s.value};`];
      case 'call':
        return [`${indent}${s.callee}(${s.arg});`];
      case 'guard':
        return [`${indent}if (!${s.name}) return null;`];
      case 'raise':
        return [`${indent}throw new Error('${s.message}');`];
      case 'comment':
        return [`${indent}// ${s.text}`];
      case 'if':
        return [
          `${indent}if (${s.name}) {`,
          ...block(s.consequence, inner),
          ...(s.otherwise.length > 0 ? [`${indent}} else {`, ...block(s.otherwise, inner)] : []),
          `${indent}}`,
        ];
      case 'for':
        return [`${indent}for (const ${s.name} of items) {`, ...block(s.body, inner), `${indent}}`];
      case 'try':
        return [
          `${indent}try {`,
          ...block(s.body, inner),
          `${indent}} catch (error) {`,
          ...block(s.handler, inner),
          ...(s.cleanup.length > 0 ? [`${indent}} finally {`, ...block(s.cleanup, inner)] : []),
          `${indent}}`,
        ];
      case 'def':
        return fn(s.fn, indent, false);
    }
  };
  p.items.forEach((item, i) => {
    if (item.kind === 'fn') out.push('', ...fn(item.fn, '', false));
    else if (item.kind === 'class') {
      const c = item.cls;
      out.push(
        '',
        `export class ${c.name}${i} {`,
        ...c.fields.map(([f, v]) => `  ${f}${typed ? ': number' : ''} = ${v};`),
      );
      for (const m of c.methods) out.push('', ...fn(m, '  ', true));
      out.push('}');
    } else out.push(...jsStmt(item.stmt, ''));
  });
  return `${out.join('\n')}\n`;
}
