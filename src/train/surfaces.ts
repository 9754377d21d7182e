/**
 * Two-dimensional test functions for the loss-surface widget: each with its
 * value, its exact gradient, a view window, a default start and its minima.
 * Plain numbers: the widget turns the gradient into a tensor for the real
 * optimizer update.
 */
export interface Surface {
  id: string;
  name: string;
  about: string;                          // one line: what the function is for
  f(x: number, y: number, kappa: number): number;
  grad(x: number, y: number, kappa: number): [number, number];
  x: [number, number];                    // view window
  y: [number, number];
  start: [number, number];                // a start that shows the function's point
  minima: [number, number][];             // global minima (or, for the saddle, the two minima beside it)
  logScale: boolean;                      // contour log(1 + f): values span orders of magnitude
  conditioned?: boolean;                  // shaped by the condition number κ (the widget shows its slider)
}

const quadratic: Surface = {
  id: 'quadratic',
  name: 'Ill-conditioned quadratic',
  about: 'A long narrow valley ½(x² + κy²): curvature κ times larger across it than along it.',
  f: (x, y, k) => 0.5 * (x * x + k * y * y),
  grad: (x, y, k) => [x, k * y],
  x: [-4, 4], y: [-2, 2], start: [-3.5, 1.5], minima: [[0, 0]], logScale: false, conditioned: true,
};

/**
 * The same valley turned by 45°: in u = (x + y)/√2, v = (y − x)/√2 it is
 * ½(u² + κv²). Its Hessian, ½[[1+κ, 1−κ], [1−κ, 1+κ]], has equal diagonal
 * entries, so a per-coordinate (diagonal) preconditioner sees the two axes as
 * alike and cannot undo the conditioning; only a full-matrix one can.
 */
const rotated: Surface = {
  id: 'rotated',
  name: 'Rotated quadratic',
  about: 'The ill-conditioned valley ½(u² + κv²) turned by 45° (u = (x + y)/√2, v = (y − x)/√2): no coordinate axis lies along it.',
  f: (x, y, k) => {
    const [u, v] = [(x + y) / Math.SQRT2, (y - x) / Math.SQRT2];
    return 0.5 * (u * u + k * v * v);
  },
  grad: (x, y, k) => {
    const [u, v] = [(x + y) / Math.SQRT2, (y - x) / Math.SQRT2];
    return [(u - k * v) / Math.SQRT2, (u + k * v) / Math.SQRT2];
  },
  x: [-4, 4], y: [-4, 4], start: [-3, -1], minima: [[0, 0]], logScale: false, conditioned: true,
};

const rosenbrock: Surface = {
  id: 'rosenbrock',
  name: 'Rosenbrock',
  about: 'A curved, flat-bottomed valley (1 − x)² + 100(y − x²)²; the minimum at (1, 1) is easy to find and slow to reach.',
  f: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  grad: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  x: [-2, 2], y: [-1, 3], start: [-1.5, 2.5], minima: [[1, 1]], logScale: true,
};

const beale: Surface = {
  id: 'beale',
  name: 'Beale',
  about: 'Flat plateaus and sharp ridges; the minimum at (3, 0.5) sits in a narrow trough.',
  f: (x, y) => (1.5 - x + x * y) ** 2 + (2.25 - x + x * y * y) ** 2 + (2.625 - x + x * y ** 3) ** 2,
  grad: (x, y) => {
    const [a, b, c] = [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y ** 3];
    return [2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y ** 3 - 1), 2 * a * x + 4 * b * x * y + 6 * c * x * y * y];
  },
  x: [-4.5, 4.5], y: [-4.5, 4.5], start: [1, 1.5], minima: [[3, 0.5]], logScale: true,
};

const himmelblau: Surface = {
  id: 'himmelblau',
  name: 'Himmelblau',
  about: 'Four equally good minima: which one a run finds depends on where it starts and how it moves.',
  f: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
  grad: (x, y) => {
    const [a, b] = [x * x + y - 11, x + y * y - 7];
    return [4 * a * x + 2 * b, 2 * a + 4 * b * y];
  },
  x: [-5, 5], y: [-5, 5], start: [0, -0.5],
  minima: [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]],
  logScale: true,
};

const saddle: Surface = {
  id: 'saddle',
  name: 'Saddle',
  about: 'x² + y⁴/4 − y²/2: a saddle point at the origin between minima at (0, ±1); a run starting near y = 0 must escape it.',
  f: (x, y) => x * x + y ** 4 / 4 - (y * y) / 2,
  grad: (x, y) => [2 * x, y ** 3 - y],
  x: [-2, 2], y: [-2, 2], start: [-1.8, 0.001], minima: [[0, 1], [0, -1]], logScale: false,
};

const TWO_PI = 2 * Math.PI;
const rastrigin: Surface = {
  id: 'rastrigin',
  name: 'Rastrigin',
  about: 'A bowl covered in bumps, 20 + Σ (x² − 10 cos 2πx): many local minima around one global minimum at the origin.',
  f: (x, y) => 20 + x * x - 10 * Math.cos(TWO_PI * x) + y * y - 10 * Math.cos(TWO_PI * y),
  grad: (x, y) => [2 * x + 10 * TWO_PI * Math.sin(TWO_PI * x), 2 * y + 10 * TWO_PI * Math.sin(TWO_PI * y)],
  x: [-3, 3], y: [-3, 3], start: [2.3, 1.8], minima: [[0, 0]], logScale: false,
};

/** Every surface, by id. */
export const surfaces: Record<string, Surface> = Object.fromEntries(
  [quadratic, rotated, rosenbrock, beale, himmelblau, saddle, rastrigin].map((s) => [s.id, s]),
);
