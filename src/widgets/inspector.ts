import { optimizers } from '../optimizers';
import { validateHyper } from '../optimizers/validate';
import { ready } from '../train/tf';
import { CURVATURE, inspectLoss, START, StepInspector, type StepRecord } from '../train/inspect';
import { button, fmt, h } from './dom';
import { control, hyperControls } from './controls';
import type { Mounted } from './lazy';
import { openShell } from './shell';
import { chosen, inspectorSchema } from './specs';
import { traceLine } from './traces';

const css = `
.problem { margin: 0 0 6px; color: var(--_muted); font-size: 13px; }
table.trace { width: 100%; margin-top: 6px; }
table.trace td:nth-child(-n+2), table.trace th:nth-child(-n+2) { text-align: left; }
table.trace td.line { color: var(--_muted); width: 3.5em; }
table.trace tr.current { background: color-mix(in srgb, var(--_accent) 18%, transparent); }
table.trace tr.pending td { color: var(--_muted); }
.formula-line { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; margin: 6px 0 0; padding: 4px 10px;
  border-left: 3px solid var(--_accent); background: color-mix(in srgb, var(--_accent) 8%, transparent); overflow-x: auto; }
.formula-line figcaption { font-size: 13px; color: var(--_muted); }
.formula-line math { font-size: 1.15em; margin: 0; }
`;

/**
 * The step inspector: one optimizer on a two-parameter problem, one update per
 * click, every quantity of every formula line shown. "Next line" walks through
 * the formula one line at a time and highlights that line (and its code) in the
 * page's formula-beside-code block for the same optimizer, when there is one,
 * and shows that line in the inspector too, since the block may be far off screen.
 */
