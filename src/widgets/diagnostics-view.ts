import { dot, line, plot, rectY, ruleX, selectLast, text } from '@observablehq/plot';
import type { DiagnosticsSample, SharpnessMissing, StepDistribution, TensorDiagnostics } from '../train/diagnostics';
import { fmt, h, table } from './dom';
import { asImage, keys, legend, logTickFormat, logTicks } from './plots';
// Types only: the page side must not load the optimizer registry (views.ts does), nor TensorFlow.js.
import type { TableRows } from './views';

/**
 * The diagnostics panel, drawn from plain `DiagnosticsSample`s (see
 * src/train/diagnostics.ts) wherever they were measured: sharpness λ_max
 * against step beside gradient descent's stability limit 2/η, a table of the
 * latest gradient norms and update-to-weight ratios per named tensor, and the
 * latest distribution of effective per-coordinate steps. Everything said in
 * words (summary, text alternatives, data tables) comes from the pure
 * functions below, unit-tested without a DOM.
 */

/** λ_max within this fraction of 2/η counts as at the edge of stability (the documented setup hovers within 6 %). */
export const EDGE_BAND = 0.1;

export type EdgeRegime = 'below' | 'at' | 'above';

/** Where λ_max stands against gradient descent's stability limit 2/η. */
export function edgeRegime(lambdaMax: number, twoOverLr: number): EdgeRegime {
  const r = lambdaMax / twoOverLr;
  return r < 1 - EDGE_BAND ? 'below' : r > 1 + EDGE_BAND ? 'above' : 'at';
}

const regimeText: Record<EdgeRegime, string> = {
  below: 'below the edge of stability',
  at: 'at the edge of stability',
  above: 'past the edge of stability: gradient descent is unstable along the sharpest direction',
};

const missingText: Record<SharpnessMissing, string> = {
  off: 'λ_max not measured',
  'not-finite': 'λ_max not measured: training diverged',
  kinks: 'λ_max not measured: ReLU’s kinks defeat finite differences of gradients',
};

/** "λ_max 38.2 · 2/η 40 · at the edge of stability": the panel's one-line summary. */
export function sharpnessSummary(sample: DiagnosticsSample): string {
  const limit = `2/η ${fmt(sample.twoOverLr)}`;
  const s = sample.sharpness;
  if (!s) return `${missingText[sample.sharpnessMissing ?? 'off']} · ${limit}`;
  return `λ_max ${fmt(s.lambdaMax)} · ${limit} · ${regimeText[edgeRegime(s.lambdaMax, sample.twoOverLr)]}`;
}

/** The samples where λ_max was measured, as plot and table rows. */
export function sharpnessRows(samples: readonly DiagnosticsSample[]): { step: number; lambda: number; edge: number; loss: number | null }[] {
  return samples.flatMap((s) => (s.sharpness ? [{ step: s.step, lambda: s.sharpness.lambdaMax, edge: s.twoOverLr, loss: s.loss }] : []));
}

/** At most about `max` evenly spaced rows, always with the last (as views.ts's `thin`, which the page side cannot import). */
const thinned = <T>(rows: T[], max = 12): T[] => {
  const every = Math.max(1, Math.ceil(rows.length / max));
  return rows.filter((_, i) => i % every === 0 || i === rows.length - 1);
};

/** The sharpness plot's data table. */
export function sharpnessTable(samples: readonly DiagnosticsSample[]): TableRows {
  return {
    head: ['step', 'λ_max', '2/η', 'λ_max ÷ (2/η)', 'training loss'],
    body: thinned(sharpnessRows(samples)).map((r) => [String(r.step), fmt(r.lambda), fmt(r.edge), fmt(r.lambda / r.edge), r.loss === null ? '—' : fmt(r.loss)]),
  };
}

/** The sharpness plot's text alternative: where λ_max started, peaked and stands, against 2/η. */
export function sharpnessAlt(samples: readonly DiagnosticsSample[]): string {
  const rows = sharpnessRows(samples);
  if (!rows.length) {
    const why = samples.at(-1)?.sharpnessMissing;
    return `Sharpness λ_max against step: ${why ? missingText[why].replace('λ_max not measured', 'not measured') : 'not measured yet'}.`;
  }
  const [first, last] = [rows[0], rows[rows.length - 1]];
  const peak = rows.reduce((a, b) => (b.lambda > a.lambda ? b : a));
  const edges = rows.map((r) => r.edge);
  const [lo, hi] = [Math.min(...edges), Math.max(...edges)];
  const limit = lo === hi ? `2/η = ${fmt(lo)}` : `2/η, from ${fmt(first.edge)} to ${fmt(last.edge)} as the schedule changes η`;
  const course = rows.length === 1
    ? `${fmt(first.lambda)} at step ${first.step}`
    : `${fmt(first.lambda)} at step ${first.step}, ${fmt(last.lambda)} at step ${last.step}` +
      (peak !== last && peak !== first ? ` (highest ${fmt(peak.lambda)} at step ${peak.step})` : '');
  return `Sharpness λ_max against step: ${course}, beside the line ${limit}; now ${regimeText[edgeRegime(last.lambda, last.edge)]}.`;
}

