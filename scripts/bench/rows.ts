/**
 * The training-engine measurements, one function per row, written to run the
 * same way in Node and in a browser page (scripts/bench.mjs bundles this file
 * for both). To add a row, add an entry to `rows`; bench.mjs runs every entry in
 * both places.
 *
 * Reference task: circles, 200 points, no noise; 2-8-8-1 tanh MLP, mean binary
 * cross-entropy, full batch; sgd (η = 0.1) and adam (η = 0.01). "100 points"
 * trains on the train split (the widgets' default: half the points held out),
 * "200 points" on all of them.
 *
 * Digits task: the 8×8 handwritten digits (898 training points, 899 held out),
 * 64-32-10 tanh MLP, mean softmax cross-entropy, mini-batches of 32, adam
 * (η = 1e-3).
 */
import { add, profile, scalar, tidy } from '@tensorflow/tfjs-core';
import { ready } from '../../src/train/tf';
import { loadDataset, makeDataset } from '../../src/train/datasets';
import { Mlp } from '../../src/train/mlp';
import { createRandom, deriveSeed } from '../../src/train/random';
import { optimizers } from '../../src/optimizers';
import { Trainer, type TrainerConfig } from '../../src/train/trainer';
import { EngineHost } from '../../src/train/engine-host';
import { HandwrittenMlp, type Update } from './handwritten';
import { interleaved, measure, median } from './measure';
export { interleaved } from './measure';

export interface RowResult {
  value: number;
  unit: string;
  samples?: number[];
  note?: string;
}

type Points = 100 | 200;
const SEED = 1;
const lrOf = (update: Update) => (update === 'sgd' ? 0.1 : 0.01);

export function referenceConfig(optimizer: Update, points: Points): TrainerConfig & { hidden: readonly number[] } {
  return {
    dataset: 'circles', size: 200, testFraction: points === 100 ? 0.5 : 0, noise: 0,
    hidden: [8, 8], activation: 'tanh', optimizer, hyper: { lr: lrOf(optimizer) }, batchSize: points, seed: SEED,
  };
}

/** The digits task (sgd at the dataset's starting rate 0.1, adam at its default 1e-3). */
export function digitsConfig(optimizer: Update): TrainerConfig {
  return {
    dataset: 'digits', noise: 0, hidden: [32], activation: 'tanh', optimizer, hyper: { lr: optimizer === 'sgd' ? 0.1 : 1e-3 }, batchSize: 32, seed: SEED,
  };
}

/** Steps per second of the engine (Trainer.train) on the reference task. */
function engine(optimizer: Update, points: Points): Promise<RowResult> {
  return engineOn(referenceConfig(optimizer, points));
}

/**
 * Calls to Trainer.train of at least this long on the digits, as the page's
 * Worker makes them (WORKER_SLICE_MS in src/widgets/training.ts): each call
 * ends with a forward pass over the training set (the divergence check), which
 * on the digits costs as much as a few steps, so the harness's usual 10 ms
 * calls would mostly time that check.
 */
const DIGITS_CALL_MS = 40;

async function engineOn(config: TrainerConfig): Promise<RowResult> {
  await Promise.all([ready(), loadDataset(config.dataset)]);
  const trainer = new Trainer(config);
  try {
    const m = measure((k) => trainer.train(k), { callMs: config.dataset === 'digits' ? DIGITS_CALL_MS : undefined });
    if (trainer.diverged) throw new Error('bench: the reference run diverged, so its steps did nothing');
    return { value: m.perSecond, unit: 'steps/s', samples: m.samples, note: `train loss ${trainer.losses().train.toExponential(1)} after ${trainer.step} steps` };
  } finally {
    trainer.dispose();
  }
}

/**
 * The engine on the reference task as a plain stepper, with the task's data,
 * for comparisons timed outside `rows` (scripts/bench/playground.mjs).
 */
export async function referenceEngine(optimizer: Update, points: Points) {
  const config = referenceConfig(optimizer, points);
  await Promise.all([ready(), loadDataset(config.dataset)]);
  const trainer = new Trainer(config);
  return {
    x: trainer.data.xTrain, y: trainer.data.yTrain, hidden: [8, 8], lr: lrOf(optimizer),
    train: (k: number) => trainer.train(k),
    diverged: () => trainer.diverged,
    dispose: () => trainer.dispose(),
  };
}

/** Steps per second of the hand-written Float32Array network from the same data and initial weights. */
function limit(update: Update, points: Points): Promise<RowResult> {
  return limitOn(referenceConfig(update, points));
}

