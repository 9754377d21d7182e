/**
 * Figures in the prose that come from running a widget: each is written in the MDX as
 *
 *   <RunFigure widget="adagrad-sparse" step={800} of="rare" with="optimizer=sgd; lr=1">12 %</RunFigure>
 *
 * and re-run here from the widget's own attributes, read with the widget's schema and turned
 * into trainer configs by the same `trainerConfig` the page uses, so neither the text nor the
 * widget nor the engine can change without the test noticing.
 */
import { sparseWeights } from '../../../src/train/datasets';
import { lossReadings, smithBounds, type SweepPoint } from '../../../src/train/range-test';
import { sweepPoints } from '../../../src/widgets/sweep-view';
import { weightRecovery } from '../../../src/train/model-snapshot';
import { createTrainer, type Trainer, type TrainerConfig } from '../../../src/train/trainer';
import { StepInspector, type StepRecord } from '../../../src/train/inspect';
import { meanRate, SurfaceRace, type Walker } from '../../../src/train/surface-race';
import { surfaces } from '../../../src/train/surfaces';
import { ready } from '../../../src/train/tf';
import { optimizers } from '../../../src/optimizers';
import { parseSettings, type Run, type Schema } from '../../../src/widgets/schema';
import { chosen, inspectorSchema, raceSchema, surfaceSchema, trainerSchema } from '../../../src/widgets/specs';
import { trainerConfig, trainerRun } from '../../../src/widgets/training';

export interface RunFigure {
  chapter: string;
  widget: string;
  step: number;
  of: string;
  run: number;
  coord: number; // an inspector's parameter, θ₁ or θ₂, counted from 1
  threshold: number; // for of="below": the loss (a surface: above its minimum) to get under; for reachesY, the y to reach
  with: string;
  written: string;
}

