import { backend, getKernel, matMul, memory, setBackend, tensor, tensor3d, tidy } from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BLOCK_SIZE, installFastMatMul } from '../../../src/train/fast-matmul';
import { createRandom } from '../../../src/train/random';

const random = createRandom(5);
// Mostly ordinary numbers of many magnitudes, with ±0, ±∞, NaN and subnormals planted.
const values = (n: number) =>
  Float32Array.from({ length: n }, (_, i) => (i % 53 === 7 ? [0, -0, Infinity, -Infinity, NaN, 1e-40][i % 6] : (random.normal() * 10 ** random.int(5)) / 100));
const clean = (n: number) => Float32Array.from({ length: n }, () => random.normal());

// [m, k, n]: the digits network's shapes (shared dimension 65 and 33 cross the 48-wide blocks; 97 crosses two), a
// playground network's, a row, a column, empty.
const shapes: [number, number, number][] = [[32, 65, 32], [10, 33, 32], [32, 32, 65], [65, 32, 10], [8, 3, 100], [1, 97, 1], [5, 1, 7], [3, 0, 4], [0, 5, 2]];
type Case = { name: string; make: () => [Tensor, Tensor, boolean, boolean] };
const cases: Case[] = shapes.flatMap(([m, k, n]) =>
  [false, true].flatMap((ta) =>
    [false, true].map((tb) => {
      const [a, b] = [(m * k) % 3 ? clean(m * k) : values(m * k), values(k * n)];
      return {
        name: `${m}×${k} · ${k}×${n}${ta ? ', A transposed' : ''}${tb ? ', B transposed' : ''}`,
        make: () => [tensor(a, ta ? [k, m] : [m, k]), tensor(b, tb ? [n, k] : [k, n]), ta, tb] as [Tensor, Tensor, boolean, boolean],
      };
    }),
  ),
);
const [batchA, batchB] = [clean(24), clean(40)];
cases.push({ name: 'a batch of two (falls back)', make: () => [tensor3d(batchA, [2, 3, 4]), tensor3d(batchB, [2, 4, 5]), false, false] });

const results = () =>
  tidy(() =>
    cases.map(({ make }) => {
      const r = matMul(...make());
      return { shape: r.shape, bits: Array.from(new Uint32Array(new Float32Array(r.dataSync()).buffer)) };
    }),
  );

let before: ReturnType<typeof results>;
let original: unknown;

beforeAll(async () => {
  await setBackend('cpu');
  original = getKernel('BatchMatMul', 'cpu')?.kernelFunc;
  before = results();
  installFastMatMul();
});

describe('fast matMul kernel (src/train/fast-matmul.ts)', () => {
  it("replaces the CPU backend's BatchMatMul", () => {
    expect(getKernel('BatchMatMul', 'cpu')?.kernelFunc).not.toBe(original);
  });

  it(`gives the original kernel's shapes and bits on ${cases.length} cases, transposes, blocks, NaN, ±0, ±∞ and subnormals included`, () => {
    expect(results()).toEqual(before);
  });

  it("sums in the CPU backend's blocks", () => {
    expect((backend() as MathBackendCPU).blockSize).toBe(BLOCK_SIZE);
  });

  it('keeps the original error for mismatched shapes', () => {
    expect(() => matMul(tensor(clean(6), [2, 3]), tensor(clean(8), [4, 2]))).toThrow(/inner shapes/);
  });

  it('leaves no tensors behind', () => {
    const n = memory().numTensors;
    results();
    expect(memory().numTensors).toBe(n);
  });
});
