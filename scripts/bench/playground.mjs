// The engine against TensorFlow Playground's own engine (its src/nn.ts,
// github.com/tensorflow/playground, Apache-2.0) on the reference task at 200
// points, full-batch SGD, timed interleaved in one Node process.
//
// Playground's code is not part of this repository: point PLAYGROUND_NN at a
// copy of its src/nn.ts to measure, e.g.
//   PLAYGROUND_NN=/tmp/playground/nn.ts node scripts/bench.mjs playground
// Without it the line reads "not measured".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle } from './bundle.mjs';

/**
 * Playground's way of taking one full-batch step: per point forwardProp then
 * backProp (its derivatives accumulate), then one updateWeights. Its network
 * as its page builds it for this task: inputs x₁, x₂, two hidden layers of 8
 * tanh units, a tanh output, half squared error against labels ±1.
 */
function playgroundStepper(nn, x, y, hidden, lr) {
  const network = nn.buildNetwork([2, ...hidden, 1], nn.Activations.TANH, nn.Activations.TANH, null, ['x1', 'x2'], false);
  const points = Array.from({ length: y.length }, (_, i) => [x[2 * i], x[2 * i + 1]]);
  const labels = Array.from(y, (label) => (label === 1 ? 1 : -1));
  return (k) => {
    for (let s = 0; s < k; s++) {
      for (let i = 0; i < points.length; i++) {
        nn.forwardProp(network, points[i]);
        nn.backProp(network, labels[i], nn.Errors.SQUARE);
      }
      nn.updateWeights(network, lr, 0);
    }
  };
}

/**
 * The table line: engine / Playground, timed interleaved (7 alternations of a
 * 1 s window each, the order swapped every time; see `interleaved` in measure.ts).
 * @param {{ referenceEngine: Function, interleaved: Function }} rows the bundled scripts/bench/rows.ts
 * @param {string} dir a scratch directory
 */
export async function playgroundRatio(rows, dir) {
  const label = 'engine / TensorFlow Playground (its nn.ts), sgd, 200 points, interleaved';
  const source = process.env.PLAYGROUND_NN;
  if (!source || !existsSync(source)) {
    return { label, unit: '×', node: 'not measured', note: 'set PLAYGROUND_NN to a copy of Playground\'s src/nn.ts (not in this repository)' };
  }
  const out = join(dir, 'playground-nn.mjs');
  await bundle(source, out, 'node');
  const nn = await import(pathToFileURL(out).href);
  const engine = await rows.referenceEngine('sgd', 200);
  try {
    const playground = playgroundStepper(nn, engine.x, engine.y, engine.hidden, engine.lr);
    const r = rows.interleaved(engine.train, playground, { alternations: 7 });
    if (engine.diverged()) throw new Error('bench: the engine diverged on the reference task');
    return {
      label, unit: '×', node: r.ratio,
      note: `range ${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)} over ${r.ratios.length} alternations; engine ${Math.round(r.a)}, Playground ${Math.round(r.b)} steps/s (medians)`,
    };
  } finally {
    engine.dispose();
  }
}
