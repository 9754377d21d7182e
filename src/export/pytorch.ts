import { optimizers } from '../optimizers';
import { schedules, validateSchedule } from '../optimizers/schedules';
import { validateHyper } from '../optimizers/validate';
import { activeWrap } from '../optimizers/wrappers';
import { YOURS, YOURS_NAME } from '../lab/reader-code';
import { datasets, drawPoints, loadDataset, type DatasetId } from '../train/datasets';
import { MATRIX_COMPANION, resolveGroups } from '../train/groups';
import { Mlp } from '../train/mlp';
import type { TrainerConfig } from '../train/trainer';
import { translateReader } from './reader-torch';
import runtime from './runtime.py?raw';
import tfjsOps from './tfjs_ops.py?raw';

/**
 * Export a trainer's, race's or playground's setup as one PyTorch script
 * (torch ≥ 1.13 and numpy): the setup as a Python dict, the points of a
 * generated 2-D set inlined, then `runtime.py`, which ports Descent's random
 * streams, split, initialisation and batch order, so the script starts from
 * the same weights and sees the same batches, and has every optimizer of the
 * registry: torch.optim's where it has the rule, a small inline
 * torch.optim.Optimizer subclass otherwise. Parameter groups are resolved here
 * by the engine's own `resolveGroups`, so the script gets the very tensors,
 * rules and hyperparameters the widget runs. The reader's playground optimizer
 * joins as one more inline class, translated by reader-torch.ts. It prints
 * `initial train loss …` and `final train loss …` per run. The numbers agree
 * with the widget's closely but not bit for bit: PyTorch sums in another
 * order (tests/unit/export/pytorch.test.ts measures how close).
 */

/** One run of the setup: its legend label and its trainer config (data, network, seed, batch shared by all runs). */
export interface ExportRun {
  label: string;
  config: TrainerConfig;
}

/** The playground's code and the values of its `hp` object, for the run whose optimizer is `YOURS`. */
export interface ReaderCode {
  source: string;
  hp: Record<string, number>;
}

/** Why these runs cannot be exported, or null when they can. */
export function notExportable(runs: ExportRun[], reader?: ReaderCode): string | null {
  for (const { config, label } of runs) {
    if (config.optimizer === YOURS) {
      if (!reader) return `${label}: the code of your optimizer is missing.`;
      if (config.groups?.length || config.decayBiases === false) return `${label}: parameter groups are not exported for your own optimizer.`;
    } else if (!optimizers[config.optimizer]) return `${label}: no optimizer '${config.optimizer}' in the registry.`;
    if (config.schedule && !schedules[config.schedule.id]) return `${label}: no schedule '${config.schedule.id}'.`;
  }
  const [first, ...rest] = runs.map(({ config: c }) => JSON.stringify([c.dataset, c.noise, c.size, c.testFraction, c.hidden, c.activation, c.batchSize, c.seed]));
  if (rest.some((r) => r !== first)) return 'the runs differ in their data or network; export them one by one.';
  return null;
}

/**
 * The runs a playground script can hold: all of them when the reader's code
 * translates, else the built-ins only, with a note that names the construct
 * that could not be translated.
 */
