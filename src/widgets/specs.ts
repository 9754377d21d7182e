/**
 * The settings of every widget kind: attribute names, types, ranges, defaults.
 * The elements parse their attributes with these, the embed pages parse URL
 * parameters with them, and the attribute reference is generated from them.
 */
import { baseOptimizerIds, frontierIds, optimizers, takesAnyShape } from '../optimizers';
import { schedules, type ScheduleParamSpec } from '../optimizers/schedules';
import { wrapSpecs } from '../optimizers/wrappers';
import type { HyperSpec } from '../optimizers/types';
import { datasets, type DatasetId } from '../train/datasets';
import { activations, MAX_UNITS } from '../train/mlp';
import { surfaces } from '../train/surfaces';
import type { NumberField, Run, Schema } from './schema';

const optimizerIds = Object.keys(optimizers);
/** A surface walker is a point (x, y): every rule but those that take weight matrices only (Muon). */
const pointOptimizerIds = optimizerIds.filter(takesAnyShape);
/** The inspector traces each formula line of the classic rules, per coordinate. */
const inspectorOptimizerIds = optimizerIds.filter((id) => !frontierIds.includes(id));
/** What a select shows for each id of a registry: its name. */
const namesOf = (registry: Record<string, { name: string }>) => Object.fromEntries(Object.entries(registry).map(([id, x]) => [id, x.name]));

/** A hyperparameter as a field; NaN means "the optimizer's own default" (for a wrapper: off). */
const hyperField = (spec: HyperSpec, doc: string): NumberField => ({
  type: 'number', label: `${spec.label} ${spec.symbol}`,
  doc: `${spec.label} (${spec.symbol}${spec.integer && spec.min === 0 && spec.max === 1 ? ': 0 off, 1 on' : ''}); ${doc}`,
  min: spec.log ? spec.min : Math.min(0, spec.min), max: spec.max, log: spec.log, integer: spec.integer, default: NaN,
});

/** Every hyperparameter any optimizer has, as a field. */
export const hyperFields: Record<string, NumberField> = {};
for (const opt of Object.values(optimizers)) {
  for (const [name, spec] of Object.entries(opt.hyper)) hyperFields[name] ??= hyperField(spec, "default: the optimizer's own");
}

/**
 * The wrappers around the trainer's optimizer (wrappers.ts): sam="0.05",
 * lookahead="5", lookaheadAlpha="0.5". Races and surfaces give them per run:
 * sgd(lr=0.1,sam=0.05).
 */
export const wrapFields = {
  sam: hyperField(wrapSpecs.sam, 'Sharpness-Aware Minimization: the gradient is taken at θ + ρ·g/‖g‖; default 0, off'),
  lookahead: hyperField(wrapSpecs.lookahead, 'Lookahead: every k steps the weights move back to φ + α(θ − φ); default 0, off'),
  lookaheadAlpha: hyperField(wrapSpecs.lookaheadAlpha, 'Lookahead’s slow step α; default 0.5'),
} satisfies Schema;

/** A schedule's parameter as a field (its control's range and scale); NaN means "the schedule's own default". */
export const scheduleParamField = (spec: ScheduleParamSpec): NumberField => ({
  type: 'number', label: spec.label, doc: `${spec.label} (schedules that have it)`,
  min: spec.min, max: spec.max, log: spec.log, integer: spec.integer, default: NaN,
});

/** Every schedule parameter, as a field: where schedules share a name, the first one's range. */
export const scheduleParamFields: Record<string, NumberField> = {};
for (const sched of Object.values(schedules)) {
  for (const [name, spec] of Object.entries(sched.params)) scheduleParamFields[name] ??= scheduleParamField(spec);
}

/** The network and batch size the settings ask for: where the reader named none, the dataset's own. */
export function networkOf(s: { dataset: string; layers: number[]; batch: number }): { hidden: number[]; batch: number } {
  const info = datasets[s.dataset as DatasetId];
  return { hidden: s.layers.length ? s.layers : [...info.network], batch: Number.isFinite(s.batch) ? s.batch : info.batch };
}

/** The finite values among `names` in parsed settings: what the reader set, as opposed to defaults. */
export function chosen(settings: Record<string, unknown>, names: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) {
    const v = settings[name];
    if (typeof v === 'number' && Number.isFinite(v)) out[name] = v;
  }
  return out;
}

/**
 * The instructor presets every widget has: `hide` and `lock` name settings whose
 * controls are hidden, or shown but disabled (e.g. lock="optimizer,dataset" so
 * that a student can tune only the learning rate). Their options, the schema's
 * own names, are filled in once the schemas exist (see the end of this file).
 */
function presetFields() {
  const list = (label: string, doc: string) =>
    ({ type: 'names', label, doc, options: [] as string[], length: [0, 100] as [number, number], default: [] as string[] }) as const;
  return {
    hide: list('hidden controls', 'comma list of settings whose controls are hidden'),
    lock: list('locked controls', 'comma list of settings whose controls are shown but cannot be changed'),
  };
}

