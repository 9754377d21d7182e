import { memory, tensor1d, tidy } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../../src/train/tf';
import { accuracy, activations, meanLoss, Mlp, predictedClasses, sigmoid, type Activation } from '../../../src/train/mlp';
import { createRandom } from '../../../src/train/random';
import type { Task } from '../../../src/train/datasets';
import { numericGradient, referenceLoss, referenceOutput, referenceSoftmaxLoss } from './reference-mlp';

beforeAll(ready);

/** A small problem with every parameter random (biases too), so each one matters. */
function problem(task: Task, activation: Activation, inputDim: number, hidden: number[], n: number, seed: number) {
  const mlp = new Mlp({ inputDim, hidden, activation, task });
  const random = createRandom(seed);
  const theta = Float32Array.from({ length: mlp.parameterCount }, () => random.uniform(-1, 1));
  const x = Float32Array.from({ length: n * inputDim }, () => random.uniform(-2, 2));
  const y = Float32Array.from({ length: n }, () => (task === 'classification' ? random.int(2) : random.normal()));
  return { mlp, theta, x, y, units: [inputDim, ...hidden, 1] };
}

function engineGradient(mlp: Mlp, theta: Float32Array, x: Float32Array, y: Float32Array, indices?: number[]) {
  return tidy(() => mlp.gradient(tensor1d(theta), mlp.batch(x, y, indices)).dataSync().slice());
}

describe('Mlp layout and initialisation', () => {
  it('counts out·(in + 1) parameters per layer', () => {
    expect(new Mlp({ inputDim: 2, hidden: [8, 8], activation: 'tanh', task: 'classification' }).parameterCount).toBe(8 * 3 + 8 * 9 + 1 * 9);
    expect(new Mlp({ inputDim: 1, hidden: [16, 16, 16, 16], activation: 'relu', task: 'regression' }).parameterCount).toBe(16 * 2 + 3 * 16 * 17 + 17);
  });

  it('draws Glorot-uniform weights within ±√(6/(in+out)), zero biases, the same for the same seed', () => {
    const mlp = new Mlp({ inputDim: 2, hidden: [8, 4], activation: 'tanh', task: 'classification' });
    const theta = mlp.init(createRandom(7));
    expect(mlp.init(createRandom(7))).toEqual(theta);
    expect(mlp.init(createRandom(8))).not.toEqual(theta);
    let k = 0;
    for (const [fanIn, fanOut] of [[2, 8], [8, 4], [4, 1]]) {
      const r = Math.sqrt(6 / (fanIn + fanOut));
      for (let j = 0; j < fanOut; j++) {
        for (let i = 0; i < fanIn; i++) expect(Math.abs(theta[k++])).toBeLessThanOrEqual(r);
        expect(theta[k++]).toBe(0);
      }
    }
    expect(k).toBe(mlp.parameterCount);
  });

  it.each([
    [{ hidden: [65], why: '65 units' }],
    [{ hidden: [4, 4, 4, 4, 4], why: 'five hidden layers' }],
    [{ hidden: [0], why: 'an empty layer' }],
    [{ hidden: [0], why: 'an empty layer' }],
    [{ hidden: [2.5], why: 'half a unit' }],
  ])('rejects $why', ({ hidden }) => {
    expect(() => new Mlp({ inputDim: 2, hidden, activation: 'tanh', task: 'classification' })).toThrow(/hidden/);
  });

  it('rejects an unknown activation', () => {
    expect(() => new Mlp({ inputDim: 2, hidden: [3], activation: 'gelu' as Activation, task: 'classification' })).toThrow(/gelu/);
  });
});

describe.each(['classification', 'regression'] as const)('Mlp for %s', (task) => {
  it.each(activations)('with %s: the hand-written gradient matches finite differences', (activation) => {
    const { mlp, theta, x, y, units } = problem(task, activation, 2, [5, 4], 9, 11);
    const analytic = engineGradient(mlp, theta, x, y);
    const numeric = numericGradient((t) => referenceLoss(units, activation, task, t, x, y), theta);
    const scale = Math.max(...numeric.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-2); // a gradient worth checking
    numeric.forEach((g, i) => expect(Math.abs(analytic[i] - g)).toBeLessThan(1e-5 * Math.max(1, scale)));
  });

  it.each(activations)('with %s: outputs and loss match the float64 reference', (activation) => {
    const { mlp, theta, x, y, units } = problem(task, activation, 2, [6], 13, 5);
    const z = tidy(() => mlp.outputs(tensor1d(theta), x));
    z.forEach((zi, p) => expect(zi).toBeCloseTo(referenceOutput(units, activation, theta, [x[2 * p], x[2 * p + 1]]), 5));
    expect(meanLoss(task, z, y)).toBeCloseTo(referenceLoss(units, activation, task, theta, x, y), 5);
  });

  it('takes the gradient of a batch of chosen points, deep and with 1-D input', () => {
    const { mlp, theta, x, y, units } = problem(task, 'tanh', 1, [3, 4, 2, 3], 12, 3);
    const picked = [7, 2, 2, 11];
    const analytic = engineGradient(mlp, theta, x, y, picked);
    const numeric = numericGradient(
      (t) => referenceLoss(units, 'tanh', task, t, picked.map((p) => x[p]), picked.map((p) => y[p])),
      theta,
    );
    numeric.forEach((g, i) => expect(analytic[i]).toBeCloseTo(g, 5));
  });
});