export function translatableRuns(runs: ExportRun[], reader?: ReaderCode): { runs: ExportRun[]; note: string | null } {
  if (!reader || !runs.some((r) => r.config.optimizer === YOURS)) return { runs, note: null };
  const translated = translateReader(reader.source);
  if (translated.ok) return { runs, note: null };
  const builtIns = runs.filter((r) => r.config.optimizer !== YOURS);
  return {
    runs: builtIns,
    note: `${YOURS_NAME} is not in the script: ${translated.message}. ` +
      (builtIns.length ? 'The script has the built-in optimizers only.' : 'Pick a built-in optimizer to race it against for a script of that.'),
  };
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

/** A run's parameter groups as the script builds them: rule, full hyperparameters, tensors by name, and whether L2 skips them. */
function exportedGroups(mlp: Mlp, config: TrainerConfig, reader?: ReaderCode, readerScope: 'tensor' | 'matrix' = 'tensor') {
  const names = mlp.parameters.map((p) => p.name);
  // The reader's rule runs per tensor, one group (the playground has no groups); its defaults are the code's hp.
  // A rule of `scope = 'matrix'` takes the hidden weight matrices and AdamW the rest, as resolveGroups does for Muon.
  if (config.optimizer === YOURS) {
    const yours = { optimizer: YOURS, hyper: { ...reader?.hp, ...config.hyper }, noL2: false };
    if (readerScope === 'tensor') return [{ ...yours, params: names }];
    const companion = optimizers[MATRIX_COMPANION];
    const hidden = mlp.parameters.filter((p) => p.role === 'hidden').map((p) => p.name);
    const rest = mlp.parameters.filter((p) => p.role !== 'hidden').map((p) => p.name);
    return [{ ...yours, params: hidden }, { optimizer: companion.id, hyper: validateHyper(companion, {}), params: rest, noL2: false }].filter((g) => g.params.length);
  }
  return resolveGroups(mlp.parameters, config).map((g) => ({
    optimizer: g.optimizer.id, hyper: validateHyper(g.optimizer, g.hyper), params: g.tensors.map((k) => names[k]), noL2: !!g.noL2,
  }));
}

/** The script, as a string. Loads the digits first when the setup needs them. */
export async function pytorchScript(runs: ExportRun[], steps: number, reader?: ReaderCode): Promise<string> {
  const reason = notExportable(runs, reader);
  if (reason) throw new Error(`PyTorch export: ${reason}`);
  const yours = runs.some((r) => r.config.optimizer === YOURS) ? translateReader(reader!.source) : null;
  if (yours && !yours.ok) throw new Error(`PyTorch export: ${YOURS_NAME}: ${yours.message}`);
  const c = runs[0].config;
  const info = datasets[c.dataset as DatasetId];
  await loadDataset(c.dataset);
  const size = c.size ?? info.size;
  const testFraction = c.testFraction ?? 0.5;
  const trainSize = Math.max(1, size - Math.round(size * testFraction));
  const hidden = [...(c.hidden ?? info.network)];
  const mlp = new Mlp({ inputDim: info.inputDim, hidden, activation: c.activation, task: info.task, classes: Math.max(2, info.classes) });
  const setup = {
    dataset: c.dataset, size, testFraction, seed: c.seed, noise: c.noise, task: info.task, classes: info.classes,
    hidden, activation: c.activation,
    batch: Math.min(Math.max(1, Math.floor(c.batchSize)), trainSize), steps: Math.max(1, Math.floor(steps)),
    runs: runs.map(({ label, config }) => ({
      label,
      groups: exportedGroups(mlp, config, reader, yours?.ok ? yours.scope : 'tensor'),
      schedule: config.schedule ? { id: config.schedule.id, params: validateSchedule(config.schedule.id, config.schedule.params) } : null,
      clip: config.clip ?? null, l2: config.l2 ?? 0,
      wrap: activeWrap(label, config.wrap) ?? null,
    })),
  };
  const rules = [...new Set(setup.runs.flatMap((r) => r.groups.map((g) => (g.optimizer === YOURS ? YOURS_NAME : optimizers[g.optimizer].name))))];
  const lines = [
    '#!/usr/bin/env python3',
    `# Descent, exported to PyTorch: ${runs.map((r) => r.label).join(' vs ')} on ${info.name.toLowerCase()}, ${setup.steps} steps.`,
    `# Optimizers: ${rules.join(', ')} (torch.optim where it has the rule, else a small class below).`,
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
  const parts = [lines.join('\n'), runtime.trimEnd()];
  if (yours?.ok) parts.push(tfjsOps.trimEnd(), yours.python.trimEnd());
  parts.push('if __name__ == "__main__":\n    main()');
  return `${parts.join('\n\n\n')}\n`;
}
