import { Diagnostics, type DiagnosticsSample } from './diagnostics';
import type { Runs } from './runs';

/** Cheap statistics (norms, ratios, effective steps: one full-batch gradient) every this many epochs. */
export const STATS_EVERY_EPOCHS = 10;
/** λ_max (several Hessian-vector products, two full-batch gradients each) every this many cheap samples. */
export const SHARPNESS_EVERY_SAMPLES = 5;

/** What a session's diagnostics report: the sampling plan and the samples taken since the last report. */
export interface DiagnosticsReport {
  run: number;
  /** Steps between samples… */
  every: number;
  /** …which is this many epochs. */
  everyEpochs: number;
  /** Steps between samples with λ_max (a multiple of `every`). */
  sharpnessEvery: number;
  /** Whether every step sees the whole training set (the stability limits are full-batch ones). */
  fullBatch: boolean;
  samples: DiagnosticsSample[];
}

/**
 * Diagnostics of one run of a session, measured engine side while it trains.
 * Samples fall on fixed steps — every `every` steps, with λ_max every
 * `sharpnessEvery` — whatever the time slices the engine trains in, so the
 * Worker and the page's own thread measure the same numbers at the same steps.
 * Intervals are counted in epochs (passes over the training set), because a
 * sample costs full-batch gradients: every 10 epochs the cheap statistics
 * cost about a tenth of an epoch's extra work each; λ_max, every 50 epochs,
 * some 4–40 full-batch gradients.
 */
export class DiagnosticsSampler {
  readonly every: number;
  readonly sharpnessEvery: number;
  private readonly diagnostics: Diagnostics;
  private samples: DiagnosticsSample[] = [];
  private measuredAt = -1; // the trainer's step at the last sample: a diverged run stays put, measured once

  constructor(private readonly runs: Runs, readonly run: number) {
    const t = runs.trainers[run];
    if (!t) throw new Error(`diagnostics: run ${run} ${run in runs.trainers ? 'could not be built' : 'does not exist'}`);
    this.diagnostics = new Diagnostics(t);
    this.every = STATS_EVERY_EPOCHS * Math.ceil(t.data.trainSize / t.batchSize);
    this.sharpnessEvery = SHARPNESS_EVERY_SAMPLES * this.every;
    this.measure(true); // where it stands now, λ_max included
  }

  /** Trains `n` steps (fewer if the session ends), stopping at every sample step to measure. */
  advance(n: number): void {
    let left = Math.floor(n);
    while (left > 0 && this.runs.canStep) {
      const before = this.runs.step;
      this.runs.advance(Math.min(left, this.every - (before % this.every)));
      const took = this.runs.step - before;
      if (took <= 0) break;
      left -= took;
      if (this.runs.step % this.every === 0) this.measure(this.runs.step % this.sharpnessEvery === 0);
    }
  }

  /** The samples taken since the last call, with the plan. */
  take(): DiagnosticsReport {
    const samples = this.samples;
    this.samples = [];
    const t = this.diagnostics.trainer;
    const fullBatch = t.batchSize === t.data.trainSize;
    return { run: this.run, every: this.every, everyEpochs: STATS_EVERY_EPOCHS, sharpnessEvery: this.sharpnessEvery, fullBatch, samples };
  }

  private measure(sharpness: boolean): void {
    const { step } = this.diagnostics.trainer;
    if (step === this.measuredAt) return;
    this.measuredAt = step;
    this.samples.push(this.diagnostics.measure(sharpness));
  }
}
