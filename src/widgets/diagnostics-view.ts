import { dot, line, plot, rectY, ruleX, selectLast, text } from '@observablehq/plot';
import type { DiagnosticsReport } from '../train/diagnostics-sampler';
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

/** λ_max within this fraction of the stability limit counts as at the edge of stability (the documented setup hovers within 6 %). */
export const EDGE_BAND = 0.1;

export type EdgeRegime = 'below' | 'at' | 'above';

/** Where λ_max stands against the stability limit (2/η for gradient descent). */
export function edgeRegime(lambdaMax: number, limit: number): EdgeRegime {
  const r = lambdaMax / limit;
  return r < 1 - EDGE_BAND ? 'below' : r > 1 + EDGE_BAND ? 'above' : 'at';
}

const regimeText: Record<EdgeRegime, string> = {
  below: 'below the edge of stability',
  at: 'at the edge of stability',
  above: 'past the edge of stability: the steps are unstable along the sharpest direction',
};

const missingText: Record<SharpnessMissing, string> = {
  off: 'λ_max not measured',
  'not-finite': 'λ_max not measured: training diverged',
  kinks: 'λ_max not measured: ReLU’s kinks defeat finite differences of gradients',
};

/** "2/η 13.33", "(2 + 2μ)/η 38", or null where the rule has no limit. */
const limitText = (sample: DiagnosticsSample) => (sample.limit.value === null ? null : `${sample.limit.formula} ${fmt(sample.limit.value)}`);

/** "λ_max 38.2 · 2/η 40 · at the edge of stability": the panel's one-line summary (without a limit, λ_max alone). */
export function sharpnessSummary(sample: DiagnosticsSample): string {
  const limit = limitText(sample);
  const s = sample.sharpness;
  const parts = s ? [`λ_max ${fmt(s.lambdaMax)}`, limit] : [missingText[sample.sharpnessMissing ?? 'off'], limit];
  if (s && sample.limit.value !== null) parts.push(regimeText[edgeRegime(s.lambdaMax, sample.limit.value)]);
  return parts.filter(Boolean).join(' · ');
}

/** The samples where λ_max was measured, as plot and table rows; `edge`: the stability limit, null where the rule has none. */
export function sharpnessRows(samples: readonly DiagnosticsSample[]): { step: number; lambda: number; edge: number | null; loss: number | null }[] {
  return samples.flatMap((s) => (s.sharpness ? [{ step: s.step, lambda: s.sharpness.lambdaMax, edge: s.limit.value, loss: s.loss }] : []));
}

/** At most about `max` evenly spaced rows, always with the last (as views.ts's `thin`, which the page side cannot import). */
const thinned = <T>(rows: T[], max = 12): T[] => {
  const every = Math.max(1, Math.ceil(rows.length / max));
  return rows.filter((_, i) => i % every === 0 || i === rows.length - 1);
};

/** The formula of the samples' limit ("2/η"), or null where the rule has none. */
const formulaOf = (samples: readonly DiagnosticsSample[]) => {
  const limit = samples.at(-1)?.limit;
  return limit && limit.value !== null ? limit.formula : null;
};

/** The sharpness plot's data table: with the limit and λ_max's ratio to it where the rule has one. */
export function sharpnessTable(samples: readonly DiagnosticsSample[]): TableRows {
  const formula = formulaOf(samples);
  const loss = (r: { loss: number | null }) => (r.loss === null ? '—' : fmt(r.loss));
  const rows = thinned(sharpnessRows(samples));
  if (formula === null) return { head: ['step', 'λ_max', 'training loss'], body: rows.map((r) => [String(r.step), fmt(r.lambda), loss(r)]) };
  return {
    head: ['step', 'λ_max', formula, `λ_max ÷ (${formula})`, 'training loss'],
    body: rows.map((r) => [String(r.step), fmt(r.lambda), orDash(r.edge), r.edge === null ? '—' : fmt(r.lambda / r.edge), loss(r)]),
  };
}

