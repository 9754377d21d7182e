import { describe, expect, it } from 'vitest';
import { optimizers } from '../../../src/optimizers';
import { opNames } from '../../../src/exercises/ops';
import { stub } from '../../../src/exercises/stub';

describe('stub', () => {
  const adam = stub(optimizers.adam, ['m', 'v']);
  it('shows the signature, state, hyperparameters and defaults', () => {
    expect(adam).toContain('function update(param, grad, { m, v }, { lr, beta1, beta2, eps }, t) {');
    expect(adam).toContain('// Adam. State: { m, v }: tensors');
    expect(adam).toContain('defaults lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8.');
    expect(adam).toContain('  return [param, { m, v }];');
  });
  it('lists exactly the operations the graders provide, in lines an editor can show', () => {
    const lines = adam.split('\n');
    const listed = lines.slice(3, lines.findIndex((l) => l.startsWith('function'))).join(' ').replace(/\/\/ /g, '').replace(/\.$/, '').split(/,\s*/).map((s) => s.trim());
    expect(listed.sort()).toEqual([...opNames].sort());
    for (const line of adam.split('\n')) if (line.startsWith('// ') && opNames.some((n) => line.startsWith(`// ${n},`))) expect(line.length).toBeLessThanOrEqual(90);
  });
  it('has an empty state for SGD', () => {
    expect(stub(optimizers.sgd, [])).toContain('function update(param, grad, {}, { lr }, t) {');
  });
  it('tells a matrix rule\'s student that param and grad are matrices', () => {
    const muon = stub(optimizers.muon, ['buf'], true);
    expect(muon).toContain('function update(param, grad, { buf }, { lr, momentum, nesterov, weightDecay, nsSteps, eps }, t) {');
    expect(muon).toContain('  // param and grad are m×n matrices: const [m, n] = param.shape;');
    expect(adam).not.toContain('m×n');
  });
});
