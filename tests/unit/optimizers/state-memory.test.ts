/**
 * The optimizer-state table of the Adafactor chapter counts what each rule's
 * `init` allocates. These tests pin the counts to what the rules are known to
 * keep, so a change to a rule's state shows up in the table and here.
 */
import { describe, expect, it } from 'vitest';
import { memory } from '@tensorflow/tfjs-core';
import { optimizers, variantsOf } from '../../../src/optimizers';
import { formatAmount, stateGigabytes, stateMemory, stateMemoryOrFallback, stateRows } from '../../../src/optimizers/state-memory';
import { useCpuBackend } from './helpers';

useCpuBackend();

const matrix = [4096, 4096];
const per = (id: string, shape = [64, 48]) => stateMemory(optimizers[id], shape).perParameter;

describe('stateMemory', () => {
  it('counts one state element per parameter for each full-size state tensor', () => {
    const size = 64 * 48;
    expect(per('sgd')).toBe(0);
    for (const id of ['momentum', 'nesterov', 'adagrad', 'rmsprop', 'lion', 'lars', 'muon']) expect(per(id), id).toBe(1);
    for (const id of ['adadelta', 'adam', 'adamw', 'adamax', 'radam', 'lamb']) expect(per(id), id).toBe(2);
    expect(per('amsgrad')).toBe(3);
    // NAdam's running product of μ and schedule-free's γ_max and Σw are scalars per tensor.
    expect(per('nadam')).toBe(2 + 1 / size);
    expect(per('schedule-free-adamw')).toBe(2 + 2 / size);
  });

  it('finds Adafactor’s factored statistics: m + n numbers for an m×n matrix, a full average for a vector', () => {
    const big = stateMemory(optimizers.adafactor, matrix);
    expect(big.tensors).toEqual([{ name: 'row', shape: [4096, 1] }, { name: 'col', shape: [1, 4096] }]);
    expect(big.elements).toBe(8192);
    expect(big.perParameter).toBeCloseTo(2 / 4096, 12);
    expect(stateMemory(optimizers.adafactor, [4096]).perParameter).toBe(1);
  });

  it('counts Shampoo’s two Kronecker factors: m² + n², two per parameter on a square matrix of any size', () => {
    expect(per('shampoo', [32, 32])).toBe(2);
    expect(per('shampoo', [64, 64])).toBe(2);
    expect(per('shampoo', [64, 16])).toBe((64 * 64 + 16 * 16) / (64 * 16));
  });

  it('falls back to a shape the rule accepts, and says why', () => {
    const row = stateMemoryOrFallback(optimizers.shampoo, matrix, [64, 64]);
    expect(row.shape).toEqual([64, 64]);
    expect(row.perParameter).toBe(2);
    expect(row.refused).toMatch(/too large/);
    const adam = stateMemoryOrFallback(optimizers.adam, matrix, [64, 64]);
    expect(adam.shape).toEqual(matrix);
    expect(adam.refused).toBeUndefined();
    expect(() => stateMemory(optimizers.muon, [10])).toThrow(/muon/);
  });

  it('gives each framework variant the state of its base rule', () => {
    for (const id of Object.keys(optimizers).filter((i) => !i.includes(':'))) {
      for (const v of variantsOf(id)) expect(per(v.id), v.id).toBe(per(id));
    }
  });

  it('leaves no tensor behind', () => {
    const before = memory().numTensors;
    for (const opt of Object.values(optimizers)) stateMemoryOrFallback(opt, [64, 48], [16, 16]);
    expect(memory().numTensors).toBe(before);
  });

  it('converts to gigabytes of float32: Adam’s two moments for 7 billion parameters are 56 GB', () => {
    expect(stateGigabytes(2, 7e9)).toBeCloseTo(56, 9);
    expect(stateGigabytes(0, 7e9)).toBe(0);
  });
});

describe('stateRows and formatAmount', () => {
  it('measures each rule on the matrix, Shampoo on the fallback, and scales to the model', () => {
    const rows = stateRows([optimizers.sgd, optimizers.adam, optimizers.adafactor, optimizers.shampoo, optimizers.nadam], [256, 256], [64, 64], 7e9);
    expect(rows.map((r) => r.tensors)).toEqual(['none', 'm, v 256×256', 'row 256×1; col 1×256', 'L, R 64×64', 'm, v 256×256; muProduct scalar']);
    expect(rows.map((r) => r.measuredOn)).toEqual([undefined, undefined, undefined, '64×64', undefined]);
    expect(rows[1].gigabytes).toBeCloseTo(56, 9);
    expect(rows[2].gigabytes).toBeCloseTo((2 / 256) * 7e9 * 4 / 1e9, 9);
  });

  it('writes three significant digits at most, two below 1, without trailing zeros', () => {
    expect([2, 28000, 2.0000001, 56.0000028, 0.00048828125, 0.001953125, 12.345].map(formatAmount)).toEqual(['2', '28,000', '2', '56', '0.00049', '0.002', '12.3']);
  });
});