/** The sharpness plot's text alternative: where λ_max started, peaked and stands, against the limit. */
export function sharpnessAlt(samples: readonly DiagnosticsSample[]): string {
  const rows = sharpnessRows(samples);
  if (!rows.length) {
    const why = samples.at(-1)?.sharpnessMissing;
    return `Sharpness λ_max against step: ${why ? missingText[why].replace('λ_max not measured', 'not measured') : 'not measured yet'}.`;
  }
  const [first, last] = [rows[0], rows[rows.length - 1]];
  const peak = rows.reduce((a, b) => (b.lambda > a.lambda ? b : a));
  const course = rows.length === 1
    ? `${fmt(first.lambda)} at step ${first.step}`
    : `${fmt(first.lambda)} at step ${first.step}, ${fmt(last.lambda)} at step ${last.step}` +
      (peak !== last && peak !== first ? ` (highest ${fmt(peak.lambda)} at step ${peak.step})` : '');
  const formula = formulaOf(samples);
  const edges = rows.flatMap((r) => (r.edge === null ? [] : [r.edge]));
  if (formula === null || last.edge === null || !edges.length) return `Sharpness λ_max against step: ${course}.`;
  const [lo, hi] = [Math.min(...edges), Math.max(...edges)];
  const limit = lo === hi ? `${formula} = ${fmt(lo)}` : `${formula}, from ${fmt(edges[0])} to ${fmt(last.edge)} as the schedule changes η`;
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

/** λ_max against step, with the stability limit as a dashed line (stepped, should a schedule move η), labelled at its end. */
function sharpnessFigure(samples: readonly DiagnosticsSample[], width: number): Node[] {
  const rows = sharpnessRows(samples);
  if (!rows.length) return [h('p', { class: 'note' }, sharpnessAlt(samples))];
  const formula = formulaOf(samples);
  const limits = formula === null ? [] : rows.filter((r) => r.edge !== null);
  const height = Math.max(220, Math.min(300, width * 0.75));
  const values = rows.flatMap((r) => (r.edge === null ? [r.lambda] : [r.lambda, r.edge]));
  const fig = plot({
    width, height,
    x: { label: 'step', domain: [0, Math.max(10, ...rows.map((r) => r.step))] },
    y: { label: 'λ_max', domain: [Math.min(0, ...values), 1.1 * Math.max(1e-9, ...values)], grid: true },
    marks: [
      line(limits, { x: 'step', y: 'edge', stroke: 'currentColor', strokeDasharray: '6,4', curve: 'step-after' }),
      text(limits.slice(-1), { x: 'step', y: 'edge', text: () => formula, dy: -8, textAnchor: 'end', fill: 'currentColor' }),
      line(rows, { x: 'step', y: 'lambda', stroke: 'var(--_accent)', strokeWidth: 2 }),
      dot(rows, selectLast({ x: 'step', y: 'lambda', fill: 'var(--_accent)', r: 3 })),
    ],
  });
  const key = legend([
    [keys.line('var(--_accent)'), 'λ_max, the sharpness: the Hessian’s top eigenvalue'],
    ...(formula === null ? [] : [[keys.line('currentColor', true), `${formula}: above it, full-batch steps are unstable`] as [string, string]]),
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

/** How the samples were taken: what the panel says about its own cost and about the line. */
export type DiagnosticsPlan = Omit<DiagnosticsReport, 'run' | 'samples'>;

/** "Measured every 10 steps; λ_max every 50, …": when samples are taken, and why λ_max less often. */
export function planText(plan: DiagnosticsPlan): string {
  const steps = (n: number) => `${n} step${n === 1 ? '' : 's'}`;
  return `Measured on the whole training set every ${steps(plan.every)}${plan.every === plan.everyEpochs ? '' : ` (${plan.everyEpochs} epochs)`}; λ_max every ${steps(plan.sharpnessEvery)}, as each costs several Hessian-vector products (by power iteration on differences of gradients).`;
}

/** One sentence on the line: why there is none, or that mini-batch training is not held to it. */
export function limitNote(latest: DiagnosticsSample, plan: DiagnosticsPlan): string | null {
  if (latest.limit.value === null) return `No stability line: ${latest.limit.why}.`;
  if (!plan.fullBatch) return `The line is full-batch training’s limit; with batches smaller than the training set, λ_max usually settles below it.`;
  return null;
}

/**
 * The panel for `samples` (oldest first: those with λ_max, then the latest),
 * `width` px wide: summary, sharpness plot, per-tensor table and
 * effective-step histogram of the latest sample, each plot with a text
 * alternative and its data table. Style it with `diagnosticsViewCss` inside
 * the widget's shadow root.
 */
export function diagnosticsPanel(samples: readonly DiagnosticsSample[], plan: DiagnosticsPlan, width: number): HTMLElement {
  const latest = samples.at(-1);
  if (!latest) return h('section', { class: 'diagnostics', 'aria-label': 'Diagnostics' }, h('p', {}, 'No diagnostics measured yet.'));
  // The summary speaks of the latest λ_max, which is usually some samples old.
  const sharp = [...samples].reverse().find((s) => s.sharpnessMissing !== 'off') ?? latest;
  const tensors = h('table');
  const caption = `Per tensor at step ${latest.step}`;
  table(tensors, tensorTable(latest));
  tensors.prepend(h('caption', {}, caption));
  const note = limitNote(latest, plan);
  return h('section', { class: 'diagnostics', 'aria-label': 'Diagnostics' },
    h('h3', {}, 'Diagnostics'),
    h('p', { class: 'summary' }, `step ${sharp.step} · ${sharpnessSummary(sharp)}`),
    h('figure', {}, ...sharpnessFigure(samples, width), dataTable(sharpnessTable(samples))),
    ...(note ? [h('p', { class: 'note' }, note)] : []),
    h('p', { class: 'note' }, planText(plan)),
    // Five columns overflow a phone: the table scrolls sideways, and takes the focus so that a keyboard can scroll it.
    h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': caption }, tensors),
    h('figure', {}, ...stepFigure(latest, width), dataTable(stepTable(latest))),
  );
}
