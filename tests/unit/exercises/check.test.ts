import '@tensorflow/tfjs-backend-cpu';
import { add, div, memory, mul, reshape, setBackend, slice, sqrt, square, sub } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseOptimizerIds, optimizers } from '../../../src/optimizers';
import { check, gradingCases, makeCases, type UpdateFn } from '../../../src/exercises/check';
import { caseForm, exerciseIds, frontierExerciseIds, hasExercise } from '../../../src/exercises/exercisable';

beforeAll(async () => {
  await setBackend('cpu');
});

const adam = optimizers.adam;
const cases = makeCases(adam.defaults, 1);

// Adam written differently from the reference (PyTorch's arrangement of the bias corrections).
const studentAdam: UpdateFn = (param, grad, { m, v }, { lr, beta1, beta2, eps }, t) => {
  const m1 = add(mul(m, beta1), mul(grad, 1 - beta1));
  const v1 = add(mul(v, beta2), mul(square(grad), 1 - beta2));
  const stepSize = lr / (1 - beta1 ** t);
  const denom = add(div(sqrt(v1), Math.sqrt(1 - beta2 ** t)), eps);
  return [sub(param, mul(stepSize, div(m1, denom))), { m: m1, v: v1 }];
};

describe('check', () => {
  it('makes seeded cases: 3 visible and 3 hidden, 10–30 steps, the same for the same seed', () => {
    expect(cases.map((c) => c.hidden)).toEqual([false, false, false, true, true, true]);
    for (const c of cases) expect(c.grads.length).toBeGreaterThanOrEqual(10), expect(c.grads.length).toBeLessThanOrEqual(30);
    expect(makeCases(adam.defaults, 1)).toEqual(cases);
    expect(makeCases(adam.defaults, 2)).not.toEqual(cases);
  });

  it('passes a correct solution, even one arranged differently, and frees its tensors', () => {
    const before = memory().numTensors;
    const r = check(adam, studentAdam, cases);
    expect(r.summary).toBe('passed: 6 of 6 cases match');
    expect(r.passed).toBe(true);
    expect(memory().numTensors).toBe(before);
  });

  it.each(exerciseIds)('passes %s against itself', (id) => {
    const o = optimizers[id];
    expect(check(o, o.update, makeCases(o.defaults, 7, 3, 3, caseForm(id))).passed).toBe(true);
  });

  it('fails a wrong solution at its first differing step, with a table of that quantity', () => {
    const wrong: UpdateFn = (param, grad, { m, v }, hp, t) => {
      const [p, s] = studentAdam(param, grad, { m, v }, hp, t);
      return [t >= 3 ? add(p, 0.01) : p, s];
    };
    const r = check(adam, wrong, cases);
    expect(r.passed).toBe(false);
    expect(r.summary).toMatch(/^failed: case 1 differs at step 3 \(θ\[0\]: expected .*, got .*\)$/);
    const table = r.cases[0].table!;
    expect(table.map((row) => row.step)).toEqual([1, 2, 3]);
    expect(table[0].expected).toBe(table[0].got);
    expect(table[2].expected).not.toBe(table[2].got);
  });

  it('catches a hard-coded hyperparameter only in a hidden case, without showing its numbers', () => {
    const hard: UpdateFn = (param, grad, state, hp, t) => studentAdam(param, grad, state, { ...hp, beta1: 0.9 }, t);
    const r = check(adam, hard, cases);
    expect(r.passed).toBe(false);
    const first = r.cases.find((c) => !c.passed)!;
    expect(first.hidden).toBe(true);
    expect(first.table).toBeUndefined();
    expect(r.summary).toMatch(/^failed: case \d \(hidden\) differs at step \d+ \([^:]*\)$/);
  });

  it('reports an exception with its message and the line found by lineOf', () => {
    const throwing: UpdateFn = () => {
      throw new TypeError('m.foo is not a function');
    };
    const r = check(adam, throwing, cases, undefined, () => 4);
    expect(r.passed).toBe(false);
    expect(r.summary).toBe('failed: TypeError: m.foo is not a function (line 4) at step 1 of case 1');
  });

  it('fails a wrong state shape: a missing state tensor, a non-tensor return, a wrong length', () => {
    const missing: UpdateFn = (param, grad, state, hp, t) => [studentAdam(param, grad, state, hp, t)[0], { m: state.m }];
    expect(check(adam, missing, cases).summary).toMatch(/the new state has no tensor "v"/);
    const bare = (() => 3) as unknown as UpdateFn;
    expect(check(adam, bare, cases).summary).toMatch(/update must return \[newParam, newState\]/);
    const short: UpdateFn = (param, grad, state, hp, t) => {
      const [p, s] = studentAdam(param, grad, state, hp, t);
      return [p, { ...s, v: slice(s.v as Tensor, 0, 2) }];
    };
    expect(check(adam, short, cases).summary).toMatch(/differs at step 1 \(v shape: expected \[\d\], got \[2\]\)/);
  });

  it('fails NaN', () => {
    const nan: UpdateFn = (param, grad, state, hp, t) => {
      const [p, s] = studentAdam(param, grad, state, hp, t);
      return [t === 2 ? mul(p, NaN) : p, s];
    };
    expect(check(adam, nan, cases).summary).toMatch(/differs at step 2 \(θ\[0\]: expected .*, got NaN\)/);
  });
});

