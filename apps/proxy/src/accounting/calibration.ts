import type { Usage } from './usage.js';

export const CALIBRATION_ALPHA = 0.1;
export const CALIBRATION_MIN = 0.5;
export const CALIBRATION_MAX = 2;
/** Below this many samples a family's ratio is reported with `calibrated: false`. */
export const CALIBRATION_MIN_SAMPLES = 5;

export interface FamilyCalibration {
  ratio: number;
  samples: number;
  calibrated: boolean;
}

const clamp = (x: number) => Math.min(CALIBRATION_MAX, Math.max(CALIBRATION_MIN, x));

/** Provider-reported prompt size: Anthropic input + cache reads + cache writes; OpenAI prompt/input tokens. */
export function providerInput(u: Usage): number {
  // `readUsage` moved OpenAI's cached tokens out of `input` into `cacheRead`: the sum is `prompt_tokens`.
  return u.input + u.cacheRead + u.cacheWrite;
}

/**
 * Per model family, `ratio = EWMA(providerInput / localForwarded)` (α 0.1, clamped to [0.5, 2];
 * proxy.md §12). The first sample seeds the average, so one request already gives a usable ratio;
 * it is flagged uncalibrated until five samples. A family never seen has ratio 1.
 */
export class Calibration {
  private readonly families = new Map<string, { ratio: number; samples: number }>();

  /** Feeds one sample; returns the family's new ratio, or undefined when the sample is unusable. */
  observe(family: string, provider: number, local: number): number | undefined {
    if (!(provider > 0) || !(local > 0) || !Number.isFinite(provider / local)) return undefined;
    const sample = clamp(provider / local);
    const f = this.families.get(family);
    if (!f) {
      this.families.set(family, { ratio: sample, samples: 1 });
      return sample;
    }
    f.ratio = clamp(f.ratio + CALIBRATION_ALPHA * (sample - f.ratio));
    f.samples++;
    return f.ratio;
  }

  ratio(family: string): number {
    return this.families.get(family)?.ratio ?? 1;
  }

  /** Local tokens saved, expressed in the provider's tokens. */
  providerSaved(family: string, localSaved: number): number {
    return Math.round(localSaved * this.ratio(family));
  }

  snapshot(): Record<string, FamilyCalibration> {
    const out: Record<string, FamilyCalibration> = {};
    for (const [family, f] of [...this.families].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out[family] = {
        ratio: Math.round(f.ratio * 10_000) / 10_000,
        samples: f.samples,
        calibrated: f.samples >= CALIBRATION_MIN_SAMPLES,
      };
    }
    return out;
  }
}
