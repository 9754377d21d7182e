import { describe, expect, it } from 'vitest';
import type { DiagnosticsSample, StepDistribution } from '../../src/train/diagnostics';
import { DiagnosticsHistory } from '../../src/widgets/diagnostics-history';
import {
  edgeRegime, limitNote, planText, sharpnessAlt, sharpnessRows, sharpnessSummary, sharpnessTable, spreadText, stepAlt, stepBins, stepTable, tensorTable,
} from '../../src/widgets/diagnostics-view';

const sgdSteps: StepDistribution = {
  counted: 319, skipped: 2,
  quantiles: { min: 0.15, p10: 0.15, median: 0.15, p90: 0.15, max: 0.15 },
  histogram: { edges: [0.1333521432163324, 0.23713737056616552], counts: [319] },
};

/** A sample as the engine returns it, with the numbers that matter here. */
const sample = (step: number, lambdaMax: number | null, over: Partial<DiagnosticsSample> = {}): DiagnosticsSample => ({
  step,
  loss: 0.2 / (1 + step / 100),
  lr: 0.15,
  twoOverLr: 2 / 0.15,
  tensors: [
    { name: 'layer1.weight', layer: 1, role: 'hidden', shape: [16, 1], size: 16, gradNorm: 0.02, weightNorm: 4, updateNorm: 0.003, updateRatio: 0.00075, medianStep: 0.15 },
    { name: 'layer1.bias', layer: 1, role: 'bias', shape: [16], size: 16, gradNorm: 0.01, weightNorm: 0, updateNorm: 0.0015, updateRatio: null, medianStep: null },
  ],
  effectiveStep: sgdSteps,
  sharpness: lambdaMax === null ? null : { lambdaMax, iterations: 2, residual: 1e-4 },
  sharpnessMissing: lambdaMax === null ? 'off' : null,
  ...over,
  limit: over.limit ?? { value: over.twoOverLr ?? 2 / 0.15, formula: '2/η' },
});

describe('edgeRegime and sharpnessSummary', () => {
  it('place λ_max against 2/η with a ±10 % band', () => {
    expect(edgeRegime(5, 20)).toBe('below');
    expect(edgeRegime(17.9, 20)).toBe('below');
    expect(edgeRegime(18.1, 20)).toBe('at');
    expect(edgeRegime(21.9, 20)).toBe('at');
    expect(edgeRegime(22.1, 20)).toBe('above');
  });

  it('says it in one line', () => {
    expect(sharpnessSummary(sample(2000, 38.2, { lr: 0.05, twoOverLr: 40 }))).toBe('λ_max 38.2 · 2/η 40 · at the edge of stability');
    expect(sharpnessSummary(sample(0, 5.757))).toBe('λ_max 5.757 · 2/η 13.33 · below the edge of stability');
    expect(sharpnessSummary(sample(5, 30))).toBe('λ_max 30 · 2/η 13.33 · past the edge of stability: the steps are unstable along the sharpest direction');
    expect(sharpnessSummary(sample(5, null))).toBe('λ_max not measured · 2/η 13.33');
    expect(sharpnessSummary(sample(5, null, { sharpnessMissing: 'kinks' }))).toBe('λ_max not measured: ReLU’s kinks defeat finite differences of gradients · 2/η 13.33');
    expect(sharpnessSummary(sample(5, null, { sharpnessMissing: 'not-finite' }))).toBe('λ_max not measured: training diverged · 2/η 13.33');
  });
});

