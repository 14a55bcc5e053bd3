import { CCR_MARKER_RE, MemoryCcrStore, parseMarkers } from '@headroom/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeAwareCompressor } from './code-compressor.js';
import {
  GO_SERVICE,
  JS_MODULE,
  licenceHeader,
  PY_SERVICE,
  SEED_EXAMPLE,
  SEED_MODULE,
  TS_MODULE,
} from './test-utils/samples.js';
import { inspect } from './test-utils/structure.js';

const make = (config = {}) => {
  const store = new MemoryCcrStore();
  return { store, compressor: new CodeAwareCompressor(config, { store }) };
};

beforeAll(async () => {
  await new CodeAwareCompressor().warmup(['python', 'javascript', 'typescript', 'go']);
});

describe('the seed example', () => {
  it('passes through with the default 100-token floor (it is 65 tokens)', async () => {
    const result = await make().compressor.compress(SEED_EXAMPLE, { language: 'python' });
    expect(result).toMatchObject({
      wasModified: false,
      reason: 'too-small',
      compressionRatio: 1,
      tokensBefore: 65,
    });
    expect(result.compressed).toBe(SEED_EXAMPLE);
  });

  it('costs more than it saves alone, since the CCR marker is a line of its own', async () => {
    const result = await make({ minTokensForCompression: 0 }).compressor.compress(SEED_EXAMPLE, {
      language: 'python',
    });
    expect(result.reason).toBe('no-gain');
  });

  it('keeps imports, signature and docstring and elides the loop as whole statements', async () => {
    const result = await make().compressor.compress(SEED_MODULE, { language: 'python' });
    expect(result.wasModified).toBe(true);
    expect(result.syntaxValid).toBe(true);
    expect(result.compressionRatio).toBeLessThan(1);
    const lines = result.compressed.split('\n');
    const start = lines.indexOf('def process_items(items: List[str]) -> List[str]:');
    expect(lines.slice(0, 4)).toEqual(['', 'import os', 'from typing import List', '']);
    expect(lines.slice(start, start + 4)).toEqual([
      'def process_items(items: List[str]) -> List[str]:',
      '    """Process a list of items."""',
      '    # [6 lines omitted; calls: item.strip, results.append]',
      '    return results',
    ]);
    expect(result.bodiesCompressed).toEqual(['process_items', 'load_items', 'save_items']);
  });
});

