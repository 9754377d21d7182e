/**
 * Building blocks for widget UIs inside a shadow root. Text is always set as
 * text, never parsed as HTML, so no setting or URL value can inject markup.
 */
type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element: h('button', { type: 'button' }, 'Play'). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children);
  return el;
}

let uid = 0;
/** An id unique within the page, for label/for and aria pairs. */
export const nextId = (prefix: string) => `${prefix}-${++uid}`;

/** Numbers as a reader wants them: 3 significant digits, exponents for very large or small. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2).replace('e+', 'e');
  return Number(x.toPrecision(4)).toString();
}

export interface Slider {
  el: HTMLElement;
  input: HTMLInputElement;
  get value(): number;
  set value(v: number);
}

const STEPS = 1000;

/**
 * A labelled range input with its value shown beside it. On a log scale the
 * thumb moves in equal ratios, as a learning rate should. Whole numbers on a
 * linear scale move by 1 a position (an arrow key adds 1); a 0/1 switch is a
 * checkbox.
 */
export function slider(o: { label: string; min: number; max: number; value: number; log?: boolean; integer?: boolean; name?: string }, onInput: (v: number) => void): Slider {
  if (o.integer && o.min === 0 && o.max === 1) return checkbox(o, onInput);
  const log = !!o.log && o.min > 0;
  const steps = o.integer && !log ? Math.max(1, o.max - o.min) : STEPS;
  const toValue = (s: number) => {
    const v = log ? o.min * (o.max / o.min) ** (s / steps) : o.min + ((o.max - o.min) * s) / steps;
    return o.integer ? Math.round(v) : Number(v.toPrecision(3));
  };
  const toPos = (v: number) =>
    Math.round(log ? (steps * Math.log(v / o.min)) / Math.log(o.max / o.min) : (steps * (v - o.min)) / (o.max - o.min || 1));
  const id = nextId('s');
  const input = h('input', { type: 'range', id, min: 0, max: steps, step: 1, name: o.name });
  const out = h('output', { for: id });
  let current = o.value;
  const show = () => {
    out.textContent = fmt(current);
    input.setAttribute('aria-valuetext', fmt(current));
  };
  input.addEventListener('input', () => {
    current = toValue(Number(input.value));
    show();
    onInput(current);
  });
  const el = h('div', { class: 'control', 'data-setting': o.name }, h('label', { for: id }, o.label), input, out);
  const api: Slider = {
    el,
    input,
    get value() {
      return current;
    },
    set value(v: number) {
      current = v;
      input.value = String(Math.min(steps, Math.max(0, toPos(v))));
      show();
    },
  };
  api.value = o.value;
  return api;
}

/** A labelled checkbox for a 0/1 switch (Nesterov on or off): the same interface as a slider, values 0 and 1. */
function checkbox(o: { label: string; value: number; name?: string }, onInput: (v: number) => void): Slider {
  const id = nextId('s');
  const input = h('input', { type: 'checkbox', id, name: o.name });
  input.addEventListener('change', () => onInput(input.checked ? 1 : 0));
  const el = h('div', { class: 'control check', 'data-setting': o.name }, input, h('label', { for: id }, o.label));
  const api: Slider = {
    el,
    input,
    get value() {
      return input.checked ? 1 : 0;
    },
    set value(v: number) {
      input.checked = v === 1;
    },
  };
  api.value = o.value;
  return api;
}

/** A labelled select. */
export function select(o: { label: string; options: readonly (string | [string, string])[]; value: string; name?: string }, onChange: (v: string) => void) {
  const id = nextId('c');
  const input = h('select', { id, name: o.name });
  for (const opt of o.options) {
    const [value, text] = typeof opt === 'string' ? [opt, opt] : opt;
    input.append(h('option', { value }, text));
  }
  input.value = o.value;
  input.addEventListener('change', () => onChange(input.value));
  return { el: h('div', { class: 'control', 'data-setting': o.name }, h('label', { for: id }, o.label), input), input };
}

/** Fills a data table: a header row of column headers, then the body. */
export function table(el: HTMLTableElement, rows: { head: string[]; body: string[][] }): void {
  el.replaceChildren(
    h('thead', {}, h('tr', {}, ...rows.head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.body.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  );
}

/** A button that says what it does. */
export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}
