import { memory } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticsSample } from '../../../src/train/diagnostics';
import { EDGE_OF_STABILITY } from '../../../src/train/diagnostics';
import { SHARPNESS_EVERY_SAMPLES, STATS_EVERY_EPOCHS } from '../../../src/train/diagnostics-sampler';
import { EngineHost, type EngineRequest, type SessionReport } from '../../../src/train/engine-host';
import { ready } from '../../../src/train/tf';
import type { TrainerConfig } from '../../../src/train/trainer';

beforeAll(ready);

/** The engine as the page sees it through a Worker: every reply structured-cloned, as postMessage does. */
const cloned = (host: EngineHost) => async (r: EngineRequest) => structuredClone(await host.handle(r));

/** Builds a session, turns diagnostics on, trains to `steps` in slices of the given sizes (repeated); returns every sample and report. */
async function trainWithDiagnostics(config: TrainerConfig, steps: number, slices: number[], clone: boolean) {
  const host = new EngineHost();
  const request = clone ? cloned(host) : (r: EngineRequest) => host.handle(r);
  await request({ op: 'build', session: 1, configs: [config], end: Infinity });
  const reports: SessionReport[] = [(await request({ op: 'diagnostics', session: 1, run: 0 })).report!];
  for (let i = 0; reports.at(-1)!.step < steps && reports.at(-1)!.canStep; i++) {
    const max = Math.min(slices[i % slices.length], steps - reports.at(-1)!.step);
    reports.push((await request({ op: 'advance', session: 1, max, budgetMs: 1e9, models: [] })).report!);
  }
  const samples = reports.flatMap((r) => r.diagnostics?.samples ?? []);
  const tensors = (await request({ op: 'dispose', session: 1 })).tensors;
  return { samples, reports, tensors };
}

const eos = EDGE_OF_STABILITY.config;

describe('diagnostics through the engine protocol', () => {
  it('measures the same samples at the same steps in a Worker (cloned replies, long slices) as on the page (short slices)', async () => {
    const worker = await trainWithDiagnostics(eos, 120, [97, 3, 40], true);
    const page = await trainWithDiagnostics(eos, 120, [12, 7], false);
    // Full batch: a sample every 10 steps, λ_max every 50.
    expect(worker.reports[0].diagnostics).toMatchObject({ run: 0, every: STATS_EVERY_EPOCHS, everyEpochs: STATS_EVERY_EPOCHS, sharpnessEvery: STATS_EVERY_EPOCHS * SHARPNESS_EVERY_SAMPLES, fullBatch: true });
    expect(worker.samples.map((s) => s.step)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(worker.samples.filter((s) => s.sharpness).map((s) => s.step)).toEqual([0, 50, 100]);
    expect(worker.samples.filter((s) => !s.sharpness).every((s) => s.sharpnessMissing === 'off')).toBe(true);
    expect(page.samples).toStrictEqual(worker.samples);
    // The limit plotted: gradient descent's 2/η for this plain SGD.
    expect(worker.samples[0].limit).toEqual({ value: 2 / 0.15, formula: '2/η' });
    expect(worker.samples[0].sharpness!.lambdaMax / worker.samples[0].limit.value!).toBeCloseTo(0.43, 2); // as documented in diagnostics.ts
  });

  it('does not change the training: the same losses with diagnostics on as off', async () => {
    const host = new EngineHost();
    await host.handle({ op: 'build', session: 1, configs: [eos], end: Infinity });
    const off = (await host.handle({ op: 'advance', session: 1, max: 120, budgetMs: 1e9, models: [] })).report!;
    const on = await trainWithDiagnostics(eos, 120, [33], false);
    expect(on.reports.at(-1)!.runs).toStrictEqual(off.runs);
    await host.handle({ op: 'dispose', session: 1 });
  });

  it('counts intervals in epochs: with batches of 10 out of 100 points, a sample every 100 steps, λ_max every 500', async () => {
    const { reports, samples } = await trainWithDiagnostics({ ...eos, batchSize: 10 }, 200, [64], false);
    expect(reports[0].diagnostics).toMatchObject({ every: 100, sharpnessEvery: 500, fullBatch: false });
    expect(samples.map((s) => s.step)).toEqual([0, 100, 200]);
  });

  it('stops when switched off, and refuses a run that does not exist', async () => {
    const host = new EngineHost();
    await host.handle({ op: 'build', session: 1, configs: [eos], end: Infinity });
    const first = (await host.handle({ op: 'diagnostics', session: 1, run: 0 })).report!;
    expect(first.diagnostics!.samples.map((s: DiagnosticsSample) => s.step)).toEqual([0]);
    expect((await host.handle({ op: 'diagnostics', session: 1, run: null })).report!.diagnostics).toBeNull();
    expect((await host.handle({ op: 'advance', session: 1, max: 30, budgetMs: 1e9, models: [] })).report!.diagnostics).toBeNull();
    await expect(host.handle({ op: 'diagnostics', session: 1, run: 3 })).rejects.toThrow('diagnostics: run 3 does not exist');
    await host.handle({ op: 'dispose', session: 1 });
  });

  it('measures a diverging run once where it stopped, then no more', async () => {
    const { samples, reports } = await trainWithDiagnostics({ ...eos, hyper: { lr: 5 } }, 60, [7], false);
    const last = reports.at(-1)!;
    expect(last.runs[0].diverged).toBe(true);
    expect(last.canStep).toBe(false);
    const steps = samples.map((s) => s.step);
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('leaves no tensor behind once the session is disposed', async () => {
    const before = memory().numTensors;
    const { tensors } = await trainWithDiagnostics(eos, 60, [25], false);
    expect(tensors).toBe(before);
  });
});
