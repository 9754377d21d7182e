import { optimizers } from '../optimizers';
import { schedules, scheduleDefaults } from '../optimizers/schedules';
import type { SessionReport } from '../train/engine-host';
import type { ModelSnapshot } from '../train/model-snapshot';
import type { RunState } from '../train/runs';
import type { TrainerConfig } from '../train/trainer';
import { DiagnosticsHistory } from './diagnostics-history';
import { engine, type Engine } from './engine-client';
import { startingLr, type DatasetId } from '../train/datasets';
import type { Activation } from '../train/mlp';
import type { Session } from './playback';
import { chosen, networkOf, scheduleParamFields, type trainerSchema, wrapFields } from './specs';
import type { Run, Values } from './schema';
import type { Standing } from './views';
import { splitWrap } from '../optimizers/wrappers';
import { seededConfigs } from './seeds';

type NetworkSettings = Omit<Values<typeof trainerSchema>, 'optimizer' | 'diagnostics' | keyof typeof wrapFields>;

/**
 * The trainer's run from its settings: the optimizer and the hyperparameters set
 * for it. Only that optimizer's own: a name two things share (schedule-free
 * AdamW's warmupSteps and the schedules' warm-up) must not reach Adam as a
 * hyperparameter it does not have.
 */
export function trainerRun(settings: { optimizer: string } & Record<string, unknown>): Run {
  return { optimizer: settings.optimizer, hyper: chosen(settings, [...Object.keys(optimizers[settings.optimizer].hyper), ...Object.keys(wrapFields)]) };
}

/** The schedule's parameters the settings ask for, over the schedule's defaults (not yet validated). */
export function scheduleParamsOf(s: Pick<NetworkSettings, 'schedule'> & Record<string, unknown>): Record<string, number> {
  const schedule = schedules[s.schedule];
  return { ...scheduleDefaults(schedule), ...chosen(s, Object.keys(schedule.params).filter((n) => n in scheduleParamFields)) };
}

/** A trainer's config from widget settings, for one optimizer with its hyperparameters (wrapper settings among them). */
export function trainerConfig(s: NetworkSettings, optimizer: string, given: Record<string, number>): TrainerConfig {
  const { hyper, wrap } = splitWrap(given);
  const params = scheduleParamsOf(s);
  const dataset = s.dataset as DatasetId;
  const { hidden, batch } = networkOf(s);
  const lr = startingLr(dataset, optimizer, NaN);
  return {
    dataset,
    noise: s.noise,
    hidden,
    activation: s.activation as Activation,
    optimizer,
    hyper: Number.isNaN(lr) ? hyper : { lr, ...hyper },
    batchSize: batch,
    schedule: s.schedule === 'constant' ? undefined : { id: s.schedule, params },
    clip: s.clip === 'none' ? undefined : { kind: s.clip as 'value' | 'norm', threshold: s.threshold },
    l2: s.l2 || undefined,
    seed: s.seed,
    ...(Object.keys(wrap).length ? { wrap } : {}),
  };
}

/** Loss history, thinned to at most `max` points by dropping every other one when full. */
export class LossHistory {
  rows: { step: number; train: number; test: number | null; accuracy: number | null }[] = [];
  private every = 1;
  constructor(private max = 400) {}
  add(step: number, train: number, test: number | null, accuracy: number | null = null): void {
    if (step % this.every !== 0 && step !== 0) return;
    this.rows.push({ step, train, test, accuracy });
    if (this.rows.length > this.max) {
      this.rows = this.rows.filter((_, i) => i % 2 === 0);
      this.every *= 2;
    }
  }
}

/** Session numbers, unique on the page: the engine keys its runs by them. */
let sessions = 0;

/**
 * The page's side of networks that train side by side in lock-step (see
 * src/train/runs.ts): it asks the engine — a Worker, usually — to train, and
 * keeps what it reports: where each run stands, the loss histories, and the
 * latest snapshot of what the networks do with their data (for the runs
 * listed in `modelsWanted`). A trainer is a race of one with no end.
 */
export class TrainingSession implements Session {
  readonly remote = true;
  step = 0;
  canStep = false;
  runs: RunState[] = [];
  /** The latest model snapshot per run index, for the runs in `modelsWanted`. */
  models: Record<number, ModelSnapshot | null> = {};
  readonly histories: LossHistory[];
  /** The diagnostics measured while they are on (see `measure`), else null. */
  diagnostics: DiagnosticsHistory | null = null;
  #modelsAt = 0; // when the snapshots were taken (performance.now())

  constructor(private engine: Engine, private id: number, report: SessionReport, readonly modelsWanted: number[]) {
    this.histories = report.runs.map(() => new LossHistory());
    this.#take(report);
  }