/** "16×2" for a weight matrix [out, in], "16" for a bias. */
const shapeText = (t: TensorDiagnostics) => t.shape.join('×');
const orDash = (x: number | null) => (x === null ? '—' : fmt(x));

/** The latest sample's table, one row per named tensor, layer by layer. */
export function tensorTable(sample: DiagnosticsSample): TableRows {
  return {
    head: ['tensor', 'shape', 'gradient norm ‖g‖', 'update ÷ weight ‖Δθ‖/‖θ‖', 'median step |Δθᵢ|/|gᵢ|'],
    body: sample.tensors.map((t) => [t.name, shapeText(t), orDash(t.gradNorm), orDash(t.updateRatio), orDash(t.medianStep)]),
  };
}

/** The histogram's bins as rows: from, to, count. */
export function stepBins(d: StepDistribution): { from: number; to: number; count: number }[] {
  return d.histogram.counts.map((count, j) => ({ from: d.histogram.edges[j], to: d.histogram.edges[j + 1], count }));
}

/** The effective-step histogram's data table: its non-empty bins. */
export function stepTable(sample: DiagnosticsSample): TableRows {
  return {
    head: ['step from', 'to', 'coordinates'],
    body: stepBins(sample.effectiveStep).filter((b) => b.count > 0).map((b) => [fmt(b.from), fmt(b.to), String(b.count)]),
  };
}

/** In words, what the effective steps look like: their spread, against η. */
export function stepAlt(sample: DiagnosticsSample): string {
  const d = sample.effectiveStep;
  const left = d.skipped ? `; ${d.skipped} left out (a zero gradient, or a step too small against its weight to read in float32)` : '';
  const q = d.quantiles;
  if (!q) return `Effective per-coordinate step |Δθᵢ|/|gᵢ| at step ${sample.step}: no coordinate could be read${left}.`;
  return (
    `Histogram of the effective per-coordinate step |Δθᵢ|/|gᵢ| of ${d.counted} coordinates at step ${sample.step}: ` +
    `median ${fmt(q.median)}, 10th to 90th percentile ${fmt(q.p10)} to ${fmt(q.p90)}, smallest ${fmt(q.min)}, largest ${fmt(q.max)}` +
    `; ${spreadText(d)}, against η = ${fmt(sample.lr)}${left}.`
  );
}

/** "the same for every coordinate" (within 1 %), else "a spread of ×30 between the 10th and 90th percentiles". */
export function spreadText(d: StepDistribution): string {
  const q = d.quantiles;
  if (!q) return 'no spread to speak of';
  if (q.max <= 1.01 * q.min) return 'the same for every coordinate';
  return `a spread of ×${fmt(q.p90 / q.p10)} between the 10th and 90th percentiles`;
}

export const diagnosticsViewCss = `
.diagnostics table { font-variant-numeric: tabular-nums; border-collapse: collapse; font-size: 13px; }
.diagnostics th, .diagnostics td { padding: 2px 8px; text-align: right; }
.diagnostics th:first-child, .diagnostics td:first-child { text-align: left; }
.diagnostics .scroll { overflow-x: auto; }
.diagnostics figure { margin: 8px 0; }
.diagnostics caption { text-align: left; font-weight: 600; padding-bottom: 2px; }
`;

/** A data table inside a closed <details>, as every widget shows its numbers. */
function dataTable(rows: TableRows): HTMLElement {
  const el = h('table');
  table(el, rows);
  return h('details', {}, h('summary', {}, 'Data table'), el);
}

