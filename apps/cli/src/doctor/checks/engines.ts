import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Check, type CheckResult, result } from '../check.js';

const SAMPLE = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const MODEL_FILES = ['config.json', 'tokenizer.json', join('onnx', 'model.onnx')];

interface CodeModule {
  isTreeSitterAvailable(): boolean;
  CodeAwareCompressor: new () => {
    warmup(): Promise<void>;
    compress(code: string, opts: { language: 'typescript' }): Promise<{ syntaxValid: boolean }>;
  };
}

/** @headroom/code, web-tree-sitter and every grammar: optional, so a problem is a warning. */
export const treeSitterCheck: Check = async () => {
  const id = 'engine.tree-sitter';
  const hint = 'npm i -g @headroom/code (optional: structure-aware code compression)';
  let mod: CodeModule;
  try {
    mod = (await import('@headroom/code' as string)) as CodeModule;
  } catch {
    return result(id, 'warn', '@headroom/code is not installed', hint);
  }
  if (!mod.isTreeSitterAvailable())
    return result(id, 'warn', 'web-tree-sitter or its grammars are missing', hint);
  try {
    const compressor = new mod.CodeAwareCompressor();
    await compressor.warmup();
    await compressor.compress(SAMPLE, { language: 'typescript' });
    return result(id, 'ok', 'tree-sitter and every grammar load; a TypeScript sample parses');
  } catch (error) {
    return result(id, 'warn', `grammars fail to load: ${(error as Error).message}`, hint);
  }
};

/** onnxruntime-node, resolved the way @headroom/lingua resolves it. */
export const onnxCheck: Check = async () => {
  const id = 'engine.onnxruntime';
  const hint = 'npm i -g @headroom/lingua (optional: LLMLingua-2 prose compression)';
  try {
    const linguaRequire = createRequire(createRequire(import.meta.url).resolve('@headroom/lingua'));
    const transformers = linguaRequire.resolve('@huggingface/transformers');
    const ort = createRequire(transformers)('onnxruntime-node') as {
      InferenceSession?: unknown;
      env?: { versions?: { node?: string } };
    };
    if (typeof ort.InferenceSession !== 'function')
      return result(id, 'warn', 'onnxruntime-node loads without InferenceSession', hint);
    return result(
      id,
      'ok',
      `onnxruntime-node loads${ort.env?.versions?.node ? ` (${ort.env.versions.node})` : ''}`,
    );
  } catch (error) {
    return result(
      id,
      'warn',
      `onnxruntime-node does not load: ${(error as Error).message.split('\n', 1)[0]}`,
      hint,
    );
  }
};

/** The optional LLMLingua-2 model directory; when complete, loaded and run once via checkLinguaModel. */
export const linguaModelCheck: Check = async (ctx): Promise<CheckResult> => {
  const id = 'engine.lingua-model';
  const dir =
    ctx.env.HEADROOM_LINGUA_MODEL_DIR ||
    join(ctx.env.HEADROOM_HOME || join(ctx.home, '.headroom'), 'models', 'llmlingua-2');
  const missing = MODEL_FILES.filter((f) => !existsSync(join(dir, f)));
  if (missing.length > 0) {
    return result(
      id,
      'info',
      `no LLMLingua-2 model in ${dir} (missing ${missing.join(', ')})`,
      `optional: put an exported model there or set HEADROOM_LINGUA_MODEL_DIR`,
    );
  }
  try {
    const { checkLinguaModel } = (await import('@headroom/lingua' as string)) as {
      checkLinguaModel(c: {
        model: string;
      }): Promise<{ ok: boolean; loadMs?: number; problem?: string; fix?: string }>;
    };
    const check = await checkLinguaModel({ model: dir });
    return check.ok
      ? result(id, 'ok', `model in ${dir} loads (${check.loadMs ?? 0} ms)`)
      : result(id, 'warn', `model in ${dir}: ${check.problem ?? 'does not load'}`, check.fix);
  } catch (error) {
    return result(
      id,
      'warn',
      `@headroom/lingua is not installed (${(error as Error).message.split('\n', 1)[0]})`,
      'npm i -g @headroom/lingua',
    );
  }
};