/** The hand-written network for `config` (a tanh network), from the engine's data and initial weights. */
export async function handwrittenFor(config: TrainerConfig): Promise<HandwrittenMlp> {
  await loadDataset(config.dataset);
  const data = makeDataset(config.dataset, { size: config.size, testFraction: config.testFraction, noise: config.noise, seed: config.seed });
  const classes = Math.max(2, data.classes);
  const mlp = new Mlp({ inputDim: data.inputDim, hidden: config.hidden ?? data.network, activation: 'tanh', task: data.task, classes });
  const theta = mlp.init(createRandom(deriveSeed(config.seed, 'init')));
  const update = config.optimizer as Update;
  return new HandwrittenMlp({
    units: [...mlp.units], theta, x: data.xTrain, y: data.yTrain, update, lr: config.hyper!.lr, batchSize: config.batchSize, seed: config.seed,
  });
}

async function limitOn(config: TrainerConfig): Promise<RowResult> {
  const net = await handwrittenFor(config);
  let steps = 0;
  const m = measure((k) => {
    for (let i = 0; i < k; i++) net.step();
    steps += k;
  });
  return { value: m.perSecond, unit: 'steps/s', samples: m.samples, note: `train loss ${net.loss().toExponential(1)} after ${steps} steps` };
}

/** Time per op of the cheapest op there is (adding two one-element tensors): TensorFlow.js's fixed cost per op. */
async function opOverhead(): Promise<RowResult> {
  await ready();
  const [a, b] = [scalar(1), scalar(2)];
  const m = measure((k) => tidy(() => {
    for (let i = 0; i < k; i++) add(a, b);
  }));
  a.dispose();
  b.dispose();
  return { value: 1e6 / m.perSecond, unit: 'µs/op', samples: m.samples.map((s) => 1e6 / s) };
}

/** TensorFlow.js kernels run per training step (counted with tf.profile over 10 steps). */
async function kernelsPerStep(optimizer: Update): Promise<RowResult> {
  await ready();
  const trainer = new Trainer(referenceConfig(optimizer, 100));
  try {
    // train() ends with a divergence check (one forward pass); the difference cancels it.
    // tf.profile reuses its result object, so each count is taken before the next profile.
    const kernelNames = async (steps: number) => (await profile(() => trainer.train(steps))).kernels.map((k) => k.name);
    const once = await kernelNames(1);
    const eleven = await kernelNames(11);
    const perStep = (eleven.length - once.length) / 10;
    const byName = new Map<string, number>();
    for (const name of eleven) byName.set(name, (byName.get(name) ?? 0) + 0.1);
    for (const name of once) byName.set(name, (byName.get(name) ?? 0) - 0.1);
    const top = [...byName].filter(([, n]) => n > 0.5).sort((p, q) => q[1] - p[1]).map(([name, n]) => `${name} ${Math.round(n)}`);
    return { value: perStep, unit: 'kernels', note: top.join(', ') };
  } finally {
    trainer.dispose();
  }
}

/** The base optimizers (no framework variants), in registry order. */
export const raceIds = Object.keys(optimizers).filter((id) => !id.includes(':'));
const RACE_ROUND = 20; // steps each runner takes per turn, as the race widget does per frame

/**
 * A race of every optimizer at once on the reference task (100 points, each at
 * its default hyperparameters, the widget's way: turns of RACE_ROUND steps),
 * timing each runner's turns: steps per second per optimizer, and for the race
 * as a whole (steps every runner has taken, per second of the race).
 */
let race: Promise<Record<string, RowResult>> | undefined;
function raceAll(): Promise<Record<string, RowResult>> {
  race ??= (async () => {
    await ready();
    const trainers = raceIds.map((id) => new Trainer({ ...referenceConfig('sgd', 100), optimizer: id, hyper: {} }));
    const spent = raceIds.map(() => 0);
    try {
      const m = measure((k) => {
        for (let round = 0; round < k; round++) {
          trainers.forEach((t, i) => {
            const t0 = performance.now();
            t.train(RACE_ROUND);
            spent[i] += performance.now() - t0;
          });
        }
      }, { warmupMs: 500 });
      const steps = trainers.map((t) => t.step);
      const result: Record<string, RowResult> = {
        all: { value: m.perSecond * RACE_ROUND, unit: 'steps/s', samples: m.samples.map((r) => r * RACE_ROUND), note: `${raceIds.length} optimizers in lock-step` },
      };
      raceIds.forEach((id, i) => (result[id] = { value: (1000 * steps[i]) / spent[i], unit: 'steps/s', note: trainers[i].diverged ? 'diverged' : undefined }));
      return result;
    } finally {
      trainers.forEach((t) => t.dispose());
    }
  })();
  return race;
}

/** The six optimizers of the digits race (the race widget's classic line-up). */
export const DIGITS_RACE = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'];
/** Worker slices compared for it (WORKER_SLICE_MS in src/widgets/training.ts picks one per number of runs). */
export const SLICES_MS = [40, 100, 160];
const SLICE_WINDOW_MS = 1500;
const ALTERNATIONS = 5;