/** The step a run is restored to when the widget opens (a permalink to a paused run). */
const step: NumberField = {
  type: 'number', label: 'start at step', doc: 'replay the run to this step on opening (permalinks to a paused run)',
  min: 0, max: 100_000, integer: true, default: 0,
};

const seed: NumberField = {
  type: 'number', label: 'seed', doc: 'random seed: the same seed gives the same data, weights and batches',
  min: 0, max: 2 ** 31 - 1, integer: true, box: true, default: 1,
};

/** Repeats of every run over seeds s, s+1, …: curves show the mean with the min–max band (seeds.ts). */
const seeds: NumberField = {
  type: 'number', label: 'seeds', doc: 'how many seeds each run is repeated over (seed, seed+1, …): curves show the mean and the min–max band, the status the mean ± half that range',
  min: 1, max: 10, integer: true, default: 1,
};

/** What a network, its data and its training are, apart from the optimizer: shared by the trainer and the race. */
export const networkFields = {
  dataset: { type: 'choice', label: 'dataset', doc: 'the data to fit', options: Object.keys(datasets), names: namesOf(datasets), default: 'circles' },
  noise: { type: 'number', label: 'noise', doc: 'noise as a fraction of the data’s spread (the 2-D sets and sine)', min: 0, max: 0.5, default: 0.1 },
  // Not `hidden`, HTML's global attribute, which hides the element until its script runs (and for good if it never does).
  // Empty: the dataset's own network (8,8 on the 2-D sets, 32 on the digits, none on the sparse set).
  layers: {
    type: 'numbers', label: 'hidden layers', doc: `units per hidden layer, 1–4 layers of 1–${MAX_UNITS} units, e.g. 8,8; empty: the dataset’s own`, alias: 'hidden',
    min: 1, max: MAX_UNITS, integer: true, length: [0, 4], default: [] as number[],
  },
  activation: { type: 'choice', label: 'activation', doc: 'hidden-layer activation', options: activations, default: 'tanh' },
  // NaN: the dataset's own (10 on the 2-D sets, 32 on the digits).
  batch: {
    type: 'number', label: 'batch size', doc: 'points per step: 1 is stochastic, the whole training set (100 points on the 2-D sets) is full batch; default: the dataset’s own',
    min: 1, max: 1000, integer: true, log: true, default: NaN,
  },
  schedule: { type: 'choice', label: 'schedule', doc: 'learning-rate schedule; its parameters are attributes too', options: Object.keys(schedules), names: namesOf(schedules), default: 'constant' },
  ...scheduleParamFields,
  clip: { type: 'choice', label: 'gradient clipping', doc: 'none, each component (value) or the global norm (norm)', options: ['none', 'value', 'norm'], names: { value: 'by value', norm: 'by global norm' }, default: 'none' },
  threshold: { type: 'number', label: 'clip threshold', doc: 'the clipping threshold', min: 1e-3, max: 100, log: true, default: 1 },
  l2: { type: 'number', label: 'L2 penalty λ', doc: 'coupled L2 penalty: λθ is added to the gradient', min: 0, max: 0.1, default: 0 },
  seed,
} satisfies Schema;

export const trainerSchema = {
  optimizer: { type: 'choice', label: 'optimizer', doc: 'optimizer id', options: optimizerIds, names: namesOf(optimizers), default: 'adam' },
  ...hyperFields,
  ...wrapFields,
  ...networkFields,
  seeds,
  step,
  diagnostics: {
    type: 'choice', label: 'diagnostics',
    doc: 'on: a panel under the trainer with the sharpness λ_max against the stability limit (2/η for SGD), per-tensor gradient norms and update ratios, and the effective per-coordinate steps',
    options: ['off', 'on'], default: 'off',
  },
  ...presetFields(),
} satisfies Schema;

export const raceSchema = {
  optimizers: {
    type: 'runs', label: 'optimizers', doc: 'comma list of optimizers, each optionally with hyperparameters and wrappers (sam=ρ, lookahead=k, lookaheadAlpha=α): sgd(lr=0.1),adam(lr=0.01),sgd(lr=0.1,sam=0.05)',
    options: optimizerIds, length: [1, 8], default: [
      { optimizer: 'sgd', hyper: { lr: 0.1 } },
      { optimizer: 'momentum', hyper: { lr: 0.05, momentum: 0.9 } },
      { optimizer: 'rmsprop', hyper: { lr: 0.01 } },
      { optimizer: 'adam', hyper: { lr: 0.01 } },
    ] as Run[],
  },
  ...networkFields,
  seeds,
  steps: { type: 'number', label: 'steps', doc: 'how many steps the race lasts', min: 10, max: 100_000, integer: true, log: true, default: 1000 },
  step,
  ...presetFields(),
} satisfies Schema;

/** The condition number of the surfaces shaped by one (the quadratic and the rotated quadratic). */
const kappa: NumberField = { type: 'number', label: 'condition number κ', doc: 'condition number of the quadratic and the rotated quadratic', min: 1, max: 1000, log: true, default: 10 };

