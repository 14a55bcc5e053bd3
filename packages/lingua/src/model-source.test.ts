import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseModel, directoryProblem, LINGUA_MODEL_ENV, modelSource } from './model-source.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('chooseModel', () => {
  it('prefers the explicit option, then HEADROOM_LINGUA_MODEL, then the default', () => {
    vi.stubEnv(LINGUA_MODEL_ENV, '/models/lingua');
    expect(chooseModel('/explicit', LINGUA_MODEL_ENV, 'org/default')).toBe('/explicit');
    expect(chooseModel(undefined, LINGUA_MODEL_ENV, 'org/default')).toBe('/models/lingua');
    vi.stubEnv(LINGUA_MODEL_ENV, '  ');
    expect(chooseModel(undefined, LINGUA_MODEL_ENV, 'org/default')).toBe('org/default');
  });
});

describe('modelSource', () => {
  it('tells directories from hub ids', () => {
    expect(modelSource('atjsh/llmlingua-2-js-tinybert-meetingbank')).toEqual({
      kind: 'hub',
      id: 'atjsh/llmlingua-2-js-tinybert-meetingbank',
    });
    expect(modelSource('/opt/models/lingua')).toEqual({ kind: 'directory', path: '/opt/models/lingua' });
    expect(modelSource('./models/x')).toEqual({ kind: 'directory', path: resolve('models/x') });
    expect(modelSource('~/models/x')).toEqual({ kind: 'directory', path: join(homedir(), 'models/x') });
  });

  it('treats names that cannot be hub ids as directories', () => {
    expect(modelSource('my models/lingua').kind).toBe('directory');
    expect(modelSource('a/b/c').kind).toBe('directory');
  });
});

describe('directoryProblem', () => {
  it('names a missing directory or the missing files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-lingua-src-'));
    try {
      expect(directoryProblem(join(dir, 'nope'), 'fp32')).toMatch(/does not exist/);
      expect(directoryProblem(dir, 'q8')).toMatch(
        /lacks config\.json, tokenizer\.json, tokenizer_config\.json, onnx\/model_quantized\.onnx/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
