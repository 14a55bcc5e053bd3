import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { ModelDtype } from '@headroom/core';

/** Where a model comes from: a local export directory or a Hugging Face hub id. */
export type ModelSource = { kind: 'directory'; path: string } | { kind: 'hub'; id: string };

export const LINGUA_MODEL_ENV = 'HEADROOM_LINGUA_MODEL';
export const EMBEDDING_MODEL_ENV = 'HEADROOM_EMBEDDING_MODEL';

const HUB_ID = /^[\w.-]{1,96}(?:\/[\w.-]{1,96})?$/;

/** An explicit `model` wins, then the environment variable, then the schema's default hub id. */
export function chooseModel(explicit: string | undefined, envName: string, fallback: string): string {
  if (explicit !== undefined) return explicit;
  const fromEnv = process.env[envName]?.trim();
  return fromEnv ? fromEnv : fallback;
}

/** A path-like name or an existing directory is a directory; `org/name` otherwise is a hub id. */
export function modelSource(model: string): ModelSource {
  const expanded = model === '~' || model.startsWith('~/') ? join(homedir(), model.slice(1)) : model;
  const pathLike = isAbsolute(expanded) || /^\.{1,2}[/\\]/.test(expanded) || expanded !== model;
  if (pathLike || isDirectory(expanded) || !HUB_ID.test(model) || model.includes('..')) {
    return { kind: 'directory', path: resolve(expanded) };
  }
  return { kind: 'hub', id: model };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const DTYPE_SUFFIX: Record<ModelDtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };

/** The files transformers.js reads from an export directory for this dtype. */
function requiredFiles(dtype: ModelDtype): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${DTYPE_SUFFIX[dtype]}.onnx`];
}

/** What is wrong with an export directory, or undefined when every required file is there. */
export function directoryProblem(dir: string, dtype: ModelDtype): string | undefined {
  if (!isDirectory(dir)) return `the directory ${dir} does not exist`;
  const missing = requiredFiles(dtype).filter((f) => !existsSync(join(dir, f)));
  return missing.length > 0 ? `${dir} lacks ${missing.join(', ')}` : undefined;
}

/** How to get a model in place, for the actionable error line. */
export function modelFix(envName: string, dtype: ModelDtype, what: string): string {
  return `set ${envName} (or the model option) to a directory containing ${requiredFiles(dtype).join(', ')} (${what}), or use a hub id with network access`;
}