/** The Lab's playground: the reader's optimizer (its code in the editor, or a link's fragment) against these built-ins, on a network or a 2-D surface. */
export const playgroundSchema = {
  starter: {
    type: 'choice', label: 'starter', doc: 'the code the editor starts with (a link’s code or the reader’s own replaces it)',
    options: ['sgd', 'momentum', 'adam', 'sign'], names: { sgd: 'SGD', momentum: 'Momentum', adam: 'Adam', sign: 'Sign descent' }, default: 'sgd',
  },
  optimizers: {
    type: 'runs', label: 'opponents', doc: 'the built-in optimizers it races, each optionally with hyperparameters: sgd(lr=0.1),adam(lr=0.01)',
    options: baseOptimizerIds, length: [0, 6], default: [
      { optimizer: 'sgd', hyper: { lr: 0.1 } },
      { optimizer: 'adam', hyper: { lr: 0.01 } },
    ] as Run[],
  },
  ...networkFields,
  surface: {
    type: 'choice', label: 'race on', doc: 'a 2-D loss surface to race on instead of a network (then the walkers start at its own start point); none: a network on the dataset',
    options: ['none', ...Object.keys(surfaces)], names: { none: 'a network (dataset below)', ...namesOf(surfaces) }, default: 'none',
  },
  kappa,
  seeds,
  steps: { type: 'number', label: 'steps', doc: 'how many steps the race lasts', min: 10, max: 100_000, integer: true, log: true, default: 1000 },
  ...presetFields(),
} satisfies Schema;

export const surfaceSchema = {
  fn: { type: 'choice', label: 'function', doc: 'the 2-D function', options: Object.keys(surfaces), names: namesOf(surfaces), default: 'quadratic' },
  optimizers: {
    type: 'runs', label: 'optimizers', doc: 'comma list of optimizers, each optionally with hyperparameters and wrappers (sam=ρ, lookahead=k, lookaheadAlpha=α): sgd(lr=0.05),adam(lr=0.1),sgd(lr=0.05,lookahead=5)',
    options: pointOptimizerIds, length: [1, 6], default: [
      { optimizer: 'sgd', hyper: { lr: 0.1 } },
      { optimizer: 'momentum', hyper: { lr: 0.05, momentum: 0.9 } },
      { optimizer: 'adam', hyper: { lr: 0.1 } },
    ] as Run[],
  },
  start: { type: 'numbers', label: 'start', doc: 'start point x,y (default: the function’s own)', min: -1e3, max: 1e3, length: [2, 2], default: [] as number[] },
  kappa,
  steps: { type: 'number', label: 'steps', doc: 'how many steps a run takes', min: 1, max: 5000, integer: true, log: true, default: 300 },
  speed: { type: 'number', label: 'steps per frame', doc: 'animation speed', min: 1, max: 50, integer: true, default: 2 },
  step: { ...step, max: 5000 },
  autoplay: {
    type: 'choice', label: 'autoplay', doc: 'on: plays when it comes into view (not for readers who ask for reduced motion, nor when opening at a step)',
    options: ['off', 'on'], default: 'off',
  },
  ...presetFields(),
} satisfies Schema;

export const scheduleSchema = {
  schedule: { type: 'choice', label: 'schedule', doc: 'the learning-rate schedule', options: Object.keys(schedules), names: namesOf(schedules), default: 'cosine' },
  lr: { ...hyperFields.lr, label: 'base learning rate η', default: 0.1, doc: 'base learning rate η' },
  steps: { type: 'number', label: 'steps shown', doc: 'how many steps to plot', min: 10, max: 100_000, integer: true, log: true, default: 1000 },
  ...scheduleParamFields,
  ...presetFields(),
} satisfies Schema;

export const inspectorSchema = {
  optimizer: { type: 'choice', label: 'optimizer', doc: 'the optimizer to step', options: inspectorOptimizerIds, names: namesOf(optimizers), default: 'adam' },
  compare: {
    type: 'choice', label: 'compare with', doc: 'a second rule fed the same gradients (with the hyperparameters it shares): the table adds its step and the ratio of the two steps, e.g. adam:nobias beside adam',
    options: ['none', ...inspectorOptimizerIds], names: { none: 'nothing', ...namesOf(optimizers) }, default: 'none',
  },
  ...hyperFields,
  step: { ...step, max: 1000 },
  ...presetFields(),
} satisfies Schema;

for (const schema of [trainerSchema, raceSchema, surfaceSchema, scheduleSchema, inspectorSchema, playgroundSchema]) {
  const names = Object.keys(schema).filter((n) => n !== 'hide' && n !== 'lock');
  schema.hide.options.push(...names);
  schema.lock.options.push(...names);
}

/** The learning-rate demo (gradient descent on θ²): its slider's starting point and range. */
export const lrDemoSchema = {
  lr: { type: 'number', label: 'learning rate η', doc: 'the learning rate the slider starts at', min: 0.01, max: 1.5, log: true, default: 0.1 },
} satisfies Schema;
