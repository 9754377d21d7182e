/**
 * The float64 eigensolver and inverse roots that Shampoo relies on: checked by
 * reconstruction, orthogonality, spectra known in closed form, powers of the
 * roots, degenerate spectra, the 1×1 case and bad input.
 */
import { describe, expect, it } from 'vitest';
import { inverseRoot, symmetricEigen, type Matrix } from '../../../src/optimizers/linalg';
import { expectClose, normal, rng } from './helpers';

const matmul = (a: Matrix, b: Matrix): Matrix =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const transpose = (a: Matrix): Matrix => a[0].map((_, j) => a.map((row) => row[j]));
const identity = (n: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const diag = (d: number[]): Matrix => d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
const flat = (a: Matrix) => a.flat();

/** A random symmetric matrix (B + Bᵀ)/2 with standard normal B. */
function randomSymmetric(n: number, seed: number): Matrix {
  const randn = normal(rng(seed));
  const b = Array.from({ length: n }, () => Array.from({ length: n }, randn));
  return b.map((row, i) => row.map((x, j) => (x + b[j][i]) / 2));
}

/** A random symmetric positive-definite matrix BBᵀ + shift·I. */
function randomSpd(n: number, seed: number, shift = 0.1): Matrix {
  const randn = normal(rng(seed));
  const b = Array.from({ length: n }, () => Array.from({ length: n }, randn));
  return matmul(b, transpose(b)).map((row, i) => row.map((x, j) => x + (i === j ? shift : 0)));
}

/** A random orthogonal matrix: the eigenvectors of a random symmetric matrix (checked orthogonal below). */
const randomOrthogonal = (n: number, seed: number) => symmetricEigen(randomSymmetric(n, seed)).vectors;

const reconstruct = ({ values, vectors: q }: { values: number[]; vectors: Matrix }) =>
  matmul(matmul(q, diag(values)), transpose(q));

describe('symmetricEigen', () => {
  it.each([1, 2, 3, 5, 8, 16])('reconstructs a random symmetric n×n matrix as QΛQᵀ with orthogonal Q, n = %i', (n) => {
    const a = randomSymmetric(n, n * 7 + 1);
    const eig = symmetricEigen(a);
    expectClose(flat(reconstruct(eig)), flat(a), 0, 1e-12);
    expectClose(flat(matmul(transpose(eig.vectors), eig.vectors)), flat(identity(n)), 0, 1e-13);
    // Av = λv for each eigenpair, and the values come sorted.
    eig.values.forEach((lambda, j) => {
      const v = eig.vectors.map((row) => [row[j]]);
      expectClose(flat(matmul(a, v)), flat(v).map((x) => lambda * x), 0, 1e-12);
    });
    expect([...eig.values].sort((x, y) => x - y)).toEqual(eig.values);
  });

  it('finds known spectra: [[2,1],[1,2]] has 1 and 3 along (1,−1) and (1,1)', () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    expectClose(values, [1, 3], 0, 1e-15);
    const s = Math.SQRT1_2;
    // Eigenvectors are defined up to sign: compare |entries| and the relative sign within each column.
    expectClose(vectors.flat().map(Math.abs), [s, s, s, s], 0, 1e-15);
    expect(Math.sign(vectors[0][0])).toBe(-Math.sign(vectors[1][0]));
    expect(Math.sign(vectors[0][1])).toBe(Math.sign(vectors[1][1]));
  });

  it('finds the tridiagonal Toeplitz spectrum 4 + 2cos(kπ/4): 4 − √2, 4, 4 + √2', () => {
    const { values } = symmetricEigen([[4, 1, 0], [1, 4, 1], [0, 1, 4]]);
    expectClose(values, [4 - Math.SQRT2, 4, 4 + Math.SQRT2], 0, 1e-14);
  });

  it('sorts a diagonal matrix’s entries and permutes the unit vectors with them', () => {
    const { values, vectors } = symmetricEigen(diag([3, -1, 2]));
    expect(values).toEqual([-1, 2, 3]);
    expect(vectors).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
  });

  it('recovers a spectrum spread over twelve orders of magnitude', () => {
    const q = randomOrthogonal(4, 3);
    const spectrum = [1e-6, 1e-2, 1, 1e6];
    const a = matmul(matmul(q, diag(spectrum)), transpose(q));
    const { values } = symmetricEigen(a);
    // Absolute accuracy relative to the largest eigenvalue, as for any backward-stable method.
    expectClose(values, spectrum, 1e-9, 1e-9);
  });

  it('handles repeated eigenvalues: the identity, and c·I plus a rank-one term', () => {
    const eye = symmetricEigen(identity(4));
    expect(eye.values).toEqual([1, 1, 1, 1]);
    expect(eye.vectors).toEqual(identity(4));

    const u = [1, 2, 2].map((x) => x / 3); // unit vector
    const a = u.map((ui, i) => u.map((uj, j) => 0.5 * (i === j ? 1 : 0) + 4 * ui * uj));
    const eig = symmetricEigen(a);
    expectClose(eig.values, [0.5, 0.5, 4.5], 0, 1e-14);
    expectClose(flat(matmul(transpose(eig.vectors), eig.vectors)), flat(identity(3)), 0, 1e-14);
    expectClose(flat(reconstruct(eig)), flat(a), 0, 1e-14);
    // The top eigenvector is ±u.
    const top = eig.vectors.map((row) => row[2]);
    expectClose(top.map((x, i) => x * Math.sign(top[0]) * Math.sign(u[i])), u, 0, 1e-14);
  });

  it('handles the zero matrix, 1×1 and 0×0', () => {
    expect(symmetricEigen([[0, 0], [0, 0]])).toEqual({ values: [0, 0], vectors: identity(2) });
    expect(symmetricEigen([[-7]])).toEqual({ values: [-7], vectors: [[1]] });
    expect(symmetricEigen([])).toEqual({ values: [], vectors: [] });
  });

  it('leaves its argument unchanged', () => {
    const a = randomSymmetric(4, 9);
    const copy = a.map((row) => [...row]);
    symmetricEigen(a);
    inverseRoot(randomSpd(3, 2), 4);
    expect(a).toEqual(copy);
  });

  it.each([
    [[[1, 2, 3], [4, 5, 6]], 'symmetricEigen: expected a square matrix, got 2 rows and 3 columns in row 0'],
    [[[1, 2], [3]], 'symmetricEigen: expected a square matrix, got 2 rows and 1 columns in row 1'],
    [[[1, NaN], [NaN, 1]], 'symmetricEigen: entry (0, 1) is NaN, not a finite number'],
    [[[Infinity]], 'symmetricEigen: entry (0, 0) is Infinity, not a finite number'],
    [[[1, 2], [0, 1]], 'symmetricEigen: matrix is not symmetric: entry (0, 1) is 2 but (1, 0) is 0'],
  ] as [Matrix, string][])('rejects %j with a clear error', (a, message) => {
    expect(() => symmetricEigen(a)).toThrow(message);
  });
});

