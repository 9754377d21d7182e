/**
 * Hyperparameter validation: bad values are rejected with a message that
 * names the optimizer and the parameter; good ones come back merged over the
 * defaults.
 */
import { describe, expect, it } from 'vitest';
import { optimizers } from '../../../src/optimizers';
import { frontierOptimizers } from '../../../src/optimizers/frontier';
import { validateHyper } from '../../../src/optimizers/validate';

const all = { ...optimizers, ...frontierOptimizers };

describe('validateHyper', () => {
  it('merges over the defaults', () => {
    expect(validateHyper(optimizers.adam, { lr: 0.01 })).toEqual({ lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    expect(validateHyper(optimizers.adam)).toEqual(optimizers.adam.defaults);
    expect(validateHyper(optimizers.adam, { lr: undefined })).toEqual(optimizers.adam.defaults);
  });

  it('accepts the edges PyTorch accepts: lr = 0, ε = 0, β = 0', () => {
    expect(() => validateHyper(optimizers.adam, { lr: 0, eps: 0, beta1: 0, beta2: 0 })).not.toThrow();
  });

  it.each([
    ['adam', { beta1: 1.5 }, 'adam: beta1 must be in [0, 1), got 1.5'],
    ['adam', { beta2: 1 }, 'adam: beta2 must be in [0, 1), got 1'],
    ['adam', { beta1: -0.1 }, 'adam: beta1 must be in [0, 1), got -0.1'],
    ['adam', { lr: -1 }, 'adam: lr must be ≥ 0, got -1'],
    ['adam', { lr: NaN }, 'adam: lr must be a finite number, got NaN'],
    ['adam', { lr: Infinity }, 'adam: lr must be a finite number, got Infinity'],
    ['adam', { eps: -1e-8 }, 'adam: eps must be ≥ 0, got -1e-8'],
    ['adam', { eps: -Infinity }, 'adam: eps must be a finite number, got -Infinity'],
    ['adam', { lr: '0.1' }, 'adam: lr must be a finite number, got "0.1"'],
    ['adam', { beta3: 0.5 }, "adam: unknown hyperparameter 'beta3' (expected: lr, beta1, beta2, eps)"],
    ['sgd', { momentum: 0.9 }, "sgd: unknown hyperparameter 'momentum' (expected: lr)"],
    ['sgd', { toString: 1 }, "sgd: unknown hyperparameter 'toString' (expected: lr)"],
    ['adam', { constructor: 0.5 }, "adam: unknown hyperparameter 'constructor' (expected: lr, beta1, beta2, eps)"],
    ['sgd', Object.fromEntries([['__proto__', 1]]), "sgd: unknown hyperparameter '__proto__' (expected: lr)"],
    ['momentum', { momentum: 1 }, 'momentum: momentum must be in [0, 1), got 1'],
    ['rmsprop', { rho: 1.01 }, 'rmsprop: rho must be in [0, 1), got 1.01'],
    ['adadelta', { rho: NaN }, 'adadelta: rho must be a finite number, got NaN'],
    ['adagrad', { initialAccumulator: -0.1 }, 'adagrad: initialAccumulator must be ≥ 0, got -0.1'],
    ['adamw', { weightDecay: -0.01 }, 'adamw: weightDecay must be ≥ 0, got -0.01'],
    ['nadam', { momentumDecay: -1 }, 'nadam: momentumDecay must be ≥ 0, got -1'],
    ['lion', { beta2: 1 }, 'lion: beta2 must be in [0, 1), got 1'],
    ['adam:keras', { eps: NaN }, 'adam:keras: eps must be a finite number, got NaN'],
    ['muon', { nsSteps: 0 }, 'muon: nsSteps must be a whole number ≥ 1, got 0'],
    ['muon', { nsSteps: 2.5 }, 'muon: nsSteps must be a whole number ≥ 1, got 2.5'],
    ['muon', { nesterov: 0.5 }, 'muon: nesterov must be 0 or 1 (off or on), got 0.5'],
    ['muon', { momentum: 1 }, 'muon: momentum must be in [0, 1), got 1'],
    ['muon', { eps: -1 }, 'muon: eps must be ≥ 0, got -1'],
    ['muon', { beta1: 0.9 }, "muon: unknown hyperparameter 'beta1' (expected: lr, momentum, nesterov, weightDecay, nsSteps, eps)"],
    ['lars', { trustCoefficient: 0 }, 'lars: trustCoefficient must be > 0, got 0'],
    ['lars', { nesterov: 2 }, 'lars: nesterov must be 0 or 1 (off or on), got 2'],
    ['lars', { weightDecay: -0.1 }, 'lars: weightDecay must be ≥ 0, got -0.1'],
    ['adafactor', { beta2Decay: 0.1 }, 'adafactor: beta2Decay must be ≤ 0, got 0.1'],
    ['adafactor', { d: 0.5 }, 'adafactor: d must be ≥ 1, got 0.5'],
    ['adafactor', { eps1: -1e-9 }, 'adafactor: eps1 must be ≥ 0, got -1e-9'],
    ['adafactor', { eps2: NaN }, 'adafactor: eps2 must be a finite number, got NaN'],
    ['lamb', { beta2: 1 }, 'lamb: beta2 must be in [0, 1), got 1'],
    ['shampoo', { eps: 0 }, 'shampoo: eps must be > 0, got 0'],
    ['schedule-free-adamw', { beta1: 0 }, 'schedule-free-adamw: beta1 must be in (0, 1), got 0'],
    ['schedule-free-adamw', { warmupSteps: 1.5 }, 'schedule-free-adamw: warmupSteps must be a whole number ≥ 0, got 1.5'],
    ['schedule-free-adamw', { warmupSteps: -1 }, 'schedule-free-adamw: warmupSteps must be a whole number ≥ 0, got -1'],
    ['schedule-free-adamw', { weightLrPower: -1 }, 'schedule-free-adamw: weightLrPower must be ≥ 0, got -1'],
  ] as [string, Record<string, unknown>, string][])('%s %j is rejected', (id, hp, message) => {
    expect(() => validateHyper(all[id], hp)).toThrow(message);
  });

  it('a rule tightened for one optimizer leaves the others alone: ε = 0 and β₁ = 0 stay valid elsewhere', () => {
    expect(() => validateHyper(all.adam, { eps: 0, beta1: 0 })).not.toThrow();
    expect(() => validateHyper(all.lamb, { eps: 0, beta1: 0 })).not.toThrow();
    expect(() => validateHyper(all.muon, { eps: 0 })).not.toThrow();
  });

  it.each(Object.keys(all))('%s: its defaults are valid and lie on their sliders', (id) => {
    const opt = all[id];
    expect(validateHyper(opt, opt.defaults)).toEqual(opt.defaults);
    for (const [name, value] of Object.entries(opt.defaults as Record<string, number>)) {
      const spec = opt.hyper[name];
      expect(value, name).toBeGreaterThanOrEqual(spec.min);
      expect(value, name).toBeLessThanOrEqual(spec.max);
    }
  });
});