describe('Mlp with k > 2 classes (softmax cross-entropy)', () => {
  const k = 4;
  const softmaxProblem = (hidden: number[], seed: number) => {
    const mlp = new Mlp({ inputDim: 3, hidden, activation: 'tanh', task: 'classification', classes: k });
    const random = createRandom(seed);
    const theta = Float32Array.from({ length: mlp.parameterCount }, () => random.uniform(-1, 1));
    const x = Float32Array.from({ length: 10 * 3 }, () => random.uniform(-2, 2));
    const y = Float32Array.from({ length: 10 }, (_, i) => i % k);
    return { mlp, theta, x, y, units: [3, ...hidden, k] };
  };

  it.each([[[5]], [[]]])('hidden %j: the gradient matches finite differences of the float64 loss', (hidden) => {
    const { mlp, theta, x, y, units } = softmaxProblem(hidden, 4);
    expect(mlp.outputSize).toBe(k);
    const analytic = engineGradient(mlp, theta, x, y);
    const numeric = numericGradient((t) => referenceSoftmaxLoss(units, 'tanh', t, x, y), theta);
    const scale = Math.max(...numeric.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-2);
    numeric.forEach((g, i) => expect(Math.abs(analytic[i] - g)).toBeLessThan(1e-5 * Math.max(1, scale)));
  });

  it('gives k logits per point, and the loss, classes and accuracy they imply', () => {
    const { mlp, theta, x, y, units } = softmaxProblem([5], 9);
    const z = tidy(() => mlp.outputs(tensor1d(theta), x));
    expect(z).toHaveLength(k * 10);
    expect(meanLoss('classification', z, y, k)).toBeCloseTo(referenceSoftmaxLoss(units, 'tanh', theta, x, y), 5);
    const classes = predictedClasses(z, 10, k);
    classes.forEach((c, p) => {
      const column = Array.from({ length: k }, (_, i) => z[i * 10 + p]);
      expect(c).toBe(column.indexOf(Math.max(...column)));
    });
    expect(accuracy(z, y, k)).toBe(classes.filter((c, p) => c === y[p]).length / 10);
  });

  it('keeps softmax cross-entropy finite for huge logits, and never counts NaN outputs as right', () => {
    expect(meanLoss('classification', [1000, -1000], [0], 2)).toBe(0);
    expect(meanLoss('classification', [-1000, 1000], [0], 2)).toBe(2000);
    expect(Array.from(predictedClasses([NaN, NaN], 1, 2))).toEqual([-1]);
    expect(Array.from(predictedClasses([NaN], 1))).toEqual([-1]);
    expect(accuracy([NaN], [0])).toBe(0);
  });
});

describe('Mlp named parameters', () => {
  const mlp = new Mlp({ inputDim: 3, hidden: [4, 2], activation: 'relu', task: 'classification', classes: 5 });
  const theta = Float32Array.from({ length: mlp.parameterCount }, (_, i) => i);

  it('names a weight matrix [out, in] and a bias [out] per layer, with their roles', () => {
    expect(mlp.parameters.map((p) => `${p.name} ${p.role} ${p.shape.join('×')}`)).toEqual([
      'layer1.weight hidden 4×3', 'layer1.bias bias 4',
      'layer2.weight hidden 2×4', 'layer2.bias bias 2',
      'layer3.weight output 5×2', 'layer3.bias bias 5',
    ]);
  });

  it('splits θ into those tensors and joins them back exactly; indicesOf says where each entry lives', () => {
    const parts = tidy(() => mlp.split(tensor1d(theta)).map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) })));
    parts.forEach((p, k) => {
      expect(p.shape).toEqual(mlp.parameters[k].shape);
      expect(p.values).toEqual(Array.from(mlp.indicesOf(k)));
    });
    // Unit 1 of layer 1: weights θ[4], θ[5], θ[6], bias θ[7].
    expect(parts[0].values.slice(3, 6)).toEqual([4, 5, 6]);
    expect(parts[1].values[1]).toBe(7);
    const before = memory().numTensors;
    const joined = tidy(() => mlp.join(mlp.split(tensor1d(theta))).dataSync().slice());
    expect(Array.from(joined)).toEqual(Array.from(theta));
    expect(memory().numTensors).toBe(before);
  });
});

describe('Mlp numerics', () => {
  it('keeps cross-entropy finite for huge logits', () => {
    expect(meanLoss('classification', [800, -800], [1, 0])).toBe(0);
    expect(meanLoss('classification', [800], [0])).toBe(800);
    expect(meanLoss('classification', [-800], [1])).toBe(800);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('leaves no tensors behind', () => {
    const { mlp, theta, x, y } = problem('classification', 'relu', 2, [4, 4], 10, 1);
    const before = memory().numTensors;
    engineGradient(mlp, theta, x, y);
    tidy(() => mlp.outputs(tensor1d(theta), x));
    expect(memory().numTensors).toBe(before);
  });
});