describe('the sharpness plot’s words and table', () => {
  const run = [sample(0, 5.757), sample(500, 11.09), sample(1000, 14.18), sample(1050, 12.59), sample(1100, null), sample(2000, 13.42)];

  it('skips samples without λ_max', () => {
    expect(sharpnessRows(run).map((r) => r.step)).toEqual([0, 500, 1000, 1050, 2000]);
  });

  it('tells the course of λ_max: start, peak, now, and the verdict', () => {
    expect(sharpnessAlt(run)).toBe(
      'Sharpness λ_max against step: 5.757 at step 0, 13.42 at step 2000 (highest 14.18 at step 1000), beside the line 2/η = 13.33; now at the edge of stability.',
    );
    expect(sharpnessAlt(run.slice(0, 2))).toBe('Sharpness λ_max against step: 5.757 at step 0, 11.09 at step 500, beside the line 2/η = 13.33; now below the edge of stability.');
    expect(sharpnessAlt([])).toBe('Sharpness λ_max against step: not measured yet.');
    expect(sharpnessAlt([sample(0, null, { sharpnessMissing: 'kinks' })])).toBe('Sharpness λ_max against step: not measured: ReLU’s kinks defeat finite differences of gradients.');
  });

  it('names a moving limit when a schedule changes η', () => {
    const decayed = [sample(0, 5, { lr: 0.1, twoOverLr: 20 }), sample(100, 12, { lr: 0.05, twoOverLr: 40 })];
    expect(sharpnessAlt(decayed)).toContain('beside the line 2/η, from 20 to 40 as the schedule changes η; now below');
  });

  it('tabulates step, λ_max, 2/η, their ratio and the loss, thinned to about a dozen rows', () => {
    const t = sharpnessTable(run);
    expect(t.head).toEqual(['step', 'λ_max', '2/η', 'λ_max ÷ (2/η)', 'training loss']);
    expect(t.body[2]).toEqual(['1000', '14.18', '13.33', '1.063', '0.01818']);
    const long = Array.from({ length: 41 }, (_, i) => sample(50 * i, 6 + i / 5));
    const body = sharpnessTable(long).body;
    expect(body.length).toBeLessThanOrEqual(13);
    expect(body.at(-1)![0]).toBe('2000');
  });
});

describe('the per-tensor table', () => {
  it('has one row per named tensor, a dash where a ratio is undefined', () => {
    expect(tensorTable(sample(10, 6))).toEqual({
      head: ['tensor', 'shape', 'gradient norm ‖g‖', 'update ÷ weight ‖Δθ‖/‖θ‖', 'median step |Δθᵢ|/|gᵢ|'],
      body: [
        ['layer1.weight', '16×1', '0.02', '7.50e-4', '0.15'],
        ['layer1.bias', '16', '0.01', '—', '—'],
      ],
    });
  });
});

describe('the effective-step histogram’s words and table', () => {
  const adamSteps: StepDistribution = {
    counted: 337, skipped: 0,
    quantiles: { min: 2e-5, p10: 0.0004, median: 0.003, p90: 0.012, max: 0.9 },
    histogram: { edges: [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1], counts: [3, 40, 150, 140, 4] },
  };

  it('says SGD takes the same step everywhere, and how many coordinates were left out', () => {
    expect(spreadText(sgdSteps)).toBe('the same for every coordinate');
    expect(stepAlt(sample(40, 6))).toBe(
      'Histogram of the effective per-coordinate step |Δθᵢ|/|gᵢ| of 319 coordinates at step 40: median 0.15, 10th to 90th percentile 0.15 to 0.15, ' +
        'smallest 0.15, largest 0.15; the same for every coordinate, against η = 0.15; 2 left out (a zero gradient, or a step too small against its weight to read in float32).',
    );
  });

  it('gives Adam’s spread between the 10th and 90th percentiles', () => {
    const s = sample(200, null, { lr: 0.01, effectiveStep: adamSteps });
    expect(spreadText(adamSteps)).toBe('a spread of ×30 between the 10th and 90th percentiles');
    expect(stepAlt(s)).toContain('of 337 coordinates at step 200: median 0.003, 10th to 90th percentile 4.00e-4 to 0.012');
    expect(stepAlt(s)).not.toContain('left out');
  });

  it('lists the non-empty bins', () => {
    const s = sample(200, null, { effectiveStep: { ...adamSteps, histogram: { edges: [1e-3, 1e-2, 1e-1, 1], counts: [5, 0, 2] } } });
    expect(stepBins(s.effectiveStep)).toEqual([{ from: 1e-3, to: 1e-2, count: 5 }, { from: 1e-2, to: 1e-1, count: 0 }, { from: 1e-1, to: 1, count: 2 }]);
    expect(stepTable(s)).toEqual({ head: ['step from', 'to', 'coordinates'], body: [['0.001', '0.01', '5'], ['0.1', '1', '2']] });
  });

  it('says so when no coordinate could be read', () => {
    const s = sample(3, null, { effectiveStep: { counted: 0, skipped: 5, quantiles: null, histogram: { edges: [], counts: [] } } });
    expect(stepAlt(s)).toBe(
      'Effective per-coordinate step |Δθᵢ|/|gᵢ| at step 3: no coordinate could be read; 5 left out (a zero gradient, or a step too small against its weight to read in float32).',
    );
    expect(stepTable(s).body).toEqual([]);
  });
});