/**
 * A race of six optimizers on the digits, driven through the engine's own
 * message handler (EngineHost, what the Worker runs) as the page drives it:
 * one `advance` request at a time, each training for one slice and then
 * reporting every run's losses. The slices take turns (ALTERNATIONS windows
 * each, interleaved, so a change in the machine's load hits them alike); per
 * slice: steps per second of each run, the median window. No frame waits
 * between requests here: on the page each request also waits for a frame.
 */
let sliceRace: Promise<Record<number, RowResult>> | undefined;
function raceDigitsSlices(): Promise<Record<number, RowResult>> {
  sliceRace ??= (async () => {
    await Promise.all([ready(), loadDataset('digits')]);
    const host = new EngineHost();
    const configs = DIGITS_RACE.map((optimizer) => ({ ...digitsConfig('adam'), optimizer, hyper: {} }));
    const samples: Record<number, number[]> = Object.fromEntries(SLICES_MS.map((ms) => [ms, []]));
    let session = 0;
    try {
      for (let round = 0; round < ALTERNATIONS; round++) {
        for (const budgetMs of SLICES_MS) {
          const id = ++session;
          await host.handle({ op: 'build', session: id, configs, end: Infinity });
          const warm = await host.handle({ op: 'advance', session: id, max: 1e6, budgetMs, models: [] }); // warm-up: the step budget learns the cost
          const start = warm.report!.step;
          let steps = 0;
          const t0 = performance.now();
          while (performance.now() - t0 < SLICE_WINDOW_MS) {
            const { report } = await host.handle({ op: 'advance', session: id, max: 1e6, budgetMs, models: [] });
            if (report!.runs.some((r) => r.diverged)) throw new Error('bench: a run of the digits race diverged');
            steps = report!.step - start;
          }
          samples[budgetMs].push((1000 * steps) / (performance.now() - t0));
          await host.handle({ op: 'dispose', session: id });
        }
      }
    } finally {
      for (let id = 1; id <= session; id++) await host.handle({ op: 'dispose', session: id });
    }
    return Object.fromEntries(SLICES_MS.map((ms) => [ms, {
      value: median(samples[ms]), unit: 'steps/s', samples: samples[ms], note: `per run; ${DIGITS_RACE.length} runs, slices of ${ms} ms, ${ALTERNATIONS} windows interleaved with the other slices`,
    }]));
  })();
  return sliceRace;
}

/**
 * engine / limit on the digits, timed interleaved (see `interleaved`): on a
 * shared machine the separate rows' ratio mixes two different loads.
 */
async function digitsRatioInterleaved(): Promise<RowResult> {
  const config = digitsConfig('adam');
  await Promise.all([ready(), loadDataset(config.dataset)]);
  const trainer = new Trainer(config);
  const net = await handwrittenFor(config);
  try {
    // The engine in calls of 40 ms, as for engine-digits-adam; the limit's steps are all alike.
    const engineSteps = (k: number) => trainer.train(k);
    const limitSteps = (k: number) => {
      for (let i = 0; i < k; i++) net.step();
    };
    const r = interleaved(engineSteps, limitSteps, { callMs: DIGITS_CALL_MS });
    if (trainer.diverged) throw new Error('bench: the digits run diverged');
    const range = `${(100 * Math.min(...r.ratios)).toFixed(1)}–${(100 * Math.max(...r.ratios)).toFixed(1)} %`;
    return { value: 100 * r.ratio, unit: '%', samples: r.ratios.map((x) => 100 * x), note: `range ${range}; engine ${Math.round(r.a)}, limit ${Math.round(r.b)} steps/s (medians)` };
  } finally {
    trainer.dispose();
  }
}

export const rows: Record<string, () => Promise<RowResult>> = {
  'engine-sgd-100': () => engine('sgd', 100),
  'engine-adam-100': () => engine('adam', 100),
  'limit-sgd-100': () => limit('sgd', 100),
  'limit-adam-100': () => limit('adam', 100),
  'engine-sgd-200': () => engine('sgd', 200),
  'engine-adam-200': () => engine('adam', 200),
  'limit-sgd-200': () => limit('sgd', 200),
  'limit-adam-200': () => limit('adam', 200),
  'engine-digits-adam': () => engineOn(digitsConfig('adam')),
  'limit-digits-adam': () => limitOn(digitsConfig('adam')),
  'ratio-digits-interleaved': () => digitsRatioInterleaved(),
  'kernels-sgd': () => kernelsPerStep('sgd'),
  'kernels-adam': () => kernelsPerStep('adam'),
  'op-overhead': () => opOverhead(),
  ...Object.fromEntries(SLICES_MS.map((ms) => [`digits-race-${ms}ms`, async () => (await raceDigitsSlices())[ms]])),
  'race-all': async () => (await raceAll()).all,
  ...Object.fromEntries(raceIds.map((id) => [`race-${id}`, async () => (await raceAll())[id]])),
};
