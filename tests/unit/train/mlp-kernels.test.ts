import {
  concat, exp, fused, matMul, max, memory, mul, reshape, slice, split, square, step, sub, sum, tanh, tensor1d, tensor2d, tidy, div,
} from '@tensorflow/tfjs-core';
import type { Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../../src/train/tf';
import { activations, Mlp, type Activation, type Batch } from '../../../src/train/mlp';
import { createRandom } from '../../../src/train/random';
import type { Task } from '../../../src/train/datasets';

beforeAll(ready);

/**
 * Mlp.gradient as it was written before its element-wise steps became loops
 * (src/train/mlp-kernels.ts): every step a TensorFlow.js op. The loops must
 * give the same float32 bits, or every golden value and figure in the
 * chapters would move.
 */
function opsForward(mlp: Mlp, theta: Tensor1D, inputs: Float32Array, n: number) {
  const { units, spec } = mlp;
  const sizes = units.slice(1).map((out, l) => out * (units[l] + 1));
  const W = split(theta, sizes).map((b, l) => reshape(b, [units[l + 1], units[l] + 1]) as Tensor2D);
  const L = W.length;
  const ones = tensor2d(new Float32Array(n).fill(1), [1, n]);
  const hidden = (w: Tensor2D, a: Tensor2D): Tensor2D => {
    if (spec.activation === 'tanh') return tanh(matMul<Tensor2D>(w, a));
    if (spec.activation === 'linear') return matMul(w, a);
    return fused.matMul({ a: w, b: a, activation: spec.activation }) as Tensor2D;
  };
  const a: Tensor2D[] = [tensor2d(inputs, [units[0] + 1, n])];
  const h: Tensor2D[] = [];
  for (let l = 0; l < L - 1; l++) {
    h.push(hidden(W[l], a[l]));
    a.push(concat([h[l], ones], 0));
  }
  return { W, a, h, z: matMul<Tensor2D>(W[L - 1], a[L - 1]) };
}

function opsGradient(mlp: Mlp, theta: Tensor1D, batch: Batch): Tensor1D {
  const { units, spec } = mlp;
  const n = batch.size;
  return tidy(() => {
    const { W, a, h, z } = opsForward(mlp, theta, batch.inputs, n);
    const L = W.length;
    let yHat: Tensor2D;
    if (spec.task === 'regression') yHat = z;
    else if (mlp.outputSize === 1) yHat = fused.matMul({ a: W[L - 1], b: a[L - 1], activation: 'sigmoid' }) as Tensor2D;
    else {
      const e = exp(sub(z, max(z, 0, true)));
      yHat = div(e, sum(e, 0, true));
    }
    const derivative = (back: Tensor2D, act: Tensor2D): Tensor2D => {
      if (spec.activation === 'tanh') return mul(back, sub(1, square(act)));
      if (spec.activation === 'sigmoid') return mul(back, mul(act, sub(1, act)));
      if (spec.activation === 'relu') return mul(back, step(act));
      return back;
    };
    let delta: Tensor2D = sub(yHat, tensor2d(batch.targets, [mlp.outputSize, n]));
    const grads: Tensor[] = new Array(L);
    for (let l = L - 1; l >= 0; l--) {
      grads[l] = reshape(matMul(delta, a[l], false, true), [-1]);
      if (l > 0) delta = derivative(slice(matMul<Tensor2D>(W[l], delta, true, false), [0, 0], [units[l], n]), h[l - 1]);
    }
    return mul(concat(grads), 1 / n);
  });
}

interface Case { task: Task; activation: Activation; hidden: number[]; classes?: number; n: number; scale: number }

/** Random θ (scaled by `scale`: 8 saturates tanh and sigmoid and makes softmax peaked), inputs and labels. */
function compare({ task, activation, hidden, classes = 2, n, scale }: Case, seed: number) {
  const inputDim = 3;
  const mlp = new Mlp({ inputDim, hidden, activation, task, classes });
  const random = createRandom(seed);
  const theta = Float32Array.from({ length: mlp.parameterCount }, () => scale * random.uniform(-1, 1));
  const x = Float32Array.from({ length: 40 * inputDim }, () => random.uniform(-2, 2));
  const y = Float32Array.from({ length: 40 }, () => (task === 'regression' ? random.normal() : random.int(classes)));
  const indices = n < 40 ? Array.from({ length: n }, () => random.int(40)) : undefined;
  return tidy(() => {
    const t = tensor1d(theta);
    const batch = mlp.batch(x, y, indices);
    const all = mlp.batch(x, y);
    return {
      loops: mlp.gradient(t, batch).dataSync().slice(), ops: opsGradient(mlp, t, batch).dataSync().slice(),
      outputs: mlp.outputs(t, x), opsOutputs: opsForward(mlp, t, all.inputs, all.size).z.dataSync().slice(),
    };
  });
}

/** The float32 bit patterns of a gradient (dataSync gives float32 data for these tensors). */
const bits = (values: ArrayLike<number>) => Array.from(new Uint32Array(Float32Array.from(values).buffer));

const cases: Case[] = [
  ...activations.flatMap((activation) => [
    { task: 'classification' as const, activation, hidden: [8, 8], n: 40, scale: 1 },
    { task: 'classification' as const, activation, hidden: [5, 4, 3], n: 7, scale: 8 },
    { task: 'classification' as const, activation, hidden: [6], classes: 4, n: 32, scale: 1 },
    { task: 'classification' as const, activation, hidden: [6, 5], classes: 10, n: 13, scale: 8 },
    { task: 'regression' as const, activation, hidden: [8, 8, 8, 8], n: 40, scale: 1 },
    { task: 'regression' as const, activation, hidden: [3], n: 1, scale: 8 },
  ]),
  { task: 'classification', activation: 'tanh', hidden: [], n: 40, scale: 1 },
  { task: 'classification', activation: 'tanh', hidden: [], classes: 3, n: 9, scale: 8 },
  { task: 'regression', activation: 'relu', hidden: [], n: 40, scale: 1 },
];

describe('Mlp.gradient and Mlp.outputs on Float32Arrays (src/train/mlp-kernels.ts, fast-matmul.ts)', () => {
  it.each(cases.map((c) => [`${c.task}${c.classes ? ` (${c.classes} classes)` : ''}, ${c.activation}, hidden [${c.hidden}], ${c.n} points, |θ| ≤ ${c.scale}`, c] as const))(
    'give the bits the TensorFlow.js ops gave: %s',
    (_, c) => {
      for (const seed of [1, 2, 3]) {
        const { loops, ops, outputs, opsOutputs } = compare(c, seed);
        expect(loops.every(Number.isFinite)).toBe(true);
        expect(bits(loops)).toEqual(bits(ops));
        expect(bits(outputs)).toEqual(bits(opsOutputs));
      }
    },
  );

  it('keeps NaN where the ops give NaN (a blown-up θ)', () => {
    const mlp = new Mlp({ inputDim: 2, hidden: [4], activation: 'relu', task: 'classification', classes: 3 });
    const theta = new Float32Array(mlp.parameterCount).fill(0.5);
    theta[0] = NaN;
    const x = Float32Array.from({ length: 10 }, (_, i) => i / 10);
    const y = Float32Array.from({ length: 5 }, (_, i) => i % 3);
    const { loops, ops } = tidy(() => {
      const t = tensor1d(theta);
      const batch = mlp.batch(x, y);
      return { loops: mlp.gradient(t, batch).dataSync().slice(), ops: opsGradient(mlp, t, batch).dataSync().slice() };
    });
    expect(loops.some(Number.isNaN)).toBe(true);
    expect(Array.from(loops, Number.isNaN)).toEqual(Array.from(ops, Number.isNaN));
    expect(Array.from(loops).filter((v) => !Number.isNaN(v))).toEqual(Array.from(ops).filter((v) => !Number.isNaN(v)));
  });

  it('leaves no tensors behind', () => {
    const mlp = new Mlp({ inputDim: 3, hidden: [6, 5], activation: 'tanh', task: 'classification', classes: 4 });
    const theta = tensor1d(mlp.init(createRandom(4)));
    const batch = mlp.batch(new Float32Array(30).fill(0.3), Float32Array.from({ length: 10 }, (_, i) => i % 4));
    const before = memory().numTensors;
    for (let i = 0; i < 5; i++) mlp.gradient(theta, batch).dispose();
    mlp.outputs(theta, new Float32Array(9).fill(0.1));
    expect(memory().numTensors).toBe(before);
    theta.dispose();
  });
});