/** `a="x" b={1}` → { a: 'x', b: '1' }. */
export const attributes = (text: string): Record<string, string> =>
  Object.fromEntries([...text.matchAll(/(\w+)=(?:"([^"]*)"|\{([^}]*)\})/g)].map(([, k, s, e]) => [k, s ?? e.replace(/^['"]|['"]$/g, '')]));

/** Every <RunFigure> in a chapter's MDX. */
export function runFigures(chapter: string, mdx: string): RunFigure[] {
  return [...mdx.matchAll(/<RunFigure\b([^>]*)>([^<]*)<\/RunFigure>/g)].map(([, attrs, written]) => {
    const a = attributes(attrs);
    return { chapter, widget: a.widget, step: Number(a.step), of: a.of, run: Number(a.run ?? 0), coord: Number(a.coord ?? 1), threshold: Number(a.threshold ?? NaN), with: a.with ?? '', written: written.trim() };
  });
}

/** The attributes of the widget with id `id` in the MDX, or undefined. */
export function widgetAttributes(mdx: string, id: string): Record<string, string> | undefined {
  return [...mdx.matchAll(/<Widget\b([^>]*?)\/>/g)].map((m) => attributes(m[1])).find((a) => a.id === id);
}

/** "lr=0.1; optimizer=sgd" → { lr: '0.1', optimizer: 'sgd' }: semicolons, since a race's runs have commas. */
export const overrides = (text: string): Record<string, string> =>
  Object.fromEntries(
    text.split(';').filter((kv) => kv.trim()).map((kv) => {
      const at = kv.indexOf('=');
      return [kv.slice(0, at).trim(), kv.slice(at + 1).trim()];
    }),
  );

/** The trainer configs a trainer or race widget builds from these attributes (one per run). */
export function widgetConfigs(attrs: Record<string, string>, changes = ''): TrainerConfig[] {
  const given = { ...attrs, ...overrides(changes) };
  const kind = given.kind;
  if (kind !== 'trainer' && kind !== 'race') throw new Error(`a run figure needs a trainer, a race, a surface or an inspector, not a ${kind}`);
  const schema: Schema = kind === 'trainer' ? trainerSchema : raceSchema;
  const { values, notes } = parseSettings(schema, (k) => given[k] ?? null);
  if (notes.length) throw new Error(`widget settings: ${notes.join('; ')}`);
  const v = values as Record<string, any>;
  const runs: Run[] = kind === 'trainer' ? [trainerRun(v as { optimizer: string })] : v.optimizers;
  return runs.map((r) => trainerConfig(v as any, r.optimizer, r.hyper));
}

/** What a figure can measure on a trainer. */
export const measures: Record<string, (t: Trainer) => number> = {
  train: (t) => t.losses().train,
  test: (t) => t.losses().test ?? NaN,
  accuracy: (t) => t.losses().testAccuracy ?? NaN,
  lr: (t) => t.currentLr(),
  // The sparse set: how far the rarest and the commonest third of the features' weights have come (as its model view says).
  rare: (t) => recovery(t, 'rare'),
  common: (t) => recovery(t, 'common'),
};

/**
 * What a figure can read off a range-test sweep (the trainer on linearSweep or
 * exponentialSweep): the readings the widget's status line gives, from the points
 * the widget records, one per step.
 */
export const sweepMeasures: Record<string, (points: SweepPoint[]) => number> = {
  steep: (p) => lossReadings(p)?.steep ?? NaN,
  lowest: (p) => lossReadings(p)?.lowest ?? NaN,
  minimum: (p) => lossReadings(p)?.minimum ?? NaN,
  smithLower: (p) => smithBounds(p)?.lower ?? NaN,
  smithUpper: (p) => smithBounds(p)?.upper ?? NaN,
};

function recovery(t: Trainer, which: 'rare' | 'common'): number {
  if (t.config.dataset !== 'sparse' || t.config.hidden?.length) return NaN;
  const { w } = sparseWeights(t.config.seed);
  const third = Math.round(w.length / 3);
  return which === 'rare' ? weightRecovery(t.parameters(), w, w.length - third, w.length) : weightRecovery(t.parameters(), w, 0, third);
}

/**
 * A figure as written, with the unit of its last digit: "0.0062" → 0.0062 ± 0.0001,
 * "41 %" → 0.41 ± 0.01, "1,234" → 1234 ± 1, "−1.34" → −1.34 ± 0.01 (a minus sign or a hyphen),
 * "7.6 × 10⁻⁵" → 7.6e-5 ± 1e-6.
 */
export function readWritten(text: string): { value: number; unit: number } {
  const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const power = text.match(/^(.*?)\s*×\s*10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  if (power) {
    const exponent = Number(power[2].replace('⁻', '-').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (d) => String(superscripts.indexOf(d))));
    const mantissa = readWritten(power[1]);
    return { value: mantissa.value * 10 ** exponent, unit: mantissa.unit * 10 ** exponent };
  }
  const percent = /\s*%$/.test(text);
  const digits = text.replace(/\s*%$/, '').replace(/,/g, '').replace(/^−/, '-');
  const value = Number(digits);
  if (!/^-?\d+(\.\d+)?$/.test(digits) || !Number.isFinite(value)) return { value: NaN, unit: NaN };
  const decimals = digits.split('.')[1]?.length ?? 0;
  const scale = percent ? 0.01 : 1;
  return { value: value * scale, unit: 10 ** -decimals * scale };
}

/** What a figure can read off a surface widget's walker after `step` steps (as its data table shows). */
export const surfaceMeasures: Record<string, (w: Walker, step: number, floor: number, threshold: number) => number> = {
  loss: (w, step) => w.losses[step] ?? NaN,
  x: (w, step) => w.path[step]?.[0] ?? NaN,
  y: (w, step) => w.path[step]?.[1] ?? NaN,
  // The data table's "rate per step": the mean factor by which the loss gap shrank.
  rate: (w, step, floor) => (step < w.losses.length ? meanRate(w.losses.slice(0, step + 1), floor) : NaN),
  // The step at which the walker left the finite numbers (or flew off): NaN if it has not by `step`.
  diverged: (w, step) => (w.diverged && w.path.length - 1 <= step ? w.path.length - 1 : NaN),
  // The first step at which the loss above the minimum is under `threshold` (NaN if not by `step`).
  below: (w, step, floor, threshold) => firstStep(w.losses, step, (loss) => loss - floor < threshold),
  // The first step at which the walker's y has reached `threshold` (NaN if not by `step`): leaving a ridge.
  reachesY: (w, step, _floor, threshold) => firstStep(w.path.map(([, y]) => y), step, (y) => y >= threshold),
};

/** The first index up to `step` whose value passes the test, or NaN. */
function firstStep(values: number[], step: number, passes: (v: number) => boolean): number {
  const i = values.slice(0, step + 1).findIndex(passes);
  return i < 0 ? NaN : i;
}

/**
 * What a figure can read off the step inspector after `step` steps, for one parameter
 * (`coord`, 1 or 2), as its table shows it: the step's size |Δθ| and effective rate |Δθ/g|,
 * θ itself, the gradient's size |g|, the loss, a state entry by name (m, v, s, …), and with `compare`
 * the ratio of the compared rule's step to the inspected one's.
 */
export const inspectorMeasures: Record<string, (r: StepRecord, i: number) => number> = {
  delta: (r, i) => Math.abs(r.next[i] - r.theta[i]),
  rate: (r, i) => Math.abs((r.next[i] - r.theta[i]) / r.g[i]),
  theta: (r, i) => r.next[i],
  gradient: (r, i) => Math.abs(r.g[i]),
  loss: (r) => r.loss,
  ratio: (r, i) => (r.compared ? r.compared[i] / (r.next[i] - r.theta[i]) : NaN),
};

/** The surface widget's race, built from its attributes as the widget builds it. */
function surfaceRace(attrs: Record<string, string>, changes: string): { race: SurfaceRace; floor: number } {
  const given = { ...attrs, ...overrides(changes) };
  const { values, notes } = parseSettings(surfaceSchema, (k) => given[k] ?? null);
  if (notes.length) throw new Error(`widget settings: ${notes.join('; ')}`);
  const fn = surfaces[values.fn];
  const start: [number, number] = values.start.length === 2 ? [values.start[0], values.start[1]] : fn.start;
  const floor = Math.min(...fn.minima.map(([x, y]) => fn.f(x, y, values.kappa)));
  return { race: new SurfaceRace(fn, values.optimizers, start, values.kappa), floor };
}

/** The step inspector, built from its attributes as the widget builds it. */
function stepInspector(attrs: Record<string, string>, changes: string): StepInspector {
  const given = { ...attrs, ...overrides(changes) };
  const { values, notes } = parseSettings(inspectorSchema, (k) => given[k] ?? null);
  if (notes.length) throw new Error(`widget settings: ${notes.join('; ')}`);
  const hyper = chosen(values, Object.keys(optimizers[values.optimizer].defaults));
  return new StepInspector(values.optimizer, hyper, values.compare === 'none' ? undefined : values.compare);
}

/** Figures of one surface or inspector widget: cheap, two numbers per step. */
function computePoint(kind: string, figures: RunFigure[], indices: number[], attrs: Record<string, string>, out: number[]): void {
  const first = figures[indices[0]];
  const last = Math.max(...indices.map((i) => figures[i].step));
  if (kind === 'surface') {
    const { race, floor } = surfaceRace(attrs, first.with);
    try {
      while (race.step < last && race.active) race.advance();
      for (const i of indices) {
        const f = figures[i];
        const walker = race.walkers[f.run];
        if (!walker) throw new Error(`${f.chapter}: surface "${f.widget}" has no run ${f.run}`);
        const measure = surfaceMeasures[f.of];
        if (!measure) throw new Error(`unknown surface measure "${f.of}" (expected: ${Object.keys(surfaceMeasures).join(', ')})`);
        out[i] = measure(walker, f.step, floor, f.threshold);
      }
    } finally {
      race.dispose();
    }
    return;
  }
  const inspector = stepInspector(attrs, first.with);
  try {
    const records: StepRecord[] = [];
    while (records.length < last) records.push(inspector.step());
    for (const i of indices) {
      const f = figures[i];
      const record = records[f.step - 1];
      if (!record) throw new Error(`${f.chapter}: an inspector figure needs a step ≥ 1`);
      const at = f.coord - 1;
      const measure = inspectorMeasures[f.of];
      out[i] = measure ? measure(record, at) : (record.after[f.of]?.[at] ?? NaN);
    }
  } finally {
    inspector.dispose();
  }
}

/**
 * Runs each distinct setup once, up to the last step any of its figures asks for,
 * and measures every figure at its step: the numbers as computed, in `figures`' order.
 */
export async function compute(figures: RunFigure[], mdxOf: (chapter: string) => string): Promise<number[]> {
  await ready();
  const out: number[] = new Array(figures.length);
  const groups = new Map<string, number[]>();
  // A surface steps all its walkers at once: one group for all of them.
  const kindOf = (f: RunFigure) => widgetAttributes(mdxOf(f.chapter), f.widget)?.kind;
  figures.forEach((f, i) => {
    const key = JSON.stringify([f.chapter, f.widget, f.with, kindOf(f) === 'surface' ? 0 : f.run]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const indices of groups.values()) {
    const first = figures[indices[0]];
    const attrs = widgetAttributes(mdxOf(first.chapter), first.widget);
    if (!attrs) throw new Error(`${first.chapter}: no widget with id "${first.widget}"`);
    if (attrs.kind === 'surface' || attrs.kind === 'inspector') {
      computePoint(attrs.kind, figures, indices, attrs, out);
      continue;
    }
    const configs = widgetConfigs(attrs, first.with);
    if (!configs[first.run]) throw new Error(`${first.chapter}: widget "${first.widget}" has no run ${first.run}`);
    const config = configs[first.run];
    const trainer = await createTrainer(config);
    // A sweep's readings need every step's point, as the widget records them.
    const rows: { step: number; train: number; accuracy: number | null }[] = [];
    const record = () => {
      const l = trainer.losses();
      rows.push({ step: trainer.step, train: l.train, accuracy: l.testAccuracy });
    };
    const sweep = indices.some((i) => figures[i].of in sweepMeasures);
    if (sweep && !config.schedule) throw new Error(`${first.chapter}: "${first.widget}" is not on a range-test sweep`);
    try {
      for (const i of [...indices].sort((a, b) => figures[a].step - figures[b].step)) {
        const f = figures[i];
        if (f.of === 'below') {
          // The first step after which the training loss is under the threshold, trying up to f.step.
          out[i] = NaN;
          while (trainer.step < f.step && !trainer.diverged) {
            trainer.train(1);
            if (trainer.losses().train < f.threshold) {
              out[i] = trainer.step;
              break;
            }
          }
          continue;
        }
        if (sweep) while (trainer.step < f.step && !trainer.diverged) (trainer.train(1), record());
        else trainer.train(f.step - trainer.step);
        if (f.of in sweepMeasures) {
          out[i] = sweepMeasures[f.of](sweepPoints(rows, config.schedule!.id, config.schedule!.params ?? {}));
          continue;
        }
        const measure = measures[f.of];
        if (!measure) throw new Error(`unknown measure "${f.of}" (expected: ${[...Object.keys(measures), ...Object.keys(sweepMeasures)].join(', ')})`);
        out[i] = measure(trainer);
      }
    } finally {
      trainer.dispose();
    }
  }
  return out;
}
