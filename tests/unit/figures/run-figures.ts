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
import { parseSettings, type Run, type Schema } from '../../../src/widgets/schema';
import { raceSchema, trainerSchema } from '../../../src/widgets/specs';
import { trainerConfig, trainerRun } from '../../../src/widgets/training';

export interface RunFigure {
  chapter: string;
  widget: string;
  step: number;
  of: string;
  run: number;
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
    return { chapter, widget: a.widget, step: Number(a.step), of: a.of, run: Number(a.run ?? 0), with: a.with ?? '', written: written.trim() };
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
  if (kind !== 'trainer' && kind !== 'race') throw new Error(`a run figure needs a trainer or a race, not a ${kind}`);
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
 * "41 %" → 0.41 ± 0.01, "1,234" → 1234 ± 1.
 */
export function readWritten(text: string): { value: number; unit: number } {
  const percent = /\s*%$/.test(text);
  const digits = text.replace(/\s*%$/, '').replace(/,/g, '');
  const value = Number(digits);
  if (!/^-?\d+(\.\d+)?$/.test(digits) || !Number.isFinite(value)) return { value: NaN, unit: NaN };
  const decimals = digits.split('.')[1]?.length ?? 0;
  const scale = percent ? 0.01 : 1;
  return { value: value * scale, unit: 10 ** -decimals * scale };
}

/**
 * Runs each distinct setup once, up to the last step any of its figures asks for,
 * and measures every figure at its step: the numbers as computed, in `figures`' order.
 */
export async function compute(figures: RunFigure[], mdxOf: (chapter: string) => string): Promise<number[]> {
  const out: number[] = new Array(figures.length);
  const groups = new Map<string, number[]>();
  figures.forEach((f, i) => {
    const key = JSON.stringify([f.chapter, f.widget, f.with, f.run]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const indices of groups.values()) {
    const first = figures[indices[0]];
    const attrs = widgetAttributes(mdxOf(first.chapter), first.widget);
    if (!attrs) throw new Error(`${first.chapter}: no widget with id "${first.widget}"`);
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