/** λ_max against step, with 2/η as a dashed line (stepped, should a schedule move η), labelled at its end. */
function sharpnessFigure(samples: readonly DiagnosticsSample[], width: number): Node[] {
  const rows = sharpnessRows(samples);
  if (!rows.length) return [h('p', { class: 'note' }, sharpnessAlt(samples))];
  const height = Math.max(220, Math.min(300, width * 0.75));
  const values = rows.flatMap((r) => [r.lambda, r.edge]);
  const fig = plot({
    width, height,
    x: { label: 'step', domain: [0, Math.max(10, ...rows.map((r) => r.step))] },
    y: { label: 'λ_max', domain: [Math.min(0, ...values), 1.1 * Math.max(1e-9, ...values)], grid: true },
    marks: [
      line(rows, { x: 'step', y: 'edge', stroke: 'currentColor', strokeDasharray: '6,4', curve: 'step-after' }),
      text(rows.slice(-1), { x: 'step', y: 'edge', text: () => '2/η', dy: -8, textAnchor: 'end', fill: 'currentColor' }),
      line(rows, { x: 'step', y: 'lambda', stroke: 'var(--_accent)', strokeWidth: 2 }),
      dot(rows, selectLast({ x: 'step', y: 'lambda', fill: 'var(--_accent)', r: 3 })),
    ],
  });
  const key = legend([
    [keys.line('var(--_accent)'), 'λ_max, the sharpness: the Hessian’s top eigenvalue'],
    [keys.line('currentColor', true), '2/η: above it, gradient descent is unstable'],
  ]);
  return [key, asImage(fig, sharpnessAlt(samples))];
}

/** The latest effective steps as a histogram over a log axis, with η marked. */
function stepFigure(sample: DiagnosticsSample, width: number): Node[] {
  const bins = stepBins(sample.effectiveStep);
  if (!bins.length) return [h('p', { class: 'note' }, stepAlt(sample))];
  const lo = Math.min(bins[0].from, sample.lr / 1.5);
  const hi = Math.max(bins[bins.length - 1].to, sample.lr * 1.5);
  const margin = { left: 44, right: 16 };
  // Horizontal labels need more room than the vertical axes logTicks spaces for: half the pixels.
  const ticks = logTicks([lo, hi], (width - margin.left - margin.right) / 2);
  // A linear axis in log₁₀ units: Plot's log scale lets d3 drop some tick labels (0.05, 0.5) whatever the tickFormat.
  const fig = plot({
    width, height: 200, marginLeft: margin.left, marginRight: margin.right,
    x: { domain: [Math.log10(lo), Math.log10(hi)], ticks: ticks.map(Math.log10), tickFormat: (e: number) => logTickFormat(10 ** e), label: 'effective step |Δθᵢ|/|gᵢ| (log scale)' },
    y: { label: 'coordinates', grid: true },
    marks: [
      rectY(bins, { x1: (b) => Math.log10(b.from), x2: (b) => Math.log10(b.to), y: 'count', fill: 'var(--_accent)', inset: 0.5 }),
      ruleX([Math.log10(sample.lr)], { stroke: 'currentColor', strokeDasharray: '6,4' }),
      text([Math.log10(sample.lr)], { x: (e: number) => e, frameAnchor: 'top', text: () => 'η', dx: 6, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
  const key = legend([
    [keys.ramp(['var(--_accent)', 'var(--_accent)']), 'coordinates per bin'],
    [keys.line('currentColor', true), 'η, the step of plain SGD for every coordinate'],
  ]);
  return [key, asImage(fig, stepAlt(sample))];
}

/**
 * The panel for `samples` (oldest first), `width` px wide: summary, sharpness
 * plot, per-tensor table and effective-step histogram of the latest sample,
 * each plot with a text alternative and its data table. Style it with
 * `diagnosticsViewCss` inside the widget's shadow root.
 */
export function diagnosticsPanel(samples: readonly DiagnosticsSample[], width: number): HTMLElement {
  const latest = samples.at(-1);
  if (!latest) return h('section', { class: 'diagnostics' }, h('p', {}, 'No diagnostics measured yet.'));
  const tensors = h('table');
  const caption = `Per tensor at step ${latest.step}`;
  table(tensors, tensorTable(latest));
  tensors.prepend(h('caption', {}, caption));
  return h('section', { class: 'diagnostics' },
    h('p', { class: 'summary' }, `step ${latest.step} · ${sharpnessSummary(latest)}`),
    h('figure', {}, ...sharpnessFigure(samples, width), dataTable(sharpnessTable(samples))),
    // Five columns overflow a phone: the table scrolls sideways, and takes the focus so that a keyboard can scroll it.
    h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': caption }, tensors),
    h('figure', {}, ...stepFigure(latest, width), dataTable(stepTable(latest))),
  );
}