  /**
   * Trains up to `n` steps, as many as fit in the engine's time budget: long
   * slices in a Worker (each reply measures the losses over whole data sets,
   * which costs as much as dozens of steps on the digits), frame-sized ones
   * on the page. Model snapshots ride along a few times a second.
   */
  async advance(n: number): Promise<void> {
    const budgetMs = this.engine.where === 'worker' ? workerSliceMs(this.runs.length) : PAGE_SLICE_MS;
    const models = n <= 1 || performance.now() - this.#modelsAt > MODEL_EVERY_MS ? this.modelsWanted : [];
    const { report } = await this.engine.request({ op: 'advance', session: this.id, max: n, budgetMs, models });
    if (report) this.#take(report);
  }

  /** Fresh model snapshots when the ones held are older than the current step (after a run stops). */
  async refreshModels(): Promise<boolean> {
    const stale = this.modelsWanted.some((i) => this.models[i] && this.models[i]!.step !== this.step);
    if (!stale) return false;
    const { report } = await this.engine.request({ op: 'models', session: this.id, models: this.modelsWanted });
    if (report) this.#take(report);
    return !!report;
  }

  /** Measures diagnostics of run `run` from now on, engine side (null: stop); resolves once the first sample is in. */
  async measure(run: number | null): Promise<void> {
    this.diagnostics = run === null ? null : new DiagnosticsHistory();
    const { report } = await this.engine.request({ op: 'diagnostics', session: this.id, run });
    if (report) this.#take(report);
  }

  /** Where each run stands after its last report. */
  standings(): Standing[] {
    return this.runs.map((r) => ({ train: r.train, test: r.test, accuracy: r.accuracy, diverged: r.diverged, error: r.error }));
  }

  dispose(): void {
    void this.engine.request({ op: 'dispose', session: this.id }).catch(() => {});
  }

  #take(report: SessionReport) {
    this.step = report.step;
    this.canStep = report.canStep;
    this.runs = report.runs;
    if (report.diagnostics) this.diagnostics?.add(report.diagnostics);
    if (Object.keys(report.models).length) {
      this.models = { ...this.models, ...report.models };
      this.#modelsAt = performance.now();
    }
    report.runs.forEach((r, i) => {
      // A run that stopped (diverged) keeps its last row; a run that never started has none.
      if (r.error === undefined && r.step === report.step) this.histories[i].add(report.step, r.train, r.test, r.accuracy);
    });
  }
}

/** How often model snapshots come back while playing: plots are redrawn at most this often. */
const MODEL_EVERY_MS = 250;
/** Training per request in a Worker, per run: one run's status is redrawn some 25 times a second. */
const WORKER_SLICE_MS = 40;
/**
 * The longest request: a race still reports some 6 times a second. Each reply
 * measures every run's losses over whole data sets (on the digits, the cost of
 * dozens of steps per run), so slices grow with the runs to keep that share of
 * the time the same: a race of 6 on the digits trains several times faster per
 * run at 160 ms than at 40 (`npm run bench digits-race`, docs/engine-speed.md).
 */
const WORKER_SLICE_MAX_MS = 160;

/** Training per request in a Worker for `runs` runs side by side. */
export function workerSliceMs(runs: number): number {
  return Math.min(WORKER_SLICE_MAX_MS, WORKER_SLICE_MS * Math.max(1, runs));
}
/** Training per request on the page's own thread: within a frame, as before Workers. */
const PAGE_SLICE_MS = 12;

/**
 * Builds a session for `runs` on the network `s` in the engine; undefined,
 * with everything disposed, once stale. With `s.seeds` above 1 every run is
 * repeated over that many seeds, run-major (seeds.ts): the session's runs are
 * then the seeded networks, and indices below count those. `models`: the runs whose model
 * snapshots the widget draws; `diagnostics`: the run whose diagnostics it
 * shows, if any.
 */
export async function buildSession(
  s: NetworkSettings & { seeds?: number }, runs: Run[], stale: () => boolean, end = Infinity, models: number[] = [], diagnostics: number | null = null,
): Promise<TrainingSession | undefined> {
  const e = await engine();
  const id = ++sessions;
  const configs = seededConfigs(runs.map((r) => trainerConfig(s, r.optimizer, r.hyper)), s.seeds ?? 1);
  const { report } = await e.request({ op: 'build', session: id, configs, end });
  if (!report || stale()) {
    void e.request({ op: 'dispose', session: id }).catch(() => {});
    return undefined;
  }
  const session = new TrainingSession(e, id, report, models);
  // A run whose settings were refused has nothing to measure: the widget shows why it did not start.
  if (diagnostics !== null && report.runs[diagnostics]?.error === undefined) await session.measure(diagnostics);
  if (stale()) {
    session.dispose();
    return undefined;
  }
  return session;
}
