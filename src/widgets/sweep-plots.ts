import { dot, line, plot, ruleX } from '@observablehq/plot';
import { lossReadings, smithBounds, type SweepPoint } from '../train/range-test';
import { fmt } from './dom';
import { asImage, keys, legend, logAxis, logDomain, logTickFormat, logTicks } from './plots';

const STEEP = '#e15759';
const MINIMUM = '#59a14f';
const SMITH = '#b07aa1';

/** The rate axis: log scale over the sweep's rates, ticks that fit `width`. */
function rateAxis(points: readonly SweepPoint[], width: number) {
  const domain = logDomain(points.map((p) => p.lr));
  return { type: 'log' as const, domain, ticks: logTicks(domain, (width - 60) / 2.5), tickFormat: logTickFormat, label: 'learning rate' };
}

/** fast.ai's reading: loss against the rate, the steepest fall and a tenth of the lowest loss's rate marked. */
export function sweepLossFigure(points: readonly SweepPoint[], width: number, height: number): Node[] {
  const shown = points.filter((p) => Number.isFinite(p.loss) && p.loss > 0);
  const r = lossReadings(points);
  const fig = plot({
    width, height, x: rateAxis(points, width),
    ...logAxis(logDomain(shown.map((p) => p.loss)), height - 50, 'training loss'),
    marks: [
      line(shown, { x: 'lr', y: 'loss', stroke: 'var(--_accent)' }),
      dot(shown.slice(-1), { x: 'lr', y: 'loss', fill: 'var(--_accent)', r: 2.5 }),
      r ? ruleX([r.steep], { stroke: STEEP, strokeDasharray: '4 3' }) : null,
      r ? ruleX([r.minimum], { stroke: MINIMUM, strokeDasharray: '2 2' }) : null,
    ],
  });
  const key = legend([
    [keys.line('var(--_accent)'), 'training loss'],
    [keys.line(STEEP, true), 'steepest fall (fast.ai “steep”)'],
    [keys.line(MINIMUM, true), 'lowest loss ÷ 10 (fast.ai “minimum”)'],
  ]);
  const said = r ? `; the loss falls fastest at ${fmt(r.steep)} and is lowest at ${fmt(r.lowest)}, a tenth of which is ${fmt(r.minimum)}` : '';
  return [key, asImage(fig, `Training loss against learning rate, both on log scales, over ${points.length} steps of the sweep${said}.`)];
}

/** Smith's reading: test accuracy against the rate, the cycle's bounds marked. */
export function sweepAccuracyFigure(points: readonly SweepPoint[], width: number, height: number): Node[] {
  const shown = points.filter((p): p is SweepPoint & { accuracy: number } => p.accuracy !== null && Number.isFinite(p.accuracy));
  const b = smithBounds(points);
  const fig = plot({
    width, height, marginLeft: 44, x: rateAxis(points, width),
    y: { domain: [0, 1], label: 'test accuracy', tickFormat: '.0%' },
    marks: [
      line(shown, { x: 'lr', y: 'accuracy', stroke: 'var(--_accent)' }),
      dot(shown.slice(-1), { x: 'lr', y: 'accuracy', fill: 'var(--_accent)', r: 2.5 }),
      b ? ruleX([b.lower, b.upper], { stroke: SMITH, strokeDasharray: '4 3' }) : null,
    ],
  });
  const key = legend([[keys.line('var(--_accent)'), 'test accuracy'], [keys.line(SMITH, true), 'Smith’s bounds: accuracy starts to rise, peaks']]);
  const said = b ? `; it starts to rise at ${fmt(b.lower)} and peaks at ${fmt(b.upper)}` : '';
  return [key, asImage(fig, `Test accuracy against learning rate (log scale) over the sweep${said}.`)];
}
