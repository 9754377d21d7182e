import { add, div, getKernel, memory, mul, scalar, setBackend, sub, tensor, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FAST_BINARY_OPS, installFastBinaryKernels } from '../../../src/train/fast-kernels';
import { createRandom } from '../../../src/train/random';

const ops = { add, sub, mul, div } as const;
type Case = { name: string; make: () => [Tensor, Tensor] };

const random = createRandom(11);
const values = (n: number) =>
  Float32Array.from({ length: n }, (_, i) => (i % 17 === 3 ? [0, -0, Infinity, -Infinity, NaN, 1e-40, 3e38][i % 7] : random.normal() * 10 ** random.int(7) / 1000));
const fixed = [values(257), values(257), values(1), values(1), values(12), values(3), values(4)];

const cases: Case[] = [
  { name: 'same shape vectors', make: () => [tensor(fixed[0]), tensor(fixed[1])] },
  { name: 'vector and scalar', make: () => [tensor(fixed[0]), scalar(fixed[2][0])] },
  { name: 'scalar and vector', make: () => [scalar(fixed[3][0]), tensor(fixed[1])] },
  { name: 'two scalars', make: () => [scalar(fixed[2][0]), scalar(fixed[3][0])] },
  { name: 'same shape matrices', make: () => [tensor(fixed[4], [3, 4]), tensor(fixed[4].slice().reverse(), [3, 4])] },
  { name: 'a row broadcast over a matrix (falls back)', make: () => [tensor(fixed[4], [3, 4]), tensor(fixed[6], [1, 4])] },
  { name: 'a [1] tensor against a vector (falls back)', make: () => [tensor(fixed[0]), tensor(fixed[2], [1])] },
  { name: 'int32 tensors (fall back)', make: () => [tensor([1, 2, 3], [3], 'int32'), tensor([4, -5, 6], [3], 'int32')] },
  { name: 'an empty vector and a scalar', make: () => [tensor(new Float32Array(0)), scalar(2)] },
];

/** Every op on every case: shape, dtype and the bits of each result. */
const results = () =>
  tidy(() =>
    cases.flatMap(({ make }) =>
      Object.values(ops).map((op) => {
        const r = op(...make());
        return { shape: r.shape, dtype: r.dtype, bits: Array.from(new Uint32Array(new Float32Array(r.dataSync()).buffer)) };
      }),
    ),
  );

let before: ReturnType<typeof results>;
const originals = new Map<string, unknown>();

beforeAll(async () => {
  await setBackend('cpu');
  for (const op of FAST_BINARY_OPS) originals.set(op, getKernel(op, 'cpu')?.kernelFunc);
  before = results();
  installFastBinaryKernels();
});

describe('fast binary kernels (src/train/fast-kernels.ts)', () => {
  it('replace the CPU backend\'s Add, Sub, Multiply and RealDiv', () => {
    for (const op of FAST_BINARY_OPS) expect(getKernel(op, 'cpu')?.kernelFunc).not.toBe(originals.get(op));
  });

  it('give the original kernels\' shapes, dtypes and bits in every case, NaN, ±0, ±∞ and subnormals included', () => {
    const after = results();
    expect(after.length).toBe(cases.length * 4);
    expect(after).toEqual(before);
  });

  it('leave no tensors behind', () => {
    const n = memory().numTensors;
    results();
    expect(memory().numTensors).toBe(n);
  });
});
