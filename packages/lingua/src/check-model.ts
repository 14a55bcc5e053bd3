import { errorCode, type LLMLinguaConfigInput } from '@headroom/core';
import { linguaConfig } from './config.js';
import { firstLine } from './device.js';
import { linguaModel } from './lingua-model.js';
import { ModelUnavailableError } from './load-model.js';
import { modelSource } from './model-source.js';

const RUNTIME_FIX =
  'reinstall @headroom/lingua so @huggingface/transformers and onnxruntime-node are present';

export interface LinguaModelCheck {
  ok: boolean;
  model: string;
  source: 'directory' | 'hub';
  /** Where inference runs once loaded. */
  device?: 'cpu' | 'cuda';
  loadMs?: number;
  /** Device fallbacks and other warnings from loading. */
  notices: string[];
  problem?: string;
  fix?: string;
}

/**
 * For `headroom doctor`: loads the configured LLMLingua model through the same path requests use
 * (config, then HEADROOM_LINGUA_MODEL, then the default hub id) and runs a test inference. Never
 * throws; a problem comes back as `{ ok: false, problem, fix }`.
 */
export async function checkLinguaModel(input?: LLMLinguaConfigInput): Promise<LinguaModelCheck> {
  let model = input?.model ?? '';
  try {
    const config = linguaConfig(input);
    model = config.model;
    const source = modelSource(config.model).kind;
    const started = performance.now();
    try {
      const loaded = await linguaModel(config);
      return {
        ok: true,
        model,
        source,
        device: loaded.device,
        loadMs: Math.round(performance.now() - started),
        notices: [...loaded.notices],
      };
    } catch (error) {
      if (error instanceof ModelUnavailableError) {
        return { ok: false, model, source, notices: [], problem: error.problem, fix: error.fix };
      }
      return { ok: false, model, source, notices: [], problem: firstLine(error), fix: RUNTIME_FIX };
    }
  } catch (error) {
    return {
      ok: false,
      model,
      source: 'directory',
      notices: [],
      problem: `${errorCode(error)}: ${firstLine(error)}`,
      fix: 'correct the llmlingua configuration (see the @headroom/lingua README)',
    };
  }
}