describe('limits other than 2/η, and none', () => {
  const momentum = { value: 760, formula: '(2 + 2μ)/η' };
  const adam = { value: null, why: 'Adam does not step by η times the gradient (an adaptive method rescales each coordinate), so no line like 2/η applies' };

  it('names the rule’s own limit in the summary, the table and the text alternative', () => {
    const run = [sample(0, 300, { limit: momentum }), sample(50, 700, { limit: momentum })];
    expect(sharpnessSummary(run[1])).toBe('λ_max 700 · (2 + 2μ)/η 760 · at the edge of stability');
    expect(sharpnessTable(run).head).toEqual(['step', 'λ_max', '(2 + 2μ)/η', 'λ_max ÷ ((2 + 2μ)/η)', 'training loss']);
    expect(sharpnessAlt(run)).toContain('beside the line (2 + 2μ)/η = 760; now at the edge of stability.');
  });

  it('shows λ_max alone where the rule has no limit, and says why in one sentence', () => {
    const run = [sample(0, 3, { limit: adam }), sample(50, 4.5, { limit: adam })];
    expect(sharpnessSummary(run[1])).toBe('λ_max 4.5');
    expect(sharpnessTable(run)).toEqual({ head: ['step', 'λ_max', 'training loss'], body: [['0', '3', '0.2'], ['50', '4.5', '0.1333']] });
    expect(sharpnessAlt(run)).toBe('Sharpness λ_max against step: 3 at step 0, 4.5 at step 50.');
    expect(limitNote(run[1], { every: 10, everyEpochs: 10, sharpnessEvery: 50, fullBatch: true })).toBe(`No stability line: ${adam.why}.`);
  });

  it('says when samples are taken, and that mini-batch training is held to no line', () => {
    expect(planText({ every: 10, everyEpochs: 10, sharpnessEvery: 50, fullBatch: true })).toBe(
      'Measured on the whole training set every 10 steps; λ_max every 50 steps, as each costs several Hessian-vector products (by power iteration on differences of gradients).',
    );
    expect(planText({ every: 100, everyEpochs: 10, sharpnessEvery: 500, fullBatch: false })).toMatch(/^Measured on the whole training set every 100 steps \(10 epochs\); λ_max every 500 steps/);
    expect(limitNote(sample(0, 3), { every: 10, everyEpochs: 10, sharpnessEvery: 50, fullBatch: true })).toBeNull();
    expect(limitNote(sample(0, 3), { every: 100, everyEpochs: 10, sharpnessEvery: 500, fullBatch: false })).toMatch(/full-batch training’s limit/);
  });
});

describe('DiagnosticsHistory', () => {
  const plan = { run: 0, every: 10, everyEpochs: 10, sharpnessEvery: 50, fullBatch: true };
  it('keeps every sample with λ_max and only the latest without', () => {
    const h = new DiagnosticsHistory();
    h.add({ ...plan, samples: [sample(0, 5), sample(10, null), sample(20, null)] });
    expect(h.samples.map((s) => s.step)).toEqual([0, 20]);
    h.add({ ...plan, samples: [sample(50, 7)] });
    expect(h.samples.map((s) => s.step)).toEqual([0, 50]);
    expect(h.plan).toEqual({ every: 10, everyEpochs: 10, sharpnessEvery: 50, fullBatch: true });
  });
  it('keeps a reason why λ_max is missing (a diverged run), and thins past its maximum, keeping the newest', () => {
    const h = new DiagnosticsHistory(10);
    h.add({ ...plan, samples: Array.from({ length: 25 }, (_, i) => sample(50 * i, 5 + i)) });
    expect(h.samples.length).toBeLessThanOrEqual(10);
    expect(h.samples[0].step).toBe(0);
    expect(h.samples.at(-1)!.step).toBe(1200);
    h.add({ ...plan, samples: [sample(1210, null, { sharpnessMissing: 'not-finite' })] });
    expect(h.samples.at(-1)!.sharpnessMissing).toBe('not-finite');
  });
});
