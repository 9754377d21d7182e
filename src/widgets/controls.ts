/**
 * Controls built from schema fields, so that a setting's range, step, scale and
 * choices are declared once (in specs.ts) and the attribute parser, the
 * attribute reference and the control cannot disagree.
 */
import { optimizers } from '../optimizers';
import { wrapDefaults, wrapSpecs, type Wrap } from '../optimizers/wrappers';
import type { DatasetId } from '../train/datasets';
import { h, nextId, select, slider } from './dom';
import { parseField, type Field, type Run } from './schema';
import { networkOf, type networkFields } from './specs';
import { hyperOf } from './views';

export interface Control<T> {
  el: HTMLElement;       // the labelled control, marked data-setting=<name> for hide/lock
  set(value: T): void;   // shows a value without reporting it
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The control for one field: a slider for numbers (log-scaled where the field is),
 * a number box for fields marked `box`, a select for choices, a text box for lists.
 * `onChange` gets values the field accepts; anything else is refused and the
 * control goes back to the last good value.
 */
export function control<T>(name: string, field: Field, value: T, onChange: (value: T) => void): Control<T> {
  switch (field.type) {
    case 'number': {
      if (!field.box) {
        const s = slider({ label: field.label, name, min: field.min, max: field.max, log: field.log, integer: field.integer, value: value as number }, (v) => onChange(v as T));
        return { el: s.el, set: (v) => (s.value = v as number) };
      }
      return textBox(name, field, value, onChange, 'number');
    }
    case 'choice': {
      const options = field.options.map((o) => [o, field.names?.[o] ?? o] as [string, string]);
      const s = select({ label: capitalised(field.label), name, options, value: value as string }, (v) => onChange(v as T));
      return { el: s.el, set: (v) => (s.input.value = v as string) };
    }
    default:
      return textBox(name, field, value, onChange, 'text');
  }
}

/** A labelled input whose text the field parses; its doc line is the input's description. */
function textBox<T>(name: string, field: Field, value: T, onChange: (value: T) => void, type: 'number' | 'text'): Control<T> {
  const id = nextId('box');
  let current = value;
  const text = (v: T) => (Array.isArray(v) ? v.join(',') : String(v));
  const input = h('input', {
    id, name, type, value: text(value), 'aria-describedby': `${id}-doc`,
    ...(field.type === 'number' ? { min: field.min, max: field.max, step: field.integer ? 1 : 'any' } : { inputmode: field.type === 'numbers' && field.integer ? 'numeric' : undefined }),
  });
  input.addEventListener('change', () => {
    const notes: string[] = [];
    const v = parseField(name, field, input.value, notes) as T | undefined;
    // Only a value taken exactly as typed: a clamped or partly refused one would surprise the reader.
    if (v === undefined || notes.length) input.value = text(current);
    else onChange((current = v));
  });
  const el = h('div', { class: 'control box', 'data-setting': name },
    h('label', { for: id }, field.label), input, h('span', { id: `${id}-doc`, class: 'sr-only' }, field.doc));
  return { el, set: (v) => (input.value = text((current = v))) };
}

/** A slider for one hyperparameter of `run`'s optimizer, over the optimizer's own range, from the value it takes effect with on `dataset`. */
function hyperSlider(run: Run, name: string, label: string, setting: string, onChange: (value: number) => void, dataset?: DatasetId): HTMLElement {
  const spec = optimizers[run.optimizer].hyper[name];
  return slider({ label: `${label}${spec.label} ${spec.symbol}`, min: spec.min, max: spec.max, log: spec.log, integer: spec.integer, value: hyperOf(run, name, dataset), name: setting }, onChange).el;
}

/** One slider per wrapper setting of `run` (SAM's ρ, Lookahead's k and α), from its value or off; `onChange` gets each new value. */
export function wrapControls(run: Run, onChange: (name: string, value: number) => void): HTMLElement[] {
  return Object.entries(wrapSpecs).map(([name, spec]) =>
    slider({ label: `${spec.label} ${spec.symbol}`, min: spec.min, max: spec.max, integer: spec.integer, value: run.hyper[name] ?? wrapDefaults[name as keyof Wrap], name }, (v) => onChange(name, v)).el,
  );
}

/** One slider per hyperparameter of `run`'s optimizer; `onChange` gets each new value. */
export function hyperControls(run: Run, onChange: (name: string, value: number) => void, dataset?: DatasetId): Map<string, HTMLElement> {
  return new Map(Object.keys(optimizers[run.optimizer].hyper).map((name) => [name, hyperSlider(run, name, '', name, (v) => onChange(name, v), dataset)]));
}

/**
 * A learning-rate slider per run of a race ("Adam 2: learning rate η"), all under the
 * `optimizers` setting for hide/lock; a change is written into the run, then reported.
 */
export function runLrControls(runs: Run[], onChange: (run: Run) => void, dataset?: DatasetId): HTMLElement[] {
  return runs.map((run, i) =>
    hyperSlider(run, 'lr', `${optimizers[run.optimizer].name} ${i + 1}: `, 'optimizers', (v) => {
      run.hyper.lr = v;
      onChange(run);
    }, dataset),
  );
}

type NetworkSettings = { dataset: string; layers: number[]; batch: number };

/**
 * The dataset, batch-size and hidden-layers controls of a training widget.
 * Batch size and layers the reader has not set follow the dataset (the
 * digits get a 64-32-10 network and batches of 32); once set, they stay.
 * `onDataset` runs after a dataset change, before the rebuild (the
 * learning-rate sliders start from the dataset's rate).
 */
export function networkControls(s: NetworkSettings, fields: typeof networkFields, change: (apply: () => void) => void, onDataset = () => {}) {
  const shown = networkOf(s);
  const batch = control('batch', fields.batch, shown.batch, (v) => change(() => (s.batch = v)));
  const layers = control('layers', fields.layers, shown.hidden, (v) => change(() => (s.layers = v)));
  const dataset = control('dataset', fields.dataset, s.dataset, (v) =>
    change(() => {
      s.dataset = v;
      const now = networkOf(s);
      batch.set(now.batch);
      layers.set(now.hidden);
      onDataset();
    }),
  );
  return { dataset: dataset.el, batch: batch.el, layers: layers.el };
}
