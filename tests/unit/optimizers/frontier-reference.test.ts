/**
 * Agreement with the float64 transcriptions of the sources (frontier-reference.ts)
 * over 40 steps: matrix least squares (tall and wide), fixed gradient
 * matrices, and for the rules that take vectors a vector quadratic and a
 * fixed vector sequence. Then the converse: for each rule one deliberate
 * error in the reference, which the same comparison must reject.
 */
import { describe, expect, it } from 'vitest';
import { frontierOptimizers } from '../../../src/optimizers/frontier';
import { validateHyper } from '../../../src/optimizers/validate';
import { frontierReferences, mutations, newtonInverseRoot } from './frontier-reference';
import { matrixProblems, runBoth, vectorProblems, worstViolation } from './frontier-problems';
import { expectClose, useCpuBackend } from './helpers';

useCpuBackend();

/** float32 against float64 over 40 closed-loop steps; Muon's and Shampoo's roots amplify rounding the most. */
const REL = 1e-4;
const ABS = 1e-5;

/** Settings under which each rule's distinctive parts matter within 40 steps. */
const settings: Record<string, [string, Record<string, number>][]> = {
  muon: [
    ['Nesterov, decay', { lr: 0.02, momentum: 0.9, weightDecay: 0.1 }],
    ['plain momentum', { lr: 0.02, momentum: 0.9, nesterov: 0, weightDecay: 0.1 }],
    ['3 Newton–Schulz steps, ε = 0.5', { lr: 0.02, nsSteps: 3, eps: 0.5 }],
  ],
  adafactor: [
    ['defaults', {}],
    ['decay, d = 2, τ = −0.5', { lr: 0.03, weightDecay: 1, d: 2, beta2Decay: -0.5 }],
    ['ε₁ = 0.01, ε₂ = 0.5', { eps1: 1e-2, eps2: 0.5 }],
  ],
  lamb: [
    ['η = 0.05', { lr: 0.05 }],
    ['β₂ = 0.9, decay', { lr: 0.05, beta2: 0.9, weightDecay: 0.1 }],
    ['ε = 0.1, decay', { lr: 0.05, eps: 0.1, weightDecay: 0.1 }],
  ],
  lars: [
    ['κ = 0.02', { trustCoefficient: 0.02 }],
    ['Nesterov, decay, ε = 0.1', { nesterov: 1, weightDecay: 0.1, trustCoefficient: 0.02, eps: 0.1 }],
  ],
  shampoo: [
    ['defaults', {}],
    ['ε = 0.1', { lr: 0.05, eps: 0.1 }],
  ],
  'schedule-free-adamw': [
    ['η = 0.05', { lr: 0.05 }],
    ['warm-up, r = 1, p = 1, decay', { lr: 0.05, beta2: 0.9, warmupSteps: 5, r: 1, weightLrPower: 1, weightDecay: 0.1 }],
  ],
};

const ids = Object.keys(frontierOptimizers);

describe('the float64 references', () => {
  it('cover every frontier rule, with settings and a mutation for each', () => {
    expect(Object.keys(frontierReferences).sort()).toEqual([...ids].sort());
    expect(Object.keys(settings).sort()).toEqual([...ids].sort());
    expect(Object.keys(mutations).sort()).toEqual([...ids].sort());
  });

  it('Newton’s inverse root agrees with the closed form on a diagonal matrix', () => {
    expectClose(newtonInverseRoot([[16, 0], [0, 1e-4]], 4).flat(), [0.5, 0, 0, 10], 1e-12, 1e-13);
  });
});

for (const id of ids) {
  const opt = frontierOptimizers[id];
  const problems = opt.scope === 'matrix' ? matrixProblems : [...matrixProblems, ...vectorProblems];
  describe(`${id} agrees with its source over 40 steps`, () => {
    for (const [label, hp] of settings[id]) {
      it.each(problems.map((p) => [p.label, p] as const))(`${label}: %s`, (_, problem) => {
        const full = validateHyper(opt, hp);
        const { ours, reference } = runBoth(opt, full, frontierReferences[id](full, problem.shape), problem);
        // Something must happen, or agreement would mean little.
        expect(Math.max(...reference[39].map((x, i) => Math.abs(x - problem.theta0[i])))).toBeGreaterThan(1e-3);
        const worst = worstViolation(ours, reference, REL, ABS);
        expect(worst).toBeLessThanOrEqual(1);
      });
    }
  });

  it(`${id}: the same comparison rejects the reference with “${mutations[id].mutation}”`, () => {
    const { mutation, hp } = mutations[id];
    const full = validateHyper(opt, { ...settings[id][0][1], ...hp });
    // Tall matrices: every mutation shows there (Muon's √(m/n) is 1 on wide ones).
    for (const problem of [matrixProblems[0], matrixProblems[2]]) {
      const exact = runBoth(opt, full, frontierReferences[id](full, problem.shape), problem);
      expect(worstViolation(exact.ours, exact.reference, REL, ABS), problem.label).toBeLessThanOrEqual(1);
      const mutant = runBoth(opt, full, frontierReferences[id](full, problem.shape, mutation), problem);
      expect(worstViolation(mutant.ours, mutant.reference, REL, ABS), problem.label).toBeGreaterThan(10);
    }
  });
}

describe('Muon’s two momentum buffers', () => {
  const muon = frontierOptimizers.muon;
  const problem = matrixProblems[2]; // fixed gradients, 5×2

  it.each([1, 0])('the docstring’s sum buffer B ← μB + g gives the code’s updates (nesterov = %i)', (nesterov) => {
    const full = validateHyper(muon, { ...settings.muon[0][1], nesterov });
    const { ours, reference } = runBoth(muon, full, frontierReferences.muon(full, problem.shape, 'sum buffer'), problem);
    expect(worstViolation(ours, reference, REL, ABS)).toBeLessThanOrEqual(1);
  });

  it('but not when ε exceeds (1−μ)‖U‖: then the EMA’s smaller input is divided by ε, the sum’s by its norm', () => {
    const full = validateHyper(muon, { ...settings.muon[0][1], eps: 2 });
    const { ours, reference } = runBoth(muon, full, frontierReferences.muon(full, problem.shape, 'sum buffer'), problem);
    expect(worstViolation(ours, reference, REL, ABS)).toBeGreaterThan(10);
  });
});