describe('exercises for the frontier rules', () => {
  const muon = optimizers.muon;
  const muonCases = gradingCases(muon.defaults, 1, caseForm('muon'));

  it('covers every rule but Shampoo, whose inverse roots no exercise operation can take', () => {
    expect(exerciseIds).toEqual([...baseOptimizerIds, ...frontierExerciseIds]);
    expect(frontierExerciseIds).toEqual(['muon', 'adafactor', 'lamb', 'lars', 'schedule-free-adamw']);
    expect(hasExercise('shampoo')).toBe(false);
    expect(hasExercise('adam:keras')).toBe(false);
  });

  it('keeps the classic rules\' cases as they were: vectors, no shape', () => {
    expect(makeCases(adam.defaults, 1, 3, 3, caseForm('adam'))).toEqual(cases);
    for (const c of cases) expect(c.shape).toBeUndefined();
  });

  it('grades Muon and Adafactor on matrices, tall and wide, and flips Muon\'s Nesterov switch in a hidden case', () => {
    for (const id of ['muon', 'adafactor']) {
      const cs = gradingCases(optimizers[id].defaults, 1, caseForm(id));
      for (const c of cs) {
        expect(c.shape).toHaveLength(2);
        expect(c.param).toHaveLength(c.shape![0] * c.shape![1]);
        for (const g of c.grads) expect(g).toHaveLength(c.param.length);
      }
      expect(cs.some((c) => c.shape![0] > c.shape![1]) && cs.some((c) => c.shape![0] < c.shape![1])).toBe(true);
    }
    expect(muonCases.map((c) => c.hp.nesterov)).toEqual([1, 1, 1, 0, 1, 0]);
    expect(muonCases.map((c) => c.hp.nsSteps)).toEqual([5, 5, 5, 3, 5, 3]);
  });

  it('fails a Muon that forgets the √max(1, m/n) scale, naming the matrix entry, only on a tall matrix', () => {
    const unscaled: UpdateFn = (param, grad, state, hp, t) => {
      const [m, n] = param.shape;
      const scale = Math.sqrt(Math.max(1, m / n));
      const [p, s] = muon.update(param, grad, state as never, hp as never, t);
      // Undo the scale on the step: θ̃ − η·O instead of θ̃ − η·√(m/n)·O.
      const decayed = mul(param, 1 - hp.lr * hp.weightDecay);
      return [add(decayed, div(sub(p, decayed), scale)), s];
    };
    const r = check(muon, unscaled, muonCases);
    expect(r.cases.map((c) => c.passed)).toEqual(muonCases.map((c) => c.shape![0] <= c.shape![1]));
    expect(r.summary).toMatch(/^failed: case 2 differs at step 1 \(θ\[\d,\d\]: expected .*, got .*\)$/);
  });

  it('fails a Muon whose Newton–Schulz runs one step short', () => {
    const short: UpdateFn = (param, grad, state, hp, t) => muon.update(param, grad, state as never, { ...hp, nsSteps: hp.nsSteps - 1 } as never, t);
    expect(check(muon, short, muonCases).cases.every((c) => !c.passed)).toBe(true);
  });

  it('fails an Adafactor that keeps the full second moment instead of the factored one', () => {
    const adafactor = optimizers.adafactor;
    const cs = gradingCases(adafactor.defaults, 1, caseForm('adafactor'));
    // The same rule on the flattened matrix: the vector branch, with its full v.
    const unfactored: UpdateFn = (param, grad, state, hp, t) => {
      const flat = (x: Tensor) => reshape(x, [x.size]);
      const v = state.v ?? mul(flat(param), 0);
      const [p, s] = adafactor.update(flat(param), flat(grad), { v } as never, hp as never, t);
      return [reshape(p, param.shape), { ...state, ...s }];
    };
    const r = check(adafactor, unfactored, cs);
    expect(r.passed).toBe(false);
    expect(r.summary).toMatch(/^failed: case 1 differs at step \d+ \(θ\[\d,\d\]/);
  });
});
