import '@tensorflow/tfjs-backend-cpu';
import { add, div, memory, mul, setBackend, slice, sqrt, square, sub } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseOptimizerIds, optimizers } from '../../../src/optimizers';
import { check, makeCases, type UpdateFn } from '../../../src/exercises/check';

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

  it.each(baseOptimizerIds)('passes %s against itself', (id) => {
    const o = optimizers[id];
    expect(check(o, o.update, makeCases(o.defaults, 7)).passed).toBe(true);
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
