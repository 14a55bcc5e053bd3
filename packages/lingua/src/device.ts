import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ModelDevice } from '@headroom/core';

export type ExecutionDevice = 'cpu' | 'cuda';

/** The CUDA execution provider library of onnxruntime-node, if its install put one there. */
export function cudaProviderPath(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    // onnxruntime-node is transformers.js's dependency, so resolve it from there.
    const require = createRequire(import.meta.url);
    const ort = createRequire(require.resolve('@huggingface/transformers')).resolve('onnxruntime-node');
    const file = join(
      dirname(ort),
      '..',
      'bin',
      'napi-v6',
      'linux',
      'x64',
      'libonnxruntime_providers_cuda.so',
    );
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

export interface DeviceChoice {
  device: ExecutionDevice;
  /** Why the requested device is not used, as an actionable line. */
  warning?: string;
}

const CUDA_FIX =
  'reinstall onnxruntime-node with ONNXRUNTIME_NODE_INSTALL=cuda12 on a Linux x64 machine with CUDA 12, or set device: "cpu"';

/**
 * auto → cuda when the provider library is present, else cpu; cuda without it → cpu with a warning;
 * mps (accepted for the Python seed's configs) → cpu with a warning, onnxruntime-node has no MPS.
 */
export function chooseDevice(
  requested: ModelDevice,
  hasCuda: () => boolean = () => !!cudaProviderPath(),
): DeviceChoice {
  if (requested === 'cpu') return { device: 'cpu' };
  if (requested === 'mps') {
    return {
      device: 'cpu',
      warning:
        'device "mps" is not supported by onnxruntime-node; running on CPU. Fix: set device: "cpu" or "auto"',
    };
  }
  if (hasCuda()) return { device: 'cuda' };
  if (requested === 'auto') return { device: 'cpu' };
  return {
    device: 'cpu',
    warning: `device "cuda" requested but onnxruntime-node's CUDA provider (libonnxruntime_providers_cuda.so) is not installed; running on CPU. Fix: ${CUDA_FIX}`,
  };
}

/** The warning when a CUDA session could not be created and the CPU took over. */
export function cudaFailedWarning(error: unknown): string {
  return `the CUDA session could not be created (${firstLine(error)}); running on CPU. Fix: check the CUDA 12 driver and libraries, or ${CUDA_FIX}`;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0]!.slice(0, 300);
}
