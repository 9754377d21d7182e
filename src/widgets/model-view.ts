import { dot, line, plot, raster, ruleY } from '@observablehq/plot';
import { datasets, SPARSE_FEATURES, sparseWeights } from '../train/datasets';
import type { Trainer } from '../train/trainer';
import { fmt, h } from './dom';
import { asImage, keys, legend } from './plots';
import { percent } from './views';

/**
 * What a trained network does with its data, drawn beside the loss curves:
 * the decision boundary over the plane (2-D sets), the fitted curve (sine),
 * test digits with the labels the network gives them (digits), or the learned
 * weight of every feature against the true one (sparse set).
 */

const GRID = 40; // decision-boundary resolution per side
const CLASS_COLOURS = ['#f59322', '#e8eaeb', '#0877bd']; // label 0 … undecided … label 1 (TF Playground's)
/** Test digits shown: enough to see a pattern in the mistakes, few enough to read on a phone. */
export const DIGITS_SHOWN = 12;

export const modelViewCss = `
ul.digits { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(56px, 1fr)); gap: 6px; }
ul.digits li { display: flex; flex-direction: column; align-items: center; font-variant-numeric: tabular-nums; font-size: 0.85em; }
ul.digits canvas { width: 48px; height: 48px; image-rendering: pixelated; border: 1px solid #8884; }
ul.digits .wrong { color: #c0392b; font-weight: 600; }
`;

/** The view for `t` at its current step: what goes above the figure (a legend) and the figure. */
export function modelView(t: Trainer, side: number): Node[] {
  const { id, task, inputDim } = t.data;
  if (id === 'digits') return [digitsView(t)];
  if (id === 'sparse') return weightsView(t, side);
  if (task === 'classification' && inputDim === 2) return boundaryView(t, side);
  return curveView(t, side);
}

function planarPoints(t: Trainer) {
  const { xTrain, yTrain, xTest, yTest, inputDim } = t.data;
  const points = (x: Float32Array, y: Float32Array, set: string) =>
    Array.from(y, (label, i) => (inputDim === 2 ? { x: x[2 * i], y: x[2 * i + 1], label, set } : { x: x[i], y: label, label, set }));
  return [...points(xTrain, yTrain, 'train'), ...points(xTest, yTest, 'test')];
}

function boundaryView(t: Trainer, side: number): Node[] {
  const extent = t.data.extent!;
  const grid = new Float32Array(GRID * GRID * 2);
  for (let j = 0; j < GRID; j++)
    for (let i = 0; i < GRID; i++) {
      grid[2 * (j * GRID + i)] = extent.x[0] + ((i + 0.5) / GRID) * (extent.x[1] - extent.x[0]);
      grid[2 * (j * GRID + i) + 1] = extent.y[1] - ((j + 0.5) / GRID) * (extent.y[1] - extent.y[0]);
    }
  const p = t.diverged ? new Float32Array(GRID * GRID).fill(0.5) : t.predict(grid);
  const fig = plot({
    width: side, height: side, x: { domain: extent.x, label: 'x₁' }, y: { domain: extent.y, label: 'x₂' },
    color: { type: 'linear', domain: [0, 0.5, 1], range: CLASS_COLOURS },
    marks: [
      raster(p, { width: GRID, height: GRID, x1: extent.x[0], x2: extent.x[1], y1: extent.y[1], y2: extent.y[0], fill: (v: number) => v, imageRendering: 'auto' }),
      dot(planarPoints(t), { x: 'x', y: 'y', r: 3, fill: (d) => (d.label > 0.5 ? CLASS_COLOURS[2] : CLASS_COLOURS[0]), stroke: (d) => (d.set === 'train' ? 'white' : 'black'), strokeWidth: 1 }),
    ],
  });
  const key = legend([
    [keys.dot(CLASS_COLOURS[0]), 'class 0'],
    [keys.dot(CLASS_COLOURS[2]), 'class 1'],
    [keys.ramp(CLASS_COLOURS), 'shading: the prediction, pale where unsure'],
    [keys.dot('#888', 'white'), 'training point'],
    [keys.dot('#888', 'black'), 'test point'],
  ]);
  const what = 'decision boundary: predicted probability of the blue class over the input plane, with the training points (white rim) and test points (black rim)';
  return [key, asImage(fig, `The network's ${what}, ${datasets[t.data.id].name}, after ${t.step} steps.`)];
}