describe('structure', () => {
  it('keeps decorators, class headers, attributes and method signatures of a Python class', async () => {
    const { compressed } = await make().compressor.compress(PY_SERVICE, { language: 'python' });
    for (const line of [
      '@dataclass',
      'class Config:',
      '    endpoint: str',
      '    retries: int = 3',
      '    tags: Dict[str, str] = field(default_factory=dict)',
      '    def describe(self) -> str:',
      '        """One line for the startup log."""',
      '    def with_tags(self, **tags: str) -> "Config":',
    ]) {
      expect(compressed.split('\n')).toContain(line);
    }
    expect(compressed).toContain(
      '        # [6 lines omitted; calls: sorted, self.tags.items, parts.append, len]',
    );
  });

  it('keeps functions, classes and top-level statements in their order', async () => {
    const code = [
      'import re',
      'PATTERN = re.compile("x")',
      ...['alpha', 'beta', 'gamma'].flatMap((name, i) => [
        `def ${name}(value):`,
        ...Array.from({ length: 9 }, (_, k) => `    value = value + ${k}  # step ${k} of ${name}`),
        '    return value',
        `${name.toUpperCase()}_LIMIT = ${i}`,
        `class ${name[0]!.toUpperCase()}${name.slice(1)}Holder:`,
        `    kind = "${name}"`,
      ]),
    ].join('\n');
    const { compressed, wasModified } = await make().compressor.compress(code, { language: 'python' });
    expect(wasModified).toBe(true);
    const order = [
      'def alpha',
      'ALPHA_LIMIT',
      'class AlphaHolder',
      'def beta',
      'BETA_LIMIT',
      'class BetaHolder',
      'def gamma',
    ];
    const positions = order.map((needle) => compressed.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps TypeScript interfaces, type aliases and enums whole', async () => {
    const { compressed } = await make().compressor.compress(TS_MODULE, { language: 'typescript' });
    const section = (from: string, to: string) =>
      TS_MODULE.slice(TS_MODULE.indexOf(from), TS_MODULE.indexOf(to));
    expect(compressed).toContain(section('export interface Job', 'export type JobHandler'));
    expect(compressed).toContain(section('export enum JobState', 'export class JobQueue'));
  });

  it('trims a 40-member interface when types are not preserved', async () => {
    const members = Array.from({ length: 40 }, (_, i) => `  field${i}: string;`);
    const code = ['export interface Wide {', ...members, '}', '', TS_MODULE].join('\n');
    const kept = await make().compressor.compress(code, { language: 'typescript' });
    expect(kept.compressed).toContain(members.join('\n'));
    const trimmed = await make({ preserveTypeAnnotations: false }).compressor.compress(code, {
      language: 'typescript',
    });
    expect(trimmed.compressed).toContain(
      ['export interface Wide {', ...members.slice(0, 5), '  // [35 lines omitted]', '}'].join('\n'),
    );
    expect(trimmed.syntaxValid).toBe(true);
  });
});

describe('what elided bodies keep', () => {
  it('keeps Python try/except and raise, eliding their blocks one level down', async () => {
    const { compressed } = await make().compressor.compress(PY_SERVICE, { language: 'python' });
    for (const line of [
      '        try:',
      '        except FileNotFoundError:',
      '        except ValueError as error:',
      '                raise RuntimeError(f"giving up on {candidate}") from error',
      '        raise ValueError("config must be an object")',
    ]) {
      expect(compressed.split('\n')).toContain(line);
    }
  });

  it("keeps Go's if err != nil blocks", async () => {
    const { compressed, wasModified } = await make().compressor.compress(GO_SERVICE, { language: 'go' });
    expect(wasModified).toBe(true);
    expect(compressed).toContain(
      '\tif err != nil {\n\t\treturn nil, fmt.Errorf("get user %d: %w", id, err)\n\t}',
    );
    expect(compressed).toContain(
      '\tif err != nil {\n\t\treturn 0, fmt.Errorf("create user %q: %w", email, err)\n\t}',
    );
  });

  it('keeps JavaScript throws and guard clauses', async () => {
    const { compressed } = await make().compressor.compress(JS_MODULE, { language: 'javascript' });
    expect(compressed).toContain("  if (!user) throw new ValidationError('user', 'missing');");
    expect(compressed).toContain("    throw new ValidationError(errors.join(','), 'invalid');");
  });

  it('lists the functions the omitted statements call', async () => {
    const { compressed } = await make().compressor.compress(JS_MODULE, { language: 'javascript' });
    expect(compressed).toContain(
      '  // [10 lines omitted; calls: fs.promises.readdir, file.endsWith, fs.promises.readFile, path.join, JSON.parse]',
    );
  });

  it('keeps the body of a function the query names, byte for byte', async () => {
    const { compressed } = await make().compressor.compress(PY_SERVICE, {
      language: 'python',
      query: 'why does parse_config fail',
    });
    const start = PY_SERVICE.indexOf('def parse_config');
    const body = PY_SERVICE.slice(start, PY_SERVICE.indexOf('\n\n\n', start));
    expect(compressed).toContain(body);
  });

  it('keeps statements that call a function the query names', async () => {
    const { compressed } = await make().compressor.compress(JS_MODULE, {
      language: 'javascript',
      query: 'where is validateUser called',
    });
    expect(compressed).toContain('    validateUser(user);');
  });
});

describe('docstrings', () => {
  const docstring = '    """Parse the JSON text of a config file.';
  it('keeps them whole in full mode', async () => {
    const { compressed } = await make({ docstringMode: 'full' }).compressor.compress(PY_SERVICE, {
      language: 'python',
    });
    expect(compressed).toContain(
      `${docstring}\n\n    Raises ValueError with the offending key when a field has the wrong type.\n    """`,
    );
  });

  it('keeps the first line in first-line mode (the default)', async () => {
    const { compressed } = await make().compressor.compress(PY_SERVICE, { language: 'python' });
    expect(compressed).toContain(`${docstring}"""\n`);
    expect(compressed).toContain('"""Configuration loading for the ingest service."""');
  });

  it('removes them in remove mode, with ... where a body would be empty', async () => {
    const { compressed, syntaxValid } = await make({ docstringMode: 'remove' }).compressor.compress(
      PY_SERVICE,
      {
        language: 'python',
      },
    );
    expect(syntaxValid).toBe(true);
    expect(compressed).not.toContain('"""');
    expect(compressed).toContain(
      'def load_config(path: Optional[str] = None) -> Config:\n    # [3 lines omitted; calls: os.environ.get, log.info]\n',
    );
    const body = ['def stub(self):', '    """Only a docstring."""', ''].join('\n');
    const stub = await make({ docstringMode: 'remove', maxBodyLines: 0 }).compressor.compress(
      `${PY_SERVICE}\n${body}`,
      {
        language: 'python',
      },
    );
    expect(stub.compressed).toContain('def stub(self):\n    ...\n');
    expect(stub.syntaxValid).toBe(true);
  });
});

describe('comments, imports, signatures and decorators by config', () => {
  it('collapses a 30-line licence header to 2 lines and a note', async () => {
    const code = `${licenceHeader(30)}\n${PY_SERVICE}`;
    const { compressed } = await make().compressor.compress(code, { language: 'python' });
    const header = licenceHeader(30).split('\n');
    expect(
      compressed.startsWith(`${header[0]}\n${header[1]}\n# [28 comment lines omitted]\n"""Configuration`),
    ).toBe(true);
  });

  it('collapses a long block comment to its first lines and a closing line', async () => {
    const block = ['/*', ...Array.from({ length: 20 }, (_, i) => ` * line ${i}`), ' */'].join('\n');
    const { compressed, syntaxValid } = await make().compressor.compress(`${block}\n${TS_MODULE}`, {
      language: 'typescript',
    });
    expect(compressed.startsWith('/*\n * line 0\n * [20 comment lines omitted] */\nimport')).toBe(true);
    expect(syntaxValid).toBe(true);
  });

  it('collapses unreferenced private helpers only with preserveSignatures: false', async () => {
    const { compressed } = await make({ preserveSignatures: false }).compressor.compress(PY_SERVICE, {
      language: 'python',
    });
    expect(compressed).toContain('# [_unused_helper: 9 lines omitted]');
    expect(compressed).not.toContain('def _unused_helper');
    expect(compressed).toContain('def _merge(');
    expect(compressed).toContain('def load_config(');
  });

  it('trims long import blocks only with preserveImports: false', async () => {
    const imports = Array.from({ length: 14 }, (_, i) => `import module_${i}`);
    const code = [...imports, '', PY_SERVICE].join('\n');
    const kept = await make().compressor.compress(code, { language: 'python' });
    expect(kept.compressed).toContain(imports.join('\n'));
    const trimmed = await make({ preserveImports: false }).compressor.compress(code, { language: 'python' });
    expect(
      trimmed.compressed.startsWith(`${imports.slice(0, 3).join('\n')}\n# [11 import lines omitted]\n`),
    ).toBe(true);
  });

  it('drops decorators of elided functions only with preserveDecorators: false', async () => {
    const code = PY_SERVICE.replace(
      'def load_config(',
      '@functools.lru_cache(maxsize=None)\ndef load_config(',
    );
    const kept = await make().compressor.compress(code, { language: 'python' });
    expect(kept.compressed).toContain('@functools.lru_cache(maxsize=None)\ndef load_config(');
    const dropped = await make({ preserveDecorators: false }).compressor.compress(code, {
      language: 'python',
    });
    expect(dropped.compressed).not.toContain('@functools.lru_cache');
    expect(dropped.compressed).toContain('@dataclass');
    expect(dropped.syntaxValid).toBe(true);
  });
});

describe('CCR', () => {
  it('stores the exact input and ends with a marker comment that parses', async () => {
    const { store, compressor } = make();
    const result = await compressor.compress(PY_SERVICE, { language: 'python' });
    const last = result.compressed.trimEnd().split('\n').pop()!;
    expect(last).toMatch(new RegExp(`^# ${CCR_MARKER_RE.source}$`));
    const [marker] = parseMarkers(result.compressed);
    expect(marker).toMatchObject({ hash: result.ccrHash, total: 101, unit: 'lines' });
    expect(marker!.summary).toBe('bodies: describe, parse_config, load_config, _merge, _unused_helper');
    const entry = await store.get(result.ccrHash!);
    expect(entry).toMatchObject({
      original: PY_SERVICE,
      kind: 'code',
      strategy: 'code_aware:python',
      unit: 'lines',
    });
  });

  it('counts as omitted exactly the input lines the output lacks', async () => {
    const result = await make().compressor.compress(GO_SERVICE, { language: 'go' });
    const [marker] = parseMarkers(result.compressed);
    const ours = result.compressed.split('\n').filter((l) => /^\s*\/\/ (\[|<<ccr:)/.test(l)).length;
    const fromInput = result.compressed.trimEnd().split('\n').length - ours;
    expect(marker!.omitted).toBe(GO_SERVICE.trimEnd().split('\n').length - fromInput);
  });

  it('elides nothing without a store or with enableCcr: false', async () => {
    const none = await new CodeAwareCompressor({}, { store: null }).compress(PY_SERVICE, {
      language: 'python',
    });
    expect(none).toMatchObject({ wasModified: false, reason: 'ccr-disabled', compressed: PY_SERVICE });
    const off = await make({ enableCcr: false }).compressor.compress(PY_SERVICE, { language: 'python' });
    expect(off.reason).toBe('ccr-disabled');
  });
});

describe('determinism', () => {
  it('gives identical output for the same input, config and query, and leaves its own output alone', async () => {
    const a = await make().compressor.compress(TS_MODULE, { language: 'typescript', query: 'drain' });
    const b = await make().compressor.compress(TS_MODULE, { language: 'typescript', query: 'drain' });
    expect(a.compressed).toBe(b.compressed);
    const again = await make().compressor.compress(a.compressed, { language: 'typescript' });
    expect(again).toMatchObject({
      wasModified: false,
      reason: 'already-compressed',
      compressed: a.compressed,
    });
  });

  it('compressSync matches compress once the grammar is loaded', async () => {
    const compressor = make().compressor;
    const sync = compressor.compressSync(GO_SERVICE, { language: 'go' });
    const async = await compressor.compress(GO_SERVICE, { language: 'go' });
    expect(sync.compressed).toBe(async.compressed);
  });
});

describe('the result the router reads', () => {
  it('reports tokens, ratio, language and validity', async () => {
    const result = await make().compressor.compress(TS_MODULE, { filePath: 'src/queue.ts' });
    expect(result.language).toBe('typescript');
    expect(result.languageConfidence).toBe(0.95);
    expect(result.tokensAfter).toBeLessThan(result.tokensBefore);
    expect(result.compressionRatio).toBeCloseTo(result.tokensAfter / result.tokensBefore, 10);
    expect(result.syntaxValid).toBe(true);
    expect(result.original).toBe(TS_MODULE);
    expect((await inspect('typescript', TS_MODULE, result.compressed)).outputErrors).toBe(0);
  });
});
