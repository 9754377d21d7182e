import { tensor2d, tidy, zeros } from '@tensorflow/tfjs-core';
import { muon } from './muon';
import { symmetricEigen, type Matrix } from './linalg';
import { createRandom } from '../train/random';

/**
 * What Muon's Newton–Schulz iteration does to a matrix's singular values,
 * iteration by iteration, computed by Muon's own `update` so that the figure
 * shows exactly the code the widgets run. With momentum 0, no Nesterov, no
 * weight decay and η = 1, one step from θ = 0 is θ₁ = −√max(1, m/n)·O, and
 * with nsSteps = j, O is X_j, the j-th iterate (j = 0: the matrix divided by
 * its Frobenius norm). The singular values of X_j are the square roots of the
 * eigenvalues of X_j X_jᵀ (X_jᵀ X_j for a tall matrix), found in float64.
 *
 * Returns one row per iteration 0 … steps, each the singular values in
 * descending order. Frees every tensor it makes.
 */
export function newtonSchulzSingularValues(g: Matrix, steps: number): number[][] {
  const [m, n] = [g.length, g[0]?.length ?? 0];
  if (!(m > 0 && n > 0) || g.some((row) => row.length !== n)) throw new Error('newtonSchulzSingularValues: expected a non-empty rectangular matrix');
  const scale = Math.sqrt(Math.max(1, m / n));
  const hyper = { ...muon.defaults, lr: 1, momentum: 0, nesterov: 0, weightDecay: 0 };
  const rows: number[][] = [];
  for (let j = 0; j <= steps; j++) {
    const o = tidy(() => {
      const param = zeros([m, n]);
      const [next] = muon.update(param, tensor2d(g), muon.init(param), { ...hyper, nsSteps: j }, 1);
      return Array.from(next.dataSync(), (x) => -x / scale);
    });
    rows.push(singularValues(o, m, n));
  }
  return rows;
}

/** Singular values of the m×n matrix `a` (row by row), descending, from the smaller Gram matrix. */
export function singularValues(a: ArrayLike<number>, m: number, n: number): number[] {
  const k = Math.min(m, n);
  const gram: Matrix = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => {
    let s = 0;
    if (m <= n) for (let c = 0; c < n; c++) s += a[i * n + c] * a[j * n + c];
    else for (let r = 0; r < m; r++) s += a[r * n + i] * a[r * n + j];
    return s;
  }));
  return symmetricEigen(gram).values.map((v) => Math.sqrt(Math.max(v, 0))).reverse();
}

/**
 * A seeded m×n Gaussian matrix whose rows are scaled by 8, 4, 2, 1, ½, …: its
 * singular values spread over orders of magnitude, as a gradient's do (a few
 * directions dominate).
 */
export function lopsidedMatrix(m: number, n: number, seed: number): Matrix {
  const random = createRandom(seed);
  return Array.from({ length: m }, (_, i) => Array.from({ length: n }, () => 8 * 2 ** -i * random.normal()));
}
