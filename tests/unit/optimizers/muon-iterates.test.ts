/**
 * The Newton–Schulz figure of the Muon chapter (components/NewtonSchulz.astro):
 * the singular values it shows are Muon's own iterates, and what the prose
 * says about them holds.
 */
import '@tensorflow/tfjs-backend-cpu';
import { memory, setBackend } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lopsidedMatrix, newtonSchulzSingularValues, singularValues } from '../../../src/optimizers/muon-iterates';

beforeAll(async () => {
  await setBackend('cpu');
});

const [a, b, c] = [3.4445, -4.775, 2.0315];
const quintic = (s: number) => a * s + b * s ** 3 + c * s ** 5;

describe('newtonSchulzSingularValues', () => {
  const g = lopsidedMatrix(6, 10, 3); // the chapter's figure
  const rows = newtonSchulzSingularValues(g, 5);

  it('starts from the matrix divided by its Frobenius norm', () => {
    const frob = Math.hypot(...g.flat());
    const direct = singularValues(g.flat(), 6, 10).map((s) => s / frob);
    rows[0].forEach((s, i) => expect(s).toBeCloseTo(direct[i], 5));
    expect(rows[0].reduce((t, s) => t + s * s, 0)).toBeCloseTo(1, 5);
  });

  it('moves each singular value by the scalar quintic σ ↦ aσ + bσ³ + cσ⁵, leaving the singular vectors alone', () => {
    for (let j = 1; j < rows.length; j++) {
      const predicted = rows[j - 1].map(quintic).map(Math.abs).sort((x, y) => y - x);
      rows[j].forEach((s, i) => expect(s).toBeCloseTo(predicted[i], 3));
    }
  });

  it('squeezes a spread of more than 40× into the band 0.68–1.2 after Muon\'s 5 iterations, and frees its tensors', () => {
    expect(rows[0][0] / rows[0][5]).toBeGreaterThan(40);
    for (const s of rows[5]) expect(s).toBeGreaterThan(0.68), expect(s).toBeLessThan(1.2);
    const before = memory().numTensors;
    newtonSchulzSingularValues(g, 2);
    expect(memory().numTensors).toBe(before);
  });

  it('works on a tall matrix the same way (Muon iterates on its transpose)', () => {
    const tall = newtonSchulzSingularValues(lopsidedMatrix(10, 6, 3), 5);
    expect(tall[5]).toHaveLength(6);
    for (const s of tall[5]) expect(s).toBeGreaterThan(0.6), expect(s).toBeLessThan(1.25);
  });

  it('refuses a ragged or empty matrix', () => {
    expect(() => newtonSchulzSingularValues([[1, 2], [3]], 1)).toThrow('expected a non-empty rectangular matrix');
    expect(() => newtonSchulzSingularValues([], 1)).toThrow('expected a non-empty rectangular matrix');
  });
});