function curveView(t: Trainer, side: number): Node[] {
  const extent = t.data.extent!;
  const xs = Float32Array.from({ length: 120 }, (_, i) => extent.x[0] + (i / 119) * (extent.x[1] - extent.x[0]));
  const ys = t.diverged ? new Float32Array(120) : t.predict(xs);
  const fig = plot({
    width: side, height: side, x: { domain: extent.x, label: 'x' }, y: { domain: extent.y, label: 'y' },
    marks: [
      dot(planarPoints(t), { x: 'x', y: 'y', r: 2.5, fill: (d) => (d.set === 'train' ? 'var(--_accent)' : 'none'), stroke: 'var(--_accent)' }),
      line(Array.from(xs, (x, i) => ({ x, y: ys[i] })), { x: 'x', y: 'y', stroke: 'currentColor', strokeWidth: 2, clip: true }),
    ],
  });
  const key = legend([
    [keys.dot('var(--_accent)'), 'training point'],
    [keys.dot('transparent', 'var(--_accent)'), 'test point'],
    [keys.line('currentColor'), "the network's prediction"],
  ]);
  return [key, asImage(fig, `The network's fitted curve over the data points (filled: training, hollow: test), ${datasets[t.data.id].name}, after ${t.step} steps.`)];
}

/** The first DIGITS_SHOWN test images, each with the digit the network reads in it; mistakes in red. */
function digitsView(t: Trainer): HTMLElement {
  const n = Math.min(DIGITS_SHOWN, t.data.testSize);
  const images = t.data.xTest.subarray(0, 64 * n);
  const predicted = t.diverged ? new Int32Array(n).fill(-1) : t.classify(images);
  const items = Array.from({ length: n }, (_, i) => {
    const truth = t.data.yTest[i];
    const guess = predicted[i];
    const right = guess === truth;
    const canvas = h('canvas', { width: 8, height: 8, 'aria-hidden': 'true' });
    const ctx = canvas.getContext('2d');
    if (ctx) {
      const pixels = ctx.createImageData(8, 8);
      for (let p = 0; p < 64; p++) {
        const v = Math.round(255 * (1 - images[64 * i + p])); // ink dark on paper
        pixels.data.set([v, v, v, 255], 4 * p);
      }
      ctx.putImageData(pixels, 0, 0);
    }
    const said = guess < 0 ? '?' : String(guess);
    return h('li', {}, canvas,
      h('span', { class: right ? 'right' : 'wrong', 'aria-hidden': 'true' }, right ? said : `${said} ✗`),
      h('span', { class: 'sr-only' }, `a ${truth}, read as ${guess < 0 ? 'nothing' : guess}${right ? '' : ' (wrong)'}`));
  });
  const wrong = Array.from(predicted).filter((g, i) => g !== t.data.yTest[i]).length;
  return h('figure', { class: 'digits-view' },
    h('figcaption', {}, `Test digits and what the network reads after ${t.step} steps: ${n - wrong} of ${n} right.`),
    h('ul', { class: 'digits' }, ...items));
}

/**
 * How far the learned weights have gone toward the true ones, over features
 * `from` … `to` − 1: the least-squares scale s with w ≈ s·w*,
 * s = Σ wⱼw*ⱼ / Σ w*ⱼ². 0 before training, 1 when the direction and size are
 * right (logistic regression can overshoot the size on separable data).
 */
export function weightRecovery(theta: ArrayLike<number>, truth: readonly number[], from: number, to: number): number {
  let num = 0;
  let den = 0;
  for (let j = from; j < to; j++) {
    num += theta[j] * truth[j];
    den += truth[j] ** 2;
  }
  return num / den;
}

/** The logistic model's learned weight for every feature, beside the true one, commonest feature first. */
function weightsView(t: Trainer, side: number): Node[] {
  const { w } = sparseWeights(t.config.seed);
  // No hidden layer: θ is one block [w₀ … w₂₉₉, b]; with hidden layers there is no per-feature weight to show.
  const linear = t.mlp.units.length === 2;
  const theta = t.parameters();
  const rows = w.flatMap((truth, j) => [
    { j, weight: truth, kind: 'true' },
    ...(linear && Number.isFinite(theta[j]) ? [{ j, weight: theta[j], kind: 'learned' }] : []),
  ]);
  const fig = plot({
    width: side, height: side, x: { label: 'feature, commonest → rarest', domain: [0, SPARSE_FEATURES - 1] }, y: { label: 'weight', grid: true },
    marks: [
      ruleY([0]),
      dot(rows, { filter: (d) => d.kind === 'true', x: 'j', y: 'weight', r: 2, stroke: '#888' }),
      dot(rows, { filter: (d) => d.kind === 'learned', x: 'j', y: 'weight', r: 2, fill: 'var(--_accent)' }),
    ],
  });
  const key = legend([[keys.dot('transparent', '#888'), 'true weight'], [keys.dot('var(--_accent)'), 'learned weight']]);
  const third = SPARSE_FEATURES / 3;
  const summary = linear
    ? `The 100 commonest features' weights are at ${percent(weightRecovery(theta, w, 0, third))} of their true size, the 100 rarest at ${percent(weightRecovery(theta, w, 2 * third, SPARSE_FEATURES))}`
    : 'With hidden layers there is no weight per feature to compare';
  return [key, asImage(fig, `Learned and true weight of each of the ${SPARSE_FEATURES} features, commonest first, after ${t.step} steps. ${summary}.`), h('p', { class: 'note' }, `${summary} (step ${t.step}; bias ${fmt(theta[SPARSE_FEATURES])}).`)];
}
