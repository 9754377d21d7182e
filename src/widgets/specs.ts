/**
 * The settings of every widget kind: attribute names, types, ranges, defaults.
 * The elements parse their attributes with these, the embed pages parse URL
 * parameters with them, and the attribute reference is generated from them.
 */
import { baseOptimizerIds, optimizers } from '../optimizers';
import { schedules } from '../optimizers/schedules';
import { surfaces } from '../train/surfaces';
import type { NumberField, Run, Schema } from './schema';

const optimizerIds = Object.keys(optimizers);

/** Every hyperparameter any optimizer has, as a field (first definition wins; ranges are shared). */
export const hyperFields: Record<string, NumberField> = {};
for (const opt of Object.values(optimizers)) {
  for (const [name, spec] of Object.entries(opt.hyper)) {
    hyperFields[name] ??= {
      type: 'number', label: `${spec.label} ${spec.symbol}`, doc: `${spec.label} (${spec.symbol}); default: the optimizer's own`,
      min: spec.log ? spec.min : Math.min(0, spec.min), max: spec.max, log: spec.log, default: NaN,
    };
  }
}

const seed: NumberField = { type: 'number', label: 'seed', doc: 'random seed: the same seed gives the same data, weights and batches', min: 0, max: 2 ** 31 - 1, integer: true, default: 1 };

export const surfaceSchema = {
  fn: { type: 'choice', label: 'function', doc: 'the 2-D function', options: Object.keys(surfaces), default: 'quadratic' },
  optimizers: {
    type: 'runs', label: 'optimizers', doc: 'comma list of optimizers, each optionally with hyperparameters: sgd(lr=0.05),adam(lr=0.1)',
    options: optimizerIds, length: [1, 6], default: [
      { optimizer: 'sgd', hyper: { lr: 0.1 } },
      { optimizer: 'momentum', hyper: { lr: 0.05, momentum: 0.9 } },
      { optimizer: 'adam', hyper: { lr: 0.1 } },
    ] as Run[],
  },
  start: { type: 'numbers', label: 'start', doc: 'start point x,y (default: the function’s own)', min: -1e3, max: 1e3, length: [2, 2], default: [] as number[] },
  kappa: { type: 'number', label: 'condition number κ', doc: 'condition number of the quadratic', min: 1, max: 1000, log: true, default: 10 },
  steps: { type: 'number', label: 'steps', doc: 'how many steps a run takes', min: 1, max: 5000, integer: true, log: true, default: 300 },
  speed: { type: 'number', label: 'steps per frame', doc: 'animation speed', min: 1, max: 50, integer: true, default: 2 },
} satisfies Schema;

/** Every schedule parameter, as a field; NaN means "the schedule's own default". */
export const scheduleParamFields: Record<string, NumberField> = {};
for (const sched of Object.values(schedules)) {
  for (const [name, spec] of Object.entries(sched.params)) {
    scheduleParamFields[name] ??= {
      type: 'number', label: spec.label, doc: `${spec.label} (schedules that have it)`,
      min: spec.min, max: spec.max, log: spec.log, integer: spec.integer, default: NaN,
    };
  }
}

export const scheduleSchema = {
  schedule: { type: 'choice', label: 'schedule', doc: 'the learning-rate schedule', options: Object.keys(schedules), default: 'cosine' },
  lr: { ...hyperFields.lr, default: 0.1, doc: 'base learning rate η' },
  steps: { type: 'number', label: 'steps shown', doc: 'how many steps to plot', min: 10, max: 100_000, integer: true, log: true, default: 1000 },
  ...scheduleParamFields,
} satisfies Schema;

export const inspectorSchema = {
  optimizer: { type: 'choice', label: 'optimizer', doc: 'the optimizer to step', options: optimizerIds, default: 'adam' },
  ...hyperFields,
} satisfies Schema;

export { baseOptimizerIds, seed };
