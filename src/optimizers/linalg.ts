/**
 * Small dense linear algebra in float64 on plain arrays, for what TensorFlow.js
 * lacks: the eigendecomposition of a symmetric matrix, and through it the
 * inverse p-th root that Shampoo's preconditioners need. Sized for the guide's
 * networks (matrices up to a few dozen rows), not for speed.
 *
 * A matrix is an array of rows. Nothing here mutates its arguments.
 */

export type Matrix = number[][];

/** An eigendecomposition A = Q·diag(values)·Qᵀ: `vectors[i][j]` is entry i of the eigenvector of `values[j]`. */
export interface SymmetricEigen {
  values: number[];  // ascending
  vectors: Matrix;   // orthogonal; column j belongs to values[j]
}

/**
 * Check that `a` is a square matrix of finite numbers, symmetric up to
 * rounding (relative 1e-6, float32's reach), and return its size.
 */
function checkSymmetric(a: Matrix, who: string): number {
  const n = a.length;
  a.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new Error(`${who}: expected a square matrix, got ${n} rows and ${row?.length ?? 'no'} columns in row ${i}`);
    }
    row.forEach((x, j) => {
      if (!Number.isFinite(x)) throw new Error(`${who}: entry (${i}, ${j}) is ${x}, not a finite number`);
    });
  });
  const scale = Math.max(0, ...a.flat().map(Math.abs));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i][j] - a[j][i]) > 1e-6 * scale) {
        throw new Error(`${who}: matrix is not symmetric: entry (${i}, ${j}) is ${a[i][j]} but (${j}, ${i}) is ${a[j][i]}`);
      }
    }
  }
  return n;
}

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi
 * method: sweep over every off-diagonal pair (p, q) and rotate in that plane
 * by the angle that zeroes a[p][q]. Each rotation lowers the off-diagonal sum
 * of squares by 2·a[p][q]², so sweeps converge (quadratically, once the
 * off-diagonal part is small), and the accumulated rotations are orthogonal
 * to working precision whatever the spectrum, repeated eigenvalues included.
 *
 * Golub & Van Loan, "Matrix Computations", 4th ed., §8.5 (Algorithm 8.5.3).
 * The input is symmetrised first, (A + Aᵀ)/2, so float32 rounding in a
 * matrix built as GGᵀ cannot bias the result.
 */
export function symmetricEigen(a: Matrix, maxSweeps = 100): SymmetricEigen {
  const n = checkSymmetric(a, 'symmetricEigen');
  const A = a.map((row, i) => row.map((x, j) => (x + a[j][i]) / 2));
  const Q: Matrix = A.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  const offDiagonal = () => {
    let s = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) s += A[i][j] ** 2;
    return s;
  };
  const total = A.flat().reduce((s, x) => s + x * x, 0);

  // Stop when the off-diagonal entries are at rounding level (a few ulps of the
  // largest entry each); eigenvalue errors are then of the order of their squares.
  const negligible = (8 * n * Number.EPSILON) ** 2 * total;
  let sweep = 0;
  while (offDiagonal() > negligible) {
    if (++sweep > maxSweeps) throw new Error(`symmetricEigen: no convergence in ${maxSweeps} sweeps`);
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        if (A[p][q] === 0) continue;
        // tan of the rotation angle: the smaller root of t² + 2τt − 1 = 0, so |angle| ≤ π/4.
        const tau = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.hypot(1, tau));
        const c = 1 / Math.hypot(1, t);
        const s = t * c;
        // A ← JᵀAJ with J the rotation in the (p, q) plane: columns, then rows.
        for (let k = 0; k < n; k++) {
          const akp = A[k][p];
          const akq = A[k][q];
          A[k][p] = c * akp - s * akq;
          A[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p][k];
          const aqk = A[q][k];
          A[p][k] = c * apk - s * aqk;
          A[q][k] = s * apk + c * aqk;
        }
        A[p][q] = A[q][p] = 0; // zero by construction; store it exactly
        for (let k = 0; k < n; k++) {
          const qkp = Q[k][p];
          const qkq = Q[k][q];
          Q[k][p] = c * qkp - s * qkq;
          Q[k][q] = s * qkp + c * qkq;
        }
      }
    }
  }

  const order = A.map((_, i) => i).sort((i, j) => A[i][i] - A[j][j]);
  return {
    values: order.map((i) => A[i][i]),
    vectors: Q.map((row) => order.map((i) => row[i])),
  };
}

/**
 * A^(−1/p) for a symmetric positive-definite A: Q·diag(λ^(−1/p))·Qᵀ from the
 * eigendecomposition. Eigenvalues below `floor` are raised to it first: a
 * caller that knows A ⪰ floor·I in exact arithmetic (Shampoo's εI + ΣGGᵀ)
 * thereby keeps rounding from producing huge or infinite roots. An eigenvalue
 * that is still ≤ 0 is an error, with the value in the message.
 */
export function inverseRoot(a: Matrix, p: number, floor = 0): Matrix {
  if (!(Number.isFinite(p) && p > 0)) throw new Error(`inverseRoot: p must be a finite number > 0, got ${p}`);
  const { values, vectors: Q } = symmetricEigen(a);
  const roots = values.map((lambda) => {
    const l = Math.max(lambda, floor);
    if (!(l > 0)) {
      throw new Error(`inverseRoot: matrix is not positive definite (eigenvalue ${lambda}); an inverse root needs every eigenvalue > 0`);
    }
    return l ** (-1 / p);
  });
  const n = values.length;
  return Q.map((_, i) =>
    Q.map((_, j) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i][k] * roots[k] * Q[j][k];
      return s;
    }),
  );
}