export async function mount(host: HTMLElement): Promise<Mounted> {
  const { frame, status, settings, share } = openShell(host, inspectorSchema, css, 'Step inspector');
  await ready();
  let id = settings.optimizer;
  let compare = settings.compare;
  const hyperFor = (opt: string) => chosen(settings, Object.keys(optimizers[opt].defaults));
  let hyper: Record<string, number> = hyperFor(id);
  let inspector: StepInspector | undefined;
  let record: StepRecord | undefined;
  let shownLines = 0; // how many formula lines of `record` are revealed
  let current = 0;    // the line "Next line" just revealed (highlighted), or 0
  let error = '';

  const table = h('table', { class: 'trace' });
  const formulaLine = h('figure', { class: 'formula-line' });
  formulaLine.hidden = true;
  const hyperBox = h('div', { class: 'controls' });
  const pick = control('optimizer', inspectorSchema.optimizer, id, (v) => {
    id = v;
    hyper = hyperFor(v);
    buildHyper();
    restart();
    save();
  });
  const pickCompare = control('compare', inspectorSchema.compare, compare, (v) => {
    compare = v;
    restart();
    save();
  });
  const nextLine = button('Next line', () => {
    if (!record || shownLines === lines()) advance();
    else shownLines++;
    current = shownLines;
    draw();
    save();
  });
  // Step finishes a step that "Next line" has begun, or makes a whole new one.
  const step = button('Step', () => {
    if (!record || shownLines === lines()) advance();
    shownLines = lines();
    current = 0;
    draw();
    save();
  }, { class: 'primary' });
  const reset = button('Reset', () => {
    restart();
    save();
  });

  const { buttons: shareButtons, save } = share(() => ({ optimizer: id, compare, ...hyper, step: inspector?.t ?? 0 }));
  frame.append(
    h('div', { class: 'toolbar' }, step, nextLine, reset, ...shareButtons),
    h('div', { class: 'controls' }, pick.el, pickCompare.el),
    hyperBox,
    h('p', { class: 'problem' }, `Problem: f(θ) = ½(${CURVATURE[0]}·θ₁² + ${CURVATURE[1]}·θ₂²) from θ₀ = (${START.join(', ')}): the curvature along θ₂ is ${CURVATURE[1] / CURVATURE[0]} times that along θ₁.`),
    status,
    formulaLine,
    table,
  );

  const lines = () => optimizers[id].formula.length;

  function buildHyper() {
    hyperBox.replaceChildren(
      ...hyperControls({ optimizer: id, hyper }, (name, v) => {
        hyper[name] = v;
        restart();
        save();
      }).values(),
    );
  }

  function restart() {
    inspector?.dispose();
    record = undefined;
    shownLines = current = 0;
    error = '';
    try {
      validateHyper(optimizers[id], hyper);
      inspector = new StepInspector(id, hyper, compare === 'none' ? undefined : compare);
    } catch (e) {
      inspector = undefined;
      error = (e as Error).message;
    }
    draw();
  }

  function advance() {
    if (!inspector) return;
    record = inspector.step();
    shownLines = 1;
  }

  // The page's formula-beside-code block for this optimizer, if the inspector sits in a chapter.
  function highlight(k: number) {
    const block = document.querySelector(`.update-rule[data-optimizer="${CSS.escape(id)}"]`);
    block?.querySelectorAll<HTMLElement>('[data-eq]').forEach((el) => el.classList.toggle('is-executing', el.dataset.eq!.split(' ').includes(String(k))));
    // KaTeX does not run in the browser: the line's MathML, rendered at build time, is copied (its CSS-styled twin would need the page's stylesheet).
    const math = k ? block?.querySelector(`.update-rule__eq[data-eq="${k}"] .katex-mathml math`) : null;
    formulaLine.hidden = !math;
    formulaLine.replaceChildren(...(math ? [h('figcaption', {}, `Formula line (${k})`), math.cloneNode(true)] : []));
  }

  function draw() {
    if (!inspector) {
      status.textContent = `Cannot run: ${error}`;
      table.replaceChildren();
      return;
    }
    const t = record?.t ?? 0;
    const theta = record?.next ?? inspector.theta;
    const loss = inspectLoss(theta);
    const finite = Number.isFinite(loss);
    status.textContent =
      `step ${t} · loss ${fmt(loss)}` + (finite ? '' : ' — diverged') + (record && shownLines < lines() ? ` · showing formula line ${shownLines} of ${lines()}` : '');
    status.classList.toggle('diverged', !finite);
    step.disabled = nextLine.disabled = !finite;
    highlight(current);
    const head = h('tr', {}, h('th', { scope: 'col' }, 'line'), h('th', { scope: 'col' }, 'quantity'), h('th', { scope: 'col' }, 'θ₁'), h('th', { scope: 'col' }, 'θ₂'));
    const rows: HTMLTableRowElement[] = [];
    const row = (line: string, symbol: string, values: number[], cls = '') =>
      rows.push(h('tr', { class: cls }, h('td', { class: 'line' }, line), h('td', {}, symbol), ...values.map((v) => h('td', {}, fmt(v)))));
    if (!record) {
      row('', 'θ₀', theta);
      row('', 'g₁ (next gradient)', theta.map((x, i) => CURVATURE[i] * x));
    } else {
      row('', 'θₜ₋₁', record.theta);
      row('', 'gₜ', record.g);
      for (let k = 1; k <= lines(); k++) {
        const cls = k === current ? 'current' : k > shownLines ? 'pending' : '';
        const traced = traceLine(id, lines(), k, record);
        if (k > shownLines) row(`(${k})`, traced.map(([s]) => s).join(', ') || '—', record.g.map(() => NaN), cls);
        else if (!traced.length) row(`(${k})`, '(no new quantity)', [], cls);
        else for (const [symbol, values] of traced) row(`(${k})`, symbol, values, cls);
      }
      if (shownLines === lines()) {
        const delta = record.next.map((x, i) => x - record!.theta[i]);
        row('', 'step Δθ = θₜ − θₜ₋₁', delta);
        // Undefined where the gradient is zero: shown as NaN rather than a misleading ∞.
        row('', 'effective rate |Δθ / g|', delta.map((d, i) => (record!.g[i] === 0 ? NaN : Math.abs(d / record!.g[i]))));
        // The compared rule's step after the same gradients, and how many times this step it is.
        if (record.compared) {
          const other = record.compared;
          row('', `${optimizers[compare].name}: step on the same gradients`, other);
          row('', 'ratio of its step to this one', other.map((d, i) => (delta[i] === 0 ? NaN : d / delta[i])));
        }
      }
    }
    table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...rows));
    for (const td of table.querySelectorAll('tr.pending td:nth-child(n+3)')) td.textContent = '…';
  }

  buildHyper();
  restart();
  // A permalink to a stepped inspector: the steps are cheap, so replay them at once.
  for (let i = 0; i < settings.step && inspector; i++) advance();
  if (settings.step > 0) shownLines = lines();
  draw();
  return {
    disconnect() {
      highlight(0);
      inspector?.dispose();
    },
  };
}
