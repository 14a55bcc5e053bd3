import { HeadroomError, type ModelDevice, type ModelDtype } from '@headroom/core';
import type { PreTrainedModel, PreTrainedTokenizer } from '@huggingface/transformers';
import { chooseDevice, cudaFailedWarning, type ExecutionDevice, firstLine } from './device.js';
import { directoryProblem, type ModelSource, modelFix, modelSource } from './model-source.js';
import { loadTransformers, type Transformers } from './transformers.js';

export interface LoadSpec {
  model: string;
  device: ModelDevice;
  dtype: ModelDtype;
  allowRemoteModels: boolean;
  cacheDir?: string | undefined;
  task: 'token-classification' | 'feature-extraction';
  /** The environment variable users set, for the fix line. */
  envName: string;
  /** What the directory must hold, in words (`an LLMLingua-2 ONNX export`). */
  what: string;
}

export interface LoadedOnnx {
  tf: Transformers;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  device: ExecutionDevice;
  /** `config.json` as transformers.js read it. */
  config: Record<string, unknown>;
  /** Warnings worth one log line each (device fallbacks). */
  notices: string[];
}

/** `MODEL_UNAVAILABLE` with its parts kept apart for `headroom doctor`; the message is the one actionable line. */
export class ModelUnavailableError extends HeadroomError {
  constructor(
    readonly problem: string,
    readonly fix: string,
    cause?: unknown,
  ) {
    super('MODEL_UNAVAILABLE', `${problem}. Fix: ${fix}`, { cause });
  }
}

export function modelUnavailable(spec: LoadSpec, problem: string, cause?: unknown): ModelUnavailableError {
  const fix = modelFix(spec.envName, spec.dtype, spec.what);
  return new ModelUnavailableError(`model "${spec.model}" is unavailable: ${problem}`, fix, cause);
}

function hubProblem(id: string, allowRemote: boolean, error: unknown): string {
  if (!allowRemote) return `the hub model ${id} is not in the local cache and allowRemoteModels is false`;
  return `the hub model ${id} could not be downloaded or read (${firstLine(error)})`;
}

let loads: Promise<unknown> = Promise.resolve();

/**
 * Runs one load at a time with transformers.js's global `env` set for it. Per-call options are not
 * enough: in 4.3.1 the tokenizer's file lookup ignores `local_files_only` and `cache_dir` and would
 * reach for the network (and hang behind a firewall) even with remote models disabled.
 */
function withEnv<T>(
  tf: Transformers,
  remote: boolean,
  cacheDir: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const run = async () => {
    const saved = { allowRemoteModels: tf.env.allowRemoteModels, cacheDir: tf.env.cacheDir };
    tf.env.allowRemoteModels = remote;
    if (cacheDir !== undefined) tf.env.cacheDir = cacheDir;
    try {
      return await fn();
    } finally {
      Object.assign(tf.env, saved);
    }
  };
  const result = loads.then(run, run);
  loads = result.catch(() => {});
  return result;
}

/**
 * Loads a tokenizer and an ONNX model the way users run them: a local export directory (checked
 * for its files first, never a network access) or a hub id (downloaded into the transformers.js
 * cache when `allowRemoteModels`). A CUDA session that cannot be created falls back to the CPU
 * with a notice.
 */
export async function loadOnnx(spec: LoadSpec, hasCuda?: () => boolean): Promise<LoadedOnnx> {
  const source = modelSource(spec.model);
  if (source.kind === 'directory') {
    const problem = directoryProblem(source.path, spec.dtype);
    if (problem !== undefined) throw modelUnavailable(spec, problem);
  }
  const tf = await loadTransformers();
  const remote = source.kind === 'hub' && spec.allowRemoteModels;
  return withEnv(tf, remote, spec.cacheDir, () => load(tf, spec, source, remote, hasCuda));
}

async function load(
  tf: Transformers,
  spec: LoadSpec,
  source: ModelSource,
  remote: boolean,
  hasCuda: (() => boolean) | undefined,
): Promise<LoadedOnnx> {
  const name = source.kind === 'directory' ? source.path : source.id;
  const options = {
    local_files_only: !remote,
    ...(spec.cacheDir === undefined ? {} : { cache_dir: spec.cacheDir }),
  };
  const fail = (error: unknown, what: string) =>
    error instanceof HeadroomError
      ? error
      : modelUnavailable(
          spec,
          source.kind === 'hub'
            ? hubProblem(source.id, spec.allowRemoteModels, error)
            : `${what} could not be loaded (${firstLine(error)})`,
          error,
        );

  let tokenizer: PreTrainedTokenizer;
  try {
    tokenizer = await tf.AutoTokenizer.from_pretrained(name, options);
  } catch (error) {
    throw fail(error, 'tokenizer.json');
  }
  const choice = chooseDevice(spec.device, hasCuda);
  const notices = choice.warning ? [choice.warning] : [];
  const Model = spec.task === 'token-classification' ? tf.AutoModelForTokenClassification : tf.AutoModel;
  // A CUDA attempt that fails is reported by our notice; onnxruntime's own error log would repeat it.
  const create = (device: ExecutionDevice) =>
    Model.from_pretrained(name, {
      ...options,
      device,
      dtype: spec.dtype,
      ...(device === 'cuda' ? { session_options: { logSeverityLevel: 4 } } : {}),
    }) as Promise<PreTrainedModel>;
  let model: PreTrainedModel;
  let device = choice.device;
  try {
    try {
      model = await create(device);
    } catch (error) {
      if (device !== 'cuda') throw error;
      notices.push(cudaFailedWarning(error));
      device = 'cpu';
      model = await create(device);
    }
  } catch (error) {
    throw fail(error, 'onnx/model.onnx');
  }
  const config = (model as unknown as { config: Record<string, unknown> }).config ?? {};
  return { tf, tokenizer, model, device, config, notices };
}
