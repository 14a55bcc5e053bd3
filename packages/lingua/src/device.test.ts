import { describe, expect, it } from 'vitest';
import { chooseDevice, cudaProviderPath } from './device.js';

describe('chooseDevice', () => {
  const withCuda = () => true;
  const without = () => false;

  it('auto picks cuda only when its provider is installed', () => {
    expect(chooseDevice('auto', withCuda)).toEqual({ device: 'cuda' });
    expect(chooseDevice('auto', without)).toEqual({ device: 'cpu' });
    expect(chooseDevice('cpu', withCuda)).toEqual({ device: 'cpu' });
  });

  it('cuda without the provider and mps fall back to the CPU with an actionable warning', () => {
    const cuda = chooseDevice('cuda', without);
    expect(cuda.device).toBe('cpu');
    expect(cuda.warning).toMatch(/libonnxruntime_providers_cuda\.so.*Fix: .*ONNXRUNTIME_NODE_INSTALL=cuda12/);
    const mps = chooseDevice('mps', withCuda);
    expect(mps.device).toBe('cpu');
    expect(mps.warning).toMatch(/mps.*running on CPU/);
  });

  it('finds no CUDA provider on this machine (the install skips it)', () => {
    expect(cudaProviderPath()).toBeUndefined();
  });
});
