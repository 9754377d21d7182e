import { optimizers } from '../optimizers';
import { validateSchedule } from '../optimizers/schedules';
import { datasets, drawPoints, loadDataset, type DatasetId } from '../train/datasets';
import type { TrainerConfig } from '../train/trainer';
import runtime from './runtime.py?raw';

/**
 * Export a trainer's or race's setup as one PyTorch script (torch ≥ 1.13 and
 * numpy): the setup as a Python dict, the points of a generated 2-D set
 * inlined, then `runtime.py`, which ports Descent's random streams, split,
 * initialisation and batch order, so the script starts from the same weights
 * and sees the same batches. It prints `initial train loss …` and `final train
 * loss …` per run. The numbers agree with the widget's closely but not bit for
 * bit: PyTorch sums in another order (tests/unit/export/pytorch.test.ts
 * measures how close).
 */

/** One run of the setup: its legend label and its trainer config (data, network, seed, batch shared by all runs). */
export interface ExportRun {
  label: string;
  config: TrainerConfig;
}

/** Rules the script builds with torch.optim (Lion: a small inline class). */
export const exportedOptimizers = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adadelta', 'adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam', 'lion'];
const exportedSchedules = ['constant', 'stepDecay', 'exponential', 'inverseTime', 'cosine', 'oneCycle', 'triangular'];

/** Why these runs cannot be exported yet, or null when they can. */
export function notExportable(runs: ExportRun[]): string | null {
  for (const { config, label } of runs) {
    if (!exportedOptimizers.includes(config.optimizer)) return `${label}: the PyTorch export covers ${exportedOptimizers.join(', ')} so far.`;
    if (config.groups?.length) return `${label}: parameter groups are not exported yet.`;
    if (config.schedule && !exportedSchedules.includes(config.schedule.id)) return `${label}: the schedule ${config.schedule.id} is not exported yet.`;
  }
  const [first, ...rest] = runs.map(({ config: c }) => JSON.stringify([c.dataset, c.noise, c.size, c.testFraction, c.hidden, c.activation, c.batchSize, c.seed]));
  if (rest.some((r) => r !== first)) return 'the runs differ in their data or network; export them one by one.';
  return null;
}

/** A number as Python reads it back to the same double (and so the same float32). */
const py = (x: number): string => (Number.isFinite(x) ? String(x) : x > 0 ? 'math.inf' : x < 0 ? '-math.inf' : 'math.nan');

/** A JSON-like value as a Python literal. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return py(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${JSON.stringify(k)}: ${literal(x)}`).join(', ')}}`;
}

/** The script, as a string. Loads the digits first when the setup needs them. */
export async function pytorchScript(runs: ExportRun[], steps: number): Promise<string> {
  const reason = notExportable(runs);
  if (reason) throw new Error(`PyTorch export: ${reason}`);
  const c = runs[0].config;
  const info = datasets[c.dataset as DatasetId];
  await loadDataset(c.dataset);
  const size = c.size ?? info.size;
  const testFraction = c.testFraction ?? 0.5;
  const trainSize = Math.max(1, size - Math.round(size * testFraction));
  const setup = {
    dataset: c.dataset, size, testFraction, seed: c.seed, noise: c.noise, task: info.task, classes: info.classes,
    hidden: [...(c.hidden ?? info.network)], activation: c.activation,
    batch: Math.min(Math.max(1, Math.floor(c.batchSize)), trainSize), steps: Math.max(1, Math.floor(steps)),
    runs: runs.map(({ label, config }) => ({
      label, optimizer: config.optimizer, hyper: { ...optimizers[config.optimizer].defaults, ...config.hyper },
      schedule: config.schedule ? { id: config.schedule.id, params: validateSchedule(config.schedule.id, config.schedule.params) } : null,
      clip: config.clip ?? null, l2: config.l2 ?? 0, decayBiases: config.decayBiases !== false,
    })),
  };
  const lines = [
    '#!/usr/bin/env python3',
    `# Descent, exported to PyTorch: ${runs.map((r) => r.label).join(' vs ')} on ${info.name.toLowerCase()}, ${setup.steps} steps.`,
    '# Needs torch >= 1.13 and numpy (and scikit-learn for the digits, else the copy inlined below).',
    '# Same data, split, initial weights and batch order as the widget; the losses agree closely but not',
    '# bit for bit, because PyTorch adds up numbers in another order than TensorFlow.js.',
    'import math',
    '',
    `SETUP = ${literal(setup)}`,
  ];
  if (c.dataset === 'digits') lines.push(`DIGITS_RECORDS = ${JSON.stringify((await import('../train/data/digits-data')).default)}`);
  else if (c.dataset !== 'sparse') {
    const { x, y } = drawPoints(c.dataset, size, c.noise, c.seed);
    const d = info.inputDim;
    lines.push(`POINTS = (${literal(y.map((_, i) => x.slice(i * d, (i + 1) * d)))}, ${literal(y)})`);
  }
  return `${lines.join('\n')}\n\n${runtime}`;
}
