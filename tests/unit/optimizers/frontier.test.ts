/**
 * The frontier rules' contract beyond single steps: what they accept (Muon
 * matrices only, Shampoo vectors and matrices), that `scope` tells the truth
 * (schedule-free fuses across tensors), that higher-rank Adafactor factors its
 * last two axes, and that running them allocates nothing that outlives a step.
 */
import { describe, expect, it } from 'vitest';
import { concat, memory, mul, sub, tensor, tensor1d, tensor2d } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { optimizers } from '../../../src/optimizers';
import { frontierOptimizers } from '../../../src/optimizers/frontier';
import { Runner } from '../../../src/optimizers/runner';
import { validateHyper } from '../../../src/optimizers/validate';
import { expectClose, normal, rng, shapedStepper, useCpuBackend } from './helpers';

useCpuBackend();

const ids = Object.keys(frontierOptimizers);

describe('frontierOptimizers', () => {
  it('holds the six rules by id, each in the main registry too', () => {
    expect([...ids].sort()).toEqual(['adafactor', 'lamb', 'lars', 'muon', 'schedule-free-adamw', 'shampoo']);
    for (const id of ids) {
      expect(frontierOptimizers[id].id).toBe(id);
      expect(optimizers[id]).toBe(frontierOptimizers[id]);
    }
  });

  it('declares what each update looks at', () => {
    const scopes = Object.fromEntries(ids.map((id) => [id, frontierOptimizers[id].scope ?? 'elementwise']));
    expect(scopes).toEqual({
      muon: 'matrix', shampoo: 'tensor', adafactor: 'tensor', lamb: 'tensor', lars: 'tensor', 'schedule-free-adamw': 'elementwise',
    });
    expect(ids.filter((id) => frontierOptimizers[id].evalPoint)).toEqual(['schedule-free-adamw']);
  });
});

describe('shapes a rule refuses, with a clear error', () => {
  const { muon, shampoo } = frontierOptimizers;
  const hp = validateHyper(muon, {});

  it('muon: vectors and other non-matrices, in init and in update', () => {
    const v = tensor1d([1, 2, 3, 4, 5, 6]);
    expect(() => muon.init(v)).toThrow('muon: updates 2-D weight matrices only, got a tensor of shape [6]');
    const m = tensor2d([[1, 2], [3, 4]]);
    expect(() => muon.update(v, v, muon.init(m), hp, 1)).toThrow('muon: updates 2-D weight matrices only, got a tensor of shape [6]');
    expect(() => muon.init(tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]))).toThrow('got a tensor of shape [2, 2, 2]');
    expect(() => muon.init(tensor(3))).toThrow('got a tensor of shape []');
  });

  it('muon through the runner: the error reaches the caller when the runner is built', () => {
    expect(() => new Runner(muon, [tensor1d([1, 2])])).toThrow('muon: updates 2-D weight matrices only, got a tensor of shape [2]');
  });

  it('shampoo: tensors of rank other than 1 and 2', () => {
    expect(() => shampoo.init(tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]))).toThrow(
      'shampoo: preconditions vectors and matrices only, got a tensor of shape [2, 2, 2]',
    );
    expect(() => shampoo.init(tensor(1))).toThrow('shampoo: preconditions vectors and matrices only, got a tensor of shape []');
  });
});

describe('scope', () => {
  it('schedule-free is elementwise: one update over a concatenation equals one per tensor', () => {
    const opt = frontierOptimizers['schedule-free-adamw'];
    const hp = validateHyper(opt, { lr: 0.05, weightDecay: 0.1, warmupSteps: 2 });
    const randn = normal(rng(3));
    const [a, b] = [tensor1d([1, -2, 3]), tensor1d([0.5, 4])];
    let [sa, sb, sab] = [opt.init(a), opt.init(b), opt.init(concat([a, b]))];
    let [pa, pb, pab]: Tensor[] = [a, b, concat([a, b])];
    for (let t = 1; t <= 5; t++) {
      const g = Array.from({ length: 5 }, randn);
      [pa, sa] = opt.update(pa, tensor1d(g.slice(0, 3)), sa, hp, t);
      [pb, sb] = opt.update(pb, tensor1d(g.slice(3)), sb, hp, t);
      [pab, sab] = opt.update(pab, tensor1d(g), sab, hp, t);
    }
    expectClose(Array.from(pab.dataSync()), [...pa.dataSync(), ...pb.dataSync()], 1e-6, 1e-7);
  });

  it('lamb is not: its trust ratio sees the whole tensor, so splitting one changes the step', () => {
    const opt = frontierOptimizers.lamb;
    const hp = validateHyper(opt, { lr: 0.1 });
    const [whole] = opt.update(tensor1d([3, 0.1]), tensor1d([1, 1]), opt.init(tensor1d([3, 0.1])), hp, 1);
    const [first] = opt.update(tensor1d([3]), tensor1d([1]), opt.init(tensor1d([3])), hp, 1);
    expect(Math.abs(whole.dataSync()[0] - first.dataSync()[0])).toBeGreaterThan(1e-3);
  });

  it('adafactor factors the last two axes of a higher-rank tensor: [1, 2, 3] steps as [2, 3]', () => {
    const theta0 = [1, -2, 0.5, 0.25, 3, -1];
    const grads = [[0.5, -1, 0.3, 0.4, 2, 0.1], [-0.9, 0.1, 0.3, 0.3, -1, 1]];
    const flat = shapedStepper(frontierOptimizers.adafactor, { lr: 0.1 }, theta0, [2, 3]);
    const batched = shapedStepper(frontierOptimizers.adafactor, { lr: 0.1 }, theta0, [1, 2, 3]);
    for (const g of grads) expectClose(batched.step(g), flat.step(g), 1e-6, 1e-7);
    flat.dispose();
    batched.dispose();
  });
});

describe('no tensor leaks', () => {
  // Muon takes two matrices; the others a matrix and a bias vector, as a layer has.
  const shapesFor = (id: string) => (frontierOptimizers[id].scope === 'matrix' ? [[3, 2], [2, 4]] : [[3, 2], [2]]);

  it.each(ids)('%s: tensor count stays flat over 30 runner steps and returns to the baseline', (id) => {
    const baseline = memory().numTensors;
    const randn = normal(rng(id.length));
    const start = shapesFor(id).map((shape) => tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, randn), shape));
    const runner = new Runner(frontierOptimizers[id], start, { clipNorm: 10 });
    start.forEach((x) => x.dispose());
    const grad = (ps: readonly Tensor[]) => ps.map((p) => sub(mul(p, 2), 1)); // ∇(Σθ² − Σθ)
    runner.step(grad);
    const running = memory().numTensors;
    for (let k = 0; k < 30; k++) runner.step(grad);
    expect(memory().numTensors).toBe(running);
    runner.dispose();
    expect(memory().numTensors).toBe(baseline);
  });
});
