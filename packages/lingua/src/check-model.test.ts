import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkLinguaModel, LINGUA_MODEL_ENV, unloadLlmlinguaModel } from './index.js';
import { type TinyModel, writeTinyLinguaModel } from './test-utils/index.js';

let tiny: TinyModel;

beforeAll(async () => {
  tiny = await writeTinyLinguaModel();
});

afterAll(async () => {
  await unloadLlmlinguaModel();
  await tiny.cleanup();
});

describe('checkLinguaModel', () => {
  it('reports a working model', async () => {
    const check = await checkLinguaModel({ model: tiny.dir, allowRemoteModels: false });
    expect(check).toMatchObject({
      ok: true,
      model: tiny.dir,
      source: 'directory',
      device: 'cpu',
      notices: [],
    });
    expect(check.loadMs).toBeGreaterThanOrEqual(0);
  });

  it('reports a missing model with the problem and the fix apart', async () => {
    const check = await checkLinguaModel({ model: '/nonexistent/lingua', allowRemoteModels: false });
    expect(check.ok).toBe(false);
    expect(check.problem).toMatch(/the directory \/nonexistent\/lingua does not exist/);
    expect(check.fix).toMatch(/^set HEADROOM_LINGUA_MODEL/);
    vi.stubEnv(LINGUA_MODEL_ENV, '');
    const hub = await checkLinguaModel({ allowRemoteModels: false });
    vi.unstubAllEnvs();
    expect(hub).toMatchObject({
      ok: false,
      source: 'hub',
      model: 'atjsh/llmlingua-2-js-tinybert-meetingbank',
    });
  });

  it('reports a bad configuration without throwing', async () => {
    const check = await checkLinguaModel({ model: tiny.dir, chunkTokens: -1 });
    expect(check.ok).toBe(false);
    expect(check.problem).toMatch(/INVALID_CONFIG.*chunkTokens/);
  });

  it('reports the CPU fallback of a cuda request', async () => {
    const check = await checkLinguaModel({ model: tiny.dir, allowRemoteModels: false, device: 'cuda' });
    expect(check.ok).toBe(true);
    expect(check.device).toBe('cpu');
    expect(check.notices[0]).toMatch(/running on CPU/);
  });
});