describe('inverseRoot', () => {
  const power = (a: Matrix, k: number) => Array.from({ length: k - 1 }).reduce<Matrix>((m) => matmul(m, a), a);

  it.each([2, 3, 6])('(M^(−1/4))⁴·M = I for a random SPD n×n matrix, n = %i', (n) => {
    const m = randomSpd(n, n + 40);
    const root = inverseRoot(m, 4);
    expectClose(flat(matmul(power(root, 4), m)), flat(identity(n)), 0, 1e-10);
    // The root is symmetric, as Q·diag·Qᵀ must be.
    expectClose(flat(root), flat(transpose(root)), 0, 1e-14);
  });

  it('(M^(−1/2))²·M = I, and the root of a diagonal matrix is taken entrywise', () => {
    const m = randomSpd(4, 11);
    expectClose(flat(matmul(power(inverseRoot(m, 2), 2), m)), flat(identity(4)), 0, 1e-10);
    expectClose(flat(inverseRoot(diag([4, 9, 16]), 2)), flat(diag([1 / 2, 1 / 3, 1 / 4])), 0, 1e-15);
    expectClose(flat(inverseRoot(diag([16, 81]), 4)), flat(diag([1 / 2, 1 / 3])), 0, 1e-15);
  });

  it('1×1: [[16]]^(−1/4) = [[0.5]]', () => {
    expectClose(flat(inverseRoot([[16]], 4)), [0.5], 0, 1e-16);
  });

  it('is exact on a repeated spectrum: (εI + σ²uuᵀ)^(−1/4) u = (ε + σ²)^(−1/4) u and ε^(−1/4) across', () => {
    const u = [2, -1, 2].map((x) => x / 3);
    const w = [1, 2, 0].map((x) => x / Math.sqrt(5)); // orthogonal to u
    const eps = 1e-3;
    const a = u.map((ui, i) => u.map((uj, j) => eps * (i === j ? 1 : 0) + 9 * ui * uj));
    const root = inverseRoot(a, 4);
    expectClose(flat(matmul(root, u.map((x) => [x]))), u.map((x) => x * (eps + 9) ** -0.25), 0, 1e-13);
    expectClose(flat(matmul(root, w.map((x) => [x]))), w.map((x) => x * eps ** -0.25), 0, 1e-12);
  });

  it('raises eigenvalues below the floor to it', () => {
    // Eigenvalues 1e-12 (rounding, say) and 4; with floor 1e-4 the first root is 1e4^(1/4)·… = 10.
    const root = inverseRoot(diag([1e-12, 4]), 4, 1e-4);
    expectClose(flat(root), flat(diag([10, 4 ** -0.25])), 1e-14, 0);
  });

  it('refuses a matrix that is not positive definite, and a bad p', () => {
    expect(() => inverseRoot([[0, 0], [0, 0]], 4)).toThrow(
      'inverseRoot: matrix is not positive definite (eigenvalue 0); an inverse root needs every eigenvalue > 0',
    );
    expect(() => inverseRoot(diag([1, -2]), 2)).toThrow('inverseRoot: matrix is not positive definite (eigenvalue -2)');
    expect(() => inverseRoot([[1]], 0)).toThrow('inverseRoot: p must be a finite number > 0, got 0');
    expect(() => inverseRoot([[1]], NaN)).toThrow('inverseRoot: p must be a finite number > 0, got NaN');
    expect(() => inverseRoot([[1, 2, 3]], 2)).toThrow('symmetricEigen: expected a square matrix');
  });
});
