/**
 * Agreement with an independent reference: for every registered optimizer,
 * 50 steps on random gradient sequences, our float32 tensors against the
 * float64 transcription of the framework's own loop in reference.ts.
 *
 * The gradients do not depend on θ, so rounding cannot steer the two runs
 * apart: any difference beyond float32 noise is a difference in the rule.
 */
import { describe, expect, it } from 'vitest';
import { frontierIds, optimizers } from '../../../src/optimizers';
import { validateHyper } from '../../../src/optimizers/validate';
import { references } from './reference';
import { expectClose, normal, rng, trajectory, useCpuBackend } from './helpers';

useCpuBackend();

const STEPS = 50;
const DIM = 6;

/** Gradients whose overall scale jumps by orders of magnitude between steps, with one coordinate silent at first. */
function gradientSequence(seed: number): number[][] {
  const randn = normal(rng(seed));
  return Array.from({ length: STEPS }, (_, k) => {
    const scale = Math.exp(1.5 * randn());
    return Array.from({ length: DIM }, (_, i) => (i === DIM - 1 && k < 3 ? 0 : Math.fround(scale * randn())));
  });
}

/** Livelier settings than the defaults, so that each rule's distinctive parts matter within 50 steps. */
function lively(defaults: Record<string, number>): Record<string, number> {
  const hp: Record<string, number> = { ...defaults, lr: defaults.lr * 10 };
  if ('beta2' in hp) hp.beta2 = 0.9;
  if ('momentumDecay' in hp) hp.momentumDecay = 0.05;
  if ('weightDecay' in hp) hp.weightDecay = 0.1;
  if ('initialAccumulator' in hp) hp.initialAccumulator = 0.3;
  if ('momentum' in hp) hp.momentum = 0.8;
  return hp;
}

// The frontier rules are defined per tensor or per matrix: frontier-reference.test.ts checks them on matrices.
describe('agreement with the float64 reference over 50 random steps', () => {
  const ids = Object.keys(optimizers).filter((id) => !frontierIds.includes(id));

  it('has a reference for every registered optimizer', () => {
    expect(Object.keys(references).sort()).toEqual([...ids].sort());
  });

  for (const id of ids) {
    const opt = optimizers[id];
    const settings: [string, Record<string, number>][] = [
      ['defaults', opt.defaults],
      ['lively settings', lively(opt.defaults)],
    ];
    // At the default ε its placement is below float32 resolution; a large ε makes it decide the step.
    if ('eps' in opt.defaults) settings.push(['ε = 0.1', { ...lively(opt.defaults), eps: 0.1 }]);
    for (const [label, hp] of settings) {
      it.each([1, 2])(`${id} with ${label}, gradient seed %i`, (seed) => {
        const full = validateHyper(opt, hp);
        const grads = gradientSequence(seed * 101 + id.length);
        const theta0 = Array.from({ length: DIM }, normal(rng(seed))).map(Math.fround);

        const ours = trajectory(opt, full, theta0, grads);
        const step = references[id](full);
        let expected = theta0;
        grads.forEach((g, k) => {
          expected = step(expected, g);
          expectClose(ours[k], expected, 2e-5, 2e-6);
        });
      });
    }
  }
});
