import { plot, line, dot, ruleY, ruleX } from '@observablehq/plot';
import { ready } from '../train/tf';
import { describeRun, quadratic1d, runQuadratic1D, type Run1D } from '../train/quadratic1d';
import { asImage, logAxis, logDomain, PlotBox } from './plots';
import type { Mounted } from './lazy';
import { h } from './dom';
import { parseSettings } from './schema';
import { lrDemoSchema } from './specs';

// f(θ) = θ² (curvature a = 2): steps below η = 0.5 creep, η = 0.5 lands in one
// step, up to η = 1 they overshoot and oscillate, above it they diverge.
const A = 2;
const THETA0 = 2.5;
const STEPS = 20;
const { min: LR_MIN, max: LR_MAX } = lrDemoSchema.lr;
const SLIDER_MAX = 1000;

const toLr = (s: number) => LR_MIN * (LR_MAX / LR_MIN) ** (s / SLIDER_MAX);
const toSlider = (lr: number) => Math.round((SLIDER_MAX * Math.log(lr / LR_MIN)) / Math.log(LR_MAX / LR_MIN));
const fmt = (x: number) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(1) : x.toPrecision(3));

const words = {
  diverged: 'diverged: every step overshoots by more than it corrects',
  oscillating: 'oscillating: each step jumps across the minimum',
  converging: 'converging smoothly',
  slow: 'converging slowly: the steps are too small',
};

const css = `
:host { display: block; margin: 1.5rem 0; font: 15px/1.5 system-ui, sans-serif;
  color: var(--descent-fg, var(--sl-color-white, #1b1b1f)); }
.box { border: 1px solid var(--descent-border, var(--sl-color-gray-5, #ccc)); border-radius: 8px; padding: 0.75rem 1rem; }
label { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; font-weight: 600; }
input[type=range] { flex: 1 1 12rem; accent-color: var(--descent-accent, var(--sl-color-accent, #3a6fd8)); }
input:focus-visible, summary:focus-visible { outline: 2px solid var(--descent-accent, var(--sl-color-accent, #3a6fd8)); outline-offset: 2px; }
output { font-variant-numeric: tabular-nums; min-width: 4ch; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.5rem; margin-top: 0.5rem; }
.plots svg { width: 100%; height: auto; overflow: visible; }
[role=status] { margin: 0.5rem 0 0; font-variant-numeric: tabular-nums; }
details { margin-top: 0.5rem; font-size: 13px; }
.notes { margin: 0 0 8px; padding: 6px 10px; border-left: 3px solid #c77700; font-size: 13px; }
.notes p { margin: 0; }
@media (pointer: coarse) {
  input[type=range] { height: 44px; }
  summary { line-height: 44px; }
}
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
td, th { padding: 0 0.75rem 0 0; text-align: right; }
`;

export async function mount(host: HTMLElement): Promise<Mounted> {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const { values, notes } = parseSettings(lrDemoSchema, (name) => host.getAttribute(name));
  root.innerHTML = `<style>${css}</style>
    <div class="box">
      <label>Learning rate η <input type="range" min="0" max="${SLIDER_MAX}" step="1"><output></output></label>
      <div class="plots"></div>
      <p role="status" aria-live="polite">Loading…</p>
      <details><summary>Data table</summary><table></table></details>
    </div>`;
  const slider = root.querySelector('input')!;
  const output = root.querySelector('output')!;
  const status = root.querySelector('[role=status]')!;
  const pathBox = new PlotBox(() => update());
  const curveBox = new PlotBox(() => update());
  root.querySelector('.plots')!.append(pathBox.el, curveBox.el);
  slider.value = String(toSlider(values.lr));
  // Notes are text nodes, never markup: they quote what the page wrote.
  if (notes.length) root.querySelector('.box')!.prepend(h('div', { class: 'notes', role: 'note' }, ...notes.map((n) => h('p', {}, n))));

  const draw = (lr: number, run: Run1D) => {
    const verdict = describeRun(run);
    const last = run.theta.length - 1;
    output.textContent = fmt(lr);
    slider.setAttribute('aria-valuetext', `η = ${fmt(lr)}`);
    status.textContent = `η = ${fmt(lr)} · after ${STEPS} steps θ = ${fmt(run.theta[last])}, loss ${fmt(run.loss[last])} — ${words[verdict]}`;
    const steps = run.theta.map((theta, t) => ({ t, theta, loss: run.loss[t] })).filter((d) => Number.isFinite(d.loss));
    const curve = Array.from({ length: 81 }, (_, i) => {
      const theta = -4 + i / 10;
      return { theta, loss: quadratic1d(A, theta) };
    });
    const path = plot({
      width: pathBox.width, height: 220, clip: true,
      x: { domain: [-4, 4], label: 'θ' }, y: { domain: [0, 16], label: 'f(θ) = θ²' },
      marks: [
        line(curve, { x: 'theta', y: 'loss', stroke: 'currentColor', strokeOpacity: 0.4 }),
        line(steps, { x: 'theta', y: 'loss', stroke: 'var(--descent-accent, #3a6fd8)', strokeWidth: 1.5 }),
        dot(steps, { x: 'theta', y: 'loss', fill: 'var(--descent-accent, #3a6fd8)', r: 3 }),
        ruleX([0], { strokeOpacity: 0.2 }),
      ],
    });
    const losses = steps.map((d) => Math.max(d.loss, 1e-30));
    const lossPlot = plot({
      width: curveBox.width, height: 220,
      x: { domain: [0, STEPS], label: 'step' }, ...logAxis(logDomain(losses), 170, 'loss (log scale)'),
      marks: [line(steps, { x: 't', y: (d) => Math.max(d.loss, 1e-30), stroke: 'var(--descent-accent, #3a6fd8)' }), ruleY([run.loss[0]], { strokeDasharray: '3 3', strokeOpacity: 0.5 })],
    });
    pathBox.show(asImage(path, `Path of ${STEPS} gradient-descent steps on the parabola θ² with η = ${fmt(lr)}: ${words[verdict]}.`));
    curveBox.show(asImage(lossPlot, `Loss against step on a log scale, from ${fmt(run.loss[0])} to ${fmt(run.loss[last])}.`));
    root.querySelector('table')!.innerHTML =
      '<thead><tr><th scope="col">step</th><th scope="col">θ</th><th scope="col">loss</th></tr></thead><tbody>' +
      run.theta.map((th, t) => `<tr><td>${t}</td><td>${fmt(th)}</td><td>${fmt(run.loss[t])}</td></tr>`).join('') + '</tbody>';
  };

  const update = () => {
    const lr = toLr(Number(slider.value));
    draw(lr, runQuadratic1D('sgd', { lr }, A, THETA0, STEPS));
  };
  slider.addEventListener('input', update);
  // Drawn before the widget counts as mounted, so that it appears complete.
  await ready();
  update();
  return {
    disconnect: () => {
      pathBox.disconnect();
      curveBox.disconnect();
    },
  };
}
