import { describe, expect, it } from 'vitest';
import { hpSpec, parseHp, withHp } from '../../../src/lab/hp';
import { optimizers } from '../../../src/optimizers';

describe('parseHp', () => {
  it('reads the numbers of `const hp = { … }`, comments and exponents included', () => {
    const code = 'function init(p) { return {}; }\nconst hp = { lr: 0.01, beta: 0.9, // decay\n eps: 1e-8, wd: -.5 };\n';
    expect(parseHp(code)).toEqual({ ok: true, hp: { lr: 0.01, beta: 0.9, eps: 1e-8, wd: -0.5 } });
    expect(parseHp('let hp={}')).toEqual({ ok: true, hp: {} });
  });

  it('refuses what is not name: number, with the line, and a missing object', () => {
    expect(parseHp('\n\nconst hp = { lr: 2 * 0.1 };')).toEqual({ ok: false, message: 'hp (line 3): “lr: 2 * 0.1” is not name: number' });
    expect(parseHp('const hp = { lr: 0.1, lr: 0.2 };')).toEqual({ ok: false, message: 'hp (line 1): lr is given twice' });
    expect(parseHp('const hp = { lr: 1e999 };')).toEqual({ ok: false, message: 'hp (line 1): lr must be a finite number' });
    expect(parseHp('const params = { lr: 0.1 };').ok).toBe(false);
    expect(parseHp(`const hp = { ${Array.from({ length: 9 }, (_, i) => `a${i}: 1`).join(', ')} };`).ok).toBe(false);
  });

  it('writes slider values back into the code, leaving the rest as it was', () => {
    const code = '// mine\nconst hp = { lr: 0.01, beta: 0.9 };\nfunction update() {}\n';
    const next = withHp(code, { lr: 0.0123456, beta: 0.95 });
    expect(next).toBe('// mine\nconst hp = { lr: 0.01235, beta: 0.95 };\nfunction update() {}\n');
    expect(parseHp(next)).toEqual({ ok: true, hp: { lr: 0.01235, beta: 0.95 } });
  });

  it('gives decay rates a linear slider below 1 and other positive values a log one around them', () => {
    expect(hpSpec('beta', 0.9)).toMatchObject({ min: 0, max: 0.999 });
    expect(hpSpec('step', 0.01)).toEqual({ label: 'step', symbol: 'step', min: 0.0001, max: 1, log: true });
    expect(hpSpec('wd', 0)).toMatchObject({ min: 0, max: 1 });
    expect(hpSpec('shift', -0.5)).toMatchObject({ min: -5, max: 5 });
  });

  it('gives a name the guide’s rules use their slider, where the value is in its range', () => {
    expect(hpSpec('lr', 0.01)).toEqual(optimizers.sgd.hyper.lr);
    expect(hpSpec('nesterov', 1)).toMatchObject({ min: 0, max: 1, integer: true });
    expect(hpSpec('nsSteps', 5)).toMatchObject({ min: 1, max: 10, integer: true });
    expect(hpSpec('beta2Decay', -0.8)).toMatchObject({ min: -1, max: 0 });
    // Out of the rule's range: the value's own.
    expect(hpSpec('nsSteps', 50)).toMatchObject({ label: 'nsSteps', min: 0.5, max: 5000, log: true });
  });
});
