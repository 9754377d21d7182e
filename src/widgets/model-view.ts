import { dot, line, plot, raster, ruleY } from '@observablehq/plot';
import { datasets, type DatasetId } from '../train/datasets';
import { weightRecovery, type ModelSnapshot } from '../train/model-snapshot';
import { fmt, h } from './dom';
import { asImage, keys, legend } from './plots';
import { percent } from './views';

/**
 * What a trained network does with its data, drawn beside the loss curves
 * from a snapshot the engine took (model-snapshot.ts): the decision boundary
 * over the plane (2-D sets), the fitted curve (sine), test digits with the
 * labels the network gives them (digits), or the learned weight of every
 * feature against the true one (sparse set).
 */

const CLASS_COLOURS = ['#f59322', '#e8eaeb', '#0877bd']; // label 0 … undecided … label 1 (TF Playground's)

export const modelViewCss = `
ul.digits { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(56px, 1fr)); gap: 6px; }
ul.digits li { display: flex; flex-direction: column; align-items: center; font-variant-numeric: tabular-nums; font-size: 0.85em; }
ul.digits canvas { width: 48px; height: 48px; image-rendering: pixelated; border: 1px solid #8884; }
ul.digits .wrong { color: var(--_bad); font-weight: 600; }
.digits-view { margin: 0; }
.digits-view figcaption { margin-bottom: 6px; }
.credit { font-size: 0.8em; opacity: 0.8; margin: 6px 0 0; }
`;

/** The view of snapshot `m`: what goes above the figure (a legend) and the figure. */
export function modelView(m: ModelSnapshot, side: number): Node[] {
  switch (m.kind) {
    case 'boundary':
      return boundaryView(m, side);
    case 'curve':
      return curveView(m, side);
    case 'digits':
      return [digitsView(m)];
    case 'weights':
      return weightsView(m, side);
  }
}

const nameOf = (m: ModelSnapshot) => datasets[m.dataset as DatasetId]?.name ?? m.dataset;

function boundaryView(m: Extract<ModelSnapshot, { kind: 'boundary' }>, side: number): Node[] {
  const { extent, resolution: n } = m;
  const fig = plot({
    width: side, height: side, x: { domain: extent.x, label: 'x₁' }, y: { domain: extent.y, label: 'x₂' },
    color: { type: 'linear', domain: [0, 0.5, 1], range: CLASS_COLOURS },
    marks: [
      raster(m.probabilities, { width: n, height: n, x1: extent.x[0], x2: extent.x[1], y1: extent.y[1], y2: extent.y[0], fill: (v: number) => v, imageRendering: 'auto' }),
      dot(m.points, { x: 'x', y: 'y', r: 3, fill: (d) => (d.label > 0.5 ? CLASS_COLOURS[2] : CLASS_COLOURS[0]), stroke: (d) => (d.set === 'train' ? 'white' : 'black'), strokeWidth: 1 }),
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
  return [key, asImage(fig, `The network's ${what}, ${nameOf(m)}, after ${m.step} steps.`)];
}

function curveView(m: Extract<ModelSnapshot, { kind: 'curve' }>, side: number): Node[] {
  const { extent } = m;
  const fig = plot({
    width: side, height: side, x: { domain: extent.x, label: 'x' }, y: { domain: extent.y, label: 'y' },
    marks: [
      dot(m.points, { x: 'x', y: 'y', r: 2.5, fill: (d) => (d.set === 'train' ? 'var(--_accent)' : 'none'), stroke: 'var(--_accent)' }),
      line(Array.from(m.xs, (x, i) => ({ x, y: m.ys[i] })), { x: 'x', y: 'y', stroke: 'currentColor', strokeWidth: 2, clip: true }),
    ],
  });
  const key = legend([
    [keys.dot('var(--_accent)'), 'training point'],
    [keys.dot('transparent', 'var(--_accent)'), 'test point'],
    [keys.line('currentColor'), "the network's prediction"],
  ]);
  return [key, asImage(fig, `The network's fitted curve over the data points (filled: training, hollow: test), ${nameOf(m)}, after ${m.step} steps.`)];
}

/** Test images, each with the digit the network reads in it; mistakes in red. */
function digitsView(m: Extract<ModelSnapshot, { kind: 'digits' }>): HTMLElement {
  const n = m.labels.length;
  const items = m.labels.map((truth, i) => {
    const guess = m.predicted[i];
    const right = guess === truth;
    const canvas = h('canvas', { width: 8, height: 8, 'aria-hidden': 'true' });
    const ctx = canvas.getContext('2d');
    if (ctx) {
      const pixels = ctx.createImageData(8, 8);
      for (let p = 0; p < 64; p++) {
        const v = Math.round(255 * (1 - m.images[64 * i + p])); // ink dark on paper
        pixels.data.set([v, v, v, 255], 4 * p);
      }
      ctx.putImageData(pixels, 0, 0);
    }
    const said = guess < 0 ? '?' : String(guess);
    return h('li', {}, canvas,
      h('span', { class: right ? 'right' : 'wrong', 'aria-hidden': 'true' }, right ? said : `${said} ✗`),
      h('span', { class: 'sr-only' }, `a ${truth}, read as ${guess < 0 ? 'nothing' : guess}${right ? '' : ' (wrong)'}`));
  });
  const wrong = m.labels.filter((truth, i) => m.predicted[i] !== truth).length;
  const credit = datasets.digits.credit!;
  return h('figure', { class: 'digits-view' },
    h('figcaption', {}, `Test digits and what the network reads after ${m.step} steps: ${n - wrong} of ${n} right.`),
    h('ul', { class: 'digits' }, ...items),
    h('p', { class: 'credit' }, h('a', { href: credit.url, target: '_blank', rel: 'noopener' }, credit.text), '.'));
}

/** The logistic model's learned weight for every feature, beside the true one, commonest feature first. */
function weightsView(m: Extract<ModelSnapshot, { kind: 'weights' }>, side: number): Node[] {
  const d = m.truth.length;
  const rows = m.truth.flatMap((truth, j) => [
    { j, weight: truth, kind: 'true' },
    ...(m.learned && Number.isFinite(m.learned[j]) ? [{ j, weight: m.learned[j], kind: 'learned' }] : []),
  ]);
  const fig = plot({
    width: side, height: side, x: { label: 'feature, commonest → rarest', domain: [0, d - 1] }, y: { label: 'weight', grid: true },
    marks: [
      ruleY([0]),
      dot(rows, { filter: (r) => r.kind === 'true', x: 'j', y: 'weight', r: 2, stroke: '#888' }),
      dot(rows, { filter: (r) => r.kind === 'learned', x: 'j', y: 'weight', r: 2, fill: 'var(--_accent)' }),
    ],
  });
  const key = legend([[keys.dot('transparent', '#888'), 'true weight'], [keys.dot('var(--_accent)'), 'learned weight']]);
  const third = Math.round(d / 3);
  const summary = m.learned
    ? `The ${third} commonest features' weights are at ${percent(weightRecovery(m.learned, m.truth, 0, third))} of their true size, the ${third} rarest at ${percent(weightRecovery(m.learned, m.truth, d - third, d))}`
    : 'With hidden layers no weight belongs to one feature';
  return [
    key,
    asImage(fig, `Learned and true weight of each of the ${d} features, commonest first, after ${m.step} steps. ${summary}.`),
    h('p', { class: 'note' }, m.learned ? `${summary} (bias ${fmt(m.bias)}).` : `${summary}.`),
  ];
}

