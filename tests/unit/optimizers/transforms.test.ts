/** Gradient transforms, by hand. */
import { describe, expect, it } from 'vitest';
import { memory, tensor1d, tidy } from '@tensorflow/tfjs-core';
import { clipByGlobalNorm, clipByValue, l2Penalty } from '../../../src/optimizers/transforms';
import { expectClose, useCpuBackend } from './helpers';

useCpuBackend();

const values = (xs: { dataSync(): ArrayLike<number> }[]) => xs.map((x) => Array.from(x.dataSync()));

describe('gradient transforms', () => {
  it('clipByValue clamps each component', () => {
    tidy(() => {
      expect(values(clipByValue([tensor1d([-3, 0.5, 2]), tensor1d([1.5])], 1))).toEqual([[-1, 0.5, 1], [1]]);
    });
  });

  it('clipByGlobalNorm scales all tensors by one factor, like clip_grad_norm_', () => {
    tidy(() => {
      const grads = [tensor1d([3, 4]), tensor1d([12])]; // joint norm 13
      const [a, b] = values(clipByGlobalNorm(grads, 6.5));
      const scale = 6.5 / (13 + 1e-6);
      expectClose(a, [3 * scale, 4 * scale]);
      expectClose(b, [12 * scale]);
      // Below the limit the gradients pass unchanged (the scale is clamped at 1).
      expect(values(clipByGlobalNorm(grads, 100))).toEqual([[3, 4], [12]]);
      // A zero gradient stays zero rather than becoming NaN.
      expect(values(clipByGlobalNorm([tensor1d([0, 0])], 1))).toEqual([[0, 0]]);
    });
  });

  it('l2Penalty adds λθ', () => {
    tidy(() => {
      const out = values(l2Penalty([tensor1d([1, -1])], [tensor1d([2, 4])], 0.5));
      expect(out).toEqual([[2, 1]]);
    });
  });

  it('dispose none of their inputs', () => {
    const g = tensor1d([3, 4]);
    const before = memory().numTensors;
    tidy(() => {
      clipByValue([g], 1);
      clipByGlobalNorm([g], 1);
      l2Penalty([g], [g], 1);
    });
    expect(g.isDisposed).toBe(false);
    expect(memory().numTensors).toBe(before);
    g.dispose();
  });
});
